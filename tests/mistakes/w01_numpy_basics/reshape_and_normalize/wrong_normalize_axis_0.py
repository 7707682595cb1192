# Normalises each column (axis=0) instead of each row.
# expect: each COLUMN has length 1
def image2vector(image):
    length, height, depth = image.shape
    return image.reshape(length * height * depth, 1)


def normalize_rows(x):
    x_norm = np.linalg.norm(x, axis=0, keepdims=True)
    x = x / x_norm
    return x

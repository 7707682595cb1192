# Norms without keepdims have shape (n,): broadcasting then divides the columns, not the rows.
# expect: keepdims=True
def image2vector(image):
    length, height, depth = image.shape
    return image.reshape(length * height * depth, 1)


def normalize_rows(x):
    x_norm = np.linalg.norm(x, axis=1)
    x = x / x_norm
    return x

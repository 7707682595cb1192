# Reshapes to a row (1, n) instead of a column (n, 1).
def image2vector(image):
    v = image.reshape(1, image.shape[0] * image.shape[1] * image.shape[2])
    return v


def normalize_rows(x):
    return x / np.linalg.norm(x, axis=1, keepdims=True)

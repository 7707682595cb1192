# Flattens to a rank-1 array of shape (n,).
def image2vector(image):
    v = image.reshape(-1)
    return v


def normalize_rows(x):
    return x / np.linalg.norm(x, axis=1, keepdims=True)

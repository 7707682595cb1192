# The norm written out with sqrt and sum, and reshape instead of keepdims.
def image2vector(image):
    length, height, depth = image.shape
    return image.reshape(length * height * depth, 1)


def normalize_rows(x):
    norms = np.sqrt(np.sum(x * x, axis=1)).reshape(-1, 1)
    return x / norms

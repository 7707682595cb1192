# Divides in place, changing the caller's array.
def image2vector(image):
    length, height, depth = image.shape
    return image.reshape(length * height * depth, 1)


def normalize_rows(x):
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x

# Divides by the squared norm (forgets the square root).
# expect: SQUARED norm
def image2vector(image):
    length, height, depth = image.shape
    return image.reshape(length * height * depth, 1)


def normalize_rows(x):
    x_norm = np.sum(x ** 2, axis=1, keepdims=True)
    x = x / x_norm
    return x

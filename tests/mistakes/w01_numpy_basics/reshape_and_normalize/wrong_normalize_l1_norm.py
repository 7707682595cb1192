# Divides by the sum of the row (an L1 "norm" without abs) instead of the L2 norm.
# expect: L1 norm
def image2vector(image):
    length, height, depth = image.shape
    return image.reshape(length * height * depth, 1)


def normalize_rows(x):
    return x / np.sum(x, axis=1, keepdims=True)

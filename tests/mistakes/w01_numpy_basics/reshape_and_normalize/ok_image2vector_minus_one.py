# reshape(-1, 1) lets NumPy work out the length.
def image2vector(image):
    return image.reshape(-1, 1)


def normalize_rows(x):
    return x / np.linalg.norm(x, axis=1, keepdims=True)

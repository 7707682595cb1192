# Transposes before flattening, so the pixels come out in another order.
def image2vector(image):
    v = image.T.reshape(-1, 1)
    return v


def normalize_rows(x):
    return x / np.linalg.norm(x, axis=1, keepdims=True)

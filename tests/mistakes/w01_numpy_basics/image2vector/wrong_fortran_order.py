# Transposes before flattening, so the pixels come out in another order.
def image2vector(image):
    v = image.T.reshape(-1, 1)
    return v

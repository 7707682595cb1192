# Flattens to a rank-1 array of shape (n,).
def image2vector(image):
    v = image.reshape(-1)
    return v

# reshape(-1, 1) lets NumPy work out the length.
def image2vector(image):
    return image.reshape(-1, 1)

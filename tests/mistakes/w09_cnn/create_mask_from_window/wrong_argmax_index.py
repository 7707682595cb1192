# np.argmax gives the position of the maximum (a flat index), not a mask.
def create_mask_from_window(x):
    mask = np.argmax(x)
    return mask

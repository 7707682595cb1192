# np.min instead of np.max.
def create_mask_from_window(x):
    mask = x == np.min(x)
    return mask

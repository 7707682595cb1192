# Multiplies the window by the comparison: the maximum's value instead of True.
def create_mask_from_window(x):
    mask = x * (x == np.max(x))
    return mask

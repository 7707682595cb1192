# Every cell gets the whole gradient dz.
def create_mask_from_window(x):
    """x: array of shape (f, f) -> mask of the same shape, True at the maximum of x."""
    mask = x == np.max(x)
    return mask


def distribute_value(dz, shape):
    a = np.ones(shape) * dz
    return a

# n_H + n_W instead of n_H * n_W.
def create_mask_from_window(x):
    """x: array of shape (f, f) -> mask of the same shape, True at the maximum of x."""
    mask = x == np.max(x)
    return mask


def distribute_value(dz, shape):
    (n_H, n_W) = shape
    return np.full(shape, dz / (n_H + n_W))

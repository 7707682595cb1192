# A False mask with True at the position np.argmax finds.
def create_mask_from_window(x):
    mask = np.zeros(x.shape, dtype=bool)
    mask[np.unravel_index(np.argmax(x), x.shape)] = True
    return mask


def distribute_value(dz, shape):
    """dz: a number; shape: (n_H, n_W) -> array of that shape, every entry dz / (n_H * n_W)."""
    (n_H, n_W) = shape
    average = dz / (n_H * n_W)
    a = np.ones(shape) * average
    return a

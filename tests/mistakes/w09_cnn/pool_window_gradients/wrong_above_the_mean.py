# "Large values" read as larger than the mean: several cells marked.
def create_mask_from_window(x):
    mask = x > np.mean(x)
    return mask


def distribute_value(dz, shape):
    """dz: a number; shape: (n_H, n_W) -> array of that shape, every entry dz / (n_H * n_W)."""
    (n_H, n_W) = shape
    average = dz / (n_H * n_W)
    a = np.ones(shape) * average
    return a

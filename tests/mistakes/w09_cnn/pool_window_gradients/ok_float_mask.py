# A mask of 0.0 / 1.0 instead of False / True works the same in mask * dA.
def create_mask_from_window(x):
    return (x >= x.max()).astype(float)


def distribute_value(dz, shape):
    """dz: a number; shape: (n_H, n_W) -> array of that shape, every entry dz / (n_H * n_W)."""
    (n_H, n_W) = shape
    average = dz / (n_H * n_W)
    a = np.ones(shape) * average
    return a

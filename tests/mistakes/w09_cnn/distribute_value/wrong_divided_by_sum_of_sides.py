# n_H + n_W instead of n_H * n_W.
def distribute_value(dz, shape):
    (n_H, n_W) = shape
    return np.full(shape, dz / (n_H + n_W))

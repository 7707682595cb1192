# Every cell gets the whole gradient dz.
def distribute_value(dz, shape):
    a = np.ones(shape) * dz
    return a

# np.sum(s) + b broadcasts to the shape of b: a (1, 1, 1) array, not a number.
def conv_single_step(a_slice_prev, W, b):
    s = a_slice_prev * W
    Z = np.sum(s) + b
    return Z

# The course's float(b): in NumPy 2 float() of a (1, 1, 1) array is an error.
def conv_single_step(a_slice_prev, W, b):
    s = np.multiply(a_slice_prev, W)
    Z = np.sum(s)
    Z = Z + float(b)
    return Z

# The bias added to every product before summing: counted f*f*n_C times.
def conv_single_step(a_slice_prev, W, b):
    Z = float(np.sum(a_slice_prev * W + b))
    return Z

# Forgets to add the bias.
def conv_single_step(a_slice_prev, W, b):
    Z = float(np.sum(a_slice_prev * W))
    return Z

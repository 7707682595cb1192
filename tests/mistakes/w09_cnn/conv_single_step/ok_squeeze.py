# np.squeeze of the (1, 1, 1) result, then float.
def conv_single_step(a_slice_prev, W, b):
    return float(np.squeeze(np.sum(a_slice_prev * W) + b))

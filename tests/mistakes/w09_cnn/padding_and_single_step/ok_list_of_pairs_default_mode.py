# A list of pairs and the default mode ("constant", zeros).
def zero_pad(X, pad):
    return np.pad(X, [(0, 0), (pad, pad), (pad, pad), (0, 0)])


def conv_single_step(a_slice_prev, W, b):
    """Apply one filter W (with bias b) to one window a_slice_prev of the previous layer.

    Arguments:
    a_slice_prev -- window of the input, shape (f, f, n_C_prev)
    W -- weights of one filter, shape (f, f, n_C_prev)
    b -- bias of that filter, shape (1, 1, 1)

    Returns:
    Z -- a Python float: sum(a_slice_prev * W) + b
    """
    s = a_slice_prev * W
    Z = float(np.sum(s) + b.item())
    return Z

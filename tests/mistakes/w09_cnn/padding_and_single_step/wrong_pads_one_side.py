# (pad, 0) read as "pad on this axis": only the top and left get zeros.
def zero_pad(X, pad):
    X_pad = np.pad(X, ((0, 0), (pad, 0), (pad, 0), (0, 0)), mode="constant", constant_values=0)
    return X_pad


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

# Allocate the padded array and copy X into its middle.
def zero_pad(X, pad):
    m, n_H, n_W, n_C = X.shape
    X_pad = np.zeros((m, n_H + 2 * pad, n_W + 2 * pad, n_C), dtype=X.dtype)
    X_pad[:, pad:pad + n_H, pad:pad + n_W, :] = X
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

# np.pad(X, pad) looks like the obvious call, but it pads EVERY axis, the batch and the channels too.
# expect: batch/channel axes
# expect-ja: バッチとチャンネルの軸
def zero_pad(X, pad):
    X_pad = np.pad(X, pad, mode="constant", constant_values=0)
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

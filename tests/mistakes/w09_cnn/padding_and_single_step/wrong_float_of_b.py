# The course's float(b): in NumPy 2 float() of a (1, 1, 1) array is an error.
def zero_pad(X, pad):
    """Pad every image of the batch X with zeros around its height and width.

    Arguments:
    X -- array of shape (m, n_H, n_W, n_C): a batch of m images
    pad -- integer, the number of zeros added on each side (top, bottom, left, right)

    Returns:
    X_pad -- array of shape (m, n_H + 2*pad, n_W + 2*pad, n_C)
    """
    X_pad = np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant", constant_values=0)
    return X_pad


def conv_single_step(a_slice_prev, W, b):
    s = np.multiply(a_slice_prev, W)
    Z = np.sum(s)
    Z = Z + float(b)
    return Z

# A dot product of the flattened arrays.
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
    return float(a_slice_prev.ravel() @ W.ravel() + b.item())

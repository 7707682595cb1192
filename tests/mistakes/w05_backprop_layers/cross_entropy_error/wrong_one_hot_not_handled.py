# The labels formula only: a one-hot t is used as indices.
def cross_entropy_error(y, t):
    """Mean cross-entropy of probabilities y (N, C) against t: one-hot (N, C) or labels (N,)."""
    delta = 1e-7  # log(0) would be -inf
    if y.ndim == 1:  # a single example as a 1-D row
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    batch_size = y.shape[0]
    loss = -np.sum(np.log(y[np.arange(batch_size), t] + delta)) / batch_size
    return loss

# No delta inside the log: a probability of exactly 0 gives log(0) = -inf.
# expect: delta
def cross_entropy_error(y, t):
    """Mean cross-entropy of probabilities y (N, C) against t: one-hot (N, C) or labels (N,)."""
    delta = 1e-7  # log(0) would be -inf
    if y.ndim == 1:  # a single example as a 1-D row
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    if t.size == y.size:  # one-hot -> labels
        t = t.argmax(axis=1)
    batch_size = y.shape[0]
    loss = -np.sum(np.log(y[np.arange(batch_size), t])) / batch_size
    return loss

# Shuffles an index array and cuts it with np.split; floor instead of round.
def train_dev_test_split(X, Y, ratios, seed=0):
    """Shuffle the rows of X (N, ...) and Y (N, ...) together and cut them into three parts.

    Returns X_train, Y_train, X_dev, Y_dev, X_test, Y_test.
    """
    N = X.shape[0]
    idx = np.arange(N)
    rng = np.random.default_rng(seed)
    rng.shuffle(idx)
    n_train, n_dev = int(ratios[0] * N), int(ratios[1] * N)
    train, dev, test = np.split(idx, [n_train, n_train + n_dev])
    return X[train], Y[train], X[dev], Y[dev], X[test], Y[test]

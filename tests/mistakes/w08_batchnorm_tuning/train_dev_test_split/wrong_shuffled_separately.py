# Shuffles X and Y with two different permutations: the pairs are broken.
# expect: SAME permutation
def train_dev_test_split(X, Y, ratios, seed=0):
    """Shuffle the rows of X (N, ...) and Y (N, ...) together and cut them into three parts.

    Returns X_train, Y_train, X_dev, Y_dev, X_test, Y_test.
    """
    N = X.shape[0]
    rng = np.random.default_rng(seed)
    Xs, Ys = X[rng.permutation(N)], Y[rng.permutation(N)]
    n_train = int(round(ratios[0] * N))
    n_dev = int(round(ratios[1] * N))
    a, b = n_train, n_train + n_dev
    return Xs[:a], Ys[:a], Xs[a:b], Ys[a:b], Xs[b:], Ys[b:]

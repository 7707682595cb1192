# The newer Generator API and a range with a step: another shuffle, the same properties.
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    m = X.shape[1]
    order = np.random.default_rng(seed).permutation(m)
    X_s, Y_s = X[:, order], Y[:, order]
    return [(X_s[:, start:start + mini_batch_size], Y_s[:, start:start + mini_batch_size])
            for start in range(0, m, mini_batch_size)]

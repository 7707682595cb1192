# Shuffles an index array in place with np.random.shuffle after seeding.
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    m = X.shape[1]
    np.random.seed(seed)
    idx = np.arange(m)
    np.random.shuffle(idx)
    mini_batches = []
    for start in range(0, m, mini_batch_size):
        chosen = idx[start:start + mini_batch_size]
        mini_batches.append((X[:, chosen], Y[:, chosen]))
    return mini_batches

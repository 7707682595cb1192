# The norm written out with sqrt and sum, and reshape instead of keepdims.
def normalize_rows(x):
    norms = np.sqrt(np.sum(x * x, axis=1)).reshape(-1, 1)
    return x / norms

# Normalises each column (axis=0) instead of each row.
def softmax(x):
    """Row-wise softmax of scores x (N, C). Returns probabilities (N, C), each row sums to 1."""
    x = x - np.max(x, axis=0, keepdims=True)  # overflow guard: the fraction is unchanged
    y = np.exp(x) / np.sum(np.exp(x), axis=0, keepdims=True)
    return y

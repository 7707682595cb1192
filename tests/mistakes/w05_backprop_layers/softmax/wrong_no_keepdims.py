# Sums each row without keepdims: the (N,) sums broadcast against the columns.
# expect: keepdims=True
def softmax(x):
    """Row-wise softmax of scores x (N, C). Returns probabilities (N, C), each row sums to 1."""
    x = x - np.max(x, axis=-1, keepdims=True)  # overflow guard: the fraction is unchanged
    y = np.exp(x) / np.sum(np.exp(x), axis=1)
    return y

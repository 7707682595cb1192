# The 1-D formula applied to a matrix: divides by the sum of the whole batch.
def softmax(x):
    """Row-wise softmax of scores x (N, C). Returns probabilities (N, C), each row sums to 1."""
    x = x - np.max(x, axis=-1, keepdims=True)  # overflow guard: the fraction is unchanged
    y = np.exp(x) / np.sum(np.exp(x))
    return y

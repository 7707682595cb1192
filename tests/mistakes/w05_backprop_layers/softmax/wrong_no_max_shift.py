# The formula as written: overflows for large scores (inf / inf = nan).
# expect: subtract the max
def softmax(x):
    """Row-wise softmax of scores x (N, C). Returns probabilities (N, C), each row sums to 1."""
    y = np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)
    return y

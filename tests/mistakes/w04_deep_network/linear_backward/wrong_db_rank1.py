# np.sum without keepdims: db has shape (n[l],) instead of (n[l], 1).
# expect: rank-1
# expect-ja: ランク1配列
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1) / m
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db

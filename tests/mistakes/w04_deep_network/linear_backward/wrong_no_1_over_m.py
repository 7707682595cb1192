# Forgets to average the weight and bias gradients over the m examples.
# expect: forget to divide by m
# expect-ja: m で割るのを忘れていませんか
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T)
    db = np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db

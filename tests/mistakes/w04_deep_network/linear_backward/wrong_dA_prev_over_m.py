# Divides dA_prev by m too ("every gradient gets 1/m"): then the 1/m is applied twice below.
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = np.dot(W.T, dZ) / m
    return dA_prev, dW, db

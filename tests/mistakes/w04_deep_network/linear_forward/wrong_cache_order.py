# Caches W first ("the weights matter most"): the linear cache must be (A, W, b) in this order.
# expect: (A_prev, W, b)
def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    cache = (W, A, b)
    return Z, cache

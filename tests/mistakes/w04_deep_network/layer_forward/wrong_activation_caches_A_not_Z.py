# Caches the activation's output A instead of Z ("the activation cache is the activation").
def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    cache = (A, W, b)
    return Z, cache


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, _ = sigmoid(Z)
    elif activation == "relu":
        A, _ = relu(Z)
    activation_cache = A
    cache = (linear_cache, activation_cache)
    return A, cache

# Puts Z in the linear cache instead of the input A ("cache what you computed").
def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    cache = (Z, W, b)
    return Z, cache


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = sigmoid(Z)
    elif activation == "relu":
        A, activation_cache = relu(Z)
    cache = (linear_cache, activation_cache)
    return A, cache

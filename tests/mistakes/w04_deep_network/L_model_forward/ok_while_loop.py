# A while loop and a tuple-free list; same caches.
def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len([k for k in parameters if k.startswith("W")])
    l = 1
    while l < L:
        A, cache = linear_activation_forward(A, parameters["W%d" % l], parameters["b%d" % l], "relu")
        caches.append(cache)
        l += 1
    AL, cache = linear_activation_forward(A, parameters["W%d" % L], parameters["b%d" % L], "sigmoid")
    caches.append(cache)
    return AL, caches

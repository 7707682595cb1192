# Reuse the given plain backward pass and add (λ/m)·W to each dW.
def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    gradients = backward_propagation(X, Y, cache)
    weights = {"W1": cache[2], "W2": cache[6], "W3": cache[10]}
    for name, W in weights.items():
        gradients["d" + name] = gradients["d" + name] + (lambd / m) * W
    return gradients

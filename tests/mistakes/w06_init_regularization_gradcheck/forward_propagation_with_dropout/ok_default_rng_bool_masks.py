# Boolean masks from a Generator, applied with np.where, relu written with np.maximum.
def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    rng = np.random.default_rng(7)
    Z1 = W1 @ X + b1
    D1 = rng.random(Z1.shape) < keep_prob
    A1 = np.where(D1, np.maximum(0, Z1) / keep_prob, 0.0)
    Z2 = W2 @ A1 + b2
    D2 = rng.random(Z2.shape) < keep_prob
    A2 = np.where(D2, np.maximum(0, Z2) / keep_prob, 0.0)
    Z3 = W3 @ A2 + b3
    A3 = 1 / (1 + np.exp(-Z3))
    cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
    return A3, cache

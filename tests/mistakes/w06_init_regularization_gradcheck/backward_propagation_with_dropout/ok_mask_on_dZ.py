# The mask and the 1/keep_prob applied to dZ after the ReLU derivative: elementwise, so the same.
def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = dZ3 @ A2.T / m
    db3 = dZ3.mean(axis=1, keepdims=True)
    dA2 = W3.T @ dZ3 * D2 / keep_prob
    dZ2 = W3.T @ dZ3 * (Z2 > 0) * D2 / keep_prob
    dW2 = dZ2 @ A1.T / m
    db2 = dZ2.mean(axis=1, keepdims=True)
    dA1 = W2.T @ dZ2 * D1 / keep_prob
    dZ1 = W2.T @ dZ2 * (Z1 > 0) * D1 / keep_prob
    dW1 = dZ1 @ X.T / m
    db1 = dZ1.mean(axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}

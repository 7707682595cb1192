# The book's rows layout (x @ W) forced onto columns data: every result is transposed.
def forward_propagation(X, parameters):
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    Z1 = X.T @ W1.T + b1.T
    A1 = np.tanh(Z1)
    Z2 = A1 @ W2.T + b2.T
    A2 = sigmoid(Z2)
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache

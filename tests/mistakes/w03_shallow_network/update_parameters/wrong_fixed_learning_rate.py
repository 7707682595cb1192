# The default 1.2 typed in, ignoring the learning_rate argument.
def update_parameters(parameters, grads, learning_rate=1.2):
    W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
    dW1, db1, dW2, db2 = grads["dW1"], grads["db1"], grads["dW2"], grads["db2"]
    W1 = W1 - 1.2 * dW1
    b1 = b1 - 1.2 * db1
    W2 = W2 - 1.2 * dW2
    b2 = b2 - 1.2 * db2
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters

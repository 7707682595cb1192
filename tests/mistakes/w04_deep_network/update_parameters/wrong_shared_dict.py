# The old Coursera version: no copy, so the caller's dict gets the new arrays (its old values are lost).
def update_parameters(params, grads, learning_rate):
    parameters = params
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters

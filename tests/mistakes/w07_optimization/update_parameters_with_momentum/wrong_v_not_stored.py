# Computes the new velocity in a local variable and never stores it in v.
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        v_dW = beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]
        v_db = beta * v["db" + str(l)] + (1 - beta) * grads["db" + str(l)]
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v_dW
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v_db
    return parameters, v

# Loops over the parameter names and updates the arrays in place: same values.
def update_parameters_with_gd(parameters, grads, learning_rate):
    for name in parameters:
        parameters[name] -= learning_rate * grads["d" + name]
    return parameters

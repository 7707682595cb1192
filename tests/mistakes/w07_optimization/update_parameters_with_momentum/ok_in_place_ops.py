# In-place NumPy operators on the velocity and parameter arrays.
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    for name in parameters:
        key = "d" + name
        v[key] *= beta
        v[key] += (1 - beta) * grads[key]
        parameters[name] -= learning_rate * v[key]
    return parameters, v

# np.zeros(rows, cols) instead of np.zeros((rows, cols)): the second argument is the dtype.
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.zeros(layers_dims[l], layers_dims[l - 1])
        parameters["b" + str(l)] = np.zeros(layers_dims[l], 1)
    return parameters

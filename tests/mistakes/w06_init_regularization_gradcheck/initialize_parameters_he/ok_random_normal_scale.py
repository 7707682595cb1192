# np.random.normal with scale=√(2/n).
def initialize_parameters_he(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        std = np.sqrt(2.0 / layers_dims[l - 1])
        parameters["W" + str(l)] = np.random.normal(0.0, std, size=(layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters

# Coursera's step-by-step scale x 0.01: accepted (the text explains why /sqrt(n) trains deeper nets better).
def initialize_parameters_deep(layer_dims):
    parameters = {}
    L = len(layer_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters

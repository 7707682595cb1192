# default_rng().standard_normal and a division by √(n/2): the same scale, another stream.
def initialize_parameters_he(layers_dims):
    rng = np.random.default_rng(2024)
    parameters = {}
    for l in range(1, len(layers_dims)):
        n_prev = layers_dims[l - 1]
        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l], n_prev)) / np.sqrt(n_prev / 2)
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters

# default_rng().normal with the scale √(1/n) as its standard deviation: the same scale, another stream.
def initialize_parameters_xavier(layers_dims):
    rng = np.random.default_rng(2024)
    parameters = {}
    for l in range(1, len(layers_dims)):
        n_prev = layers_dims[l - 1]
        parameters[f"W{l}"] = rng.normal(0, np.sqrt(1 / n_prev), (layers_dims[l], n_prev))
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters

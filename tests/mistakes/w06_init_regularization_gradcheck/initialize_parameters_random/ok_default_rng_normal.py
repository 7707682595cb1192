# A Generator and normal(0, 10): the same distribution, another random stream.
def initialize_parameters_random(layers_dims):
    rng = np.random.default_rng()
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = rng.normal(0.0, 10.0, size=(layers_dims[l], layers_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters

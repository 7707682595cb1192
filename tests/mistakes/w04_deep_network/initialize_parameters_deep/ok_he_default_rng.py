# He scaling with the new Generator API and f-strings: other random numbers, same properties.
def initialize_parameters_deep(layer_dims):
    rng = np.random.default_rng()
    parameters = {}
    for l, (n, n_prev) in enumerate(zip(layer_dims[1:], layer_dims[:-1]), start=1):
        parameters[f"W{l}"] = rng.standard_normal((n, n_prev)) * np.sqrt(2.0 / n_prev)
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters

# Pairs of consecutive sizes with zip and f-string keys.
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    for l, (n_prev, n) in enumerate(zip(layers_dims[:-1], layers_dims[1:]), start=1):
        parameters[f"W{l}"] = np.zeros((n, n_prev), dtype=float)
        parameters[f"b{l}"] = np.zeros((n, 1), dtype=float)
    return parameters

# Also keeps a list of costs (for a plot) — harmless.
def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    parameters = initialize_parameters(X.shape[0], n_h, Y.shape[0])
    costs = []
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        costs.append(compute_cost(A2, Y))
        parameters = update_parameters(parameters, backward_propagation(parameters, cache, X, Y))
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {costs[-1]:f}")
    return parameters

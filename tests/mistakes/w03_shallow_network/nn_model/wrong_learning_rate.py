# A learning rate copied from another assignment (0.0075) instead of this week's 1.2.
def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    n_x, n_y = X.shape[0], Y.shape[0]
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads, learning_rate=0.0075)
    return parameters

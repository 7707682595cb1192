# The book's way (numerical_gradient): shift one entry in place, evaluate, restore it.
def gradapprox_n(parameters, X, Y, epsilon=1e-7):
    theta, shapes = dictionary_to_vector(parameters)
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        saved = theta[i, 0]
        theta[i, 0] = saved + epsilon
        J_plus = forward_propagation_n(X, Y, vector_to_dictionary(theta, shapes))[0]
        theta[i, 0] = saved - epsilon
        J_minus = forward_propagation_n(X, Y, vector_to_dictionary(theta, shapes))[0]
        theta[i, 0] = saved
        gradapprox[i, 0] = (J_plus - J_minus) / (2 * epsilon)
    return gradapprox

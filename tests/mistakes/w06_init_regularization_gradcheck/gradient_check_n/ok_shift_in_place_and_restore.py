# The book's way (numerical_gradient): shift one entry in place, evaluate, restore it.
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    theta, shapes = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        saved = theta[i, 0]
        theta[i, 0] = saved + epsilon
        J_plus = forward_propagation_n(X, Y, vector_to_dictionary(theta, shapes))[0]
        theta[i, 0] = saved - epsilon
        J_minus = forward_propagation_n(X, Y, vector_to_dictionary(theta, shapes))[0]
        theta[i, 0] = saved
        gradapprox[i, 0] = (J_plus - J_minus) / (2 * epsilon)
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    if print_msg:
        print("There is a mistake in the backward propagation!" if difference > 2e-7
              else "Your backward propagation works perfectly fine!", difference)
    return float(difference)

# The norms written out with np.sqrt(np.sum(...)); epsilon passed by keyword.
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    grad = gradients_to_vector(gradients)
    gradapprox = gradapprox_n(parameters, X, Y, epsilon=epsilon)
    numerator = np.sqrt(np.sum((grad - gradapprox) ** 2))
    denominator = np.sqrt(np.sum(grad ** 2)) + np.sqrt(np.sum(gradapprox ** 2))
    difference = float(numerator / denominator)
    if print_msg:
        report_gradient_check(difference)
    return difference

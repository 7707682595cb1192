# Returns ‖grad − gradapprox‖ without normalising.
# expect: not normalised
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    grad = gradients_to_vector(gradients)
    gradapprox = gradapprox_n(parameters, X, Y, epsilon)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = 1.0
    difference = float(numerator / denominator)
    if print_msg:
        report_gradient_check(difference)
    return difference

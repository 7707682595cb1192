# The squared distance Σ(grad − gradapprox)², not the norm (its square root).
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    grad = gradients_to_vector(gradients)
    gradapprox = gradapprox_n(parameters, X, Y, epsilon)
    numerator = np.sum((grad - gradapprox) ** 2)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = float(numerator / denominator)
    if print_msg:
        report_gradient_check(difference)
    return difference

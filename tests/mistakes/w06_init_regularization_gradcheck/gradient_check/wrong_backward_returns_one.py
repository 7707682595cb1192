# "The derivative of θ is 1": forgets the factor x.
def forward_propagation_1d(x, theta):
    J = theta * x
    return J


def backward_propagation_1d(x, theta):
    return 1.0


def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    J_plus = forward_propagation_1d(x, theta + epsilon)
    J_minus = forward_propagation_1d(x, theta - epsilon)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation_1d(x, theta)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = float(numerator / denominator)
    if print_msg:
        report_gradient_check(difference)
    return difference

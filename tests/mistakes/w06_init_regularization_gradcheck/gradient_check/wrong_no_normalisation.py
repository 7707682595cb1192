# The absolute difference ‖grad − gradapprox‖, not divided by the sizes.
def forward_propagation_1d(x, theta):
    J = theta * x
    return J


def backward_propagation_1d(x, theta):
    dtheta = x
    return dtheta


def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    J_plus = forward_propagation_1d(x, theta + epsilon)
    J_minus = forward_propagation_1d(x, theta - epsilon)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation_1d(x, theta)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = 1.0
    difference = float(numerator / denominator)
    if print_msg:
        report_gradient_check(difference)
    return difference

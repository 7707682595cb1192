# (J⁺ − J⁻) / ε: the two points θ ± ε are 2ε apart.
# expect: 2ε
def forward_propagation_1d(x, theta):
    J = theta * x
    return J


def backward_propagation_1d(x, theta):
    dtheta = x
    return dtheta


def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    J_plus = forward_propagation_1d(x, theta + epsilon)
    J_minus = forward_propagation_1d(x, theta - epsilon)
    gradapprox = (J_plus - J_minus) / epsilon
    grad = backward_propagation_1d(x, theta)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = float(numerator / denominator)
    if print_msg:
        report_gradient_check(difference)
    return difference

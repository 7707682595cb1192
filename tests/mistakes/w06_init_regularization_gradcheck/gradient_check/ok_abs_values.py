# For numbers, |a| is the 2-norm; the message printed with print_msg.
def forward_propagation_1d(x, theta):
    J = theta * x
    return J


def backward_propagation_1d(x, theta):
    dtheta = x
    return dtheta


def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation_1d(x, theta + epsilon) - forward_propagation_1d(x, theta - epsilon)) / (2 * epsilon)
    grad = backward_propagation_1d(x, theta)
    difference = abs(grad - gradapprox) / (abs(grad) + abs(gradapprox))
    if print_msg:
        report_gradient_check(difference)
    return float(difference)

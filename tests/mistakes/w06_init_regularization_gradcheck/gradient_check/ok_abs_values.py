# For numbers, |a| is the 2-norm; the message printed with print_msg.
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation_1d(x, theta + epsilon) - forward_propagation_1d(x, theta - epsilon)) / (2 * epsilon)
    grad = backward_propagation_1d(x, theta)
    difference = abs(grad - gradapprox) / (abs(grad) + abs(gradapprox))
    if print_msg:
        print("mistake!" if difference > 2e-7 else "fine", difference)
    return float(difference)

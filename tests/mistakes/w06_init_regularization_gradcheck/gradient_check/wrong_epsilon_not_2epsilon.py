# (J⁺ − J⁻) / ε: the two points θ ± ε are 2ε apart.
# expect: 2ε
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    J_plus = forward_propagation_1d(x, theta + epsilon)
    J_minus = forward_propagation_1d(x, theta - epsilon)
    gradapprox = (J_plus - J_minus) / epsilon
    grad = backward_propagation_1d(x, theta)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    if print_msg:
        print("difference =", difference)
    return difference

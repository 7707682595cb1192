# Nudges the whole vector at once (x + t), so every 'partial' is the derivative along (1, 1, ...).
def numerical_diff(f, x, h=1e-4):
    return (f(x + h) - f(x - h)) / (2 * h)


def partial_derivatives(f, x, h=1e-4):
    x = np.asarray(x, dtype=float)
    grad = np.zeros(x.shape)
    for i in range(x.size):
        grad[i] = numerical_diff(lambda t: f(x + t), 0.0, h)
    return grad

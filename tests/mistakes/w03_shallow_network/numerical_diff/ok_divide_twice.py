# Dividing by 2 and then by h is the same as dividing by 2h.
def numerical_diff(f, x, h=1e-4):
    return (f(x + h) - f(x - h)) / 2 / h


def partial_derivatives(f, x, h=1e-4):
    x = np.asarray(x, dtype=float)
    grad = np.zeros(x.shape)
    for i in range(x.size):
        e_i = np.zeros(x.shape)
        e_i[i] = 1.0
        grad[i] = numerical_diff(lambda t: f(x + t * e_i), 0.0, h)
    return grad

# The unit vectors are the rows of the identity matrix.
def numerical_diff(f, x, h=1e-4):
    return (f(x + h) - f(x - h)) / (2 * h)


def partial_derivatives(f, x, h=1e-4):
    x = np.asarray(x, dtype=float)
    return np.array([numerical_diff(lambda t: f(x + t * e), 0.0, h) for e in np.eye(x.size)])

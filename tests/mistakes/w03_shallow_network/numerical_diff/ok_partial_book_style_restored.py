# The book's numerical_gradient loop on a float copy: nudge x[i], evaluate, restore.
def numerical_diff(f, x, h=1e-4):
    return (f(x + h) - f(x - h)) / (2 * h)


def partial_derivatives(f, x, h=1e-4):
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for i in range(x.size):
        saved = x[i]
        x[i] = saved + h
        fxh1 = f(x)
        x[i] = saved - h
        fxh2 = f(x)
        grad[i] = (fxh1 - fxh2) / (2 * h)
        x[i] = saved
    return grad

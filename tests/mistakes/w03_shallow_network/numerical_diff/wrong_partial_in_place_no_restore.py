# The book's in-place nudge without putting x[i] back: the caller's x is left changed.
# expect: in place
def numerical_diff(f, x, h=1e-4):
    return (f(x + h) - f(x - h)) / (2 * h)


def partial_derivatives(f, x, h=1e-4):
    grad = np.zeros_like(x, dtype=float)
    for i in range(x.size):
        x[i] = x[i] + h
        fxh1 = f(x)
        x[i] = x[i] - 2 * h
        fxh2 = f(x)
        grad[i] = (fxh1 - fxh2) / (2 * h)
    return grad

# The book's two-line version: evaluate both sides first.
def numerical_diff(f, x, h=1e-4):
    fxh1 = f(x + h)
    fxh2 = f(x - h)
    return (fxh1 - fxh2) / (2 * h)

# The textbook definition f'(x) ≈ (f(x + h) − f(x)) / h: the forward difference, error ∝ h.
def numerical_diff(f, x, h=1e-4):
    return (f(x + h) - f(x)) / h

# Missing parentheses: / 2 * h divides by 2 and then multiplies by h.
def numerical_diff(f, x, h=1e-4):
    return (f(x + h) - f(x - h)) / 2 * h

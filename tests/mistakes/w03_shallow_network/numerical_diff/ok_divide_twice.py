# Dividing by 2 and then by h is the same as dividing by 2h.
def numerical_diff(f, x, h=1e-4):
    return (f(x + h) - f(x - h)) / 2 / h

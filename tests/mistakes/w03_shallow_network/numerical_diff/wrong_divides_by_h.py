# Central difference over a step of 2h, but divided by h only: twice the derivative.
def numerical_diff(f, x, h=1e-4):
    return (f(x + h) - f(x - h)) / h

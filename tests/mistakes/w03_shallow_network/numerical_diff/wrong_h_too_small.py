# "Smaller h is more exact": h = 1e-50 rounds away in x + h, so the difference is 0.
def numerical_diff(f, x, h=1e-4):
    h = 1e-50
    return (f(x + h) - f(x - h)) / (2 * h)

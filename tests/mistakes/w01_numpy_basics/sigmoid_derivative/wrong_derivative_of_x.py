# Applies the derivative formula to x instead of σ(x): x(1 − x).
# expect: applied to x itself
def sigmoid_derivative(x):
    ds = x * (1 - x)
    return ds

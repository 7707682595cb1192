# Computes s but returns it instead of the derivative.
# expect: σ(x) itself
def sigmoid_derivative(x):
    s = sigmoid(x)
    ds = s * (1 - s)
    return s

# The minus sign in the exponent forgotten: computes σ(−x).
def sigmoid(x):
    x = np.clip(x, -500, 500)
    s = 1 / (1 + np.exp(x))
    return s


def sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1 - s)

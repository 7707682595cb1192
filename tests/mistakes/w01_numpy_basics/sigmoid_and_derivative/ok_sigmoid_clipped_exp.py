# Clipping the exponent is another common way to avoid the overflow.
def sigmoid(x):
    z = np.clip(x, -500, 500)
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1 - s)

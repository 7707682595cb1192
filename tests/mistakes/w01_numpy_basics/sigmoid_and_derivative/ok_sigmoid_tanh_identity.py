# σ(x) = (1 + tanh(x/2)) / 2: a different, equally stable formula.
def sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x, dtype=float)))


def sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1 - s)

# math.exp instead of np.exp: works on one number, fails on an array.
# expect: np.exp
def sigmoid(x):
    s = 1 / (1 + math.exp(-x))
    return s


def sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1 - s)

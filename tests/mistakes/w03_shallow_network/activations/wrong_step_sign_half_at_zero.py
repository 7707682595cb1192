# Built from np.sign: right for x != 0, but gives 0.5 at x == 0.
def step_function(x):
    y = (np.sign(x) + 1) / 2
    return y


def relu(x):
    return np.maximum(0, x)

# np.maximum is symmetric in its arguments.
def step_function(x):
    y = x > 0
    return y.astype(int)


def relu(x):
    return np.maximum(x, 0)

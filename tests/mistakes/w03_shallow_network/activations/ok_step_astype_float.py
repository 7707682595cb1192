# Floats 0.0 / 1.0 instead of integers: still numbers.
def step_function(x):
    y = (x > 0).astype(np.float64)
    return y


def relu(x):
    return np.maximum(0, x)

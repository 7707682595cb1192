# NumPy's Heaviside step, with the value 0 at x == 0.
def step_function(x):
    return np.heaviside(x, 0)


def relu(x):
    return np.maximum(0, x)

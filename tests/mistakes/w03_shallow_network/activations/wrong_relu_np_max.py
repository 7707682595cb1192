# np.max (the largest element) confused with np.maximum (elementwise): np.max(0, x) fails.
def step_function(x):
    y = x > 0
    return y.astype(int)


def relu(x):
    y = np.max(0, x)
    return y

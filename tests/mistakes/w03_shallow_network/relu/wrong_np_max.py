# np.max (the largest element) confused with np.maximum (elementwise): np.max(0, x) fails.
def relu(x):
    y = np.max(0, x)
    return y

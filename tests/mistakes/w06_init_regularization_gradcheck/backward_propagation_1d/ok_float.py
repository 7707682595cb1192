# The derivative as a float.
def backward_propagation_1d(x, theta):
    dtheta = float(x)
    return dtheta

# dJ/dθ confused with dJ/dx: returns θ.
def backward_propagation_1d(x, theta):
    dtheta = theta
    return dtheta

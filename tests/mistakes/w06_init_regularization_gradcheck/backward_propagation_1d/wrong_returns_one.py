# "The derivative of θ is 1": forgets the factor x.
def backward_propagation_1d(x, theta):
    return 1.0

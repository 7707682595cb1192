# Returns J = θ · x itself instead of its derivative.
def backward_propagation_1d(x, theta):
    return theta * x

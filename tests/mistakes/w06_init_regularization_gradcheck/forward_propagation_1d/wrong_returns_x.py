# Returns x, the derivative, instead of J = θ · x.
def forward_propagation_1d(x, theta):
    J = x
    return J

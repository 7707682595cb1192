# J computed but the return statement forgotten.
def forward_propagation_1d(x, theta):
    J = theta * x

# np.dot of two numbers is their product.
def forward_propagation_1d(x, theta):
    return np.dot(theta, x)

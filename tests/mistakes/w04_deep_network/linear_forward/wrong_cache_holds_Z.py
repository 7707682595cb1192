# Puts Z in the linear cache instead of the input A ("cache what you computed").
def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    cache = (Z, W, b)
    return Z, cache

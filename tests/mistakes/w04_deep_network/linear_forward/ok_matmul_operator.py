# The @ operator, and a tuple without parentheses.
def linear_forward(A, W, b):
    Z = W @ A + b
    cache = A, W, b
    return Z, cache

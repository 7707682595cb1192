# * is elementwise in NumPy, not the matrix product.
# expect: matrix product
def linear_forward(A, W, b):
    Z = W * A + b
    cache = (A, W, b)
    return Z, cache

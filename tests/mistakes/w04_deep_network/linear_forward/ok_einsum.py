# An explicit einsum: the same product.
def linear_forward(A, W, b):
    Z = np.einsum("ij,jk->ik", W, A) + b
    return Z, (A, W, b)

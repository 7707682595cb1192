# The book's row layout (x @ W + b) carried over: gives Z transposed, shape (m, n[l]).
def linear_forward(A, W, b):
    Z = np.dot(A.T, W.T) + b.T
    cache = (A, W, b)
    return Z, cache

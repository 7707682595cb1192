# Divides by the squared norm (forgets the square root).
# expect: SQUARED norm
def normalize_rows(x):
    x_norm = np.sum(x ** 2, axis=1, keepdims=True)
    x = x / x_norm
    return x

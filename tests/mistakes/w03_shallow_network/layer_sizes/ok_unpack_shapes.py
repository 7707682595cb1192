# Unpacking the shapes names every size.
def layer_sizes(X, Y):
    n_x, m = X.shape
    n_y, _ = Y.shape
    n_h = 4
    return (n_x, n_h, n_y)

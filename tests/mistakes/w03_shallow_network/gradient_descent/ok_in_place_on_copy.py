# In-place steps are fine on a copy, as long as the path stores copies.
def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = init_x.astype(float).copy()
    path = np.zeros((step_num + 1, x.size))
    path[0] = x
    for k in range(1, step_num + 1):
        x -= lr * partial_derivatives(f, x)
        path[k] = x
    return x, path

# The path returned as a list of points (rows) rather than an array.
def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=float)
    path = [x]
    for _ in range(step_num):
        x = x - lr * partial_derivatives(f, x)
        path.append(x)
    return x, path

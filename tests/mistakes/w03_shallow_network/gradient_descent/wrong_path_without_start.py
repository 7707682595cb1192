# The book's x_history order mixed up: records the point after each step only, not the start.
# expect: path[0]
def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=float)
    path = []
    for _ in range(step_num):
        x = x - lr * partial_derivatives(f, x)
        path.append(x.copy())
    return x, np.array(path)

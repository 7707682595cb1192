# Appends x itself after updating it in place: every row of the path is the last point.
def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=float)
    path = [x]
    for _ in range(step_num):
        x -= lr * partial_derivatives(f, x)
        path.append(x)
    return x, np.array(path)

# Adds the gradient: the path climbs away from the minimum.
# expect: UP the gradient
def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=float)
    path = [x.copy()]
    for _ in range(step_num):
        x = x + lr * partial_derivatives(f, x)
        path.append(x.copy())
    return x, np.array(path)

# Computes the gradient once, before the loop: every step goes the same way.
def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=float)
    grad = partial_derivatives(f, x)
    path = [x.copy()]
    for _ in range(step_num):
        x = x - lr * grad
        path.append(x.copy())
    return x, np.array(path)

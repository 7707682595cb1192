# Works on flat views of x and grad (x is contiguous, so writes go through).
def numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    flat_x, flat_grad = x.reshape(-1), grad.reshape(-1)
    for i in range(flat_x.size):
        original = flat_x[i]
        flat_x[i] = original + h
        f1 = f(x)
        flat_x[i] = original - h
        f2 = f(x)
        flat_x[i] = original
        flat_grad[i] = (f1 - f2) / (2 * h)
    return grad

# A double loop over rows and columns: only works for 2-D arrays (W1, not b1).
def numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            tmp_val = x[i, j]
            x[i, j] = tmp_val + h
            fxh1 = f(x)
            x[i, j] = tmp_val - h
            fxh2 = f(x)
            grad[i, j] = (fxh1 - fxh2) / (2 * h)
            x[i, j] = tmp_val
    return grad

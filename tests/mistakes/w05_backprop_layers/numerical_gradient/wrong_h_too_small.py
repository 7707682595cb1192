# A tiny h 'for precision': 1e-50 vanishes when added to x (rounding error), every derivative is 
# 0.
def numerical_gradient(f, x):
    """Central-difference gradient of f at x, for an array x of ANY shape.

    f: a function of the array x returning a number (it is called as f(x)).
    Returns grad, same shape as x. x holds its original values again when the function returns.
    """
    h = 1e-50
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        idx = it.multi_index
        tmp_val = x[idx]
        x[idx] = tmp_val + h
        fxh1 = f(x)
        x[idx] = tmp_val - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp_val  # restore
        it.iternext()
    return grad

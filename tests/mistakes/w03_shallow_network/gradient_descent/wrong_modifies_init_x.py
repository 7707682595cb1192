# The book's `x = init_x` then `x -= ...`: the caller's starting point is changed in place.
# expect: in place
def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = init_x
    path = [x.copy()]
    for _ in range(step_num):
        x -= lr * partial_derivatives(f, x)
        path.append(x.copy())
    return x, np.array(path)

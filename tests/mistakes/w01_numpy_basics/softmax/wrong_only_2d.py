# Uses axis=1: right for matrices, but fails on a 1-D vector.
# expect: axis=-1
def softmax(x):
    x_exp = np.exp(x - np.max(x, axis=1, keepdims=True))
    s = x_exp / np.sum(x_exp, axis=1, keepdims=True)
    return s

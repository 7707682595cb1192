# The sum of squares as a dot product of the flattened difference with itself.
def L1(yhat, y):
    return float(np.sum(np.abs(y - yhat)))


def L2(yhat, y):
    d = np.ravel(y - yhat)
    return float(np.dot(d, d))

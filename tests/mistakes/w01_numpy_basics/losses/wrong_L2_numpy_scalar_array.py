# np.dot of 2-D rows gives a (1, 1) array, returned without float(...).
def L1(yhat, y):
    return float(np.sum(np.abs(y - yhat)))


def L2(yhat, y):
    d = (y - yhat).reshape(1, -1)
    return np.dot(d, d.T)

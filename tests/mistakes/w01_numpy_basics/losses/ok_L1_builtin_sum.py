# abs of the difference, summed with NumPy and converted with .item().
def L1(yhat, y):
    return np.abs(np.subtract(yhat, y)).sum().item()


def L2(yhat, y):
    diff = np.ravel(y - yhat)
    return float(np.dot(diff, diff))

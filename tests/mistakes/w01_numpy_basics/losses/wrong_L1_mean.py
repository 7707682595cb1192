# Averages instead of summing.
def L1(yhat, y):
    loss = float(np.mean(np.abs(y - yhat)))
    return loss


def L2(yhat, y):
    diff = np.ravel(y - yhat)
    return float(np.dot(diff, diff))

# Forgets the absolute value: positive and negative errors cancel.
def L1(yhat, y):
    loss = float(np.sum(y - yhat))
    return loss


def L2(yhat, y):
    diff = np.ravel(y - yhat)
    return float(np.dot(diff, diff))

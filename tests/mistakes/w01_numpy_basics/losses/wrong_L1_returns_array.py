# Returns the elementwise errors, not their sum.
def L1(yhat, y):
    loss = np.abs(y - yhat)
    return loss


def L2(yhat, y):
    diff = np.ravel(y - yhat)
    return float(np.dot(diff, diff))

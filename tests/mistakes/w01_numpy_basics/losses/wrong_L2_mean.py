# Averages (mean squared error) instead of summing.
def L1(yhat, y):
    return float(np.sum(np.abs(y - yhat)))


def L2(yhat, y):
    loss = float(np.mean((y - yhat) ** 2))
    return loss

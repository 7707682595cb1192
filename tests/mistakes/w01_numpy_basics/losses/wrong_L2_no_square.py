# Sums the differences without squaring them.
def L1(yhat, y):
    return float(np.sum(np.abs(y - yhat)))


def L2(yhat, y):
    loss = float(np.sum(y - yhat))
    return loss

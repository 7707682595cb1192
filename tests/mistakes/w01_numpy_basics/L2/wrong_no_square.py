# Sums the differences without squaring them.
def L2(yhat, y):
    loss = float(np.sum(y - yhat))
    return loss

# Averages instead of summing.
def L1(yhat, y):
    loss = float(np.mean(np.abs(y - yhat)))
    return loss

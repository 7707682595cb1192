# Averages (mean squared error) instead of summing.
def L2(yhat, y):
    loss = float(np.mean((y - yhat) ** 2))
    return loss

# Forgets the absolute value: positive and negative errors cancel.
def L1(yhat, y):
    loss = float(np.sum(y - yhat))
    return loss

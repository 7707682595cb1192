# Returns the elementwise errors, not their sum.
def L1(yhat, y):
    loss = np.abs(y - yhat)
    return loss

# abs of the difference, summed with NumPy and converted with .item().
def L1(yhat, y):
    return np.abs(np.subtract(yhat, y)).sum().item()

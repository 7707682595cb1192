# Compares predicted labels with a one-hot t without converting it.
def net_accuracy(net, x, t):
    """TwoLayerNet.accuracy: the fraction (0..1) of rows whose argmax of net.predict(x) is the label."""
    y = np.argmax(net.predict(x), axis=1)
    accuracy = np.sum(y == t) / float(x.shape[0])
    return accuracy

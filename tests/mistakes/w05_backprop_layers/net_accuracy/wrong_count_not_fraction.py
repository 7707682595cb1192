# Counts the right rows but forgets to divide by the number of rows.
# expect: divide by the number of rows
def net_accuracy(net, x, t):
    """TwoLayerNet.accuracy: the fraction (0..1) of rows whose argmax of net.predict(x) is the label."""
    y = np.argmax(net.predict(x), axis=1)
    if t.ndim != 1:
        t = np.argmax(t, axis=1)
    accuracy = np.sum(y == t)
    return accuracy

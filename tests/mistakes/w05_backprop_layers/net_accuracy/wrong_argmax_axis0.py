# Takes the argmax down the columns (axis=0) of the scores, as for the columns layout of weeks 1-4.
def net_accuracy(net, x, t):
    """TwoLayerNet.accuracy: the fraction (0..1) of rows whose argmax of net.predict(x) is the label."""
    scores = net.predict(x)
    y = np.argmax(scores, axis=0)
    if t.ndim != 1:
        t = np.argmax(t, axis=1)
    accuracy = np.mean(y[:len(t)] == t[:len(y)])
    return accuracy

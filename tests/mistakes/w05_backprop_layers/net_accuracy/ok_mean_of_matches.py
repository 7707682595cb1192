# np.mean of the boolean matches, labels taken from t's shape.
def net_accuracy(net, x, t):
    labels = t if t.ndim == 1 else t.argmax(axis=1)
    return float(np.mean(net.predict(x).argmax(axis=1) == labels))

# Computes the loss once and wraps the number in a lambda: f never re-runs the network.
def net_numerical_gradient(net, x, t):
    """TwoLayerNet.numerical_gradient: {"W1", "b1", "W2", "b2"} -> gradient of net.loss(x, t), same shapes."""
    loss = net.loss(x, t)
    loss_W = lambda W: loss
    grads = {}
    for key in ("W1", "b1", "W2", "b2"):
        grads[key] = numerical_gradient(loss_W, net.params[key])
    return grads

# Hands numerical_gradient a copy of each parameter: the loss never sees the nudged values.
# expect: not a copy
def net_numerical_gradient(net, x, t):
    """TwoLayerNet.numerical_gradient: {"W1", "b1", "W2", "b2"} -> gradient of net.loss(x, t), same shapes."""
    loss_W = lambda W: net.loss(x, t)
    grads = {}
    for key in ("W1", "b1", "W2", "b2"):
        grads[key] = numerical_gradient(loss_W, net.params[key].copy())
    return grads

# Runs backward in the forward order of the layers.
def net_gradient(net, x, t):
    """TwoLayerNet.gradient: {"W1", "b1", "W2", "b2"} -> gradient of net.loss(x, t) by backpropagation."""
    net.loss(x, t)
    dout = net.last_layer.backward(1)
    for layer in net.layers.values():
        dout = layer.backward(dout)
    grads = {"W1": net.layers["Affine1"].dW, "b1": net.layers["Affine1"].db,
             "W2": net.layers["Affine2"].dW, "b2": net.layers["Affine2"].db}
    return grads

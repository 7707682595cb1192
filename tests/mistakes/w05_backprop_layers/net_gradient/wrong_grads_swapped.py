# Reads the gradients from the wrong layers: W1 from Affine2 and W2 from Affine1.
def net_gradient(net, x, t):
    """TwoLayerNet.gradient: {"W1", "b1", "W2", "b2"} -> gradient of net.loss(x, t) by backpropagation."""
    net.loss(x, t)
    dout = net.last_layer.backward(1)
    for layer in reversed(list(net.layers.values())):
        dout = layer.backward(dout)
    grads = {"W1": net.layers["Affine2"].dW, "b1": net.layers["Affine2"].db,
             "W2": net.layers["Affine1"].dW, "b2": net.layers["Affine1"].db}
    return grads

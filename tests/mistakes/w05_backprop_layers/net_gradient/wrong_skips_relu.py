# Backward through the two Affine layers only: the ReLU's mask is never applied.
def net_gradient(net, x, t):
    """TwoLayerNet.gradient: {"W1", "b1", "W2", "b2"} -> gradient of net.loss(x, t) by backpropagation."""
    net.loss(x, t)
    dout = net.last_layer.backward(1)
    dout = net.layers["Affine2"].backward(dout)
    dout = net.layers["Affine1"].backward(dout)
    grads = {"W1": net.layers["Affine1"].dW, "b1": net.layers["Affine1"].db,
             "W2": net.layers["Affine2"].dW, "b2": net.layers["Affine2"].db}
    return grads

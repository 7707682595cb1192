# list.reverse() on a copy of the layers, the gradients read in a loop.
def net_gradient(net, x, t):
    net.loss(x, t)
    dout = net.last_layer.backward()
    layers = list(net.layers.values())
    layers.reverse()
    for layer in layers:
        dout = layer.backward(dout)
    return {f"{p}{i}": getattr(net.layers[f"Affine{i}"], f"d{p}") for i in (1, 2) for p in ("W", "b")}

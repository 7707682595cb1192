# Runs backward in the forward order of the layers.
class TwoLayerNet:
    """Affine1 -> Relu1 -> Affine2 -> SoftmaxWithLoss, rows layout: x (N, input_size).

    params: W1 (input_size, hidden_size), b1 (hidden_size,), W2 (hidden_size, output_size), b2 (output_size,)
    layers: OrderedDict Affine1, Relu1, Affine2; last_layer: SoftmaxWithLoss
    """

    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        self.params = {}
        self.params["W1"] = weight_init_std * np.random.randn(input_size, hidden_size)
        self.params["b1"] = np.zeros(hidden_size)
        self.params["W2"] = weight_init_std * np.random.randn(hidden_size, output_size)
        self.params["b2"] = np.zeros(output_size)

        self.layers = OrderedDict()
        self.layers["Affine1"] = Affine(self.params["W1"], self.params["b1"])
        self.layers["Relu1"] = Relu()
        self.layers["Affine2"] = Affine(self.params["W2"], self.params["b2"])
        self.last_layer = SoftmaxWithLoss()

    def predict(self, x):
        """x (N, input_size) -> scores (N, output_size), before softmax."""
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        """The mean cross-entropy loss; t one-hot (N, output_size) or labels (N,)."""
        y = self.predict(x)
        loss = self.last_layer.forward(y, t)
        return loss

    def accuracy(self, x, t):
        """The fraction (0..1) of rows whose highest score is the right class."""
        y = np.argmax(self.predict(x), axis=1)
        if t.ndim != 1:
            t = np.argmax(t, axis=1)
        accuracy = np.sum(y == t) / float(x.shape[0])
        return accuracy

    def numerical_gradient(self, x, t):
        """{"W1": ..., "b1": ..., "W2": ..., "b2": ...} by numerical differentiation (slow)."""
        loss_W = lambda W: self.loss(x, t)
        grads = {}
        for key in ("W1", "b1", "W2", "b2"):
            grads[key] = numerical_gradient(loss_W, self.params[key])
        return grads

    def gradient(self, x, t):
        """{"W1": ..., "b1": ..., "W2": ..., "b2": ...} by backpropagation."""
        self.loss(x, t)  # forward: every layer stores what its backward needs

        dout = self.last_layer.backward(1)
        for layer in self.layers.values():
            dout = layer.backward(dout)

        grads = {"W1": self.layers["Affine1"].dW, "b1": self.layers["Affine1"].db,
                 "W2": self.layers["Affine2"].dW, "b2": self.layers["Affine2"].db}
        return grads

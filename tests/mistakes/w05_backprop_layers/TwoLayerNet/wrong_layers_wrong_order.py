# Creates the ReLU first (it has no parameters, so it 'goes first').
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
        self.layers["Relu1"] = Relu()
        self.layers["Affine1"] = Affine(self.params["W1"], self.params["b1"])
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

    # given: steps 2-4 write these as functions of the network
    def accuracy(self, x, t):
        """The fraction (0..1) of rows whose highest score is the right class."""
        return net_accuracy(self, x, t)

    def numerical_gradient(self, x, t):
        """{"W1": ..., "b1": ..., "W2": ..., "b2": ...} by numerical differentiation (slow)."""
        return net_numerical_gradient(self, x, t)

    def gradient(self, x, t):
        """{"W1": ..., "b1": ..., "W2": ..., "b2": ...} by backpropagation."""
        return net_gradient(self, x, t)

# A plain dict (ordered since Python 3.7), np.random.normal, and a reversed list of layers.
class TwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        self.params = {
            "W1": np.random.normal(0.0, weight_init_std, (input_size, hidden_size)),
            "b1": np.zeros(hidden_size),
            "W2": np.random.normal(0.0, weight_init_std, (hidden_size, output_size)),
            "b2": np.zeros(output_size),
        }
        self.layers = {"Affine1": Affine(self.params["W1"], self.params["b1"]),
                       "Relu1": Relu(),
                       "Affine2": Affine(self.params["W2"], self.params["b2"])}
        self.last_layer = SoftmaxWithLoss()

    def predict(self, x):
        out = x
        for name in ("Affine1", "Relu1", "Affine2"):
            out = self.layers[name].forward(out)
        return out

    def loss(self, x, t):
        return self.last_layer.forward(self.predict(x), t)

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

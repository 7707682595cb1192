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

    def accuracy(self, x, t):
        labels = t if t.ndim == 1 else t.argmax(axis=1)
        return float(np.mean(self.predict(x).argmax(axis=1) == labels))

    def numerical_gradient(self, x, t):
        return {key: numerical_gradient(lambda W: self.loss(x, t), self.params[key])
                for key in ("W1", "b1", "W2", "b2")}

    def gradient(self, x, t):
        self.loss(x, t)
        dout = self.last_layer.backward()
        layers = list(self.layers.values())
        layers.reverse()
        for layer in layers:
            dout = layer.backward(dout)
        a1, a2 = self.layers["Affine1"], self.layers["Affine2"]
        return {"W1": a1.dW, "b1": a1.db, "W2": a2.dW, "b2": a2.db}

# Uses the forward input x in y(1 - y) instead of the output y.
class Sigmoid:
    """Sigmoid layer: out = 1 / (1 + exp(-x)), elementwise, x of any shape."""

    def __init__(self):
        self.out = None  # the forward output, needed by backward

    def forward(self, x):
        out = 1 / (1 + np.exp(-x))
        self.out = out
        self.x = x
        return out

    def backward(self, dout):
        """Returns dx = dout * y * (1 - y), y = the forward output."""
        dx = dout * (1.0 - self.x) * self.x
        return dx

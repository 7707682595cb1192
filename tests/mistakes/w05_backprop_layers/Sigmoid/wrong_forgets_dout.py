# Returns the local derivative y(1 - y) without multiplying by dout.
class Sigmoid:
    """Sigmoid layer: out = 1 / (1 + exp(-x)), elementwise, x of any shape."""

    def __init__(self):
        self.out = None  # the forward output, needed by backward

    def forward(self, x):
        out = 1 / (1 + np.exp(-x))
        self.out = out
        return out

    def backward(self, dout):
        """Returns dx = dout * y * (1 - y), y = the forward output."""
        dx = (1.0 - self.out) * self.out
        return dx

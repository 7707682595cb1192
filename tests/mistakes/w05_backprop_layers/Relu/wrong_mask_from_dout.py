# Applies ReLU to the upstream gradient instead of masking it with the forward input.
class Relu:
    """ReLU layer: out = max(0, x), elementwise, x of any shape."""

    def __init__(self):
        self.mask = None  # boolean array, True where x <= 0

    def forward(self, x):
        """x: array of any shape. Returns out, same shape. Does not modify x."""
        self.mask = (x <= 0)
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        """dout: same shape as x. Returns dx: dout where x > 0, and 0 where x <= 0."""
        dx = np.maximum(0, dout)
        return dx

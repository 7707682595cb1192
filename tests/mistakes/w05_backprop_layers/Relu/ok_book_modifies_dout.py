# The book's own backward changes dout in place: allowed (dout belongs to the layer chain).
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
        dout[self.mask] = 0
        dx = dout
        return dx

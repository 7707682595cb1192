# Sets the negative entries of x itself to zero: the caller's array is destroyed.
# expect: in place
class Relu:
    """ReLU layer: out = max(0, x), elementwise, x of any shape."""

    def __init__(self):
        self.mask = None  # boolean array, True where x <= 0

    def forward(self, x):
        """x: array of any shape. Returns out, same shape. Does not modify x."""
        self.mask = (x <= 0)
        x[self.mask] = 0
        out = x
        return out

    def backward(self, dout):
        """dout: same shape as x. Returns dx: dout where x > 0, and 0 where x <= 0."""
        dx = dout.copy()
        dx[self.mask] = 0
        return dx

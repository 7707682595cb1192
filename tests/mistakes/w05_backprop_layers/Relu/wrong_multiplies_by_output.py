# Multiplies dout by the forward output (the 'mask' computed on the output values) instead of by 
# 1 where x > 0.
class Relu:
    """ReLU layer: out = max(0, x), elementwise, x of any shape."""

    def __init__(self):
        self.mask = None  # boolean array, True where x <= 0

    def forward(self, x):
        """x: array of any shape. Returns out, same shape. Does not modify x."""
        self.mask = (x <= 0)
        out = x.copy()
        out[self.mask] = 0
        self.out = out
        return out

    def backward(self, dout):
        """dout: same shape as x. Returns dx: dout where x > 0, and 0 where x <= 0."""
        dx = dout * self.out
        return dx

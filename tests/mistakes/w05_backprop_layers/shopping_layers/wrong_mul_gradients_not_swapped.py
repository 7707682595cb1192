# Each input multiplied by its own value: d(xy)/dx taken as x instead of y.
# expect: swapped
class MulLayer:
    """Multiplication node: out = x * y (numbers, or arrays of the same shape, elementwise)."""

    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        """Store the inputs (backward needs them) and return out = x * y."""
        self.x = x
        self.y = y
        out = x * y
        return out

    def backward(self, dout):
        """dout = dL/dout (same shape as out). Returns (dx, dy) = (dL/dx, dL/dy)."""
        dx = dout * self.x
        dy = dout * self.y
        return dx, dy


class AddLayer:
    """Addition node: out = x + y."""

    def __init__(self):
        pass  # nothing to remember: the local derivatives are 1

    def forward(self, x, y):
        out = x + y
        return out

    def backward(self, dout):
        """Returns (dx, dy) = (dL/dx, dL/dy)."""
        dx = dout * 1
        dy = dout * 1
        return dx, dy

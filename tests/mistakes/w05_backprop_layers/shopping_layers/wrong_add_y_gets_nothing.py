# Passes dout to the first input only.
# expect: dy is 0
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
        dx = dout * self.y  # swapped: d(xy)/dx = y
        dy = dout * self.x
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
        dy = 0 * dout
        return dx, dy

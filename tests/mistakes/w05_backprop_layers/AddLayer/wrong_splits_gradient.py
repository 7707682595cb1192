# Thinks the gradient is shared between the two inputs, half each.
class AddLayer:
    """Addition node: out = x + y."""

    def __init__(self):
        pass  # nothing to remember: the local derivatives are 1

    def forward(self, x, y):
        out = x + y
        return out

    def backward(self, dout):
        """Returns (dx, dy) = (dL/dx, dL/dy)."""
        dx = dout / 2
        dy = dout / 2
        return dx, dy

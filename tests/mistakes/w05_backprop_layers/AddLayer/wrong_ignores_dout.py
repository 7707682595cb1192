# Returns the local derivative 1 without multiplying by the upstream gradient.
class AddLayer:
    """Addition node: out = x + y."""

    def __init__(self):
        pass  # nothing to remember: the local derivatives are 1

    def forward(self, x, y):
        out = x + y
        return out

    def backward(self, dout):
        """Returns (dx, dy) = (dL/dx, dL/dy)."""
        dx = 1
        dy = 1
        return dx, dy

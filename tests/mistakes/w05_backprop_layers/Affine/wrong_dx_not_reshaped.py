# Flattens in forward but returns dx flattened: the previous layer gets the wrong shape.
class Affine:
    """Fully connected layer: out = x @ W + b.

    W: (D, M), b: (M,). forward(x): x (N, D) or (N, d1, d2, ...) with d1*d2*... == D, flattened
    to (N, D); returns out (N, M). backward(dout (N, M)): returns dx with x's ORIGINAL shape and
    sets self.dW (D, M) and self.db (M,).
    """

    def __init__(self, W, b):
        self.W = W  # references, not copies: the network updates these arrays in place
        self.b = b
        self.x = None                 # the input, flattened to (N, D)
        self.original_x_shape = None
        self.dW = None
        self.db = None

    def forward(self, x):
        self.original_x_shape = x.shape
        self.x = x.reshape(x.shape[0], -1)
        out = self.x @ self.W + self.b
        return out

    def backward(self, dout):
        dx = dout @ self.W.T
        self.dW = self.x.T @ dout
        self.db = np.sum(dout, axis=0)
        return dx

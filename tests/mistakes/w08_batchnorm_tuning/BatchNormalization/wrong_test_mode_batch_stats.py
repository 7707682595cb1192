# Normalises test batches with their own statistics.
# expect: running_mean
class BatchNormalization:
    """Batch normalisation layer (book style). gamma, beta: (D,).

    forward(x (N, D) or (N, C, H, W), train_flg=True) -> out, same shape as x
    backward(dout, same shape as out) -> dx; sets self.dgamma, self.dbeta (D,)
    """

    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
        self.gamma = gamma
        self.beta = beta
        self.momentum = momentum
        self.input_shape = None
        self.running_mean = running_mean   # used at test time
        self.running_var = running_var
        self.batch_size = None             # kept for backward
        self.xc = None
        self.xn = None
        self.std = None
        self.dgamma = None
        self.dbeta = None

    def forward(self, x, train_flg=True):
        self.input_shape = x.shape
        x = x.reshape(x.shape[0], -1)
        if self.running_mean is None:
            D = x.shape[1]
            self.running_mean = np.zeros(D)
            self.running_var = np.zeros(D)
        if train_flg:
            mu = x.mean(axis=0)
            xc = x - mu
            var = np.mean(xc ** 2, axis=0)
            std = np.sqrt(var + 1e-7)
            xn = xc / std
            self.batch_size = x.shape[0]
            self.xc, self.xn, self.std = xc, xn, std
            self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu
            self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
        else:
            xn = (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + 1e-7)
        out = self.gamma * xn + self.beta
        return out.reshape(*self.input_shape)

    def backward(self, dout):
        dout = dout.reshape(dout.shape[0], -1)
        self.dbeta = dout.sum(axis=0)
        self.dgamma = np.sum(self.xn * dout, axis=0)
        dxn = self.gamma * dout
        dxc = dxn / self.std
        dstd = -np.sum((dxn * self.xc) / (self.std * self.std), axis=0)
        dvar = 0.5 * dstd / self.std
        dxc += (2.0 / self.batch_size) * self.xc * dvar
        dmu = np.sum(dxc, axis=0)
        dx = dxc - dmu / self.batch_size
        return dx.reshape(*self.input_shape)

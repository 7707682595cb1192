# Always asks batchnorm_forward for the training mode, whatever train_flg says.
class BatchNormalization:
    """Batch normalisation layer (book style), built on batchnorm_forward / batchnorm_backward. gamma, beta: (D,)."""

    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
        self.gamma = gamma
        self.beta = beta
        self.momentum = momentum
        self.input_shape = None
        self.running_mean = running_mean   # used at test time
        self.running_var = running_var
        self.cache = None                  # batchnorm_forward's cache, kept for backward
        self.dgamma = None
        self.dbeta = None

    def forward(self, x, train_flg=True):
        self.input_shape = x.shape
        x = x.reshape(x.shape[0], -1)
        bn_param = {"mode": "train", "eps": 1e-7, "momentum": self.momentum}
        if self.running_mean is not None:
            bn_param["running_mean"] = self.running_mean
            bn_param["running_var"] = self.running_var
        out, cache = batchnorm_forward(x, self.gamma, self.beta, bn_param)
        if train_flg:
            self.cache = cache
        self.running_mean = bn_param["running_mean"]
        self.running_var = bn_param["running_var"]
        return out.reshape(*self.input_shape)

    def backward(self, dout):
        dout = dout.reshape(dout.shape[0], -1)
        dx, self.dgamma, self.dbeta = batchnorm_backward(dout, self.cache)
        return dx.reshape(*self.input_shape)

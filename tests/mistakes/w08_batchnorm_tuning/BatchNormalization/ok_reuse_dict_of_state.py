# Passes only the state that exists, and always keeps the cache (test mode gives None; backward follows a training forward).
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
        state = {"running_mean": self.running_mean, "running_var": self.running_var}
        bn_param = {k: v for k, v in state.items() if v is not None}
        bn_param.update(mode="train" if train_flg else "test", eps=1e-7, momentum=self.momentum)
        out, cache = batchnorm_forward(x, self.gamma, self.beta, bn_param)
        self.cache = cache if train_flg else self.cache
        self.running_mean, self.running_var = bn_param["running_mean"], bn_param["running_var"]
        return out.reshape(*self.input_shape)

    def backward(self, dout):
        dout = dout.reshape(dout.shape[0], -1)
        dx, self.dgamma, self.dbeta = batchnorm_backward(dout, self.cache)
        return dx.reshape(*self.input_shape)

# The moving average in one line, rebinding the arrays.
class RMSprop:
    def __init__(self, lr=0.01, decay_rate=0.99):
        self.lr = lr
        self.decay_rate = decay_rate
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {key: np.zeros_like(val) for key, val in params.items()}
        rho = self.decay_rate
        for key in params:
            self.h[key] = rho * self.h[key] + (1 - rho) * grads[key] ** 2
            params[key] = params[key] - self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)

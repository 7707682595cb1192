# np.square and rebinding instead of in-place operators.
class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.h[key] = self.h[key] + np.square(grads[key])
            params[key] = params[key] - self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)

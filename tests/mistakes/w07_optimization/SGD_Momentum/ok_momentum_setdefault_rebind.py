# Creates the state with a plain dict and setdefault, rebinding params[key].
class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params.keys():
            params[key] -= self.lr * grads[key]


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {}
        for key in params:
            velocity = self.v.setdefault(key, np.zeros_like(params[key]))
            self.v[key] = self.momentum * velocity - self.lr * grads[key]
            params[key] = params[key] + self.v[key]

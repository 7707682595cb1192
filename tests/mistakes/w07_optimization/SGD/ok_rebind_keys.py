# Rebinding params[key] to a new array also updates the caller's dict.
class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in grads:
            params[key] = params[key] - self.lr * grads[key]

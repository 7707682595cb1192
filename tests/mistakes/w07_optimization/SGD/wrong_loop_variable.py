# Assigns to the loop variable: only a local name changes, not the dict.
class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key, value in params.items():
            value = value - self.lr * grads[key]

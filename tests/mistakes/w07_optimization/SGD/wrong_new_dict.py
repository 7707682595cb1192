# Builds a new dict: the name params now points elsewhere, the caller's dict is unchanged.
class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        params = {key: params[key] - self.lr * grads[key] for key in params}

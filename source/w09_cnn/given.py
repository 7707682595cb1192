"""Given code for week 9 (w09_cnn): use it (and read it), do not edit it.
第 9 週で配布するコード（これまでの週の解答）です。
自由に使って読んでかまいませんが、編集しないでください。

It holds answers of earlier weeks (each released only after the week that grades it):

* answers of week 5 (w05_backprop_layers), released with week 9: ``softmax``,
  ``cross_entropy_error``, ``numerical_gradient``, ``Relu``, ``Affine``, ``SoftmaxWithLoss``
* answers of week 7 (w07_optimization), released with week 9: ``Adam``

Generated from the reference solutions by ``dlcourse given``; do not edit (the next
generation overwrites it, and grading uses the course's own copy).
"""
import numpy as np

__all__ = ['Adam', 'Affine', 'Relu', 'SoftmaxWithLoss', 'numerical_gradient']


# -------------------- answers of week 5 (w05_backprop_layers), released with week 9

def softmax(x):
    """Row-wise softmax of x (N, C) or of a vector (C,), stable (max subtracted)."""
    x = x - np.max(x, axis=-1, keepdims=True)
    e = np.exp(x)
    return e / np.sum(e, axis=-1, keepdims=True)


def cross_entropy_error(y, t):
    """Mean cross-entropy of probabilities y (N, C) against t: one-hot (N, C) or labels (N,)."""
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    if t.size == y.size:  # one-hot -> labels
        t = t.argmax(axis=1)
    batch_size = y.shape[0]
    return float(-np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size)


def numerical_gradient(f, x, h: float = 1e-4):
    """Central-difference gradient of f() with respect to every element of x (any shape).

    ``f`` takes x (the array itself) and returns a number; x is restored afterwards.
    """
    grad = np.zeros_like(x, dtype=float)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        idx = it.multi_index
        tmp = x[idx]
        x[idx] = tmp + h
        fxh1 = f(x)
        x[idx] = tmp - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp
        it.iternext()
    return grad


class Relu:
    """out = max(0, x), any shape; backward passes dout where x > 0."""

    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dx = dout.copy()
        dx[self.mask] = 0
        return dx


class Affine:
    """out = x W + b with W (D, M), b (M,); x (N, D) or (N, d1, d2, …) flattened to (N, D).

    backward(dout (N, M)) returns dx in x's original shape and sets dW (D, M), db (M,).
    """

    def __init__(self, W, b):
        self.W, self.b = W, b
        self.x = self.original_x_shape = None
        self.dW = self.db = None

    def forward(self, x):
        self.original_x_shape = x.shape
        self.x = x.reshape(x.shape[0], -1)
        return self.x @ self.W + self.b

    def backward(self, dout):
        dx = dout @ self.W.T
        self.dW = self.x.T @ dout
        self.db = np.sum(dout, axis=0)
        return dx.reshape(*self.original_x_shape)


class SoftmaxWithLoss:
    """forward(x (N, C), t one-hot (N, C) or labels (N,)) -> mean loss; backward -> (y − t) / N."""

    def __init__(self):
        self.loss = self.y = self.t = None

    def forward(self, x, t):
        self.t = t
        self.y = softmax(x)
        self.loss = cross_entropy_error(self.y, t)
        return self.loss

    def backward(self, dout=1):
        batch_size = self.t.shape[0]
        if self.t.size == self.y.size:
            dx = (self.y - self.t) / batch_size
        else:
            dx = self.y.copy()
            dx[np.arange(batch_size), self.t] -= 1
            dx = dx / batch_size
        return dx * dout


# -------------------- answers of week 7 (w07_optimization), released with week 9

class Adam:
    """The book's Adam: t ← t + 1, lr_t = lr √(1 − β2^t) / (1 − β1^t),
    m ← m + (1 − β1)(g − m), v ← v + (1 − β2)(g² − v), param ← param − lr_t m / (√v + 1e-7)."""

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.iter = 0
        self.m = None
        self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m = {key: np.zeros_like(val) for key, val in params.items()}
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2 ** self.iter) / (1.0 - self.beta1 ** self.iter)
        for key in params.keys():
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)

"""Reference solutions, week 5: computational graphs and layer objects (book ch.4–5; rows layout).

The book's layers (Relu, Sigmoid, Affine, SoftmaxWithLoss, softmax, cross_entropy_error,
numerical_gradient, TwoLayerNet) have their one home here: later weeks receive the ones they
build on as given code in ``source/<week>/given.py``, generated from this module by
``dlcourse given`` (manifest: ``autograder/given.py``).
"""
from collections import OrderedDict

import numpy as np


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


class Sigmoid:
    """out = σ(x), any shape; backward: dout · out (1 − out)."""

    def __init__(self):
        self.out = None

    def forward(self, x):
        self.out = 1.0 / (1.0 + np.exp(-np.clip(x, -500, 500)))
        return self.out

    def backward(self, dout):
        return dout * (1.0 - self.out) * self.out


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


class TwoLayerNet:
    """Affine → ReLU → Affine → SoftmaxWithLoss, as in the book §5.7 (rows layout)."""

    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01, seed=None):
        rng = np.random.default_rng(seed)
        self.params = {
            "W1": weight_init_std * rng.standard_normal((input_size, hidden_size)),
            "b1": np.zeros(hidden_size),
            "W2": weight_init_std * rng.standard_normal((hidden_size, output_size)),
            "b2": np.zeros(output_size),
        }
        self.layers = OrderedDict()
        self.layers["Affine1"] = Affine(self.params["W1"], self.params["b1"])
        self.layers["Relu1"] = Relu()
        self.layers["Affine2"] = Affine(self.params["W2"], self.params["b2"])
        self.last_layer = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        return self.last_layer.forward(self.predict(x), t)

    # The notebook builds the class in steps: these three methods call the functions below.
    def accuracy(self, x, t):
        return net_accuracy(self, x, t)

    def numerical_gradient(self, x, t):
        return net_numerical_gradient(self, x, t)

    def gradient(self, x, t):
        return net_gradient(self, x, t)


def net_accuracy(net, x, t):
    """The fraction (0..1) of rows whose argmax of net.predict(x) is the label (t one-hot or labels)."""
    y = np.argmax(net.predict(x), axis=1)
    if t.ndim != 1:
        t = np.argmax(t, axis=1)
    return float(np.sum(y == t) / x.shape[0])


def net_numerical_gradient(net, x, t):
    """{"W1", "b1", "W2", "b2"}: the gradient of net.loss(x, t), by central differences in place."""
    loss_w = lambda _: net.loss(x, t)
    return {k: numerical_gradient(loss_w, net.params[k]) for k in ("W1", "b1", "W2", "b2")}


def net_gradient(net, x, t):
    """{"W1", "b1", "W2", "b2"}: the gradient of net.loss(x, t), by backpropagation."""
    net.loss(x, t)
    dout = net.last_layer.backward(1)
    for layer in reversed(list(net.layers.values())):
        dout = layer.backward(dout)
    return {"W1": net.layers["Affine1"].dW, "b1": net.layers["Affine1"].db,
            "W2": net.layers["Affine2"].dW, "b2": net.layers["Affine2"].db}




class MulLayer:
    """out = x · y (numbers or arrays of the same shape); backward swaps the inputs."""

    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        self.x, self.y = x, y
        return x * y

    def backward(self, dout):
        # ∂(xy)/∂x = y and ∂(xy)/∂y = x: each input's gradient is dout times the *other* input.
        return dout * self.y, dout * self.x


class AddLayer:
    """out = x + y; backward passes dout unchanged to both inputs."""

    def __init__(self):
        pass

    def forward(self, x, y):
        return x + y

    def backward(self, dout):
        return dout * 1, dout * 1


# Concept questions: the notebook asks for these exact answers.
answer_affine_shape = (32, 50)
answer_optimised = {3, 4}
answer_squared_error = {1, 3}
answer_log_delta = {1, 3}
answer_softmax_max = {1, 2}

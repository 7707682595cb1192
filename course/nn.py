"""Given building blocks for the book-style weeks (rows: ``x.shape == (N, D)``).

The model is the book's ``common/`` folder: one small class per layer with ``forward`` /
``backward``, state kept on the object. Week 5 asks you to write these yourself; from week 6
on the course gives them here so that later weeks can build on a known-good version.
"""
from __future__ import annotations

from collections import OrderedDict

import numpy as np

__all__ = ["softmax", "cross_entropy_error", "numerical_gradient", "Relu", "Sigmoid", "Affine",
           "SoftmaxWithLoss", "SGD", "Adam", "TwoLayerNet"]


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


class SGD:
    """params[key] -= lr · grads[key], in place."""

    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key] -= self.lr * grads[key]


class Adam:
    """Adam (Kingma & Ba) in the book's form, in place; ε added outside the square root."""

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2 = lr, beta1, beta2
        self.iter = 0
        self.m = self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(v) for k, v in params.items()}
            self.v = {k: np.zeros_like(v) for k, v in params.items()}
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2 ** self.iter) / (1.0 - self.beta1 ** self.iter)
        for key in params:
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)


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

    def accuracy(self, x, t):
        y = np.argmax(self.predict(x), axis=1)
        if t.ndim != 1:
            t = np.argmax(t, axis=1)
        return float(np.sum(y == t) / x.shape[0])

    def numerical_gradient(self, x, t):
        loss_w = lambda _: self.loss(x, t)
        return {k: numerical_gradient(loss_w, self.params[k]) for k in ("W1", "b1", "W2", "b2")}

    def gradient(self, x, t):
        self.loss(x, t)
        dout = self.last_layer.backward(1)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        return {"W1": self.layers["Affine1"].dW, "b1": self.layers["Affine1"].db,
                "W2": self.layers["Affine2"].dW, "b2": self.layers["Affine2"].db}


# --------------------------------------------------------------------------- week 8 (book §6.3–6.5)
class _Dropout:
    """Dropout as in the book's common/layers.py: drop in training, scale by (1 − ratio) at test."""

    def __init__(self, dropout_ratio=0.5, rng=None):
        self.dropout_ratio = dropout_ratio
        self.rng = rng if rng is not None else np.random.default_rng()
        self.mask = None

    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask


class MultiLayerNetExtend:
    """The book's multi-layer net with options (§6.3–6.5, ``common/multi_layer_net_extend.py``).

    [Affine → (BatchNorm) → ReLU/Sigmoid → (Dropout)] × len(hidden_size_list) → Affine →
    SoftmaxWithLoss, rows layout (x (N, D), t labels (N,) or one-hot (N, C)).

    * ``weight_init_std``: a number (the std of every W), or "relu"/"he" (√(2/n_in)),
      "sigmoid"/"xavier" (√(1/n_in)).
    * ``weight_decay_lambda``: adds ½λ Σ‖W‖² to the loss and λW to every dW.
    * ``use_batchnorm``: needs ``batchnorm_layer``, a class called as
      ``batchnorm_layer(gamma, beta)`` with ``forward(x, train_flg)``, ``backward(dout)``,
      ``dgamma``, ``dbeta`` (your week-8 ``BatchNormalization``). γ, β are in ``params``
      as "gamma1", "beta1", … and are trained like W and b.
    * ``use_dropout``: the book's Dropout (ratio ``dropout_ratio``) after each activation.
    * ``seed``: weights and dropout masks come from ``np.random.default_rng(seed)``.
    """

    def __init__(self, input_size, hidden_size_list, output_size, activation="relu",
                 weight_init_std="relu", weight_decay_lambda=0.0, use_dropout=False,
                 dropout_ratio=0.5, use_batchnorm=False, batchnorm_layer=None, seed=None):
        if use_batchnorm and batchnorm_layer is None:
            raise ValueError("use_batchnorm=True needs batchnorm_layer=YourBatchNormalizationClass")
        rng = np.random.default_rng(seed)
        self.hidden_layer_num = len(hidden_size_list)
        self.weight_decay_lambda = weight_decay_lambda
        self.use_batchnorm, self.use_dropout = use_batchnorm, use_dropout
        sizes = [input_size] + list(hidden_size_list) + [output_size]
        activations = {"relu": Relu, "sigmoid": Sigmoid}
        self.params, self.layers = {}, OrderedDict()
        for idx in range(1, len(sizes)):
            scale = weight_init_std
            if str(weight_init_std).lower() in ("relu", "he"):
                scale = np.sqrt(2.0 / sizes[idx - 1])
            elif str(weight_init_std).lower() in ("sigmoid", "xavier"):
                scale = np.sqrt(1.0 / sizes[idx - 1])
            self.params[f"W{idx}"] = scale * rng.standard_normal((sizes[idx - 1], sizes[idx]))
            self.params[f"b{idx}"] = np.zeros(sizes[idx])
            self.layers[f"Affine{idx}"] = Affine(self.params[f"W{idx}"], self.params[f"b{idx}"])
            if idx == len(sizes) - 1:
                break  # the output layer: no batch norm, activation or dropout
            if use_batchnorm:
                self.params[f"gamma{idx}"] = np.ones(sizes[idx])
                self.params[f"beta{idx}"] = np.zeros(sizes[idx])
                self.layers[f"BatchNorm{idx}"] = batchnorm_layer(self.params[f"gamma{idx}"],
                                                                 self.params[f"beta{idx}"])
            self.layers[f"Activation{idx}"] = activations[activation]()
            if use_dropout:
                self.layers[f"Dropout{idx}"] = _Dropout(dropout_ratio, rng)
        self.last_layer = SoftmaxWithLoss()

    def predict(self, x, train_flg=False):
        for key, layer in self.layers.items():
            if key.startswith(("Dropout", "BatchNorm")):
                x = layer.forward(x, train_flg)
            else:
                x = layer.forward(x)
        return x

    def loss(self, x, t, train_flg=False):
        y = self.predict(x, train_flg)
        decay = sum(0.5 * self.weight_decay_lambda * np.sum(self.params[f"W{i}"] ** 2)
                    for i in range(1, self.hidden_layer_num + 2))
        return self.last_layer.forward(y, t) + decay

    def accuracy(self, x, t):
        y = np.argmax(self.predict(x, train_flg=False), axis=1)
        if t.ndim != 1:
            t = np.argmax(t, axis=1)
        return float(np.sum(y == t) / x.shape[0])

    def gradient(self, x, t):
        """Backpropagation (training mode): a dict with the keys of ``params``."""
        self.loss(x, t, train_flg=True)
        dout = self.last_layer.backward(1)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        grads = {}
        for idx in range(1, self.hidden_layer_num + 2):
            affine = self.layers[f"Affine{idx}"]
            grads[f"W{idx}"] = affine.dW + self.weight_decay_lambda * affine.W
            grads[f"b{idx}"] = affine.db
            if self.use_batchnorm and idx <= self.hidden_layer_num:
                grads[f"gamma{idx}"] = self.layers[f"BatchNorm{idx}"].dgamma
                grads[f"beta{idx}"] = self.layers[f"BatchNorm{idx}"].dbeta
        return grads


__all__ += ["MultiLayerNetExtend"]

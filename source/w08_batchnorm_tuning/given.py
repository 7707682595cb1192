"""Given code for week 8 (w08_batchnorm_tuning): use it (and read it), do not edit it.
第 8 週で配布するコード（これまでの週の解答と、採点されない補助関数）です。
自由に使って読んでかまいませんが、編集しないでください。

It holds answers of earlier weeks (each released only after the week that grades it) and helpers
that no week grades:

* answers of week 5 (w05_backprop_layers), released with week 8: ``softmax``,
  ``cross_entropy_error``, ``numerical_gradient``, ``Relu``, ``Sigmoid``, ``Affine``,
  ``SoftmaxWithLoss``
* answers of week 6 (w06_init_regularization_gradcheck), released with week 8: ``Dropout``
* answers of week 7 (w07_optimization), released with week 8: ``SGD``, ``Adam``
* given helpers (graded in no week in this form): ``SeededDropout``, ``MultiLayerNetExtend``

Generated from the reference solutions by ``dlcourse given``; do not edit (the next
generation overwrites it, and grading uses the course's own copy).
"""
from collections import OrderedDict

import numpy as np

__all__ = ['Adam', 'MultiLayerNetExtend', 'SGD', 'numerical_gradient']


# -------------------- answers of week 5 (w05_backprop_layers), released with week 8

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


# -------------------- answers of week 6 (w06_init_regularization_gradcheck), released with week 8

class Dropout:
    """The book's Dropout layer (§6.4.3), rows or any shape.

    Train: drop each unit with probability ``dropout_ratio`` (no rescaling).
    Test: keep every unit and multiply by ``1 − dropout_ratio`` (the expected fraction kept).
    """

    def __init__(self, dropout_ratio=0.5):
        self.dropout_ratio = dropout_ratio
        self.mask = None

    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = np.random.rand(*x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask


# -------------------- answers of week 7 (w07_optimization), released with week 8

class SGD:
    """params[key] ← params[key] − lr · grads[key], in place."""

    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params.keys():
            params[key] -= self.lr * grads[key]


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


# -------------------- given helpers (graded in no week in this form)

class SeededDropout(Dropout):
    """Week 6's Dropout drawing its masks from a generator of its own (``rng``), so that a
    net built with a seed repeats its run whatever else used ``np.random`` meanwhile."""

    def __init__(self, dropout_ratio=0.5, rng=None):
        super().__init__(dropout_ratio)
        self.rng = rng if rng is not None else np.random.default_rng()

    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)


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
                self.layers[f"Dropout{idx}"] = SeededDropout(dropout_ratio, rng)
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

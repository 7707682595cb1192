"""Given book-style nets built from earlier weeks' answers (rows: ``x.shape == (N, D)``).

The one home of each (instructors and CI only); students receive them through
``source/<week>/given.py`` (``dlcourse given``), together with the answers they are built
from: the book's layers of week 5 and the Dropout of week 6.

* week 8: the book's ``MultiLayerNetExtend`` (§6.3–6.5, ``common/multi_layer_net_extend.py``).
"""
from collections import OrderedDict

import numpy as np

from .w05_backprop_layers import Affine, Relu, Sigmoid, SoftmaxWithLoss
from .w06_init_regularization_gradcheck import Dropout


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

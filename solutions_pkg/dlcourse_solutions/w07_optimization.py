"""Reference solutions, week 7: optimization methods (Coursera C2W2 "Optimization Methods";
book §6.1 「パラメータの更新」).

Coursera-style functions keep data as columns (``X.shape == (n_x, m)``) and parameters in a
dict ``{"W1", "b1", ...}``; the book-style optimizer classes update a ``params`` dict in
place, as ``common/optimizer.py`` does.
"""
import math

import numpy as np


# ----------------------------------------------------------------------------- gradient descent
def update_parameters_with_gd(parameters, grads, learning_rate):
    """One step of (batch) gradient descent: W[l] ← W[l] − α dW[l], b[l] ← b[l] − α db[l]."""
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    """Shuffle the columns of X (n_x, m) and Y (1, m) together and cut them into mini-batches.

    Returns a list of (mini_batch_X (n_x, k), mini_batch_Y (1, k)); every batch has
    ``mini_batch_size`` columns except the last one, which holds the remainder (if any).
    """
    np.random.seed(seed)
    m = X.shape[1]
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))
    mini_batches = []
    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(num_complete_minibatches):
        mini_batch_X = shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size]
        mini_batch_Y = shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]
        mini_batches.append((mini_batch_X, mini_batch_Y))
    if m % mini_batch_size != 0:
        mini_batch_X = shuffled_X[:, num_complete_minibatches * mini_batch_size:]
        mini_batch_Y = shuffled_Y[:, num_complete_minibatches * mini_batch_size:]
        mini_batches.append((mini_batch_X, mini_batch_Y))
    return mini_batches


# ----------------------------------------------------------------------------- EWA
def exponentially_weighted_average(values, beta, bias_correction=False):
    """v_0 = 0, v_t = β v_{t−1} + (1 − β) θ_t for t = 1..n; with bias correction v_t / (1 − β^t).

    values: 1-D sequence (n,) -> array (n,) of floats.
    """
    values = np.asarray(values, dtype=float)
    out = np.zeros(len(values))
    v = 0.0
    for t in range(1, len(values) + 1):
        v = beta * v + (1 - beta) * values[t - 1]
        out[t - 1] = v / (1 - beta ** t) if bias_correction else v
    return out


# ----------------------------------------------------------------------------- momentum
def initialize_velocity(parameters):
    """v["dW" + str(l)], v["db" + str(l)]: zeros of the shapes of W[l], b[l]."""
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    """v ← β v + (1 − β) dW;  W ← W − α v (same for b). Returns (parameters, v)."""
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            key = "d" + p + str(l)
            v[key] = beta * v[key] + (1 - beta) * grads[key]
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v[key]
    return parameters, v


# ----------------------------------------------------------------------------- Adam
def initialize_adam(parameters):
    """(v, s): two dicts of zeros with keys dW1, db1, ..., shapes of W[l], b[l]."""
    L = len(parameters) // 2
    v, s = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            v["d" + p + str(l)] = np.zeros(parameters[p + str(l)].shape)
            s["d" + p + str(l)] = np.zeros(parameters[p + str(l)].shape)
    return v, s


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    """One Adam step (t counts from 1). Returns (parameters, v, s, v_corrected, s_corrected)."""
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            key = "d" + p + str(l)
            v[key] = beta1 * v[key] + (1 - beta1) * grads[key]
            v_corrected[key] = v[key] / (1 - beta1 ** t)
            s[key] = beta2 * s[key] + (1 - beta2) * grads[key] ** 2
            s_corrected[key] = s[key] / (1 - beta2 ** t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[key] / (
                np.sqrt(s_corrected[key]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


# ----------------------------------------------------------------------------- learning-rate decay
def update_lr(learning_rate0, epoch_num, decay_rate):
    """Inverse-time decay: α = α0 / (1 + decay_rate · epoch_num)."""
    return learning_rate0 / (1 + decay_rate * epoch_num)


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    """Staircase inverse-time decay: α = α0 / (1 + decay_rate · ⌊epoch_num / time_interval⌋)."""
    return learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))


# ----------------------------------------------------------------------------- book §6.1 classes
class SGD:
    """params[key] ← params[key] − lr · grads[key], in place."""

    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params.keys():
            params[key] -= self.lr * grads[key]


class Momentum:
    """v ← momentum · v − lr · grad;  param ← param + v (book form), in place."""

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params.keys():
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]


class AdaGrad:
    """h ← h + grad²;  param ← param − lr · grad / (√h + 1e-7), in place."""

    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params.keys():
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)


class RMSprop:
    """h ← ρ h + (1 − ρ) grad²;  param ← param − lr · grad / (√h + 1e-7), in place."""

    def __init__(self, lr=0.01, decay_rate=0.99):
        self.lr = lr
        self.decay_rate = decay_rate
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params.keys():
            self.h[key] *= self.decay_rate
            self.h[key] += (1 - self.decay_rate) * grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)


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


# ----------------------------------------------------------------------------- concept questions
answer_ewa_window = 50          # β = 0.98 averages over about 1 / (1 − β) = 50 values
answer_bias_correction = {2, 3}  # see the notebook's question
answer_adam_first_step = 0.01   # |Δθ| ≈ α on the first step, whatever the gradient's size

"""Reference solutions, week 8: batch normalisation, train/dev/test splits and random search
(Coursera C2W3; book §6.3 batch normalization, §6.5 validation data and hyperparameter search).

Rows convention: ``x.shape == (N, D)``, one example per row.
"""
import numpy as np


# --------------------------------------------------------------------------- batch norm (CS231n style)
def batchnorm_forward(x, gamma, beta, bn_param):
    """Batch normalisation of x (N, D) with scale gamma (D,) and shift beta (D,).

    bn_param: dict with "mode" ("train" | "test"), optional "eps" (1e-5), "momentum" (0.9),
    "running_mean" / "running_var" (D,) — created as zeros when missing and written back.
    Train: batch statistics (population variance), running = m·running + (1 − m)·batch.
    Test: the running statistics. Returns (out (N, D), cache).
    """
    mode = bn_param["mode"]
    eps = bn_param.get("eps", 1e-5)
    momentum = bn_param.get("momentum", 0.9)
    D = x.shape[1]
    running_mean = bn_param.get("running_mean", np.zeros(D, dtype=x.dtype))
    running_var = bn_param.get("running_var", np.zeros(D, dtype=x.dtype))

    if mode == "train":
        mu = x.mean(axis=0)
        var = x.var(axis=0)                      # population variance (ddof=0)
        x_hat = (x - mu) / np.sqrt(var + eps)
        out = gamma * x_hat + beta
        running_mean = momentum * running_mean + (1 - momentum) * mu
        running_var = momentum * running_var + (1 - momentum) * var
        cache = (x, x_hat, mu, var, gamma, eps)
    elif mode == "test":
        x_hat = (x - running_mean) / np.sqrt(running_var + eps)
        out = gamma * x_hat + beta
        cache = None
    else:
        raise ValueError(f'Invalid forward batchnorm mode "{mode}"')

    bn_param["running_mean"] = running_mean
    bn_param["running_var"] = running_var
    return out, cache


def batchnorm_backward(dout, cache):
    """Gradients of batch norm (train mode): dout (N, D) → (dx (N, D), dgamma (D,), dbeta (D,))."""
    x, x_hat, mu, var, gamma, eps = cache
    N = dout.shape[0]
    inv_std = 1.0 / np.sqrt(var + eps)
    dbeta = dout.sum(axis=0)
    dgamma = np.sum(dout * x_hat, axis=0)
    dx_hat = dout * gamma
    # the three paths into x: directly, through the mean and through the variance
    dx = inv_std / N * (N * dx_hat - dx_hat.sum(axis=0) - x_hat * np.sum(dx_hat * x_hat, axis=0))
    return dx, dgamma, dbeta


# --------------------------------------------------------------------------- batch norm (book style)
class BatchNormalization:
    """Batch normalisation layer, book §6.3 (common/layers.py), rows layout, built on the two
    functions above (as the notebook builds it).

    forward(x (N, D) or (N, C, H, W), train_flg=True) normalises every feature over the batch:
    x̂ = (x − μ) / sqrt(σ² + 1e-7), out = γ x̂ + β. In training it updates
    running = momentum · running + (1 − momentum) · batch statistic; at test time it uses
    the running statistics. backward(dout) returns dx and sets dgamma, dbeta (D,).
    """

    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
        self.gamma = gamma
        self.beta = beta
        self.momentum = momentum
        self.input_shape = None
        self.running_mean = running_mean
        self.running_var = running_var
        self.cache = None
        self.dgamma = None
        self.dbeta = None

    def forward(self, x, train_flg=True):
        self.input_shape = x.shape
        x = x.reshape(x.shape[0], -1)
        # ε = 1e-7 as in the book (whose code writes 10e-7 = 1e-6)
        bn_param = {"mode": "train" if train_flg else "test", "eps": 1e-7, "momentum": self.momentum}
        if self.running_mean is not None:
            bn_param["running_mean"], bn_param["running_var"] = self.running_mean, self.running_var
        out, cache = batchnorm_forward(x, self.gamma, self.beta, bn_param)
        if train_flg:
            self.cache = cache
        self.running_mean, self.running_var = bn_param["running_mean"], bn_param["running_var"]
        return out.reshape(*self.input_shape)

    def backward(self, dout):
        dout = dout.reshape(dout.shape[0], -1)
        dx, self.dgamma, self.dbeta = batchnorm_backward(dout, self.cache)
        return dx.reshape(*self.input_shape)


# --------------------------------------------------------------------------- splits
def train_dev_test_split(X, Y, ratios, seed=0):
    """Shuffle the rows of X (N, ...) and Y (N, ...) together and cut them into three parts.

    n_train = round(ratios[0]·N), n_dev = round(ratios[1]·N), n_test = the rest.
    Returns X_train, Y_train, X_dev, Y_dev, X_test, Y_test.
    """
    N = X.shape[0]
    perm = np.random.default_rng(seed).permutation(N)
    n_train = int(round(ratios[0] * N))
    n_dev = int(round(ratios[1] * N))
    train, dev, test = perm[:n_train], perm[n_train:n_train + n_dev], perm[n_train + n_dev:]
    return X[train], Y[train], X[dev], Y[dev], X[test], Y[test]


# --------------------------------------------------------------------------- random search
def sample_log_uniform(low_exp, high_exp, size, rng):
    """10**r with r ~ U(low_exp, high_exp): values in [10**low_exp, 10**high_exp], array of shape size."""
    r = rng.uniform(low_exp, high_exp, size)
    return 10.0 ** r


def sample_beta(low, high, size, rng):
    """β in [low, high] with 1 − β log-uniform: β = 1 − 10**r, r ~ U(log10(1 − high), log10(1 − low))."""
    r = rng.uniform(np.log10(1 - high), np.log10(1 - low), size)
    return 1.0 - 10.0 ** r


def random_search(train_fn, n_trials, rng):
    """Try n_trials random configurations; return (best_config, trials).

    Each trial: learning_rate = sample_log_uniform(-4, -1, 1, rng)[0], then
    beta = sample_beta(0.9, 0.999, 1, rng)[0] (both Python floats),
    config = {"learning_rate": ..., "beta": ...}, score = train_fn(config).
    trials: list of dicts {"learning_rate", "beta", "score"} in the order tried;
    best_config: the config (learning_rate, beta) of the trial with the highest score.
    """
    trials = []
    for _ in range(n_trials):
        config = {"learning_rate": float(sample_log_uniform(-4, -1, 1, rng)[0]),
                  "beta": float(sample_beta(0.9, 0.999, 1, rng)[0])}
        score = train_fn(config)
        trials.append({**config, "score": score})
    best = max(trials, key=lambda t: t["score"])
    best_config = {"learning_rate": best["learning_rate"], "beta": best["beta"]}
    return best_config, trials


# --------------------------------------------------------------------------- concept questions
answer_bn_test_time = {2, 4}
answer_bn_param_count = 100
answer_split_choices = {1, 3}
answer_beta_uniform_fraction = 0.0909   # (0.999 − 0.99) / (0.999 − 0.9)

"""Probes of week 7 — optimization methods (see autograder.probes for the contract)."""
import numpy as np

from autograder.probes import Case, ProbeSet
from course.checks import CheckError, compare
from course.i18n import tr
from course.optim import check_mini_batches, run_updates

probes = ProbeSet("w07_optimization")


# ----------------------------------------------------------------------------- data makers
def _params(rng, dims, bias_scale=0.5):
    """W[l] (n[l], n[l-1]) and non-zero b[l] (n[l], 1) for layer sizes ``dims``."""
    out = {}
    for l in range(1, len(dims)):
        out[f"W{l}"] = rng.normal(size=(dims[l], dims[l - 1]))
        out[f"b{l}"] = rng.normal(size=(dims[l], 1)) * bias_scale
    return out


def _grads(rng, dims, scale=1.0):
    out = {}
    for l in range(1, len(dims)):
        out[f"dW{l}"] = rng.normal(size=(dims[l], dims[l - 1])) * scale
        out[f"db{l}"] = rng.normal(size=(dims[l], 1)) * scale
    return out


def _state(rng, dims, positive=False, scale=0.1):
    """A velocity-like dict (keys dW1, db1, ...); ``positive`` for second moments s."""
    g = _grads(rng, dims, scale)
    return {k: np.abs(v) if positive else v for k, v in g.items()}


def _zeros(dims):
    out = {}
    for l in range(1, len(dims)):
        out[f"dW{l}"] = np.zeros((dims[l], dims[l - 1]))
        out[f"db{l}"] = np.zeros((dims[l], 1))
    return out


# ----------------------------------------------------------------------------- gradient descent
@probes.cases("update_parameters_with_gd")
def _(rng):
    for dims, lr in (([3, 5, 2], 0.1), ([4, 3, 2, 1], 0.01), ([2, 1], 1.5), ([6, 4, 4, 3, 1], 0.3)):
        yield Case(f"layers {dims}, learning_rate={lr}", _params(rng, dims), _grads(rng, dims), lr)


# ----------------------------------------------------------------------------- mini-batches
def _minibatch_case(rng, label, n_x, m, *size_and_seed, float_labels=False, **kwargs):
    X = rng.normal(size=(n_x, m))
    Y = rng.normal(size=(1, m)) if float_labels else rng.integers(0, 2, size=(1, m)).astype(float)
    return Case(label, X, Y, *size_and_seed, **kwargs)


@probes.cases("random_mini_batches")
def _(rng):
    yield _minibatch_case(rng, "X (3, 148), mini_batch_size=64", 3, 148, 64)
    yield _minibatch_case(rng, "X (2, 128), mini_batch_size=64 (no remainder)", 2, 128, 64)
    yield _minibatch_case(rng, "X (4, 10), mini_batch_size=64 (a single, small batch)", 4, 10, 64)
    yield _minibatch_case(rng, "X (2, 7), mini_batch_size=1", 2, 7, 1, 5)
    yield _minibatch_case(rng, "X (5, 53), mini_batch_size=16, seed=3 (real-valued Y)", 5, 53, 16, 3,
                          float_labels=True)
    yield _minibatch_case(rng, "X (2, 300) with the default mini_batch_size and seed", 2, 300)


@probes.call("random_mini_batches")
def _(ns, case):
    args, kwargs = case.copied()
    first = ns["random_mini_batches"](*args, **kwargs)
    args, kwargs = case.copied()
    again = ns["random_mini_batches"](*args, **kwargs)
    return {"batches": list(first) if isinstance(first, tuple) else first,
            "again": list(again) if isinstance(again, tuple) else again}


def judge_mini_batches(got, expected, case):
    """Properties of a correct split (see course.optim.check_mini_batches), and reproducibility."""
    X, Y = case.args[0], case.args[1]
    size = case.args[2] if len(case.args) > 2 else case.kwargs.get("mini_batch_size", 64)
    name = f"random_mini_batches({case.label})"
    check_mini_batches(got["batches"], X, Y, size, name)
    try:
        compare(got["again"], got["batches"], "second call")
    except CheckError:
        raise CheckError(tr(f"{name}: two calls with the same seed gave different mini-batches — seed the "
                            "random generator with `seed` (np.random.seed(seed)) before shuffling.",
                            f"{name}: 同じ seed で 2 回呼ぶと違うミニバッチになりました。シャッフルの前に "
                            "`seed` で乱数生成器のシードを設定してください (np.random.seed(seed))。")) from None


probes.judge("random_mini_batches")(judge_mini_batches)


# ----------------------------------------------------------------------------- EWA
@probes.cases("exponentially_weighted_average", check_inputs=True)
def _(rng):
    series = rng.normal(size=25) + 10
    yield Case("25 values, beta=0.9", series, 0.9)
    yield Case("25 values, beta=0.9, bias_correction=True", series, 0.9, bias_correction=True)
    yield Case("40 values, beta=0.5, bias_correction=True", rng.normal(size=40) * 5, 0.5, True)
    yield Case("12 values, beta=0.98", rng.normal(size=12) + 3, 0.98, False)
    yield Case("a single value, beta=0.8, bias_correction=True", np.array([4.0]), 0.8, True)


# ----------------------------------------------------------------------------- momentum
@probes.cases("initialize_velocity", check_inputs=True)
def _(rng):
    for dims in ([3, 5, 2], [4, 3, 2, 1], [2, 1], [7, 6, 5, 4, 3]):
        yield Case(f"layers {dims}", _params(rng, dims))


@probes.cases("update_parameters_with_momentum")
def _(rng):
    for dims, beta, lr in (([3, 5, 2], 0.9, 0.01), ([4, 3, 2, 1], 0.5, 0.1), ([2, 1], 0.99, 1.0)):
        yield Case(f"layers {dims}, beta={beta}, learning_rate={lr}, non-zero v",
                   _params(rng, dims), _grads(rng, dims), _state(rng, dims), beta, lr)
    dims = [3, 2, 1]
    yield Case("layers [3, 2, 1], v all zeros (the first step)", _params(rng, dims), _grads(rng, dims),
               _zeros(dims), 0.9, 0.05)


# ----------------------------------------------------------------------------- Adam
@probes.cases("initialize_adam", check_inputs=True)
def _(rng):
    for dims in ([3, 5, 2], [4, 3, 2, 1], [2, 1], [7, 6, 5, 4, 3]):
        yield Case(f"layers {dims}", _params(rng, dims))


@probes.call("initialize_adam")
def _(ns, case):
    args, kwargs = case.copied()
    out = ns["initialize_adam"](*args, **kwargs)
    if isinstance(out, tuple) and len(out) == 2 and out[0] is out[1]:
        raise CheckError(tr("initialize_adam: v and s are the same dict (v = s = {} makes one dict with "
                            "two names) — create two separate dicts.",
                            "initialize_adam: v と s が同じ dict です (v = s = {} は 1 つの dict に 2 つの名前を"
                            "付けるだけです)。別々の dict を 2 つ作ってください。"))
    if isinstance(out, tuple) and len(out) == 2 and all(isinstance(d, dict) for d in out):
        for key, value in out[0].items():
            if out[1].get(key) is value:
                raise CheckError(tr(f'initialize_adam: v["{key}"] and s["{key}"] are the same array — give each '
                                    "its own np.zeros(...).",
                                    f'initialize_adam: v["{key}"] と s["{key}"] が同じ配列です。それぞれに別の '
                                    "np.zeros(...) を与えてください。"))
    return out


@probes.cases("update_parameters_with_adam")
def _(rng):
    for dims, t, lr in (([3, 5, 2], 3, 0.01), ([4, 3, 2, 1], 10, 0.1), ([2, 3, 1], 2, 0.02)):
        yield Case(f"layers {dims}, t={t}, learning_rate={lr}, non-zero v and s",
                   _params(rng, dims), _grads(rng, dims), _state(rng, dims),
                   _state(rng, dims, positive=True, scale=0.01), t, lr)
    dims = [3, 4, 1]
    grads = _grads(rng, dims, scale=1e-4)      # tiny gradients: where ε goes matters
    grads["db1"][0, 0] = 0.0                   # a zero gradient: 0 / (0 + ε) must stay 0
    yield Case("layers [3, 4, 1], t=1, v and s zeros, tiny gradients (1e-4)", _params(rng, dims), grads,
               _zeros(dims), _zeros(dims), 1)
    dims = [2, 2, 1]
    yield Case("layers [2, 2, 1], t=5, beta1=0.8, beta2=0.99, epsilon=1e-6", _params(rng, dims),
               _grads(rng, dims), _state(rng, dims), _state(rng, dims, positive=True), 5,
               learning_rate=0.05, beta1=0.8, beta2=0.99, epsilon=1e-6)


# ----------------------------------------------------------------------------- learning-rate decay
_UPDATE_LR = [("learning_rate0=0.5, epoch 0", 0.5, 0, 1.0),
              ("learning_rate0=0.5, epoch 2, decay_rate=1", 0.5, 2, 1.0),
              ("learning_rate0=0.1, epoch 10, decay_rate=0.3", 0.1, 10, 0.3),
              ("learning_rate0=0.01, epoch 2500, decay_rate=0.001", 0.01, 2500, 0.001),
              ("learning_rate0=2.0, epoch 7, decay_rate=3", 2.0, 7, 3.0)]
_SCHEDULE = [("epoch 0", (0.5, 0, 1.0), {}),
             ("epoch 999 (still the first step of the staircase)", (0.5, 999, 1.0), {}),
             ("epoch 1000 (the first drop)", (0.5, 1000, 1.0), {}),
             ("epoch 2500, decay_rate=0.3", (0.1, 2500, 0.3), {}),
             ("epoch 35, time_interval=10", (0.2, 35, 0.5, 10), {}),
             ("epoch 100, time_interval=100", (0.2, 100, 2.0), {"time_interval": 100}),
             ("epoch 7, time_interval=3, decay_rate=1", (1.0, 7, 1.0, 3), {})]


@probes.cases("lr_decay", parts=("update_lr", "schedule_lr_decay"))
def _(rng):
    for label, *args in _UPDATE_LR:
        yield Case(f"update_lr: {label}", "update_lr", tuple(args), {})
    for label, args, kwargs in _SCHEDULE:
        yield Case(f"schedule_lr_decay: {label}", "schedule_lr_decay", args, kwargs)


@probes.call("lr_decay")
def _(ns, case):
    (function, args, kwargs), _ = case.copied()
    if function not in ns:
        raise CheckError(tr(f"`{function}` is not defined: run the cell that defines it (and keep the name `{function}`).",
                            f"`{function}` が定義されていません。定義するセルを実行してください (名前は `{function}` のまま)。"))
    return ns[function](*args, **kwargs)


@probes.judge("lr_decay")
def _(got, expected, case):
    function, args, kwargs = case.args
    compare(got, expected, f"{function}({', '.join(map(str, args))}"
            + "".join(f", {k}={v}" for k, v in kwargs.items()) + ")")


# ----------------------------------------------------------------------------- optimizer classes
def _book_params(rng):
    return {"W1": rng.normal(size=(3, 4)), "b1": rng.normal(size=4), "W2": rng.normal(size=(4, 2))}


def _book_grads(rng, steps, scale=1.0):
    seq = []
    for _ in range(steps):
        seq.append({"W1": rng.normal(size=(3, 4)) * scale, "b1": rng.normal(size=4) * scale,
                    "W2": rng.normal(size=(4, 2)) * scale})
    return seq


def _class_cases(extra_kwargs):
    def make(rng):
        yield Case("default hyperparameters, 3 update() calls", {}, _book_params(rng), _book_grads(rng, 3))
        yield Case(f"{extra_kwargs}, 4 update() calls", dict(extra_kwargs), _book_params(rng),
                   _book_grads(rng, 4))
        grads = _book_grads(rng, 3, scale=1e-4)
        grads[0]["b1"][0] = 0.0
        yield Case("tiny gradients (1e-4) with one exactly 0, 3 update() calls", {"lr": 0.1},
                   _book_params(rng), grads)
        yield Case("0-d parameters x, y as in the f(x, y) demo, 5 update() calls", {},
                   {"x": np.array(-7.0), "y": np.array(2.0)},
                   [{"x": np.array(x / 10.0), "y": np.array(2.0 * y)}
                    for x, y in rng.normal(size=(5, 2)) * 3])
    return make


def _class_call(name):
    def call(ns, case):
        (kwargs, params, grad_seq), _ = case.copied()
        return run_updates(ns[name](**kwargs), params, grad_seq, f"{name} ({case.label})")
    return call


def _sgd_momentum_cases(rng):
    for name, extra in (("SGD", {"lr": 0.1}), ("Momentum", {"lr": 0.05, "momentum": 0.5})):
        for case in _class_cases(extra)(rng):
            yield Case(f"{name}: {case.label}", name, *case.args)


def _sgd_momentum_call(ns, case):
    (name, kwargs, params, grad_seq), _ = case.copied()
    if name not in ns:
        raise CheckError(tr(f"`{name}` is not defined: run the cell that defines it (and keep the name `{name}`).",
                            f"`{name}` が定義されていません。定義するセルを実行してください (名前は `{name}` のまま)。"))
    return run_updates(ns[name](**kwargs), params, grad_seq, f"{name} ({case.label})")


_CLASS_EXTRAS = {
    "AdaGrad": {"lr": 0.3},
    "RMSprop": {"lr": 0.02, "decay_rate": 0.9},
    "Adam": {"lr": 0.01, "beta1": 0.8, "beta2": 0.99},
}
probes.cases("SGD_Momentum", parts=("SGD", "Momentum"))(_sgd_momentum_cases)
probes.call("SGD_Momentum")(_sgd_momentum_call)
for _name, _extra in _CLASS_EXTRAS.items():
    probes.cases(_name)(_class_cases(_extra))
    probes.call(_name)(_class_call(_name))


# ----------------------------------------------------------------------------- concept questions
probes.answer("concept_ewa_window", "answer_ewa_window", tr(
    "An exponentially weighted average with parameter β averages over roughly the last "
    "1/(1 − β) values: 1/(1 − 0.98) = 50.",
    "パラメータ β の指数加重移動平均は、おおよそ直近 1/(1 − β) 個の値を平均します: 1/(1 − 0.98) = 50 です。"))
probes.answer("concept_bias_correction", "answer_bias_correction", tr(
    "Because v₀ = 0, the first averages are pulled towards 0 (2), and dividing by 1 − βᵗ "
    "fixes that; the factor 1/(1 − βᵗ) tends to 1 as t grows (3), so the correction "
    "matters early in training, not late (1 is false). It does not remove the lag of a "
    "large β, which still averages over about 1/(1 − β) values (4 is false).",
    "v₀ = 0 なので最初の平均は 0 の方へ引っ張られ (2)、1 − βᵗ で割るとそれが直ります。係数 1/(1 − βᵗ) は "
    "t が大きくなると 1 に近づくので (3)、補正が効くのは学習の初めで、終わりではありません (1 は誤り)。"
    "大きい β による遅れはなくならず、やはり約 1/(1 − β) 個の値を平均します (4 は誤り)。"))
probes.answer("concept_adam_first_step", "answer_adam_first_step", tr(
    "At t = 1 the update is α · dW/√(dW²) = α · sign(dW): the gradient's size cancels, "
    "so the weight moves by the learning rate itself, 0.01, whether the gradient is 5.0 "
    "or 0.001.",
    "t = 1 の更新量は α · dW/√(dW²) = α · sign(dW) で、勾配の大きさが打ち消し合います。そのため勾配が "
    "5.0 でも 0.001 でも、重みは学習率そのもの、0.01 だけ動きます。"))

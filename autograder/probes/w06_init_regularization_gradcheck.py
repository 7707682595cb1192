"""Probes of week 6 (see autograder.probes for the contract).

Random exercises (the four initialisations, the dropout forward pass, the book's Dropout
layer) are judged by properties — shapes, zero biases, the empirical scale of every weight
matrix, mask rates, the consistency of the cache — so that a correct answer drawing its
random numbers in another way keeps every point. Tolerances on rates and standard deviations
are fitted to the number of samples (5 standard errors).
"""
import math

import numpy as np

from autograder.probes import Case, ProbeSet, normal_draw_tolerances
from course.checks import CheckError, check_close, check_scalar, check_shape, check_type, compare
from course.dnn_utils import backward_propagation, forward_propagation

probes = ProbeSet("w06_init_regularization_gradcheck")
W = "w06_init_regularization_gradcheck"


def _fail(msg):
    raise CheckError(msg)


# --------------------------------------------------------------------------- helpers (data)
def _parameters(rng, dims, bias_scale=0.5):
    """Random weights and NON-zero biases (so that a regulariser that includes b shows)."""
    p = {}
    for l in range(1, len(dims)):
        p[f"W{l}"] = rng.normal(size=(dims[l], dims[l - 1])) / math.sqrt(dims[l - 1])
        p[f"b{l}"] = rng.normal(size=(dims[l], 1)) * bias_scale
    return p


def _labels(rng, m):
    Y = rng.integers(0, 2, size=(1, m)).astype(float)
    Y[0, 0], Y[0, -1] = 1.0, 0.0 if m > 1 else 1.0  # both classes when m > 1
    return Y


def _relu(z):
    return np.maximum(z, 0)


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


# --------------------------------------------------------------------------- 1 initialisation
_INIT_DIMS = [
    ("the course's [2, 10, 5, 1]", [2, 10, 5, 1]),
    ("large layers [300, 200, 100, 1]", [300, 200, 100, 1]),
    ("a single layer [7, 1]", [7, 1]),
    ("a wide layer [50, 400, 3]", [50, 400, 3]),
    ("five layers [120, 80, 60, 40, 2]", [120, 80, 60, 40, 2]),
]

_INIT_SCALE = {
    "initialize_parameters_zeros": lambda n_prev: 0.0,
    "initialize_parameters_random": lambda n_prev: 10.0,
    "initialize_parameters_he": lambda n_prev: math.sqrt(2.0 / n_prev),
    "initialize_parameters_xavier": lambda n_prev: math.sqrt(1.0 / n_prev),
}

_SCALE_WORDS = {
    "initialize_parameters_zeros": "0",
    "initialize_parameters_random": "10 (np.random.randn(...) * 10)",
    "initialize_parameters_he": "√(2 / n[l-1])",
    "initialize_parameters_xavier": "√(1 / n[l-1])",
}


def _scale_hint(name, std, dims, l):
    """Name the usual wrong scale when the measured std matches it."""
    n_prev, n_cur = dims[l - 1], dims[l]
    candidates = [
        (2.0 / math.sqrt(n_prev), "2 / √n[l-1] — the common slip: He is √(2 / n[l-1]) (the square root of the whole fraction)"),
        (math.sqrt(2.0 / n_prev), "√(2 / n[l-1]), He's scale"),
        (math.sqrt(1.0 / n_prev), "√(1 / n[l-1]), Xavier's scale"),
        (1.0 / n_prev, "1 / n[l-1] — the square root is missing"),
        (2.0 / n_prev, "2 / n[l-1] — that is the variance; the standard deviation is its square root"),
        (math.sqrt(2.0 / n_cur), "√(2 / n[l]) — use the number of INPUTS of the layer, n[l-1]"),
        (math.sqrt(1.0 / n_cur), "√(1 / n[l]) — use the number of INPUTS of the layer, n[l-1]"),
        (1.0, "1: np.random.randn without any scale factor"),
        (0.01, "0.01: the small-random scale of week 3"),
        (10.0, "10: the ×10 of initialize_parameters_random"),
    ]
    if name == "initialize_parameters_he":
        candidates = [c for c in candidates if not c[1].startswith("√(2 / n[l-1]), He")]
    if name == "initialize_parameters_xavier":
        candidates = [c for c in candidates if not c[1].startswith("√(1 / n[l-1]), X")]
    for value, words in candidates:
        if value > 0 and abs(std / value - 1) < 0.05:
            return f" — this looks like {words}"
    return ""


def _init_judge(name):
    def judge(got, expected, case):
        dims = case.args[0]
        label = f"{name}({dims})"
        check_type(got, dict, label)
        want_keys = sorted(expected)
        if sorted(got) != want_keys:
            _fail(f"{label} has keys {sorted(got)}, expected {want_keys} "
                  "(W1, b1, …, one pair per layer l = 1 … L-1: loop over range(1, len(layers_dims))).")
        for l in range(1, len(dims)):
            Wl, bl = got[f"W{l}"], got[f"b{l}"]
            check_shape(Wl, (dims[l], dims[l - 1]), f'{label}["W{l}"]')
            check_shape(bl, (dims[l], 1), f'{label}["b{l}"]')
            if not np.all(bl == 0):
                _fail(f'{label}["b{l}"] should be all zeros: biases start at 0 — only W breaks the symmetry.')
            target = _INIT_SCALE[name](dims[l - 1])
            if target == 0:
                if not np.all(Wl == 0):
                    _fail(f'{label}["W{l}"] should be all zeros (np.zeros((n[l], n[l-1]))), '
                          f"got values with standard deviation {np.std(Wl):.3g}.")
                continue
            n = Wl.size
            std, mean = float(np.std(Wl)), float(np.mean(Wl))
            if std == 0:
                _fail(f'{label}["W{l}"] has all its values equal ({mean:.3g}): the weights must be '
                      "random, or every unit of the layer computes the same thing (symmetry).")
            if n < 30:  # a handful of values says little about the scale
                continue
            if n < 200:  # too few samples for a precise scale: only an order-of-magnitude check
                if not target / 4 < std < target * 4:
                    _fail(f'{label}["W{l}"] has standard deviation {std:.3g}, expected about '
                          f"{target:.3g} = {_SCALE_WORDS[name]}{_scale_hint(name, std, dims, l)}.")
                continue
            mean_tol, std_tol = normal_draw_tolerances(n)
            tol = std_tol + 0.005
            if abs(std / target - 1) > tol:
                _fail(f'{label}["W{l}"] ({n} values) has standard deviation {std:.4g}, expected '
                      f"{target:.4g} = {_SCALE_WORDS[name]} (±{tol:.1%})"
                      f"{_scale_hint(name, std, dims, l)}.")
            if abs(mean) > mean_tol * target + 1e-12:
                _fail(f'{label}["W{l}"] has mean {mean:.4g}, expected about 0: draw from a '
                      "zero-mean normal distribution (np.random.randn), not np.random.rand (uniform on [0, 1)).")
    return judge


for _name in _INIT_SCALE:
    probes.cases(_name, check_inputs=True)(
        lambda rng: [Case(label, list(dims)) for label, dims in _INIT_DIMS])
    probes.judge(_name)(_init_judge(_name))


# --------------------------------------------------------------------------- 2 L2 regularisation
def _reg_inputs(rng, dims, m):
    p = _parameters(rng, dims)
    X = rng.normal(size=(dims[0], m))
    Y = _labels(rng, m)
    A3, cache = forward_propagation(X, p)
    return p, X, Y, A3, cache


@probes.cases("compute_cost_with_regularization", check_inputs=True)
def _(rng):
    for label, dims, m, lambd in [("[3, 4, 2, 1], m = 5, λ = 0.1", [3, 4, 2, 1], 5, 0.1),
                                  ("[5, 7, 3, 1], a single example, λ = 0.7", [5, 7, 3, 1], 1, 0.7),
                                  ("[2, 20, 3, 1], m = 30, λ = 3", [2, 20, 3, 1], 30, 3.0),
                                  ("λ = 0 (plain cross-entropy)", [4, 6, 5, 1], 8, 0.0)]:
        p, X, Y, A3, _ = _reg_inputs(rng, dims, m)
        yield Case(label, A3, Y, p, lambd)


@probes.judge("compute_cost_with_regularization")
def _(got, expected, case):
    A3, Y, p, lambd = case.args
    m = Y.shape[1]
    ce = float(-np.mean(Y * np.log(A3) + (1 - Y) * np.log(1 - A3)))
    w2 = sum(float(np.sum(p[k] ** 2)) for k in ("W1", "W2", "W3"))
    b2 = sum(float(np.sum(p[k] ** 2)) for k in ("b1", "b2", "b3"))
    near = lambda v: (lambda g, e: abs(v - float(e)) > 1e-9 and math.isclose(float(g), v, rel_tol=1e-6))
    check_scalar(got, expected, f"compute_cost_with_regularization({case.label})", hints=[
        (near(ce + lambd / 2 * w2), "the L2 term is not divided by m: it is λ/(2m) · Σ‖W‖²"),
        (near(ce + lambd / (2 * m) * (w2 + b2)), "the biases are included: only the weights W1, W2, W3 are regularised"),
        (near(ce + lambd / m * w2), "the factor 1/2 is missing: the term is λ/(2m) · Σ‖W‖²"),
        (near(lambd / (2 * m) * w2), "the cross-entropy part is missing: add compute_cost(A3, Y)"),
    ])


@probes.cases("backward_propagation_with_regularization", check_inputs=True)
def _(rng):
    for label, dims, m, lambd in [("[3, 2, 3, 1], m = 5, λ = 0.7", [3, 2, 3, 1], 5, 0.7),
                                  ("[4, 6, 5, 1], a single example, λ = 0.1", [4, 6, 5, 1], 1, 0.1),
                                  ("[2, 20, 3, 1], m = 40, λ = 3", [2, 20, 3, 1], 40, 3.0),
                                  ("[5, 3, 8, 1], m = 7, λ = 0", [5, 3, 8, 1], 7, 0.0)]:
        p, X, Y, A3, cache = _reg_inputs(rng, dims, m)
        yield Case(label, X, Y, cache, lambd)


@probes.judge("backward_propagation_with_regularization")
def _(got, expected, case):
    X, Y, cache, lambd = case.args
    m = X.shape[1]
    name = f"backward_propagation_with_regularization({case.label})"
    check_type(got, dict, name)
    weights = {"dW1": cache[2], "dW2": cache[6], "dW3": cache[10]}
    for key in ("dW3", "dW2", "dW1", "db3", "db2", "db1"):
        if key not in got:
            continue
        g, e = np.asarray(got[key]), expected[key]
        if key in weights and g.shape == e.shape and lambd:
            plain = e - lambd / m * weights[key]
            hints = [(lambda g, e, plain=plain, Wl=weights[key]: np.allclose(g, plain + lambd * Wl),
                      "the L2 term is λ·W: divide it by m — d/dW of λ/(2m)·‖W‖² is (λ/m)·W"),
                     (lambda g, e, plain=plain, Wl=weights[key]: np.allclose(g, plain + 2 * lambd / m * Wl),
                      "the L2 term is 2λ/m·W: the 2 of W² cancels the 1/2 of λ/(2m)"),
                     (lambda g, e, plain=plain: np.allclose(g, plain),
                      "the L2 term (λ/m)·W is missing from this gradient")]
            check_close(g, e, f'{name}["{key}"]', hints=hints, m=m)
        if key.startswith("db") and g.shape == e.shape and lambd:
            bl = cache[{"db1": 3, "db2": 7, "db3": 11}[key]]
            check_close(g, e, f'{name}["{key}"]', m=m, hints=[
                (lambda g, e, bl=bl: np.allclose(g, e + lambd / m * bl),
                 "db has an L2 term: the biases are not regularised, so db is the same as without L2")])
    compare(got, expected, name, m=m)


# --------------------------------------------------------------------------- 3 dropout
@probes.cases("forward_propagation_with_dropout", check_inputs=True)
def _(rng):
    for label, dims, m, kp in [("[3, 50, 40, 1], m = 40, keep_prob = 0.7", [3, 50, 40, 1], 40, 0.7),
                               ("[2, 20, 3, 1], m = 100, keep_prob = 0.86", [2, 20, 3, 1], 100, 0.86),
                               ("[5, 60, 50, 1], m = 30, keep_prob = 0.3", [5, 60, 50, 1], 30, 0.3),
                               ("[4, 30, 30, 1], a single example, keep_prob = 0.8", [4, 30, 30, 1], 1, 0.8)]:
        p = _parameters(rng, dims)
        X = rng.normal(size=(dims[0], m))
        yield Case(label, X, p, keep_prob=kp)
    p = _parameters(rng, [3, 40, 50, 1])
    yield Case("[3, 40, 50, 1], m = 40, keep_prob left at its default 0.5", rng.normal(size=(3, 40)), p)


def _check_mask(D, A_shape, name, kp, label):
    check_shape(D, A_shape, f"{name} ({label})")
    values = np.unique(D)
    if not np.all(np.isin(values, [0, 1])):
        _fail(f"{name} ({label}) should hold only 0 and 1 (keep / drop), got values like {values[:5]} — "
              "did you keep np.random.rand(...) itself instead of (np.random.rand(...) < keep_prob)?")
    n = D.size
    rate = float(np.mean(D))
    tol = 5.0 * math.sqrt(kp * (1 - kp) / n) + 0.01
    if abs(rate - kp) > tol:
        hint = ""
        if abs(rate - (1 - kp)) <= tol:
            hint = (" — you keep about 1 − keep_prob of the units: a unit is KEPT when "
                    "np.random.rand(...) < keep_prob")
        elif abs(rate - 0.5 * (1 + math.erf(kp / math.sqrt(2)))) <= tol:
            hint = (" — that is P(np.random.randn(...) < keep_prob): use np.random.rand (uniform on "
                    "[0, 1)), not randn (normal)")
        _fail(f"{name} ({label}) keeps {rate:.1%} of the units, expected keep_prob = {kp:.0%} "
              f"(±{tol:.1%} for {n} draws){hint}.")


def _judge_dropout_forward(got, case):
    X, p = case.args
    kp = case.kwargs.get("keep_prob", 0.5)
    label = case.label
    if not (isinstance(got, tuple) and len(got) == 2):
        _fail(f"forward_propagation_with_dropout({label}) should return the pair (A3, cache).")
    A3, cache = got
    if not (isinstance(cache, tuple) and len(cache) == 14):
        _fail(f"forward_propagation_with_dropout({label}): the cache should be the 14-tuple "
              "(Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3), got "
              f"{type(cache).__name__} of length {len(cache) if hasattr(cache, '__len__') else '?'}.")
    Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3c, W3, b3 = cache
    m = X.shape[1]
    n1, n2 = p["W1"].shape[0], p["W2"].shape[0]
    name = f"forward_propagation_with_dropout({label})"
    check_shape(A3, (1, m), f"{name}: A3")
    for key, value in (("W1", W1), ("b1", b1), ("W2", W2), ("b2", b2), ("W3", W3), ("b3", b3)):
        compare(value, p[key], f"{name}: the cache's {key}")
    check_close(Z1, p["W1"] @ X + p["b1"], f"{name}: Z1 (= W1 X + b1)")
    _check_mask(D1, (n1, m), "D1", kp, label)
    A1_plain = _relu(Z1) * D1
    check_close(A1, A1_plain / kp, f"{name}: A1 (= relu(Z1) · D1 / keep_prob)", hints=[
        (lambda g, e: np.allclose(g, A1_plain), "A1 is not divided by keep_prob: inverted dropout scales "
         "the kept units by 1/keep_prob so that the expected value of A1 does not change"),
        (lambda g, e: np.allclose(g, A1_plain * kp), "A1 is multiplied by keep_prob: divide by it instead"),
        (lambda g, e: np.allclose(g, _relu(Z1)), "A1 is not masked: multiply by D1"),
        (lambda g, e: np.allclose(g, _relu(Z1) / kp), "A1 is not masked: multiply by D1 (the mask) before scaling")])
    check_close(Z2, p["W2"] @ A1 + p["b2"], f"{name}: Z2 (= W2 A1 + b2, with the dropped-out A1)")
    _check_mask(D2, (n2, m), "D2", kp, label)
    A2_plain = _relu(Z2) * D2
    check_close(A2, A2_plain / kp, f"{name}: A2 (= relu(Z2) · D2 / keep_prob)", hints=[
        (lambda g, e: np.allclose(g, A2_plain), "A2 is not divided by keep_prob"),
        (lambda g, e: np.allclose(g, _relu(Z2)), "A2 is not masked: multiply by D2")])
    check_close(Z3, p["W3"] @ A2 + p["b3"], f"{name}: Z3 (= W3 A2 + b3)")
    check_close(A3c, _sigmoid(Z3), f"{name}: the cache's A3 (= sigmoid(Z3)) — the output layer is never dropped")
    check_close(A3, _sigmoid(Z3), f"{name}: A3 (= sigmoid(Z3)) — the output layer is never dropped")


probes.judge("forward_propagation_with_dropout")(lambda got, expected, case: _judge_dropout_forward(got, case))


def _dropout_cache(rng, dims, m, kp):
    """A consistent forward cache with FIXED masks, so reference and student see the same ones."""
    p = _parameters(rng, dims)
    X = rng.normal(size=(dims[0], m))
    Y = _labels(rng, m)
    Z1 = p["W1"] @ X + p["b1"]
    D1 = (rng.random(Z1.shape) < kp).astype(int)
    A1 = _relu(Z1) * D1 / kp
    Z2 = p["W2"] @ A1 + p["b2"]
    D2 = (rng.random(Z2.shape) < kp).astype(int)
    A2 = _relu(Z2) * D2 / kp
    Z3 = p["W3"] @ A2 + p["b3"]
    A3 = _sigmoid(Z3)
    cache = (Z1, D1, A1, p["W1"], p["b1"], Z2, D2, A2, p["W2"], p["b2"], Z3, A3, p["W3"], p["b3"])
    return X, Y, cache


@probes.cases("backward_propagation_with_dropout", check_inputs=True)
def _(rng):
    for label, dims, m, kp in [("[3, 2, 3, 1], m = 5, keep_prob = 0.8", [3, 2, 3, 1], 5, 0.8),
                               ("[2, 20, 3, 1], m = 30, keep_prob = 0.86", [2, 20, 3, 1], 30, 0.86),
                               ("[4, 7, 6, 1], a single example, keep_prob = 0.5", [4, 7, 6, 1], 1, 0.5),
                               ("[5, 9, 4, 1], m = 12, keep_prob = 0.3", [5, 9, 4, 1], 12, 0.3)]:
        X, Y, cache = _dropout_cache(rng, dims, m, kp)
        yield Case(label, X, Y, cache, kp)


@probes.judge("backward_propagation_with_dropout")
def _(got, expected, case):
    X, Y, cache, kp = case.args
    name = f"backward_propagation_with_dropout({case.label})"
    check_type(got, dict, name)
    for key, D in (("dA2", cache[6]), ("dA1", cache[1])):
        if key in got and np.shape(got[key]) == expected[key].shape:
            e = expected[key]
            check_close(got[key], e, f'{name}["{key}"]', hints=[
                (lambda g, e, kp=kp: np.allclose(g, e * kp), "not divided by keep_prob: "
                 "the forward pass divided A by keep_prob, so the backward pass divides dA too"),
                (lambda g, e, kp=kp: np.allclose(g, e * kp * kp), "multiplied by keep_prob: divide by it instead"),
                (lambda g, e, kp=kp: np.allclose(g, e * kp / (1 - kp)),
                 "divided by 1 − keep_prob (the drop probability): divide by keep_prob"),
                (lambda g, e, D=D, kp=kp: (np.allclose(g * D, e) or np.allclose(g * D, e * kp))
                 and not np.allclose(g, g * D),
                 "the mask is not applied: multiply dA by the same D as in the forward pass")])
    compare(got, expected, name, m=X.shape[1])


@probes.cases("Dropout")
def _(rng):
    yield Case("dropout_ratio = 0.3 on a 100×50 batch", 0.3, rng.normal(size=(100, 50)) + 3.0,
               rng.normal(size=(100, 50)))
    yield Case("dropout_ratio = 0.8 on a 4-D (20, 3, 8, 8) batch", 0.8, rng.normal(size=(20, 3, 8, 8)) - 2.0,
               rng.normal(size=(20, 3, 8, 8)))
    yield Case("the default dropout_ratio (0.5), 60×40", None, rng.uniform(0.5, 2.0, size=(60, 40)),
               rng.normal(size=(60, 40)))


@probes.call("Dropout")
def _(ns, case):
    ratio, x, dout = case.copied()[0]
    layer = ns["Dropout"]() if ratio is None else ns["Dropout"](ratio)
    out_train = layer.forward(x.copy()) if ratio is None else layer.forward(x.copy(), train_flg=True)
    dx = layer.backward(dout.copy())
    out_test = layer.forward(x.copy(), train_flg=False)
    return {"train": out_train, "dx": dx, "test": out_test}


@probes.judge("Dropout")
def _(got, expected, case):
    ratio, x, dout = case.args
    r = 0.5 if ratio is None else ratio
    name = f"Dropout ({case.label})"
    check_type(got, dict, name)
    train, dx, test = got["train"], got["dx"], got["test"]
    check_shape(train, x.shape, f"{name}: forward(x, train_flg=True)")
    kept = np.isclose(train, x, rtol=1e-12, atol=0)
    dropped = train == 0
    if not np.all(kept | dropped):
        scaled = np.isclose(train, x / (1 - r)) | dropped
        hint = (" — you scaled the kept units by 1/(1 − dropout_ratio): that is inverted dropout. The "
                "book's layer keeps x unchanged in training and scales at test time instead"
                if np.all(scaled) else "")
        _fail(f"{name}: in training every output must be either x itself (kept) or 0 (dropped){hint}.")
    rate = float(np.mean(dropped))
    tol = 5.0 * math.sqrt(r * (1 - r) / x.size) + 0.01
    if abs(rate - r) > tol:
        hint = (" — you drop about 1 − dropout_ratio: a unit is DROPPED with probability dropout_ratio "
                "(self.mask = np.random.rand(*x.shape) > self.dropout_ratio keeps the others)"
                if abs(rate - (1 - r)) <= tol else "")
        _fail(f"{name}: forward in training drops {rate:.1%} of the units, expected dropout_ratio = "
              f"{r:.0%} (±{tol:.1%}){hint}.")
    check_shape(dx, x.shape, f"{name}: backward(dout)")
    check_close(dx, dout * kept, f"{name}: backward(dout) (= dout where the unit was kept, else 0)", hints=[
        (lambda g, e: np.allclose(g, dout), "the mask is not applied in backward: dropped units pass no gradient"),
        (lambda g, e: np.allclose(g * (1 - r), e), "backward scales by 1/(1 − dropout_ratio): the book's "
         "layer does not scale in training")])
    check_close(test, x * (1 - r), f"{name}: forward(x, train_flg=False) (= x · (1 − dropout_ratio))", hints=[
        (lambda g, e: np.allclose(g, x), "at test time the book's layer multiplies by (1 − dropout_ratio): "
         "it did not scale in training, so the expected input of the next layer must match"),
        (lambda g, e: np.allclose(g, x * r), "multiplied by dropout_ratio: the fraction KEPT is 1 − dropout_ratio")])


# --------------------------------------------------------------------------- 4 gradient checking
_SCALARS = [("x = 3, θ = 4", 3.0, 4.0), ("x = −2.5, θ = 1.5", -2.5, 1.5), ("x = 0.5, θ = −8", 0.5, -8.0),
            ("x = 12, θ = 0", 12.0, 0.0)]

for _name in ("forward_propagation_1d", "backward_propagation_1d"):
    probes.cases(_name)(lambda rng: [Case(label, x, theta) for label, x, theta in _SCALARS]
                        + [Case("random x, θ", float(rng.normal() * 5), float(rng.normal() * 5))])

_BROKEN_1D = {
    "x + 1": lambda x, theta: x + 1,
    "θ": lambda x, theta: theta,
    "x / 2": lambda x, theta: x / 2,
}


@probes.cases("gradient_check")
def _(rng):
    yield Case("x = 2, θ = 4 (correct backward)", 2.0, 4.0)
    yield Case("x = −3.5, θ = 0.7 (correct backward)", -3.5, 0.7)
    yield Case("x = 2, θ = 4, a backward that returns x + 1", 2.0, 4.0, broken="x + 1")
    yield Case("x = −3.5, θ = 0.7, a backward that returns θ", -3.5, 0.7, broken="θ")
    yield Case("x = 5, θ = −1, a backward that returns x / 2", 5.0, -1.0, broken="x / 2")
    yield Case("x = 1.5, θ = 2, ε = 1e-4, a backward that returns x + 1", 1.5, 2.0, broken="x + 1", epsilon=1e-4)


@probes.call("gradient_check")
def _(ns, case):
    """Runs gradient_check; for 'broken' cases with backward_propagation_1d temporarily replaced
    (in the function's own globals) by a deliberately wrong one."""
    args, kwargs = case.copied()
    broken = kwargs.pop("broken", None)
    fn = ns["gradient_check"]
    if broken is None:
        return fn(*args, **kwargs)
    g = getattr(fn, "__globals__", ns)
    missing = object()
    saved = g.get("backward_propagation_1d", missing)
    g["backward_propagation_1d"] = _BROKEN_1D[broken]
    try:
        return fn(*args, **kwargs)
    finally:
        if saved is missing:
            del g["backward_propagation_1d"]
        else:
            g["backward_propagation_1d"] = saved


def _difference_judge(name, extra_hints):
    def judge(got, expected, case):
        label = f"{name}({case.label})"
        check_type(got, (float, int), label)
        if expected < 1e-5:  # a correct backward: only rounding errors remain
            if not (0 <= got < 1e-6):
                _fail(f"{label} = {got:.3g}, expected a tiny relative difference (< 1e-6, the reference "
                      f"gives {expected:.1e}) — the gradient here is correct: check the two-sided "
                      "difference (J⁺ − J⁻) / (2ε) and the normalisation.")
        else:
            check_scalar(got, expected, label, rtol=1e-3, atol=0, hints=extra_hints(case))
    return judge


def _hints_1d(case):
    args, kwargs = case.args, case.kwargs
    x, theta = args
    broken = kwargs.get("broken")
    if broken is None:
        return []
    grad = _BROKEN_1D[broken](x, theta)
    near = lambda v: (lambda g, e: math.isclose(float(g), v, rel_tol=1e-3))
    return [(near(abs(grad - 2 * x) / (abs(grad) + abs(2 * x))),
             "the estimate is divided by ε instead of 2ε: (J(θ+ε) − J(θ−ε)) spans 2ε"),
            (near(abs(grad - x)), "the difference is not normalised: divide ‖grad − gradapprox‖ by "
             "‖grad‖ + ‖gradapprox‖"),
            (near(abs(grad - x) / abs(grad)) if grad else (lambda g, e: False),
             "the denominator is ‖grad‖ + ‖gradapprox‖, not ‖grad‖ alone"),
            (lambda g, e: float(g) < 1e-6, "the difference is 0 although this backward is wrong: call backward_propagation_1d(x, theta) "
             "instead of writing its answer (x) into gradient_check")]


probes.judge("gradient_check")(_difference_judge("gradient_check", _hints_1d))


def _gradcheck_case(rng, dims, m, bug):
    p = _parameters(rng, dims)
    X = rng.normal(size=(dims[0], m))
    Y = _labels(rng, m)
    _, cache = forward_propagation(X, p)
    grads = backward_propagation(X, Y, cache)
    if bug == "the course's bugs (dW2 × 2, db1 × 4)":
        grads["dW2"] = grads["dW2"] * 2
        grads["db1"] = grads["db1"] * 4
    elif bug == "dW3 with the wrong sign":
        grads["dW3"] = -grads["dW3"]
    elif bug == "db2 missing its 1/m":
        grads["db2"] = grads["db2"] * m
    return p, grads, X, Y


@probes.cases("gradient_check_n", check_inputs=True)
def _(rng):
    for dims, m, bug in [([4, 5, 3, 1], 3, None),
                         ([4, 5, 3, 1], 3, "the course's bugs (dW2 × 2, db1 × 4)"),
                         ([3, 6, 4, 1], 7, None),
                         ([3, 6, 4, 1], 7, "dW3 with the wrong sign"),
                         ([2, 4, 2, 1], 10, "db2 missing its 1/m")]:
        p, grads, X, Y = _gradcheck_case(rng, dims, m, bug)
        label = f"{dims}, m = {m}, " + (f"gradients with a bug: {bug}" if bug else "correct gradients")
        yield Case(label, p, grads, X, Y)


probes.judge("gradient_check_n")(_difference_judge("gradient_check_n", lambda case: []))


# --------------------------------------------------------------------------- concept questions
probes.answer("concept_zero_init", "answer_zero_init_distinct",
              "With all weights equal (zero), every unit of a layer computes the same function and "
              "receives the same gradient, so the 10 units stay identical forever: they compute a "
              "single function. Random initialisation is what breaks this symmetry. "
              "/ 全ユニットが同じ勾配を受け取るので、最後まで 1 種類の関数のままです (対称性)。"
              "ランダム初期化がこれを破ります。")
probes.answer("concept_he_std", "answer_he_std",
              "He initialisation scales a ReLU layer's weights to a standard deviation of "
              "√(2/n[l−1]), with the number of inputs (not of units and not 2/√n): √(2/50) = √0.04 "
              "= 0.2. "
              "/ He の初期化の標準偏差は √(2/n[l−1]) = √(2/50) = 0.2 です (入力の数を使います)。", tol=0.001)
probes.answer("concept_dropout", "answer_dropout_choices",
              "Inverted dropout divides by keep_prob during training, so the test-time pass needs "
              "no change (1) and dropout is never applied when predicting (2 is false); the book's "
              "layer instead multiplies by 1 − dropout_ratio at test time, the expected "
              "training-time output (3). keep_prob = 0.8 keeps 80% of the units (4 is false), and "
              "the output layer is never dropped (5 is false). "
              "/ 1 と 3 が正しい。予測時と出力層には dropout をかけず、keep_prob は残す割合です。")
probes.answer("concept_gradcheck", "answer_gradcheck_choices",
              "Gradient checking costs 2n forward passes, so it is for debugging, not for every "
              "iteration (1 is false); about 1e-7 or less means the backward pass is right (2), "
              "while 1e-3 almost certainly means a bug (3 is false). It does not work with "
              "dropout, so check with keep_prob = 1 first (4), and J must include the L2 term "
              "whenever the backward pass does (5 is false). "
              "/ 2 と 4 が正しい。1e-3 はほぼ確実にバグで、L2 項は J に含めて確認します。")

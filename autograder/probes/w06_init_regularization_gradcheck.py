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
from course.i18n import tr
from course.gradcheck import gradients_to_vector


def _three_layer():
    """The given 3-layer model of weeks 6–7, from its one home (dlcourse_solutions.given_helpers,
    never in the student package). Cases are drawn on the trusted side, where it is always
    there; a judge run in a grading kernel without the reference gets None (no hints)."""
    try:
        from dlcourse_solutions import given_helpers
    except ImportError:
        return None
    return given_helpers

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
        (2.0 / math.sqrt(n_prev), "slip", tr("2 / √n[l-1] — the common slip: He is √(2 / n[l-1]) (the square root of the whole fraction)",
                                             "2 / √n[l-1] — よくある間違いです。He は √(2 / n[l-1]) (分数全体の平方根) です")),
        (math.sqrt(2.0 / n_prev), "he", tr("√(2 / n[l-1]), He's scale", "√(2 / n[l-1])、Heの初期値の大きさ")),
        (math.sqrt(1.0 / n_prev), "xavier", tr("√(1 / n[l-1]), Xavier's scale", "√(1 / n[l-1])、Xavierの初期値の大きさ")),
        (1.0 / n_prev, "", tr("1 / n[l-1] — the square root is missing", "1 / n[l-1] — 平方根がありません")),
        (2.0 / n_prev, "", tr("2 / n[l-1] — that is the variance; the standard deviation is its square root",
                              "2 / n[l-1] — それは分散です。標準偏差はその平方根です")),
        (math.sqrt(2.0 / n_cur), "", tr("√(2 / n[l]) — use the number of INPUTS of the layer, n[l-1]",
                                        "√(2 / n[l]) — 層の入力の数 n[l-1] を使ってください")),
        (math.sqrt(1.0 / n_cur), "", tr("√(1 / n[l]) — use the number of INPUTS of the layer, n[l-1]",
                                        "√(1 / n[l]) — 層の入力の数 n[l-1] を使ってください")),
        (1.0, "", tr("1: np.random.randn without any scale factor", "1: 倍率を掛けていない np.random.randn")),
        (0.01, "", tr("0.01: the small-random scale of week 3", "0.01: 第 3 週の小さな乱数の倍率")),
        (10.0, "", tr("10: the ×10 of initialize_parameters_random", "10: initialize_parameters_random の ×10")),
    ]
    if name == "initialize_parameters_he":
        candidates = [c for c in candidates if c[1] != "he"]
    if name == "initialize_parameters_xavier":
        candidates = [c for c in candidates if c[1] != "xavier"]
    for value, _, words in candidates:
        if value > 0 and abs(std / value - 1) < 0.05:
            return tr(f" — this looks like {words}", f"。{words} のようです")
    return ""


def _init_judge(name):
    def judge(got, expected, case):
        dims = case.args[0]
        label = f"{name}({dims})"
        check_type(got, dict, label)
        want_keys = sorted(expected)
        if sorted(got) != want_keys:
            _fail(tr(f"{label} has keys {sorted(got)}, expected {want_keys} "
                     "(W1, b1, …, one pair per layer l = 1 … L-1: loop over range(1, len(layers_dims))).",
                     f"{label} のキーは {sorted(got)} ですが、{want_keys} であるべきです "
                     "(W1, b1, …、層 l = 1 … L-1 ごとに 1 組: range(1, len(layers_dims)) でループします)。"))
        for l in range(1, len(dims)):
            Wl, bl = got[f"W{l}"], got[f"b{l}"]
            check_shape(Wl, (dims[l], dims[l - 1]), f'{label}["W{l}"]')
            check_shape(bl, (dims[l], 1), f'{label}["b{l}"]')
            if not np.all(bl == 0):
                _fail(tr(f'{label}["b{l}"] should be all zeros: biases start at 0 — only W breaks the symmetry.',
                         f'{label}["b{l}"] はすべて 0 であるべきです。バイアスは 0 から始めます (対称性を破るのは W だけです)。'))
            target = _INIT_SCALE[name](dims[l - 1])
            if target == 0:
                if not np.all(Wl == 0):
                    _fail(tr(f'{label}["W{l}"] should be all zeros (np.zeros((n[l], n[l-1]))), '
                             f"got values with standard deviation {np.std(Wl):.3g}.",
                             f'{label}["W{l}"] はすべて 0 (np.zeros((n[l], n[l-1]))) であるべきですが、'
                             f"標準偏差 {np.std(Wl):.3g} の値でした。"))
                continue
            n = Wl.size
            std, mean = float(np.std(Wl)), float(np.mean(Wl))
            if std == 0:
                _fail(tr(f'{label}["W{l}"] has all its values equal ({mean:.3g}): the weights must be '
                         "random, or every unit of the layer computes the same thing (symmetry).",
                         f'{label}["W{l}"] の値がすべて等しい ({mean:.3g}) です。重みはランダムでなければ、'
                         "層のすべてのユニットが同じ計算をしてしまいます (対称性)。"))
            if n < 30:  # a handful of values says little about the scale
                continue
            if n < 200:  # too few samples for a precise scale: only an order-of-magnitude check
                if not target / 4 < std < target * 4:
                    _fail(tr(f'{label}["W{l}"] has standard deviation {std:.3g}, expected about '
                             f"{target:.3g} = {_SCALE_WORDS[name]}{_scale_hint(name, std, dims, l)}.",
                             f'{label}["W{l}"] の標準偏差は {std:.3g} ですが、約 '
                             f"{target:.3g} = {_SCALE_WORDS[name]} であるべきです{_scale_hint(name, std, dims, l)}。"))
                continue
            mean_tol, std_tol = normal_draw_tolerances(n)
            tol = std_tol + 0.005
            if abs(std / target - 1) > tol:
                _fail(tr(f'{label}["W{l}"] ({n} values) has standard deviation {std:.4g}, expected '
                         f"{target:.4g} = {_SCALE_WORDS[name]} (±{tol:.1%})"
                         f"{_scale_hint(name, std, dims, l)}.",
                         f'{label}["W{l}"] ({n} 個の値) の標準偏差は {std:.4g} ですが、'
                         f"{target:.4g} = {_SCALE_WORDS[name]} (±{tol:.1%}) であるべきです"
                         f"{_scale_hint(name, std, dims, l)}。"))
            if abs(mean) > mean_tol * target + 1e-12:
                _fail(tr(f'{label}["W{l}"] has mean {mean:.4g}, expected about 0: draw from a '
                         "zero-mean normal distribution (np.random.randn), not np.random.rand (uniform on [0, 1)).",
                         f'{label}["W{l}"] の平均は {mean:.4g} ですが、ほぼ 0 であるべきです。np.random.rand '
                         "([0, 1) の一様分布) ではなく、平均 0 の正規分布 (np.random.randn) から引いてください。"))
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
    A3, cache = _three_layer().forward_propagation(X, p)
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
        (near(ce + lambd / 2 * w2), tr("the L2 term is not divided by m: it is λ/(2m) · Σ‖W‖²",
                                       "L2 項が m で割られていません。λ/(2m) · Σ‖W‖² です")),
        (near(ce + lambd / (2 * m) * (w2 + b2)), tr("the biases are included: only the weights W1, W2, W3 are regularised",
                                                    "バイアスが含まれています。正則化するのは重み W1, W2, W3 だけです")),
        (near(ce + lambd / m * w2), tr("the factor 1/2 is missing: the term is λ/(2m) · Σ‖W‖²",
                                       "係数 1/2 がありません。λ/(2m) · Σ‖W‖² です")),
        (near(lambd / (2 * m) * w2), tr("the cross-entropy part is missing: add compute_cost(A3, Y)",
                                        "交差エントロピーの部分がありません。compute_cost(A3, Y) を足してください")),
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
                      tr("the L2 term is λ·W: divide it by m — d/dW of λ/(2m)·‖W‖² is (λ/m)·W",
                         "L2 項が λ·W になっています。m で割ってください。λ/(2m)·‖W‖² の W による微分は (λ/m)·W です")),
                     (lambda g, e, plain=plain, Wl=weights[key]: np.allclose(g, plain + 2 * lambd / m * Wl),
                      tr("the L2 term is 2λ/m·W: the 2 of W² cancels the 1/2 of λ/(2m)",
                         "L2 項が 2λ/m·W になっています。W² の 2 と λ/(2m) の 1/2 は打ち消し合います")),
                     (lambda g, e, plain=plain: np.allclose(g, plain),
                      tr("the L2 term (λ/m)·W is missing from this gradient", "この勾配に L2 項 (λ/m)·W がありません"))]
            check_close(g, e, f'{name}["{key}"]', hints=hints, m=m)
        if key.startswith("db") and g.shape == e.shape and lambd:
            bl = cache[{"db1": 3, "db2": 7, "db3": 11}[key]]
            check_close(g, e, f'{name}["{key}"]', m=m, hints=[
                (lambda g, e, bl=bl: np.allclose(g, e + lambd / m * bl),
                 tr("db has an L2 term: the biases are not regularised, so db is the same as without L2",
                    "db に L2 項があります。バイアスは正則化しないので、db は L2 なしのときと同じです"))])
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
        _fail(tr(f"{name} ({label}) should hold only 0 and 1 (keep / drop), got values like {values[:5]} — "
                 "did you keep np.random.rand(...) itself instead of (np.random.rand(...) < keep_prob)?",
                 f"{name} ({label}) は 0 と 1 (落とす / 残す) だけのはずですが、{values[:5]} のような値でした。"
                 "(np.random.rand(...) < keep_prob) ではなく np.random.rand(...) そのものを使っていませんか?"))
    n = D.size
    rate = float(np.mean(D))
    tol = 5.0 * math.sqrt(kp * (1 - kp) / n) + 0.01
    if abs(rate - kp) > tol:
        hint = ""
        if abs(rate - (1 - kp)) <= tol:
            hint = tr(" — you keep about 1 − keep_prob of the units: a unit is KEPT when "
                      "np.random.rand(...) < keep_prob",
                      "。残しているのはユニットの約 1 − keep_prob です。np.random.rand(...) < keep_prob のとき"
                      "ユニットを残します")
        elif abs(rate - 0.5 * (1 + math.erf(kp / math.sqrt(2)))) <= tol:
            hint = tr(" — that is P(np.random.randn(...) < keep_prob): use np.random.rand (uniform on "
                      "[0, 1)), not randn (normal)",
                      "。それは P(np.random.randn(...) < keep_prob) です。randn (正規分布) ではなく "
                      "np.random.rand ([0, 1) の一様分布) を使ってください")
        _fail(tr(f"{name} ({label}) keeps {rate:.1%} of the units, expected keep_prob = {kp:.0%} "
                 f"(±{tol:.1%} for {n} draws){hint}.",
                 f"{name} ({label}) はユニットの {rate:.1%} を残していますが、keep_prob = {kp:.0%} "
                 f"(抽選 {n} 回で ±{tol:.1%}) であるべきです{hint}。"))


def _judge_dropout_forward(got, case):
    X, p = case.args
    kp = case.kwargs.get("keep_prob", 0.5)
    label = case.label
    if not (isinstance(got, tuple) and len(got) == 2):
        _fail(tr(f"forward_propagation_with_dropout({label}) should return the pair (A3, cache).",
                 f"forward_propagation_with_dropout({label}) は組 (A3, cache) を返すべきです。"))
    A3, cache = got
    if not (isinstance(cache, tuple) and len(cache) == 14):
        got_desc = f"{type(cache).__name__} of length {len(cache) if hasattr(cache, '__len__') else '?'}"
        _fail(tr(f"forward_propagation_with_dropout({label}): the cache should be the 14-tuple "
                 f"(Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3), got {got_desc}.",
                 f"forward_propagation_with_dropout({label}): cache は 14 要素のタプル "
                 f"(Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) であるべきですが、{got_desc} でした。"))
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
        (lambda g, e: np.allclose(g, A1_plain), tr("A1 is not divided by keep_prob: inverted dropout scales "
         "the kept units by 1/keep_prob so that the expected value of A1 does not change",
         "A1 が keep_prob で割られていません。逆ドロップアウトは残したユニットを 1/keep_prob 倍して、"
         "A1 の期待値が変わらないようにします")),
        (lambda g, e: np.allclose(g, A1_plain * kp), tr("A1 is multiplied by keep_prob: divide by it instead",
                                                        "A1 に keep_prob を掛けています。代わりに割ってください")),
        (lambda g, e: np.allclose(g, _relu(Z1)), tr("A1 is not masked: multiply by D1", "A1 にマスクがかかっていません。D1 を掛けてください")),
        (lambda g, e: np.allclose(g, _relu(Z1) / kp), tr("A1 is not masked: multiply by D1 (the mask) before scaling",
                                                         "A1 にマスクがかかっていません。スケーリングの前にマスク D1 を掛けてください"))])
    check_close(Z2, p["W2"] @ A1 + p["b2"], tr(f"{name}: Z2 (= W2 A1 + b2, with the dropped-out A1)",
                                                f"{name}: Z2 (= W2 A1 + b2、ドロップアウト後の A1 を使う)"))
    _check_mask(D2, (n2, m), "D2", kp, label)
    A2_plain = _relu(Z2) * D2
    check_close(A2, A2_plain / kp, f"{name}: A2 (= relu(Z2) · D2 / keep_prob)", hints=[
        (lambda g, e: np.allclose(g, A2_plain), tr("A2 is not divided by keep_prob", "A2 が keep_prob で割られていません")),
        (lambda g, e: np.allclose(g, _relu(Z2)), tr("A2 is not masked: multiply by D2", "A2 にマスクがかかっていません。D2 を掛けてください"))])
    check_close(Z3, p["W3"] @ A2 + p["b3"], f"{name}: Z3 (= W3 A2 + b3)")
    check_close(A3c, _sigmoid(Z3), tr(f"{name}: the cache's A3 (= sigmoid(Z3)) — the output layer is never dropped",
                                      f"{name}: cache の A3 (= sigmoid(Z3)) — 出力層にはドロップアウトをかけません"))
    check_close(A3, _sigmoid(Z3), tr(f"{name}: A3 (= sigmoid(Z3)) — the output layer is never dropped",
                                     f"{name}: A3 (= sigmoid(Z3)) — 出力層にはドロップアウトをかけません"))


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
                (lambda g, e, kp=kp: np.allclose(g, e * kp), tr("not divided by keep_prob: "
                 "the forward pass divided A by keep_prob, so the backward pass divides dA too",
                 "keep_prob で割られていません。順伝播で A を keep_prob で割ったので、逆伝播でも dA を割ります")),
                (lambda g, e, kp=kp: np.allclose(g, e * kp * kp), tr("multiplied by keep_prob: divide by it instead",
                                                                     "keep_prob を掛けています。代わりに割ってください")),
                (lambda g, e, kp=kp: np.allclose(g, e * kp / (1 - kp)),
                 tr("divided by 1 − keep_prob (the drop probability): divide by keep_prob",
                    "1 − keep_prob (落とす確率) で割っています。keep_prob で割ってください")),
                (lambda g, e, D=D, kp=kp: (np.allclose(g * D, e) or np.allclose(g * D, e * kp))
                 and not np.allclose(g, g * D),
                 tr("the mask is not applied: multiply dA by the same D as in the forward pass",
                    "マスクがかかっていません。順伝播と同じ D を dA に掛けてください"))])
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
        hint = (tr(" — you scaled the kept units by 1/(1 − dropout_ratio): that is inverted dropout. The "
                   "book's layer keeps x unchanged in training and scales at test time instead",
                   "。残したユニットを 1/(1 − dropout_ratio) 倍していますが、それは逆ドロップアウトです。"
                   "書籍のレイヤは学習時には x をそのまま使い、テスト時にスケーリングします")
                if np.all(scaled) else "")
        _fail(tr(f"{name}: in training every output must be either x itself (kept) or 0 (dropped){hint}.",
                 f"{name}: 学習時の出力はすべて x そのもの (残す) か 0 (落とす) でなければなりません{hint}。"))
    rate = float(np.mean(dropped))
    tol = 5.0 * math.sqrt(r * (1 - r) / x.size) + 0.01
    if abs(rate - r) > tol:
        hint = (tr(" — you drop about 1 − dropout_ratio: a unit is DROPPED with probability dropout_ratio "
                   "(self.mask = np.random.rand(*x.shape) > self.dropout_ratio keeps the others)",
                   "。落としているのは約 1 − dropout_ratio です。ユニットは確率 dropout_ratio で落とします "
                   "(self.mask = np.random.rand(*x.shape) > self.dropout_ratio が残りを残します)")
                if abs(rate - (1 - r)) <= tol else "")
        _fail(tr(f"{name}: forward in training drops {rate:.1%} of the units, expected dropout_ratio = "
                 f"{r:.0%} (±{tol:.1%}){hint}.",
                 f"{name}: 学習時の forward がユニットの {rate:.1%} を落としていますが、dropout_ratio = "
                 f"{r:.0%} (±{tol:.1%}) であるべきです{hint}。"))
    check_shape(dx, x.shape, f"{name}: backward(dout)")
    check_close(dx, dout * kept, f"{name}: backward(dout) (= dout where the unit was kept, else 0)", hints=[
        (lambda g, e: np.allclose(g, dout), tr("the mask is not applied in backward: dropped units pass no gradient",
                                               "backward でマスクがかかっていません。落としたユニットは勾配を通しません")),
        (lambda g, e: np.allclose(g * (1 - r), e), tr("backward scales by 1/(1 − dropout_ratio): the book's "
         "layer does not scale in training", "backward で 1/(1 − dropout_ratio) 倍しています。書籍のレイヤは学習時にスケーリングしません"))])
    check_close(test, x * (1 - r), f"{name}: forward(x, train_flg=False) (= x · (1 − dropout_ratio))", hints=[
        (lambda g, e: np.allclose(g, x), tr("at test time the book's layer multiplies by (1 − dropout_ratio): "
         "it did not scale in training, so the expected input of the next layer must match",
         "テスト時、書籍のレイヤは (1 − dropout_ratio) を掛けます。学習時にスケーリングしていないので、"
         "次の層への入力の期待値を合わせる必要があります")),
        (lambda g, e: np.allclose(g, x * r), tr("multiplied by dropout_ratio: the fraction KEPT is 1 − dropout_ratio",
                                                "dropout_ratio を掛けています。残す割合は 1 − dropout_ratio です"))])


# --------------------------------------------------------------------------- 4 gradient checking
_BROKEN_1D = {
    "x + 1": lambda x, theta: x + 1,
    "θ": lambda x, theta: theta,
    "x / 2": lambda x, theta: x / 2,
}


@probes.cases("gradient_check", parts=("forward_propagation_1d", "backward_propagation_1d", "gradient_check"))
def _(rng):
    yield Case("x = 2, θ = 4 (correct backward)", 2.0, 4.0)
    yield Case("x = −3.5, θ = 0.7 (correct backward)", -3.5, 0.7)
    yield Case("x = 12, θ = 0 (correct backward)", 12.0, 0.0)
    yield Case("random x, θ (correct backward)", float(rng.normal() * 5), float(rng.normal() * 5))
    yield Case("x = 2, θ = 4, a backward that returns x + 1", 2.0, 4.0, broken="x + 1")
    yield Case("x = −3.5, θ = 0.7, a backward that returns θ", -3.5, 0.7, broken="θ")
    yield Case("x = 5, θ = −1, a backward that returns x / 2", 5.0, -1.0, broken="x / 2")
    yield Case("x = 1.5, θ = 2, ε = 1e-4, a backward that returns x + 1", 1.5, 2.0, broken="x + 1", epsilon=1e-4)


@probes.call("gradient_check")
def _(ns, case):
    """{"J": forward_propagation_1d(x, θ), "dtheta": backward_propagation_1d(x, θ),
    "difference": gradient_check(...)}; for 'broken' cases the check runs with
    backward_propagation_1d temporarily replaced (in the function's own globals) by a wrong one."""
    args, kwargs = case.copied()
    broken = kwargs.pop("broken", None)
    for name in probes["gradient_check"].parts:
        if name not in ns:
            raise CheckError(tr(f"`{name}` is not defined: run the cell that defines it (and keep the name `{name}`).",
                                f"`{name}` が定義されていません。定義するセルを実行してください (名前は `{name}` のまま)。"))
    out = {"J": ns["forward_propagation_1d"](*args[:2]), "dtheta": ns["backward_propagation_1d"](*args[:2])}
    fn = ns["gradient_check"]
    if broken is None:
        out["difference"] = fn(*args, **kwargs)
        return out
    g = getattr(fn, "__globals__", ns)
    missing = object()
    saved = g.get("backward_propagation_1d", missing)
    g["backward_propagation_1d"] = _BROKEN_1D[broken]
    try:
        out["difference"] = fn(*args, **kwargs)
    finally:
        if saved is missing:
            del g["backward_propagation_1d"]
        else:
            g["backward_propagation_1d"] = saved
    return out


def _check_difference(got, expected, label, hints):
    check_type(got, (float, int), label)
    if expected < 1e-5:  # a correct backward: only rounding errors remain
        if not (0 <= got < 1e-6):
            _fail(tr(f"{label} = {got:.3g}, expected a tiny relative difference (< 1e-6, the reference "
                     f"gives {expected:.1e}) — the gradient here is correct: check the two-sided "
                     "difference (J⁺ − J⁻) / (2ε) and the normalisation.",
                     f"{label} = {got:.3g} ですが、ごく小さな相対誤差 (< 1e-6、参照解は {expected:.1e}) になるはずです。"
                     "ここでの勾配は正しいので、中心差分 (J⁺ − J⁻) / (2ε) と正規化を確認してください。"))
    else:
        check_scalar(got, expected, label, rtol=1e-3, atol=0, hints=hints)


def _hints_1d(case):
    x, theta = case.args
    broken = case.kwargs.get("broken")
    if broken is None:
        return []
    grad = _BROKEN_1D[broken](x, theta)
    near = lambda v: (lambda g, e: math.isclose(float(g), v, rel_tol=1e-3))
    return [(near(abs(grad - 2 * x) / (abs(grad) + abs(2 * x))),
             tr("the estimate is divided by ε instead of 2ε: (J(θ+ε) − J(θ−ε)) spans 2ε",
                "推定値を 2ε ではなく ε で割っています。J(θ+ε) と J(θ−ε) の間隔は 2ε です")),
            (near(abs(grad - x)), tr("the difference is not normalised: divide ‖grad − gradapprox‖ by "
                                     "‖grad‖ + ‖gradapprox‖",
                                     "差が正規化されていません。‖grad − gradapprox‖ を ‖grad‖ + ‖gradapprox‖ で割ってください")),
            (near(abs(grad - x) / abs(grad)) if grad else (lambda g, e: False),
             tr("the denominator is ‖grad‖ + ‖gradapprox‖, not ‖grad‖ alone",
                "分母は ‖grad‖ だけではなく ‖grad‖ + ‖gradapprox‖ です")),
            (lambda g, e: float(g) < 1e-6,
             tr("the difference is 0 although this backward is wrong: call backward_propagation_1d(x, theta) "
                "instead of writing its answer (x) into gradient_check",
                "この逆伝播は間違っているのに差が 0 です。答え (x) を gradient_check に直接書かず、"
                "backward_propagation_1d(x, theta) を呼んでください"))]


@probes.judge("gradient_check")
def _(got, expected, case):
    x, theta = case.args[:2]
    check_type(got, dict, "gradient_check")
    check_scalar(got["J"], expected["J"], f"forward_propagation_1d(x={x:g}, theta={theta:g})", hints=[
        (lambda g, e: math.isclose(float(g), x + theta), tr("that is θ + x: J is the product θ · x",
                                                            "それは θ + x です。J は積 θ · x です")),
        (lambda g, e: math.isclose(float(g), x) and x != x * theta,
         tr("that is x, the derivative: forward returns J itself", "それは導関数の x です。順伝播は J そのものを返します"))])
    check_scalar(got["dtheta"], expected["dtheta"], f"backward_propagation_1d(x={x:g}, theta={theta:g})", hints=[
        (lambda g, e: math.isclose(float(g), theta) and theta != x,
         tr("that is θ: the derivative of θ·x with respect to θ is x", "それは θ です。θ·x の θ についての微分は x です")),
        (lambda g, e: math.isclose(float(g), x * theta) and x * theta != x,
         tr("that is J = θ·x itself: return its derivative with respect to θ",
            "それは J = θ·x そのものです。θ についての微分を返してください")),
        (lambda g, e: math.isclose(float(g), 1.0) and x != 1,
         tr("that is the derivative of θ alone: J = θ·x, so dJ/dθ = x", "それは θ だけの微分です。J = θ·x なので dJ/dθ = x です"))])
    _check_difference(got["difference"], expected["difference"], f"gradient_check({case.label})", _hints_1d(case))


def _gradcheck_case(rng, dims, m, bug):
    p = _parameters(rng, dims)
    X = rng.normal(size=(dims[0], m))
    Y = _labels(rng, m)
    model = _three_layer()
    _, cache = model.forward_propagation(X, p)
    grads = model.backward_propagation(X, Y, cache)
    if bug == "the course's bugs (dW2 × 2, db1 × 4)":
        grads["dW2"] = grads["dW2"] * 2
        grads["db1"] = grads["db1"] * 4
    elif bug == "dW3 with the wrong sign":
        grads["dW3"] = -grads["dW3"]
    elif bug == "db2 missing its 1/m":
        grads["db2"] = grads["db2"] * m
    return p, grads, X, Y


@probes.cases("gradapprox_n", check_inputs=True)
def _(rng):
    for dims, m in [([4, 5, 3, 1], 3), ([3, 6, 4, 1], 7), ([2, 4, 2, 1], 1), ([5, 2, 3, 1], 12)]:
        p, _, X, Y = _gradcheck_case(rng, dims, m, None)
        yield Case(f"{dims}, m = {m}", p, X, Y)
    p, _, X, Y = _gradcheck_case(rng, [3, 4, 2, 1], 5, None)
    yield Case("[3, 4, 2, 1], m = 5, ε = 1e-5", p, X, Y, epsilon=1e-5)


@probes.judge("gradapprox_n")
def _(got, expected, case):
    name = f"gradapprox_n({case.label})"
    check_close(got, expected, name, rtol=1e-4, atol=1e-6, hints=[
        (lambda g, e: np.allclose(g, 2 * e, rtol=1e-4, atol=1e-5),
         tr("twice too large: divide by 2ε — the points θ + ε and θ − ε are 2ε apart",
            "2 倍大きすぎます。2ε で割ってください。θ + ε と θ − ε の間隔は 2ε です")),
        (lambda g, e: np.allclose(g, e / 2, rtol=1e-4, atol=1e-5),
         tr("half the right size: J⁻ was computed at θ, not at θ − ε — shift a fresh copy of "
            "parameters_values each time (np.copy), never parameters_values itself",
            "正しい値の半分です。J⁻ が θ − ε ではなく θ で計算されています。毎回 parameters_values の"
            "新しいコピー (np.copy) をずらし、parameters_values 自体は変えないでください")),
        (lambda g, e: np.allclose(g, 0), tr("all zeros: compute the cost at θ + ε and θ − ε for every i",
                                            "すべて 0 です。すべての i について θ + ε と θ − ε でのコストを計算してください"))])


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


@probes.judge("gradient_check_n")
def _(got, expected, case):
    p, grads, X, Y = case.args
    hints = []
    model = _three_layer()
    if expected >= 1e-5 and model is not None:
        # the true gradient (the given backward pass) stands in for the numerical estimate
        # when naming the usual wrong denominators
        g = gradients_to_vector(grads)
        a = gradients_to_vector(model.backward_propagation(X, Y, model.forward_propagation(X, p)[1]))
        n = np.linalg.norm
        near = lambda v: (lambda got_, e: math.isclose(float(got_), float(v), rel_tol=1e-3))
        hints = [(near(n(g - a)), tr("the difference is not normalised: divide by ‖grad‖ + ‖gradapprox‖",
                                     "差が正規化されていません。‖grad‖ + ‖gradapprox‖ で割ってください")),
                 (near(n(g - a) / n(g)), tr("the denominator is ‖grad‖ + ‖gradapprox‖, not ‖grad‖ alone",
                                            "分母は ‖grad‖ だけではなく ‖grad‖ + ‖gradapprox‖ です")),
                 (near(n(g - a) / n(g + a)), tr("the denominator is ‖grad‖ + ‖gradapprox‖ (two norms added), "
                                                "not ‖grad + gradapprox‖",
                                                "分母は ‖grad + gradapprox‖ ではなく、2 つのノルムの和 ‖grad‖ + ‖gradapprox‖ です"))]
    _check_difference(got, expected, f"gradient_check_n({case.label})", hints)


# --------------------------------------------------------------------------- concept questions
probes.answer("concept_zero_init", "answer_zero_init_distinct", tr(
    "With all weights equal (zero), every unit of a layer computes the same function and "
    "receives the same gradient, so the 10 units stay identical forever: they compute a "
    "single function. Random initialisation is what breaks this symmetry.",
    "重みがすべて等しい (0) と、層のすべてのユニットが同じ関数を計算し、同じ勾配を受け取るので、"
    "10 個のユニットは最後まで同じままで、1 種類の関数しか計算しません (対称性)。"
    "ランダムな初期化がこの対称性を破ります。"))
probes.answer("concept_he_std", "answer_he_std", tr(
    "He initialisation scales a ReLU layer's weights to a standard deviation of "
    "√(2/n[l−1]), with the number of inputs (not of units and not 2/√n): √(2/50) = √0.04 = 0.2.",
    "Heの初期値では、ReLU 層の重みの標準偏差を √(2/n[l−1]) にします。n は入力の数です "
    "(ユニット数ではなく、2/√n でもありません)。√(2/50) = √0.04 = 0.2 です。"), tol=0.001)
probes.answer("concept_dropout", "answer_dropout_choices", tr(
    "Inverted dropout divides by keep_prob during training, so the test-time pass needs "
    "no change (1) and dropout is never applied when predicting (2 is false); the book's "
    "layer instead multiplies by 1 − dropout_ratio at test time, the expected "
    "training-time output (3). keep_prob = 0.8 keeps 80% of the units (4 is false), and "
    "the output layer is never dropped (5 is false).",
    "逆ドロップアウトは学習中に keep_prob で割るので、テスト時の順伝播は変更不要で (1)、予測時には"
    "ドロップアウトをかけません (2 は誤り)。書籍のレイヤはテスト時に 1 − dropout_ratio を掛け、"
    "学習時の出力の期待値に合わせます (3)。keep_prob = 0.8 はユニットの 80% を残し (4 は誤り)、"
    "出力層には決してドロップアウトをかけません (5 は誤り)。"))
probes.answer("concept_gradcheck", "answer_gradcheck_choices", tr(
    "Gradient checking costs 2n forward passes, so it is for debugging, not for every "
    "iteration (1 is false); about 1e-7 or less means the backward pass is right (2), "
    "while 1e-3 almost certainly means a bug (3 is false). It does not work with "
    "dropout, so check with keep_prob = 1 first (4), and J must include the L2 term "
    "whenever the backward pass does (5 is false).",
    "勾配確認には 2n 回の順伝播がかかるので、デバッグ用であり毎回の反復で使うものではありません (1 は誤り)。"
    "1e-7 程度以下なら逆伝播は正しく (2)、1e-3 はほぼ確実にバグです (3 は誤り)。ドロップアウトとは"
    "一緒に使えないので、まず keep_prob = 1 で確認し (4)、逆伝播に L2 項があるなら J にも含めます (5 は誤り)。"))

"""Probes of week 5: computational graphs and layer objects (see autograder.probes for the contract).

Layers are classes, so most probes are ``@probes.call``: construct the layer, run
``forward`` then ``backward`` on the case's arrays and return plain data (out, dx, dW, …).
"""
import numpy as np

from autograder.probes import Case, ProbeSet, normal_draw_tolerances
from course.checks import CheckError, check_close, compare
from course.i18n import tr

probes = ProbeSet("w05_backprop_layers")


def _pair(back, layer):
    """backward(dout) must return the two input gradients (dx, dy)."""
    if not isinstance(back, (tuple, list)) or len(back) != 2:
        raise CheckError(tr(f"{layer}.backward(dout) should return a pair (dx, dy) — one gradient per "
                            f"input of forward(x, y) — got {type(back).__name__} {back!r:.80}.",
                            f"{layer}.backward(dout) は forward(x, y) の入力ごとの勾配の組 (dx, dy) を返します。"
                            f"返り値は {type(back).__name__} {back!r:.80} でした。"))
    return back


def _close(got, expected, name, hints=(), m=None, rtol=1e-5, atol=1e-7):
    if isinstance(got, np.ndarray) and got.ndim == 0:
        got = got.item()
    check_close(got, expected, name, rtol=rtol, atol=atol, hints=hints, m=m)


# --------------------------------------------------------------------------- shopping_layers
# MulLayer and AddLayer are one exercise (one cell): every case runs both layers.
@probes.cases("shopping_layers", check_inputs=True, parts=("MulLayer", "AddLayer"))
def _(rng):
    yield Case("numbers x = 100, y = 2, dout 1.1", 100.0, 2.0, 1.1)
    yield Case("numbers x = -1.5, y = 4, dout 2", -1.5, 4.0, 2.0)
    yield Case("3×4 arrays", rng.normal(size=(3, 4)), rng.normal(size=(3, 4)), rng.normal(size=(3, 4)))
    yield Case("2×3×2 arrays", rng.normal(size=(2, 3, 2)) * 5, rng.normal(size=(2, 3, 2)),
               rng.normal(size=(2, 3, 2)))
    yield Case("a single value (1,)", rng.normal(size=1), rng.normal(size=1), np.array([1.0]))


@probes.call("shopping_layers")
def _(ns, case):
    (x, y, dout), _ = case.copied()
    result = {}
    for cls in ("MulLayer", "AddLayer"):
        if cls not in ns:
            raise CheckError(tr(f"`{cls}` is not defined: run the cell that defines MulLayer and AddLayer.",
                                f"`{cls}` が定義されていません。MulLayer と AddLayer を定義するセルを実行してください。"))
        layer = ns[cls]()
        out = layer.forward(x, y)
        dx, dy = _pair(layer.backward(dout), cls)
        result[cls] = {"out": out, "dx": dx, "dy": dy}
    return result


def _judge_mul(got, expected, case):
    x, y, dout = case.args
    name = f"MulLayer on {case.label}"
    _close(got["out"], expected["out"], f"{name}: forward(x, y)")
    swapped = [(lambda g, e: np.allclose(g, np.multiply(dout, x)) and not np.allclose(e, g),
                tr("this is dout · x: the gradient with respect to x is dout · y — the inputs are swapped "
                   "(∂(xy)/∂x = y)",
                   "これは dout · x です。x についての勾配は dout · y で、入力を入れ替えて掛けます"
                   "(swapped, ∂(xy)/∂x = y)")),
               (lambda g, e: np.allclose(g, np.multiply(dout, y)) and not np.allclose(e, g),
                tr("this is dout · y: the gradient with respect to y is dout · x — the inputs are swapped "
                   "(∂(xy)/∂y = x)",
                   "これは dout · y です。y についての勾配は dout · x で、入力を入れ替えて掛けます"
                   "(swapped, ∂(xy)/∂y = x)")),
               (lambda g, e: np.allclose(g, np.divide(e, dout)) and not np.allclose(e, g),
                tr("dout is missing: multiply the local gradient by the upstream gradient dout",
                   "dout が抜けています。局所的な微分に上流から来た勾配 dout を掛けてください")),
               (lambda g, e: np.allclose(g, dout) and not np.allclose(e, g),
                tr("this is dout itself (as in an add node): a multiplication node multiplies dout by the "
                   "OTHER input",
                   "これは dout そのもの(加算ノードの場合)です。乗算ノードでは dout に「もう一方の」入力を掛けます"))]
    _close(got["dx"], expected["dx"], f"{name}: dx from backward(dout)", hints=swapped)
    _close(got["dy"], expected["dy"], f"{name}: dy from backward(dout)", hints=swapped)


def _judge_add(got, expected, case):
    x, y, dout = case.args
    name = f"AddLayer on {case.label}"
    _close(got["out"], expected["out"], f"{name}: forward(x, y)",
           hints=[(lambda g, e: np.allclose(g, np.multiply(x, y)),
                   tr("this is x · y: an add node adds", "これは x · y です。加算ノードは足し算をします"))])
    hints = [(lambda g, e: np.allclose(g, 1) and not np.allclose(e, 1),
              tr("the local gradient of + is 1, but it is multiplied by the upstream gradient: dx = dout · 1",
                 "+ の局所的な微分は 1 ですが、それに上流の勾配を掛けます: dx = dout · 1")),
             (lambda g, e: np.allclose(g, 0) and not np.allclose(e, 0),
              tr("both inputs of x + y get the whole upstream gradient dout",
                 "x + y の両方の入力に、上流の勾配 dout がそのまま流れます"))]
    _close(got["dx"], expected["dx"], f"{name}: dx from backward(dout)", hints=hints)
    _close(got["dy"], expected["dy"], f"{name}: dy from backward(dout)", hints=hints)


@probes.judge("shopping_layers")
def _(got, expected, case):
    _judge_mul(got["MulLayer"], expected["MulLayer"], case)
    _judge_add(got["AddLayer"], expected["AddLayer"], case)


# --------------------------------------------------------------------------- Relu, Sigmoid
def _activation_cases(rng):
    yield Case("a 3×4 array", rng.normal(size=(3, 4)) * 2, rng.normal(size=(3, 4)))
    yield Case("a 1-D array", rng.normal(size=7), rng.normal(size=7))
    yield Case("a 2×1×3×3 (N, C, H, W) array", rng.normal(size=(2, 1, 3, 3)), rng.normal(size=(2, 1, 3, 3)))
    yield Case("a single example (1, 5)", rng.normal(size=(1, 5)), rng.normal(size=(1, 5)) * 3)
    yield Case("large values (±30)", np.array([[-30.0, -3.0, 0.5, 30.0]]), np.array([[1.0, -2.0, 3.0, 0.5]]))


probes.cases("Relu", check_inputs=True)(_activation_cases)
probes.cases("Sigmoid", check_inputs=True)(_activation_cases)


def _activation_call(cls):
    def call(ns, case):
        (x, dout), _ = case.copied()
        x_before = x.copy()
        layer = ns[cls]()
        out = layer.forward(x)
        if not np.array_equal(x, x_before):
            raise CheckError(tr(f"{cls}.forward(x) on {case.label} modified x in place: the caller's array "
                                "(another layer's output) must not change — work on a copy, e.g. "
                                "out = x.copy(), or np.maximum(0, x).",
                                f"{cls}.forward(x)({case.label})が x をその場で (in place) 書き換えました。"
                                "呼び出し側の配列(他のレイヤの出力)は変えてはいけません。out = x.copy() などの"
                                "コピーか、np.maximum(0, x) を使ってください。"))
        # backward may change dout in place, as the book's Relu does: hand it a private copy.
        dx = layer.backward(dout.copy())
        return {"out": out, "dx": dx}
    return call


probes.call("Relu")(_activation_call("Relu"))
probes.call("Sigmoid")(_activation_call("Sigmoid"))


@probes.judge("Relu")
def _(got, expected, case):
    x, dout = case.args
    name = f"Relu on {case.label}"
    _close(got["out"], expected["out"], f"{name}: forward(x)")
    hints = [(lambda g, e: np.allclose(g, np.where(x > 0, 0, dout)),
              tr("dout got through where x <= 0 and was blocked where x > 0: the mask is inverted",
                 "x <= 0 の位置で dout が通り、x > 0 の位置で止められています。mask が逆です")),
             (lambda g, e: np.allclose(g, np.maximum(0, dout)),
              tr("this is max(0, dout): the mask must come from the forward input x (where x > 0), not from dout",
                 "これは max(0, dout) です。mask は dout ではなく順伝播の入力 x(x > 0 の位置)から作ります")),
             (lambda g, e: np.allclose(g, (x > 0).astype(float)),
              tr("this is the local gradient alone: multiply it by dout",
                 "これは局所的な微分だけです。dout を掛けてください"))]
    _close(got["dx"], expected["dx"], f"{name}: dx from backward(dout)", hints=hints)


@probes.judge("Sigmoid")
def _(got, expected, case):
    x, dout = case.args
    name = f"Sigmoid on {case.label}"
    _close(got["out"], expected["out"], f"{name}: forward(x)")
    hints = [(lambda g, e: np.allclose(g, dout * x * (1 - x)),
              tr("this is dout · x(1 − x): the derivative is y(1 − y) with y = σ(x), the forward *output*",
                 "これは dout · x(1 − x) です。微分は y(1 − y) で、y = σ(x) は順伝播の「出力」です")),
             (lambda g, e: np.allclose(g, e / dout),
              tr("dout is missing: multiply the local gradient y(1 − y) by dout",
                 "dout が抜けています。局所的な微分 y(1 − y) に dout を掛けてください"))]
    _close(got["dx"], expected["dx"], f"{name}: dx from backward(dout)", hints=hints)


# --------------------------------------------------------------------------- Affine
@probes.cases("Affine", check_inputs=True)
def _(rng):
    yield Case("x (4, 3), W (3, 5)", rng.normal(size=(4, 3)), rng.normal(size=(3, 5)),
               rng.normal(size=5), rng.normal(size=(4, 5)))
    yield Case("a single example x (1, 6), W (6, 2)", rng.normal(size=(1, 6)), rng.normal(size=(6, 2)),
               rng.normal(size=2) + 1.0, rng.normal(size=(1, 2)))
    yield Case("a 4-D x (2, 3, 2, 2) flattened to (2, 12), W (12, 4)", rng.normal(size=(2, 3, 2, 2)),
               rng.normal(size=(12, 4)), rng.normal(size=4), rng.normal(size=(2, 4)))
    yield Case("x (3, 3), W (3, 3), large biases", rng.normal(size=(3, 3)), rng.normal(size=(3, 3)),
               np.array([10.0, -20.0, 5.0]), rng.normal(size=(3, 3)))


@probes.call("Affine")
def _(ns, case):
    (x, W, b, dout), _ = case.copied()
    layer = ns["Affine"](W, b)
    out = layer.forward(x)
    dx = layer.backward(dout)
    for attr in ("dW", "db"):
        if getattr(layer, attr, None) is None:
            raise CheckError(tr(f"Affine.backward did not set self.{attr}: store the parameter gradients "
                                "on the layer (the network reads layer.dW and layer.db).",
                                f"Affine.backward が self.{attr} を設定していません。パラメータの勾配をレイヤに"
                                "保存してください(ネットワークは layer.dW と layer.db を読みます)。"))
    return {"out": out, "dx": dx, "dW": layer.dW, "db": layer.db}


@probes.judge("Affine")
def _(got, expected, case):
    x, W, b, dout = case.args
    name = f"Affine on {case.label}"
    for key, shape in (("dx", x.shape), ("dW", W.shape), ("db", b.shape)):
        g = got[key]
        if isinstance(g, np.ndarray) and g.shape != shape:
            if key == "dx":
                why = tr(f"dx must have x's original shape {shape}: reshape it back with "
                         "dx.reshape(*self.original_x_shape)",
                         f"dx は x の元の形状 {shape} でなければなりません。"
                         "dx.reshape(*self.original_x_shape) で戻してください")
            elif key == "dW":
                why = (tr(f"dW must have W's shape {shape}", f"dW は W と同じ形状 {shape} でなければなりません") +
                       (tr(": it is transposed — dW = x.T @ dout", "。転置されています — dW = x.T @ dout")
                        if g.shape == shape[::-1] else
                        tr(": dW = x.T @ dout with x flattened to (N, D)", "。dW = x.T @ dout(x は (N, D) に平坦化)")))
            elif g.shape == (1,) + shape:
                why = tr(f"db must have b's shape {shape}: sum over axis 0 without keepdims",
                         f"db は b と同じ形状 {shape} でなければなりません。keepdims を付けずに軸 0 で和を取ってください")
            else:
                why = tr(f"db must have b's shape {shape}: sum dout over the batch axis (axis=0)",
                         f"db は b と同じ形状 {shape} でなければなりません。dout をバッチの軸(axis=0)で合計してください")
            raise CheckError(tr(f"{name}: {key} has shape {g.shape} — {why}.",
                                f"{name}: {key} の形状が {g.shape} です — {why}。"))
    compare(got, expected, name)


# --------------------------------------------------------------------------- softmax, cross-entropy
@probes.cases("softmax", strict_fp=True, check_inputs=True)
def _(rng):
    yield Case("a 2×5 matrix", rng.normal(size=(2, 5)))
    yield Case("a 4×3 matrix", rng.normal(size=(4, 3)) * 4)
    yield Case("a 3×3 matrix", rng.normal(size=(3, 3)) * 2)
    yield Case("a single row (1, 4)", rng.normal(size=(1, 4)))
    yield Case("large values (1000s)", np.array([[1000.0, 1001.0, 1002.0], [-1000.0, 0.0, 3.0]]))


@probes.judge("softmax")
def _(got, expected, case):
    hints = [(lambda g, e: np.allclose(g.sum(axis=0), 1) and not np.allclose(g.sum(axis=1), 1),
              tr("each column sums to 1: softmax runs over each row (axis=1 or axis=-1, keepdims=True)",
                 "各列の和が 1 になっています。ソフトマックス関数は各行について計算します(axis=1 か axis=-1、keepdims=True)")),
             (lambda g, e: np.isclose(g.sum(), 1) and g.shape[0] > 1,
              tr("the whole matrix sums to 1: normalise each row separately (axis=-1, keepdims=True)",
                 "行列全体の和が 1 になっています。行ごとに正規化してください(axis=-1, keepdims=True)"))]
    _close(got, expected, f"softmax({case.label})", hints=hints)


def _probabilities(rng, n, c, scale=1.0):
    z = rng.normal(size=(n, c)) * scale
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _one_hot(labels, c):
    out = np.zeros((labels.size, c))
    out[np.arange(labels.size), labels] = 1.0
    return out


@probes.cases("cross_entropy_error", check_inputs=True)
def _(rng):
    y = _probabilities(rng, 4, 3)
    labels = rng.integers(0, 3, 4)
    yield Case("y (4, 3), t one-hot", y, _one_hot(labels, 3))
    yield Case("y (4, 3), t labels (4,)", y, labels)
    y = _probabilities(rng, 5, 5, scale=2.0)
    labels = rng.integers(0, 5, 5)
    yield Case("y (5, 5), t labels (5,)", y, labels)
    yield Case("a single example y (1, 6), t one-hot", _probabilities(rng, 1, 6), _one_hot(np.array([2]), 6))
    y = _probabilities(rng, 3, 4)
    y[1] = [1.0, 0.0, 0.0, 0.0]  # probability exactly 0 for the right class of example 1
    yield Case("y with a probability exactly 0 for the right class", y, np.array([0, 2, 3]))


@probes.judge("cross_entropy_error")
def _(got, expected, case):
    y, t = case.args
    n = y.shape[0]
    if isinstance(got, np.ndarray) and got.size != 1:
        raise CheckError(tr(f"cross_entropy_error({case.label}) should be one number (the mean over the "
                            f"batch), got an array of shape {got.shape}.",
                            f"cross_entropy_error({case.label}) は 1 つの数(バッチの平均)を返します。"
                            f"返り値は形状 {got.shape} の配列でした。"))
    hints = [(lambda g, e: np.isinf(g) or np.isnan(g),
              tr("log(0) = -inf: add delta = 1e-7 inside the log, np.log(y + 1e-7)",
                 "log(0) = -inf です。log の中に delta = 1e-7 を足してください: np.log(y + 1e-7)"))]
    _close(got, expected, f"cross_entropy_error({case.label})", hints=hints, m=n)


@probes.cases("SoftmaxWithLoss", check_inputs=True)
def _(rng):
    labels = rng.integers(0, 3, 4)
    x = rng.normal(size=(4, 3)) * 2
    yield Case("x (4, 3), t one-hot", x, _one_hot(labels, 3))
    yield Case("x (4, 3), t labels (4,)", x, labels)
    labels = rng.integers(0, 5, 5)
    yield Case("x (5, 5), t labels", rng.normal(size=(5, 5)), labels)
    yield Case("a single example x (1, 4), t one-hot", rng.normal(size=(1, 4)), _one_hot(np.array([3]), 4))
    yield Case("large scores (100s), t labels", np.array([[300.0, 100.0, -50.0], [0.0, 200.0, 201.0]]),
               np.array([0, 1]))


@probes.call("SoftmaxWithLoss")
def _(ns, case):
    (x, t), _ = case.copied()
    layer = ns["SoftmaxWithLoss"]()
    loss = layer.forward(x, t)
    dx = layer.backward()
    return {"loss": loss, "dx": dx}


@probes.judge("SoftmaxWithLoss")
def _(got, expected, case):
    x, t = case.args
    n = x.shape[0]
    name = f"SoftmaxWithLoss on {case.label}"
    _close(got["loss"], expected["loss"], f"{name}: forward(x, t)", m=n,
           hints=[(lambda g, e: np.isinf(g) or np.isnan(g),
                   tr("inf/nan: a stable softmax (subtract the max) and log(y + 1e-7)",
                      "inf/nan です。最大値を引く安定なソフトマックス関数と log(y + 1e-7) を使ってください"))])
    _close(got["dx"], expected["dx"], f"{name}: backward()", m=n)


# --------------------------------------------------------------------------- numerical_gradient
def _f_cubes(x):
    return float(np.sum(x ** 3))


def _f_coupled(x):
    # every element's partial derivative depends on every other element
    return float(np.sum(np.sin(x)) * np.sum(x ** 2) + np.prod(np.tanh(x)))


def _f_quadratic(x):
    v = x.reshape(-1)
    A = np.arange(v.size * v.size, dtype=float).reshape(v.size, v.size) / (v.size * v.size)
    return float(v @ A @ v + 0.5 * np.sum(v))


_FUNCTIONS = {"sum(x**3)": _f_cubes, "sum(sin x)·sum(x²) + prod(tanh x)": _f_coupled,
              "a quadratic form": _f_quadratic}


@probes.cases("numerical_gradient")
def _(rng):
    yield Case("f = sum(x**3), x 1-D (4,)", "sum(x**3)", rng.normal(size=4))
    yield Case("f = sum(x**3), x (2, 3)", "sum(x**3)", rng.normal(size=(2, 3)))
    yield Case("f = sum(sin x)·sum(x²) + prod(tanh x), x (3, 2)", "sum(sin x)·sum(x²) + prod(tanh x)",
               rng.normal(size=(3, 2)))
    yield Case("f = a quadratic form, x (2, 2, 3)", "a quadratic form", rng.normal(size=(2, 2, 3)))
    yield Case("f = sum(x**3), x (1, 1)", "sum(x**3)", np.array([[1.7]]))


@probes.call("numerical_gradient")
def _(ns, case):
    (fname, x), _ = case.copied()
    x_before = x.copy()
    grad = ns["numerical_gradient"](_FUNCTIONS[fname], x)
    if not np.allclose(x, x_before, rtol=0, atol=1e-12):
        diff = np.max(np.abs(x - x_before))
        raise CheckError(tr(f"numerical_gradient({case.label}) did not restore x: after the call x differs "
                            f"from the input by up to {diff:.3g} — put every element "
                            "back (x[idx] = tmp_val) after evaluating f(x + h) and f(x − h).",
                            f"numerical_gradient({case.label}) が x を元に戻していません。呼び出し後の x は入力と"
                            f"最大 {diff:.3g} 違います。f(x + h) と f(x − h) を計算したら、各要素を元の値に"
                            "戻してください(x[idx] = tmp_val)。"))
    return grad


@probes.judge("numerical_gradient")
def _(got, expected, case):
    _, x = case.args
    hints = [(lambda g, e: np.allclose(g, 0) and not np.allclose(e, 0),
              tr("all zeros: is h so small that x + h == x in floating point? use h = 1e-4",
                 "すべて 0 です。h が小さすぎて浮動小数点数で x + h == x になっていませんか? h = 1e-4 を使ってください")),
             (lambda g, e: np.allclose(g, e, rtol=1e-2, atol=1e-3),
              tr("close but not close enough: use the central difference (f(x+h) − f(x−h)) / 2h, "
                 "whose error is O(h²), not the forward difference (f(x+h) − f(x)) / h",
                 "近いものの十分ではありません。前方差分 (f(x+h) − f(x)) / h ではなく、誤差が O(h²) の"
                 "中心差分 (f(x+h) − f(x−h)) / 2h を使ってください"))]
    _close(got, expected, f"numerical_gradient({case.label})", hints=hints)


# --------------------------------------------------------------------------- TwoLayerNet (4 steps)
_LAYERS = ["Affine1", "Relu1", "Affine2"]
_PARAMS = ("W1", "b1", "W2", "b2")


def _fixed_params(rng, d, h, c):
    return {"W1": rng.normal(size=(d, h)) * 0.5, "b1": rng.normal(size=h) * 0.3,
            "W2": rng.normal(size=(h, c)), "b2": rng.normal(size=c) * 0.3}


def _net_cases(rng):
    """Fixed parameters written into a fresh net, and batches to run through it."""
    d, h, c, n = 6, 5, 4, 5
    params = _fixed_params(rng, d, h, c)
    x = rng.normal(size=(n, d))
    labels = rng.integers(0, c, n)
    yield Case("net (6, 5, 4) with fixed params, x (5, 6), t one-hot", "fixed", x, _one_hot(labels, c), params)
    yield Case("net (6, 5, 4) with fixed params, x (5, 6), t labels", "fixed", x, labels, params)
    d, h, c = 3, 7, 2
    params = _fixed_params(rng, d, h, c)
    params["b2"] = np.array([0.5, -0.5])
    yield Case("net (3, 7, 2) with fixed params, a single example", "fixed", rng.normal(size=(1, d)),
               _one_hot(np.array([1]), c), params)


@probes.cases("TwoLayerNet", check_inputs=True)
def _(rng):
    yield Case("TwoLayerNet(64, 50, 10), default weight_init_std", "init", 64, 50, 10, None)
    yield Case("TwoLayerNet(20, 30, 6, weight_init_std=0.1)", "init", 20, 30, 6, 0.1)
    yield Case("TwoLayerNet(100, 8, 15, weight_init_std=1.0)", "init", 100, 8, 15, 1.0)
    yield from _net_cases(rng)


def _init_report(ns, size, std):
    cls = ns["TwoLayerNet"]
    net = cls(*size) if std is None else cls(*size, weight_init_std=std)
    params = getattr(net, "params", None)
    if not isinstance(params, dict):
        raise CheckError(tr("TwoLayerNet should keep its parameters in a dict self.params with keys "
                            "'W1', 'b1', 'W2', 'b2'.",
                            "TwoLayerNet はパラメータを辞書 self.params(キー 'W1', 'b1', 'W2', 'b2')に持ちます。"))
    layers = getattr(net, "layers", None)
    if layers is None or not hasattr(layers, "keys"):
        raise CheckError(tr("TwoLayerNet should keep its layers in an OrderedDict self.layers "
                            "(Affine1, Relu1, Affine2).",
                            "TwoLayerNet はレイヤを OrderedDict の self.layers(Affine1, Relu1, Affine2)に持ちます。"))
    if getattr(net, "last_layer", None) is None:
        raise CheckError(tr("TwoLayerNet should keep its SoftmaxWithLoss layer in self.last_layer.",
                            "TwoLayerNet は SoftmaxWithLoss レイヤを self.last_layer に持ちます。"))
    report = {"keys": sorted(map(str, params)), "layers": [str(k) for k in layers.keys()]}
    for k in _PARAMS:
        if k in params:
            v = np.asarray(params[k], dtype=float)
            report[k] = {"shape": list(v.shape), "std": float(v.std()), "mean": float(v.mean()),
                         "max_abs": float(np.abs(v).max())}
    return report


def _fixed_net(ns, params):
    """The notebook's TwoLayerNet with the case's parameters written INTO its arrays."""
    d, h = params["W1"].shape
    c = params["W2"].shape[1]
    net = ns["TwoLayerNet"](d, h, c)
    missing = [k for k in _PARAMS if k not in getattr(net, "params", {})]
    if missing:
        raise CheckError(tr(f"TwoLayerNet.params is missing {missing}.",
                            f"TwoLayerNet.params に {missing} がありません。"))
    for k, value in params.items():
        # in place, so that layers holding references to the same arrays see the new values
        net.params[k][...] = value
    return net


@probes.call("TwoLayerNet")
def _(ns, case):
    args, _ = case.copied()
    if args[0] == "init":
        return _init_report(ns, args[1:4], args[4])
    _, x, t, params = args
    net = _fixed_net(ns, params)
    return {"predict": net.predict(x), "loss": net.loss(x, t)}


@probes.judge("TwoLayerNet")
def _(got, expected, case):
    name = case.label
    if case.args[0] == "init":
        std = 0.01 if case.args[4] is None else case.args[4]
        if got["keys"] != expected["keys"]:
            raise CheckError(tr(f"{name}: params has keys {got['keys']}, expected {expected['keys']}.",
                                f"{name}: params のキーが {got['keys']} です。{expected['keys']} であるべきです。"))
        if got["layers"] != _LAYERS:
            raise CheckError(tr(f"{name}: layers holds {got['layers']} in this order, expected {_LAYERS} "
                                "(an OrderedDict filled in the order the data flows).",
                                f"{name}: layers の中身がこの順で {got['layers']} です。{_LAYERS} であるべきです"
                                "(データが流れる順に OrderedDict に入れます)。"))
        for k in _PARAMS:
            g, e = got[k], expected[k]
            if g["shape"] != e["shape"]:
                raise CheckError(tr(f"{name}: params['{k}'] has shape {tuple(g['shape'])}, expected "
                                    f"{tuple(e['shape'])} (rows layout: W (in, out), b (out,)).",
                                    f"{name}: params['{k}'] の形状が {tuple(g['shape'])} です。"
                                    f"{tuple(e['shape'])} であるべきです(行の配置: W は (入力, 出力)、b は (出力,))。"))
            if k.startswith("b") and g["max_abs"] != 0:
                raise CheckError(tr(f"{name}: params['{k}'] should start at zero (np.zeros).",
                                    f"{name}: params['{k}'] の初期値は 0 です(np.zeros)。"))
            if k.startswith("W"):
                n = int(np.prod(g["shape"]))
                mean_tol, std_tol = normal_draw_tolerances(n)
                if abs(g["std"] / std - 1) > std_tol or abs(g["mean"]) > mean_tol * std:
                    raise CheckError(tr(f"{name}: params['{k}'] has mean {g['mean']:.3g} and standard "
                                        f"deviation {g['std']:.3g}; expected mean ≈ 0 and std ≈ "
                                        f"weight_init_std = {std} (weight_init_std * np.random.randn(...)).",
                                        f"{name}: params['{k}'] の平均が {g['mean']:.3g}、標準偏差が {g['std']:.3g} "
                                        f"です。平均 ≈ 0、標準偏差 ≈ weight_init_std = {std} になるはずです"
                                        "(weight_init_std * np.random.randn(...))。"))
        return
    _close(got["predict"], expected["predict"], f"{name}: predict(x)",
           hints=[(lambda g, e: True, tr("the scores before softmax: Affine1 → Relu1 → Affine2, using the "
                                         "arrays in self.params (layers must hold the same arrays, not copies)",
                                         "ソフトマックス関数の前のスコアです: Affine1 → Relu1 → Affine2。"
                                         "self.params の配列そのものを使います(レイヤはコピーではなく同じ配列を持ちます)"))])
    _close(got["loss"], expected["loss"], f"{name}: loss(x, t)",
           hints=[(lambda g, e: True, tr("loss(x, t) is last_layer.forward(predict(x), t)",
                                         "loss(x, t) は last_layer.forward(predict(x), t) です"))])


# ---- step 2: net_accuracy, on a stand-in network whose predict returns fixed scores
class _FixedScores:
    def __init__(self, scores):
        self.scores = scores

    def predict(self, x):
        return self.scores.copy()


@probes.cases("net_accuracy", check_inputs=True)
def _(rng):
    for n, c in ((6, 3), (10, 4), (1, 5)):
        scores = rng.normal(size=(n, c))
        labels = np.argmax(scores, axis=1)
        wrong = rng.random(n) < 0.4
        labels[wrong] = (labels[wrong] + 1) % c          # some rows wrong, some right
        yield Case(f"{n} rows of {c} scores, t labels", scores, rng.normal(size=(n, 2)), labels)
        yield Case(f"{n} rows of {c} scores, t one-hot", scores, rng.normal(size=(n, 2)), _one_hot(labels, c))
    scores = np.array([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]])
    yield Case("3 rows of 2 scores, t labels [1, 1, 1]", scores, np.zeros((3, 4)), np.array([1, 1, 1]))


@probes.call("net_accuracy")
def _(ns, case):
    (scores, x, t), _ = case.copied()
    return ns["net_accuracy"](_FixedScores(scores), x, t)


@probes.judge("net_accuracy")
def _(got, expected, case):
    scores, x, t = case.args
    n = x.shape[0]
    hints = [(lambda g, e: np.isclose(g, e * n) and n > 1,
              tr("this is the NUMBER of right rows: divide by the number of rows N",
                 "これは正しい行の「個数」です。行数 N で割ってください")),
             (lambda g, e: np.isclose(g, 1 - e) and not np.isclose(e, 0.5),
              tr("this is the fraction of WRONG rows", "これは間違った行の割合です"))]
    if isinstance(got, np.ndarray) and got.size != 1:
        raise CheckError(tr(f"net_accuracy({case.label}) should be one number, got an array of shape {got.shape}.",
                            f"net_accuracy({case.label}) は 1 つの数を返します。返り値は形状 {got.shape} の配列でした。"))
    _close(got, expected, f"net_accuracy({case.label})", hints=hints)


def _grads_of(name: str, grads) -> dict:
    """What ``name`` returned, as float copies of the parameters it holds (CheckError unless a dict)."""
    if not isinstance(grads, dict):
        raise CheckError(tr(f"{name} should return a dict, got {type(grads).__name__}.",
                            f"{name} は辞書を返します。返り値は {type(grads).__name__} でした。"))
    return {k: np.array(grads[k], dtype=float, copy=True) for k in _PARAMS if k in grads}


# ---- step 3: net_numerical_gradient, on a stand-in network whose loss reads its params
class _SmoothNet:
    """loss(x, t) is a smooth function of the arrays in self.params (read at call time)."""

    def __init__(self, params):
        self.params = params

    def loss(self, x, t):
        p = self.params
        a = np.sum(np.tanh(x @ p["W1"] + p["b1"]) * t[:, :p["W1"].shape[1]])
        return float(a + np.sum(np.sin(p["W2"])) * np.sum(p["b2"] ** 2) + 0.5 * np.sum(p["W2"] ** 2))


@probes.cases("net_numerical_gradient")
def _(rng):
    for d, h, c, n in ((3, 4, 2, 5), (5, 2, 3, 1), (2, 6, 6, 3)):
        params = _fixed_params(rng, d, h, c)
        yield Case(f"a stand-in net W1 ({d}, {h}), W2 ({h}, {c}), x ({n}, {d})", params,
                   rng.normal(size=(n, d)), rng.normal(size=(n, max(h, c))))


@probes.call("net_numerical_gradient")
def _(ns, case):
    (params, x, t), _ = case.copied()
    net = _SmoothNet(params)
    before = {k: v.copy() for k, v in params.items()}
    grads = ns["net_numerical_gradient"](net, x, t)
    for k in _PARAMS:
        if not np.allclose(net.params[k], before[k], rtol=0, atol=1e-12):
            raise CheckError(tr(f"net_numerical_gradient({case.label}) changed net.params['{k}']: every "
                                "parameter must hold its original values afterwards.",
                                f"net_numerical_gradient({case.label}) が net.params['{k}'] を変えたままです。"
                                "終わったら各パラメータを元の値に戻します。"))
    return _grads_of("net_numerical_gradient", grads)


@probes.judge("net_numerical_gradient")
def _(got, expected, case):
    for k in _PARAMS:
        if k not in got:
            raise CheckError(tr(f"net_numerical_gradient({case.label}) has no key '{k}'.",
                                f"net_numerical_gradient({case.label}) にキー '{k}' がありません。"))
        _close(got[k], expected[k], f'net_numerical_gradient({case.label})["{k}"]', rtol=1e-4, atol=1e-7,
               hints=[(lambda g, e: np.allclose(g, 0) and not np.allclose(e, 0),
                       tr("all zeros: numerical_gradient must change the very array the loss reads — "
                          "pass net.params[key] itself, not a copy",
                          "すべて 0 です。numerical_gradient は損失が読む配列そのものを変える必要があります。"
                          "コピーではなく net.params[key] 自身を渡してください"))])


# ---- step 4: net_gradient, on the notebook's own TwoLayerNet
@probes.cases("net_gradient", check_inputs=True)
def _(rng):
    yield from _net_cases(rng)


@probes.call("net_gradient")
def _(ns, case):
    (_, x, t, params), _ = case.copied()
    net = _fixed_net(ns, params)       # fresh: no forward pass has run yet
    grads = ns["net_gradient"](net, x, t)
    return _grads_of("net_gradient", grads)


@probes.judge("net_gradient")
def _(got, expected, case):
    why = tr("run the forward pass net.loss(x, t) first, then backpropagate from last_layer.backward(1) "
             "through every layer in reverse order (Affine2 → Relu1 → Affine1) and read each Affine's dW, db",
             "まず順伝播 net.loss(x, t) を実行し、last_layer.backward(1) から各レイヤを逆順"
             "(Affine2 → Relu1 → Affine1)にたどってから、各 Affine の dW, db を読みます")
    for k in _PARAMS:
        if k not in got:
            raise CheckError(tr(f"net_gradient({case.label}) has no key '{k}'.",
                                f"net_gradient({case.label}) にキー '{k}' がありません。"))
        try:
            _close(got[k], expected[k], f'net_gradient({case.label})["{k}"]', rtol=1e-5, atol=1e-7)
        except CheckError as err:
            raise CheckError(f"{err} — {why}.") from None


# --------------------------------------------------------------------------- concept questions
probes.answer("concept_affine_shape", "answer_affine_shape",
              tr("(32, 64) @ (64, 50) gives (32, 50), and b of shape (50,) broadcasts over the 32 "
                 "rows: one row of 50 outputs per example.",
                 "(32, 64) @ (64, 50) の形状は (32, 50) で、形状 (50,) の b は 32 行それぞれにブロードキャスト"
                 "されます。1 つの例につき 50 個の出力が 1 行に並びます。"))
probes.answer("concept_optimised", "answer_optimised",
              tr("Training updates only the parameters, the weights W and the biases b (choices 3 and "
                 "4). X and Y are the data, u and z are recomputed from them on every forward pass, "
                 "and the learning rate η is a hyperparameter that you choose.",
                 "学習で更新されるのはパラメータ、つまり重み W とバイアス b だけです(3 と 4)。X と Y は"
                 "データで、u と z は順伝播のたびに計算し直され、学習率 η は自分で選ぶハイパーパラメータです。"))
probes.answer("concept_squared_error", "answer_squared_error",
              tr("Squaring makes every error count positively, so errors of opposite sign cannot "
                 "cancel (1), and the ½ cancels the 2 of the derivative, giving ∂E/∂y_k = y_k − t_k "
                 "(3). The sign of the outputs is not the reason (2 is false), and multiplying a loss "
                 "by a positive constant does not move its minimum (4 is false).",
                 "2 乗するとどの誤差も正の量として数えられ、符号の違う誤差が打ち消し合いません(1)。½ は"
                 "微分で出る 2 を打ち消し、∂E/∂y_k = y_k − t_k になります(3)。出力の符号は理由ではなく"
                 "(2 は誤り)、損失を正の定数倍しても最小点は動きません(4 は誤り)。"))
probes.answer("concept_log_delta", "answer_log_delta",
              tr("log(0) = −inf, so a single zero probability of the right class would make the loss "
                 "infinite (1), while for probabilities that are not tiny adding 1e-7 hardly changes "
                 "the log (3). delta is not a regulariser (2 is false) and does nothing to the "
                 "softmax's sum (4 is false).",
                 "log(0) = −inf なので、正解クラスの確率が 1 つでも 0 なら損失が無限大になります(1)。一方、"
                 "極端に小さくない確率では 1e-7 を足しても log はほとんど変わりません(3)。delta は正則化"
                 "ではなく(2 は誤り)、ソフトマックス関数の和にも関係しません(4 は誤り)。"))
probes.answer("concept_softmax_max", "answer_softmax_max",
              tr("np.exp of a large score overflows to inf and inf/inf is nan (1); subtracting the "
                 "same constant c from every score multiplies the numerator and the denominator by "
                 "the same e^(−c), so the result is unchanged (2). The outputs sum to 1 either way (3 "
                 "is false), and the largest output is in general not 1 (4 is false).",
                 "大きなスコアの np.exp は inf にオーバーフローし、inf/inf は nan になります(1)。すべての"
                 "スコアから同じ定数 c を引くと分子と分母に同じ e^(−c) が掛かるので、結果は変わりません(2)。"
                 "どちらでも出力の和は 1 で(3 は誤り)、最大の出力は一般に 1 ではありません(4 は誤り)。"))

"""Probes of week 5: computational graphs and layer objects (see autograder.probes for the contract).

Layers are classes, so most probes are ``@probes.call``: construct the layer, run
``forward`` then ``backward`` on the case's arrays and return plain data (out, dx, dW, …).
"""
import numpy as np

from autograder.probes import Case, ProbeSet, normal_draw_tolerances
from course.checks import CheckError, check_close, compare

probes = ProbeSet("w05_backprop_layers")


def _pair(back, layer):
    """backward(dout) must return the two input gradients (dx, dy)."""
    if not isinstance(back, (tuple, list)) or len(back) != 2:
        raise CheckError(f"{layer}.backward(dout) should return a pair (dx, dy) — one gradient per "
                         f"input of forward(x, y) — got {type(back).__name__} {back!r:.80}.")
    return back


def _close(got, expected, name, hints=(), m=None, rtol=1e-5, atol=1e-7):
    if isinstance(got, np.ndarray) and got.ndim == 0:
        got = got.item()
    check_close(got, expected, name, rtol=rtol, atol=atol, hints=hints, m=m)


# --------------------------------------------------------------------------- MulLayer, AddLayer
def _graph_cases(rng):
    yield Case("numbers x = 100, y = 2, dout 1.1", 100.0, 2.0, 1.1)
    yield Case("numbers x = -1.5, y = 4, dout 2", -1.5, 4.0, 2.0)
    yield Case("3×4 arrays", rng.normal(size=(3, 4)), rng.normal(size=(3, 4)), rng.normal(size=(3, 4)))
    yield Case("2×3×2 arrays", rng.normal(size=(2, 3, 2)) * 5, rng.normal(size=(2, 3, 2)),
               rng.normal(size=(2, 3, 2)))
    yield Case("a single value (1,)", rng.normal(size=1), rng.normal(size=1), np.array([1.0]))


probes.cases("MulLayer", check_inputs=True)(_graph_cases)
probes.cases("AddLayer", check_inputs=True)(_graph_cases)


@probes.call("MulLayer")
def _(ns, case):
    (x, y, dout), _ = case.copied()
    layer = ns["MulLayer"]()
    out = layer.forward(x, y)
    dx, dy = _pair(layer.backward(dout), "MulLayer")
    return {"out": out, "dx": dx, "dy": dy}


@probes.judge("MulLayer")
def _(got, expected, case):
    x, y, dout = case.args
    name = f"MulLayer on {case.label}"
    _close(got["out"], expected["out"], f"{name}: forward(x, y)")
    swapped = [(lambda g, e: np.allclose(g, np.multiply(dout, x)) and not np.allclose(e, g),
                "this is dout · x: the gradient with respect to x is dout · y — the inputs are swapped "
                "(∂(xy)/∂x = y)"),
               (lambda g, e: np.allclose(g, np.multiply(dout, y)) and not np.allclose(e, g),
                "this is dout · y: the gradient with respect to y is dout · x — the inputs are swapped "
                "(∂(xy)/∂y = x)"),
               (lambda g, e: np.allclose(g, np.divide(e, dout)) and not np.allclose(e, g),
                "dout is missing: multiply the local gradient by the upstream gradient dout"),
               (lambda g, e: np.allclose(g, dout) and not np.allclose(e, g),
                "this is dout itself (as in an add node): a multiplication node multiplies dout by the "
                "OTHER input")]
    _close(got["dx"], expected["dx"], f"{name}: dx from backward(dout)", hints=swapped)
    _close(got["dy"], expected["dy"], f"{name}: dy from backward(dout)", hints=swapped)


@probes.call("AddLayer")
def _(ns, case):
    (x, y, dout), _ = case.copied()
    layer = ns["AddLayer"]()
    out = layer.forward(x, y)
    dx, dy = _pair(layer.backward(dout), "AddLayer")
    return {"out": out, "dx": dx, "dy": dy}


@probes.judge("AddLayer")
def _(got, expected, case):
    x, y, dout = case.args
    name = f"AddLayer on {case.label}"
    _close(got["out"], expected["out"], f"{name}: forward(x, y)",
           hints=[(lambda g, e: np.allclose(g, np.multiply(x, y)), "this is x · y: an add node adds")])
    hints = [(lambda g, e: np.allclose(g, 1) and not np.allclose(e, 1),
              "the local gradient of + is 1, but it is multiplied by the upstream gradient: dx = dout · 1"),
             (lambda g, e: np.allclose(g, 0) and not np.allclose(e, 0),
              "both inputs of x + y get the whole upstream gradient dout")]
    _close(got["dx"], expected["dx"], f"{name}: dx from backward(dout)", hints=hints)
    _close(got["dy"], expected["dy"], f"{name}: dy from backward(dout)", hints=hints)


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
            raise CheckError(f"{cls}.forward(x) on {case.label} modified x in place: the caller's array "
                             "(another layer's output) must not change — work on a copy, e.g. "
                             "out = x.copy(), or np.maximum(0, x).")
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
              "dout got through where x <= 0 and was blocked where x > 0: the mask is inverted"),
             (lambda g, e: np.allclose(g, np.maximum(0, dout)),
              "this is max(0, dout): the mask must come from the forward input x (where x > 0), not from dout"),
             (lambda g, e: np.allclose(g, (x > 0).astype(float)),
              "this is the local gradient alone: multiply it by dout")]
    _close(got["dx"], expected["dx"], f"{name}: dx from backward(dout)", hints=hints)


@probes.judge("Sigmoid")
def _(got, expected, case):
    x, dout = case.args
    name = f"Sigmoid on {case.label}"
    _close(got["out"], expected["out"], f"{name}: forward(x)")
    hints = [(lambda g, e: np.allclose(g, dout * x * (1 - x)),
              "this is dout · x(1 − x): the derivative is y(1 − y) with y = σ(x), the forward *output*"),
             (lambda g, e: np.allclose(g, e / dout),
              "dout is missing: multiply the local gradient y(1 − y) by dout")]
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
            raise CheckError(f"Affine.backward did not set self.{attr}: store the parameter gradients "
                             "on the layer (the network reads layer.dW and layer.db).")
    return {"out": out, "dx": dx, "dW": layer.dW, "db": layer.db}


@probes.judge("Affine")
def _(got, expected, case):
    x, W, b, dout = case.args
    name = f"Affine on {case.label}"
    for key, shape in (("dx", x.shape), ("dW", W.shape), ("db", b.shape)):
        g = got[key]
        if isinstance(g, np.ndarray) and g.shape != shape:
            if key == "dx":
                why = (f"dx must have x's original shape {shape}: reshape it back with "
                       "dx.reshape(*self.original_x_shape)")
            elif key == "dW":
                why = (f"dW must have W's shape {shape}" +
                       (": it is transposed — dW = x.T @ dout" if g.shape == shape[::-1] else
                        ": dW = x.T @ dout with x flattened to (N, D)"))
            elif g.shape == (1,) + shape:
                why = f"db must have b's shape {shape}: sum over axis 0 without keepdims"
            else:
                why = f"db must have b's shape {shape}: sum dout over the batch axis (axis=0)"
            raise CheckError(f"{name}: {key} has shape {g.shape} — {why}.")
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
              "each column sums to 1: softmax runs over each row (axis=1 or axis=-1, keepdims=True)"),
             (lambda g, e: np.isclose(g.sum(), 1) and g.shape[0] > 1,
              "the whole matrix sums to 1: normalise each row separately (axis=-1, keepdims=True)")]
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
        raise CheckError(f"cross_entropy_error({case.label}) should be one number (the mean over the "
                         f"batch), got an array of shape {got.shape}.")
    hints = [(lambda g, e: np.isinf(g) or np.isnan(g),
              "log(0) = -inf: add delta = 1e-7 inside the log, np.log(y + 1e-7)")]
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
                   "inf/nan: a stable softmax (subtract the max) and log(y + 1e-7)")])
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
        raise CheckError(f"numerical_gradient({case.label}) did not restore x: after the call x differs "
                         f"from the input by up to {np.max(np.abs(x - x_before)):.3g} — put every element "
                         "back (x[idx] = tmp_val) after evaluating f(x + h) and f(x − h).")
    return grad


@probes.judge("numerical_gradient")
def _(got, expected, case):
    _, x = case.args
    hints = [(lambda g, e: np.allclose(g, 0) and not np.allclose(e, 0),
              "all zeros: is h so small that x + h == x in floating point? use h = 1e-4"),
             (lambda g, e: np.allclose(g, e, rtol=1e-2, atol=1e-3),
              "close but not close enough: use the central difference (f(x+h) − f(x−h)) / 2h, "
              "whose error is O(h²), not the forward difference (f(x+h) − f(x)) / h")]
    _close(got, expected, f"numerical_gradient({case.label})", hints=hints)


# --------------------------------------------------------------------------- TwoLayerNet
_LAYERS = ["Affine1", "Relu1", "Affine2"]
_PARAMS = ("W1", "b1", "W2", "b2")


@probes.cases("TwoLayerNet", check_inputs=True)
def _(rng):
    yield Case("TwoLayerNet(64, 50, 10), default weight_init_std", "init", 64, 50, 10, None)
    yield Case("TwoLayerNet(20, 30, 6, weight_init_std=0.1)", "init", 20, 30, 6, 0.1)
    yield Case("TwoLayerNet(100, 8, 15, weight_init_std=1.0)", "init", 100, 8, 15, 1.0)
    d, h, c, n = 6, 5, 4, 5
    params = {"W1": rng.normal(size=(d, h)) * 0.5, "b1": rng.normal(size=h) * 0.3,
              "W2": rng.normal(size=(h, c)), "b2": rng.normal(size=c) * 0.3}
    x = rng.normal(size=(n, d))
    labels = rng.integers(0, c, n)
    yield Case("net (6, 5, 4) with fixed params, x (5, 6), t one-hot", "fixed", x, _one_hot(labels, c), params)
    yield Case("net (6, 5, 4) with fixed params, x (5, 6), t labels", "fixed", x, labels, params)
    d, h, c = 3, 7, 2
    params = {"W1": rng.normal(size=(d, h)), "b1": rng.normal(size=h) * 0.3,
              "W2": rng.normal(size=(h, c)), "b2": np.array([0.5, -0.5])}
    yield Case("net (3, 7, 2) with fixed params, a single example", "fixed", rng.normal(size=(1, d)),
               _one_hot(np.array([1]), c), params)


def _init_report(ns, size, std):
    cls = ns["TwoLayerNet"]
    net = cls(*size) if std is None else cls(*size, weight_init_std=std)
    params = getattr(net, "params", None)
    if not isinstance(params, dict):
        raise CheckError("TwoLayerNet should keep its parameters in a dict self.params with keys "
                         "'W1', 'b1', 'W2', 'b2'.")
    layers = getattr(net, "layers", None)
    if layers is None or not hasattr(layers, "keys"):
        raise CheckError("TwoLayerNet should keep its layers in an OrderedDict self.layers "
                         "(Affine1, Relu1, Affine2).")
    if getattr(net, "last_layer", None) is None:
        raise CheckError("TwoLayerNet should keep its SoftmaxWithLoss layer in self.last_layer.")
    report = {"keys": sorted(map(str, params)), "layers": [str(k) for k in layers.keys()]}
    for k in _PARAMS:
        if k in params:
            v = np.asarray(params[k], dtype=float)
            report[k] = {"shape": list(v.shape), "std": float(v.std()), "mean": float(v.mean()),
                         "max_abs": float(np.abs(v).max())}
    return report


@probes.call("TwoLayerNet")
def _(ns, case):
    args, _ = case.copied()
    if args[0] == "init":
        return _init_report(ns, args[1:4], args[4])
    _, x, t, params = args
    d, h = params["W1"].shape
    c = params["W2"].shape[1]
    net = ns["TwoLayerNet"](d, h, c)
    missing = [k for k in _PARAMS if k not in getattr(net, "params", {})]
    if missing:
        raise CheckError(f"TwoLayerNet.params is missing {missing}.")
    for k, value in params.items():
        # in place, so that layers holding references to the same arrays see the new values
        net.params[k][...] = value
    out = {"predict": net.predict(x), "loss": net.loss(x, t)}
    grads = net.gradient(x, t)
    out["gradient"] = {k: np.array(grads[k], dtype=float, copy=True) for k in _PARAMS if k in grads}
    num = net.numerical_gradient(x, t)
    out["numerical_gradient"] = {k: np.array(num[k], dtype=float, copy=True) for k in _PARAMS if k in num}
    out["accuracy"] = net.accuracy(x, t)
    return out


@probes.judge("TwoLayerNet")
def _(got, expected, case):
    name = case.label
    if case.args[0] == "init":
        std = 0.01 if case.args[4] is None else case.args[4]
        if got["keys"] != expected["keys"]:
            raise CheckError(f"{name}: params has keys {got['keys']}, expected {expected['keys']}.")
        if got["layers"] != _LAYERS:
            raise CheckError(f"{name}: layers holds {got['layers']} in this order, expected {_LAYERS} "
                             "(an OrderedDict filled in the order the data flows).")
        for k in _PARAMS:
            g, e = got[k], expected[k]
            if g["shape"] != e["shape"]:
                raise CheckError(f"{name}: params['{k}'] has shape {tuple(g['shape'])}, expected "
                                 f"{tuple(e['shape'])} (rows layout: W (in, out), b (out,)).")
            if k.startswith("b") and g["max_abs"] != 0:
                raise CheckError(f"{name}: params['{k}'] should start at zero (np.zeros).")
            if k.startswith("W"):
                n = int(np.prod(g["shape"]))
                mean_tol, std_tol = normal_draw_tolerances(n)
                if abs(g["std"] / std - 1) > std_tol or abs(g["mean"]) > mean_tol * std:
                    raise CheckError(f"{name}: params['{k}'] has mean {g['mean']:.3g} and standard "
                                     f"deviation {g['std']:.3g}; expected mean ≈ 0 and std ≈ "
                                     f"weight_init_std = {std} (weight_init_std * np.random.randn(...)).")
        return
    _close(got["predict"], expected["predict"], f"{name}: predict(x)",
           hints=[(lambda g, e: True, "the scores before softmax: Affine1 → Relu1 → Affine2, using the "
                                      "arrays in self.params (layers must hold the same arrays, not copies)")])
    _close(got["loss"], expected["loss"], f"{name}: loss(x, t)")
    for part, why in (("gradient", "backpropagate from last_layer.backward(1) through every layer in "
                                   "reverse order (Affine2 → Relu1 → Affine1), then read each Affine's dW, db"),
                      ("numerical_gradient", "numerical_gradient(lambda W: self.loss(x, t), self.params[key]) "
                                             "for every key")):
        for k in _PARAMS:
            if k not in got[part]:
                raise CheckError(f"{name}: {part}(x, t) has no key '{k}'.")
            try:
                _close(got[part][k], expected[part][k], f'{name}: {part}(x, t)["{k}"]', rtol=1e-4, atol=1e-7)
            except CheckError as err:
                raise CheckError(f"{err} — {why}.") from None
    _close(got["accuracy"], expected["accuracy"], f"{name}: accuracy(x, t)",
           hints=[(lambda g, e: True, "the fraction of rows whose argmax of predict(x) equals the label "
                                      "(np.argmax(t, axis=1) when t is one-hot)")])


# --------------------------------------------------------------------------- concept questions
probes.answer("concept_affine_shape", "answer_affine_shape",
              "(32, 64) @ (64, 50) gives (32, 50), and b of shape (50,) broadcasts over the 32 "
              "rows: one row of 50 outputs per example. "
              "/ (32, 64) @ (64, 50) = (32, 50)。b は各行にブロードキャストされます。")
probes.answer("concept_optimised", "answer_optimised",
              "Training updates only the parameters, the weights W and the biases b (choices 3 and "
              "4). X and Y are the data, u and z are recomputed from them on every forward pass, "
              "and the learning rate η is a hyperparameter that you choose. "
              "/ 学習で更新されるのはパラメータ W と b だけです。u, z は毎回計算され、"
              "η はハイパーパラメータです。")
probes.answer("concept_squared_error", "answer_squared_error",
              "Squaring makes every error count positively, so errors of opposite sign cannot "
              "cancel (1), and the ½ cancels the 2 of the derivative, giving ∂E/∂y_k = y_k − t_k "
              "(3). The sign of the outputs is not the reason (2 is false), and multiplying a loss "
              "by a positive constant does not move its minimum (4 is false). "
              "/ 1 と 3 が正しい。正の定数倍は損失の最小点を変えません。")
probes.answer("concept_log_delta", "answer_log_delta",
              "log(0) = −inf, so a single zero probability of the right class would make the loss "
              "infinite (1), while for probabilities that are not tiny adding 1e-7 hardly changes "
              "the log (3). delta is not a regulariser (2 is false) and does nothing to the "
              "softmax's sum (4 is false). "
              "/ 1 と 3: log(0) を避けるためで、普通の大きさの確率にはほとんど影響しません。")
probes.answer("concept_softmax_max", "answer_softmax_max",
              "np.exp of a large score overflows to inf and inf/inf is nan (1); subtracting the "
              "same constant c from every score multiplies the numerator and the denominator by "
              "the same e^(−c), so the result is unchanged (2). The outputs sum to 1 either way (3 "
              "is false), and the largest output is in general not 1 (4 is false). "
              "/ 1 と 2: オーバーフローを防ぐためで、同じ定数を引いても結果は変わりません。")

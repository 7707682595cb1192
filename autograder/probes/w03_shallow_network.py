"""Probes of week 3: a shallow network (see autograder.probes for the contract).

Columns layout: ``X (n_x, m)``, ``Y (1, m)``, parameters ``W1 (n_h, n_x)``, ``b1 (n_h, 1)``,
``W2 (n_y, n_h)``, ``b2 (n_y, 1)``. Messages are written in both languages (course.i18n.tr).
"""
import numpy as np

from autograder.probes import Case, ProbeSet, stable_seed
from course.checks import CheckError, check_keys, check_scalar, check_shape, compare
from course.i18n import tr

probes = ProbeSet("w03_shallow_network")
W = "w03_shallow_network"


# --------------------------------------------------------------------------- helpers
def _params(rng, n_x, n_h, n_y, scale=1.0):
    """Random parameters with non-zero biases."""
    return {"W1": rng.normal(size=(n_h, n_x)) * scale, "b1": rng.normal(size=(n_h, 1)),
            "W2": rng.normal(size=(n_y, n_h)) * scale, "b2": rng.normal(size=(n_y, 1))}


def _consistent_cache(X, p):
    """Test data: the forward values that belong to X and p (so Z1 and A1 agree)."""
    Z1 = p["W1"] @ X + p["b1"]
    A1 = np.tanh(Z1)
    Z2 = p["W2"] @ A1 + p["b2"]
    A2 = 1.0 / (1.0 + np.exp(-Z2))
    return {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def _labels(rng, m):
    Y = rng.integers(0, 2, size=(1, m)).astype(float)
    Y[0, 0], Y[0, -1] = 0.0, 1.0   # both classes present
    return Y


# --------------------------------------------------------------------------- book ch.3
@probes.cases("activations", check_inputs=True, parts=("step_function", "relu"))
def _(rng):
    x = rng.normal(size=(3, 5)) * 3
    x[0, 1] = x[2, 4] = 0.0            # exact zeros: the step is 0 there
    yield Case("a 3×5 array with zeros", x)
    yield Case("a 1-D array", np.array([-2.0, -0.0, 0.0, 1e-9, 7.5]))
    yield Case("a 2×3×2 array", rng.normal(size=(2, 3, 2)))
    yield Case("large values", np.array([[-1e6, -1.0, 1e6]]))
    yield Case("an integer array", np.array([-3, 0, 2, 5]))


@probes.call("activations")
def _(ns, case):
    """Both functions of the cell on the same input; relu last, on the handed-out copy (an
    in-place relu is caught by check_inputs)."""
    (x,), _ = case.copied()
    step = ns["step_function"](np.copy(x))
    return {"step_function": step, "relu": ns["relu"](x)}


@probes.judge("activations")
def _(got, expected, case):
    for name, what in (("step_function", tr("a step function", "ステップ関数")), ("relu", "ReLU")):
        label = f"{name}({case.label})"
        value = got.get(name) if isinstance(got, dict) else None
        if isinstance(value, np.ndarray) and value.dtype == bool:
            raise CheckError(tr(
                f"{label} returned booleans (dtype bool): {what} must return numbers — convert "
                "with .astype(int) (the book writes np.array(x > 0, dtype=int)).",
                f"{label} は真偽値 (dtype bool) を返しました。{what}は数値を返す必要があります。"
                ".astype(int) で変換してください(本では np.array(x > 0, dtype=int) と書きます)。"))
        compare(value, expected[name], label, rtol=0, atol=1e-12)


# --------------------------------------------------------------------------- book ch.4
_FUNCTIONS = {
    "exp": np.exp,
    "sin": np.sin,
    "cube": lambda x: x ** 3,
    "book_function_1": lambda x: 0.01 * x ** 2 + 0.1 * x,
    "log": np.log,
    # functions of a 1-D array (partial_derivatives, gradient_descent)
    "book_function_2": lambda v: v[0] ** 2 + v[1] ** 2,
    "mixed_3": lambda v: v[0] * v[1] ** 2 + np.sin(v[2]) + np.exp(0.3 * v[0]),
    "bowl_4": lambda v: float(np.sum(np.arange(1, 5) * (v - 0.5) ** 2)),
    "cosh_1": lambda v: np.cosh(v[0] - 1.0),
    "valley": lambda v: v[0] ** 2 / 20 + v[1] ** 2,
}


@probes.cases("numerical_diff", check_inputs=True, parts=("numerical_diff", "partial_derivatives"))
def _(rng):
    yield Case("exp at x = 1", "diff", "exp", 1.0)
    yield Case("x³ at x = −2", "diff", "cube", -2.0)
    yield Case("0.01x² + 0.1x at x = 10", "diff", "book_function_1", 10.0)
    yield Case("log at a random x", "diff", "log", float(rng.uniform(0.5, 3.0)))
    yield Case("sin at 0.5 with h = 1e-2", "diff", "sin", 0.5, 1e-2)
    yield Case("exp at −1 with h = 1e-3", "diff", "exp", -1.0, 1e-3)
    yield Case("partial_derivatives of x0² + x1² at (3, 4)", "partial", "book_function_2", np.array([3.0, 4.0]))
    yield Case("partial_derivatives of 3 variables at a random point", "partial", "mixed_3",
               rng.uniform(-2, 2, size=3))
    yield Case("partial_derivatives of 4 variables at a random point", "partial", "bowl_4", rng.normal(size=4))
    yield Case("partial_derivatives of one variable, h = 1e-2", "partial", "cosh_1",
               np.array([float(rng.uniform(-1, 2))]), 1e-2)


@probes.call("numerical_diff")
def _(ns, case):
    (kind, name, *rest), _ = case.copied()
    function = "numerical_diff" if kind == "diff" else "partial_derivatives"
    return ns[function](_FUNCTIONS[name], *rest)


@probes.judge("numerical_diff")
def _(got, expected, case):
    kind, name, x, *h = case.args
    h = h[0] if h else 1e-4
    f = _FUNCTIONS[name]
    if kind == "partial":
        label = f"partial_derivatives({case.label})"
        if not isinstance(got, np.ndarray):
            raise CheckError(tr(f"{label} should return a NumPy array of the {x.size} partial derivatives, got "
                                f"{type(got).__name__}.",
                                f"{label} は {x.size} 個の偏微分を並べた NumPy 配列を返す必要がありますが、"
                                f"{type(got).__name__} が返されました。"))
        hint = ""
        if got.shape == expected.shape and x.size > 1 and np.allclose(got, got.flat[0]) \
                and not np.allclose(expected, expected.flat[0]):
            hint = tr(" — every partial derivative is the same: the i-th one moves only coordinate i (x + t·e_i)",
                      "。すべての偏微分が同じ値です。i 番目の偏微分では座標 i だけを動かします (x + t·e_i)")
        try:
            compare(got, expected, label, rtol=1e-6, atol=1e-9)
        except CheckError as exc:
            raise CheckError(str(exc).rstrip(".") + hint + ".") from None
        return
    label = f"numerical_diff({case.label})"
    if isinstance(got, np.ndarray) and got.size == 1:
        got = float(got.reshape(()))
    hint = ""
    if np.isclose(got, (f(x + h) - f(x)) / h, rtol=1e-9, atol=0):
        hint = tr(" — this is the forward difference (f(x + h) − f(x)) / h: use the central "
                  "difference (f(x + h) − f(x − h)) / (2h), whose error shrinks like h²",
                  "。これは前方差分 (f(x + h) − f(x)) / h です。誤差が h² に比例して小さくなる"
                  "中心差分 (f(x + h) − f(x − h)) / (2h) を使ってください")
    elif got == 0.0:
        hint = tr(" — 0.0: is h far too small (e.g. 1e-50)? x + h then rounds to x. "
                  "Use the h argument (default 1e-4)",
                  "。結果が 0.0 です。h が小さすぎませんか (たとえば 1e-50)? x + h が丸められて x になります。"
                  "引数 h (既定値 1e-4) を使ってください")
    try:
        check_scalar(got, expected, label, rtol=1e-8, atol=1e-12)
    except CheckError as exc:
        raise CheckError(str(exc).rstrip(".") + hint + ".") from None


@probes.cases("gradient_descent", check_inputs=True)
def _(rng):
    yield Case("x0² + x1² from (−3, 4), lr = 0.1, 100 steps (the book)", "book_function_2",
               np.array([-3.0, 4.0]), 0.1, 100)
    yield Case("x0² + x1² from a random point, lr = 0.01, 30 steps", "book_function_2",
               rng.uniform(-5, 5, size=2), 0.01, 30)
    yield Case("x0²/20 + x1² from a random point, lr = 0.3, 40 steps", "valley", rng.uniform(-6, 6, size=2), 0.3, 40)
    yield Case("4 variables, lr = 0.05, 25 steps", "bowl_4", rng.normal(size=4), 0.05, 25)
    yield Case("one variable, lr = 0.5, 10 steps", "cosh_1", np.array([float(rng.uniform(-2, 0))]), 0.5, 10)
    yield Case("step_num = 0 (just the start)", "book_function_2", rng.normal(size=2), 0.1, 0)
    yield Case("a learning rate too large (1.05), 8 steps", "book_function_2", np.array([-3.0, 4.0]), 1.05, 8)


@probes.call("gradient_descent")
def _(ns, case):
    (name, init_x, lr, step_num), _ = case.copied()
    out = ns["gradient_descent"](_FUNCTIONS[name], init_x, lr=lr, step_num=step_num)
    if isinstance(out, (tuple, list)) and len(out) == 2:
        try:
            return (np.asarray(out[0], dtype=float), np.asarray(out[1], dtype=float))
        except (TypeError, ValueError):
            return tuple(out)
    return out


@probes.judge("gradient_descent")
def _(got, expected, case):
    label = f"gradient_descent({case.label})"
    if not isinstance(got, tuple) or len(got) != 2:
        raise CheckError(tr(f"{label} should return the pair (x, path).",
                            f"{label} はペア (x, path) を返す必要があります。"))
    x, path = got
    start, lr = case.args[1], case.args[2]
    if isinstance(path, np.ndarray) and path.shape == expected[1].shape and path.shape[0] > 1:
        uphill = 2 * start - expected[1][1]   # start + lr·∇f, where descent goes to start − lr·∇f
        if np.allclose(path[1], uphill, rtol=1e-5, atol=1e-9) and not np.allclose(uphill, start):
            raise CheckError(tr(f"{label}: the first step went UP the gradient — gradient descent subtracts "
                                "lr * gradient.",
                                f"{label}: 最初の一歩が勾配の方向 (上り) に進んでいます。勾配降下法では "
                                "lr * 勾配 を引きます。"))
    if isinstance(path, np.ndarray) and path.ndim == 2 and path.shape[0] == expected[1].shape[0] - 1:
        raise CheckError(tr(f"{label}: path has {path.shape[0]} rows, expected {expected[1].shape[0]} — the start "
                            "point and the point after each of the step_num steps.",
                            f"{label}: path の行数が {path.shape[0]} ですが、{expected[1].shape[0]} 行"
                            "(出発点と step_num 回の各ステップ後の点)であるべきです。"))
    compare(path, expected[1], f"path of {label}", rtol=1e-6, atol=1e-9)
    compare(x, expected[0], f"x of {label}", rtol=1e-6, atol=1e-9)


# --------------------------------------------------------------------------- layer sizes, init
@probes.cases("layer_sizes", check_inputs=True)
def _(rng):
    yield Case("X (5, 3), Y (2, 3)", rng.normal(size=(5, 3)), rng.normal(size=(2, 3)))
    yield Case("X (2, 400), Y (1, 400)", rng.normal(size=(2, 400)), rng.normal(size=(1, 400)))
    yield Case("a single example X (7, 1), Y (1, 1)", rng.normal(size=(7, 1)), rng.normal(size=(1, 1)))
    yield Case("X (3, 10), Y (4, 10)", rng.normal(size=(3, 10)), rng.normal(size=(4, 10)))


@probes.judge("layer_sizes")
def _(got, expected, case):
    label = f"layer_sizes({case.label})"
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        raise CheckError(tr(f"{label} should return a tuple (n_x, n_h, n_y), got {got!r}.",
                            f"{label} はタプル (n_x, n_h, n_y) を返す必要がありますが、{got!r} が返されました。"))
    names = ("n_x", "n_h", "n_y")
    for name, g, e in zip(names, got, expected):
        if g != e:
            hint = {"n_x": tr(" — n_x is the number of input features, X.shape[0] (rows), not the number of examples",
                              "。n_x は入力の特徴量の数 X.shape[0] (行数) で、例の数ではありません"),
                    "n_h": tr(" — this week n_h is fixed to 4", "。今週の n_h は 4 に固定です"),
                    "n_y": tr(" — n_y is the number of output units, Y.shape[0]",
                              "。n_y は出力ユニットの数 Y.shape[0] です")}[name]
            raise CheckError(tr(f"{label}: {name} = {g!r}, expected {e!r}{hint}.",
                                f"{label}: {name} = {g!r} ですが、{e!r} であるべきです{hint}。"))


@probes.cases("initialize_parameters")
def _(rng):
    yield Case("(2, 4, 1)", 2, 4, 1)
    yield Case("(3, 5, 2)", 3, 5, 2)
    yield Case("(1, 1, 1)", 1, 1, 1)
    yield Case("a large layer (60, 40, 30), to measure the scale", 60, 40, 30)


@probes.judge("initialize_parameters")
def _(got, expected, case):
    label = f"initialize_parameters{case.label}" if case.label.startswith("(") else \
        f"initialize_parameters({case.label})"
    check_keys(got, ("W1", "b1", "W2", "b2"), label)
    for key in ("W1", "b1", "W2", "b2"):
        check_shape(got[key], expected[key].shape, f'{label}["{key}"]')
        if got[key].dtype.kind != "f":
            raise CheckError(tr(f'{label}["{key}"] has dtype {got[key].dtype}: use floats.',
                                f'{label}["{key}"] のデータ型が {got[key].dtype} です。浮動小数点数にしてください。'))
    for key in ("b1", "b2"):
        if np.any(got[key] != 0):
            raise CheckError(tr(f'{label}["{key}"] is not all zeros: initialise the biases with np.zeros.',
                                f'{label}["{key}"] がすべて 0 ではありません。バイアスは np.zeros で初期化します。'))
    for key in ("W1", "W2"):
        w = got[key]
        if np.all(w == 0):
            raise CheckError(tr(f'{label}["{key}"] is all zeros: then every hidden unit computes the same '
                                "thing and stays the same (symmetry) — use small random values.",
                                f'{label}["{key}"] がすべて 0 です。これでは隠れ層のユニットがすべて同じ計算をし、'
                                "同じままになります (対称性)。小さな乱数を使ってください。"))
        if w.size > 1 and np.unique(w).size < w.size:
            raise CheckError(tr(f'{label}["{key}"] has repeated values: draw every weight at random.',
                                f'{label}["{key}"] に同じ値が繰り返し現れます。重みは1つずつ乱数で決めてください。'))
        if np.max(np.abs(w)) > 0.06:
            raise CheckError(tr(f'{label}["{key}"] has values up to {np.max(np.abs(w)):.3g}: the weights '
                                "should be small, np.random.randn(...) * 0.01.",
                                f'{label}["{key}"] に絶対値 {np.max(np.abs(w)):.3g} までの値があります。'
                                "重みは小さく、np.random.randn(...) * 0.01 にします。"))
        if w.size >= 1000:
            std, mean = float(np.std(w)), float(np.mean(w))
            if abs(mean) > 0.002:
                raise CheckError(tr(f'{label}["{key}"] has mean {mean:.4f}: the weights should be centred on '
                                    "0 — np.random.randn (normal), not np.random.rand (uniform on [0, 1)).",
                                    f'{label}["{key}"] の平均が {mean:.4f} です。重みは 0 を中心にします。'
                                    "np.random.rand ([0, 1) の一様分布) ではなく np.random.randn (正規分布) を使います。"))
            if not 0.008 < std < 0.012:
                raise CheckError(tr(f'{label}["{key}"] has standard deviation {std:.4f}, expected 0.01 '
                                    "(np.random.randn(...) * 0.01).",
                                    f'{label}["{key}"] の標準偏差が {std:.4f} ですが、0.01 であるべきです '
                                    "(np.random.randn(...) * 0.01)。"))


# --------------------------------------------------------------------------- forward, cost
@probes.cases("forward_propagation", check_inputs=True)
def _(rng):
    yield Case("n_x=3, n_h=4, m=5", rng.normal(size=(3, 5)), _params(rng, 3, 4, 1))
    yield Case("n_x=2, n_h=7, m=3", rng.normal(size=(2, 3)), _params(rng, 2, 7, 1))
    yield Case("a single example", rng.normal(size=(4, 1)), _params(rng, 4, 3, 1))
    yield Case("large weights", rng.normal(size=(2, 6)), _params(rng, 2, 5, 1, scale=4.0))


@probes.cases("compute_cost", check_inputs=True)
def _(rng):
    for m in (3, 8):
        yield Case(f"m = {m}", rng.uniform(0.05, 0.95, size=(1, m)), _labels(rng, m))
    yield Case("a single example", np.array([[0.8]]), np.array([[1.0]]))
    yield Case("confident predictions", np.array([[1e-6, 0.999999, 0.3, 0.9]]), np.array([[0.0, 1.0, 1.0, 0.0]]))
    yield Case("m = 400", rng.uniform(0.01, 0.99, size=(1, 400)), _labels(rng, 400))


@probes.judge("compute_cost")
def _(got, expected, case):
    m = case.args[1].shape[1]
    check_scalar(got, expected, f"compute_cost({case.label})", m=m)


# --------------------------------------------------------------------------- backward, update
@probes.cases("backward_propagation", check_inputs=True)
def _(rng):
    for n_x, n_h, m in ((3, 4, 5), (2, 6, 3), (5, 2, 7)):
        X, p = rng.normal(size=(n_x, m)), _params(rng, n_x, n_h, 1)
        yield Case(f"n_x={n_x}, n_h={n_h}, m={m}", p, _consistent_cache(X, p), X, _labels(rng, m))
    X, p = rng.normal(size=(3, 1)), _params(rng, 3, 4, 1)
    yield Case("a single example", p, _consistent_cache(X, p), X, np.array([[1.0]]))


@probes.cases("update_parameters", check_inputs=True)
def _(rng):
    for n_x, n_h in ((2, 4), (3, 5)):
        p = _params(rng, n_x, n_h, 1)
        g = {"d" + k: rng.normal(size=v.shape) for k, v in p.items()}
        yield Case(f"n_x={n_x}, n_h={n_h}, default learning rate", p, g)
    p = _params(rng, 4, 2, 1)
    g = {"d" + k: rng.normal(size=v.shape) for k, v in p.items()}
    yield Case("learning_rate = 0.05", p, g, 0.05)


# --------------------------------------------------------------------------- nn_model
def _toy_data(rng, n_x, m):
    X = rng.normal(size=(n_x, m))
    Y = ((X[0] * X[-1] > 0) ^ (X[0] > 1.0)).astype(float).reshape(1, m)
    Y[0, 0], Y[0, -1] = 0.0, 1.0
    return X, Y


@probes.cases("nn_model")
def _(rng):
    X, Y = _toy_data(rng, 2, 40)
    yield Case("X (2, 40), n_h = 4, 40 iterations", X, Y, 4, 40)
    X, Y = _toy_data(rng, 3, 12)
    yield Case("X (3, 12), n_h = 5, 30 iterations", X, Y, 5, 30)
    X, Y = _toy_data(rng, 2, 25)
    yield Case("X (2, 25), n_h = 1, 25 iterations", X, Y, 1, 25)
    yield Case("a single example, n_h = 3, 20 iterations", np.array([[0.5], [-1.0]]), np.array([[1.0]]), 3, 20)


@probes.call("nn_model")
def _(ns, case):
    """Run nn_model with a fixed initialize_parameters, so that the student's run starts from the
    same point as the reference whatever random calls their initialize_parameters makes."""
    X, Y, n_h, iterations = case.copied()[0]
    calls = []

    def fixed_initialize_parameters(n_x, n_h, n_y):
        calls.append([int(n_x), int(n_h), int(n_y)])
        rng = np.random.default_rng(stable_seed(W, "nn_model", case.label))
        return {"W1": rng.normal(size=(n_h, n_x)) * 0.5, "b1": np.zeros((n_h, 1)),
                "W2": rng.normal(size=(n_y, n_h)) * 0.5, "b2": np.zeros((n_y, 1))}

    missing = object()
    saved = ns.get("initialize_parameters", missing)
    ns["initialize_parameters"] = fixed_initialize_parameters
    try:
        params = ns["nn_model"](X, Y, n_h, num_iterations=iterations)
    finally:
        if saved is missing:
            ns.pop("initialize_parameters", None)
        else:
            ns["initialize_parameters"] = saved
    # The same loop, done here with the namespace's own helpers: the student's nn_model must
    # match it to the last digit. The reference is matched to 1e-4 over a few dozen steps only:
    # hundreds of steps at learning rate 1.2 amplify the last-digit differences of a correct
    # helper written another way (np.dot vs @) past any tolerance — 3 correct students in 100
    # lost nn_model's points that way.
    try:
        n_x, n_y = X.shape[0], Y.shape[0]
        rng = np.random.default_rng(stable_seed(W, "nn_model", case.label))
        replay = {"W1": rng.normal(size=(n_h, n_x)) * 0.5, "b1": np.zeros((n_h, 1)),
                  "W2": rng.normal(size=(n_y, n_h)) * 0.5, "b2": np.zeros((n_y, 1))}
        for _ in range(iterations):
            A2, cache = ns["forward_propagation"](X, replay)
            replay = ns["update_parameters"](replay, ns["backward_propagation"](replay, cache, X, Y))
    except Exception:  # the helpers are judged on their own; without them only the reference counts
        replay = None
    return {"parameters": params, "initialize_parameters calls": calls, "replay": replay}


@probes.judge("nn_model")
def _(got, expected, case):
    label = f"nn_model({case.label})"
    calls, want = got["initialize_parameters calls"], expected["initialize_parameters calls"]
    if not calls:
        raise CheckError(tr(f"{label} never called initialize_parameters(n_x, n_h, n_y): nn_model must "
                            "call it (once, before the loop) to create the parameters.",
                            f"{label} は initialize_parameters(n_x, n_h, n_y) を一度も呼びませんでした。"
                            "nn_model はパラメータを作るためにこれを(ループの前に1回)呼ぶ必要があります。"))
    if len(calls) > 1:
        raise CheckError(tr(f"{label} called initialize_parameters {len(calls)} times: call it once, "
                            "before the loop — inside the loop it throws away what was learned.",
                            f"{label} は initialize_parameters を {len(calls)} 回呼びました。ループの前に1回だけ"
                            "呼んでください。ループの中で呼ぶと、学習した内容が捨てられてしまいます。"))
    if calls != want:
        raise CheckError(tr(f"{label} called initialize_parameters{tuple(calls[0])}, expected "
                            f"initialize_parameters{tuple(want[0])} — use the n_h argument (do not "
                            "overwrite it with layer_sizes' n_h = 4) and n_x, n_y from the shapes of X and Y.",
                            f"{label} は initialize_parameters{tuple(calls[0])} を呼びましたが、"
                            f"initialize_parameters{tuple(want[0])} であるべきです。引数 n_h を使い"
                            "(layer_sizes の n_h = 4 で上書きしない)、n_x と n_y は X と Y の形状から求めます。"))
    params = got["parameters"]
    if not isinstance(params, dict):
        raise CheckError(tr(f"{label} should return the parameters dict, got {type(params).__name__}.",
                            f"{label} はパラメータの辞書を返す必要がありますが、{type(params).__name__} が返されました。"))
    try:
        if got.get("replay") is not None:
            compare(params, got["replay"], f"{label}: parameters", rtol=1e-9, atol=1e-12)
        compare(params, expected["parameters"], f"{label}: parameters", rtol=1e-4, atol=1e-7)
    except CheckError as exc:
        raise CheckError(tr(f"{exc} Starting from the same initial parameters, nn_model must do exactly "
                            f"num_iterations = {case.args[3]} steps of forward_propagation → compute_cost → "
                            "backward_propagation → update_parameters (learning rate 1.2), keeping the "
                            "parameters update_parameters returns.",
                            f"{exc} 同じ初期パラメータから始めて、nn_model はちょうど num_iterations = "
                            f"{case.args[3]} 回、forward_propagation → compute_cost → backward_propagation → "
                            "update_parameters (学習率 1.2) を繰り返し、update_parameters が返すパラメータを"
                            "使い続ける必要があります。")) from None


# --------------------------------------------------------------------------- predict, accuracy
@probes.cases("predict", check_inputs=True, parts=("predict", "accuracy"))
def _(rng):
    yield Case("n_x=2, n_h=4, m=10", _params(rng, 2, 4, 1), rng.normal(size=(2, 10)), _labels(rng, 10))
    yield Case("n_x=3, n_h=6, m=7", _params(rng, 3, 6, 1, scale=2.0), rng.normal(size=(3, 7)), _labels(rng, 7))
    yield Case("a single example", _params(rng, 2, 3, 1), rng.normal(size=(2, 1)), np.array([[1.0]]))
    p = _params(rng, 2, 4, 1)
    p["W2"][:], p["b2"][:] = 0.0, 0.0   # A2 == 0.5 exactly: not above the threshold
    yield Case("A2 exactly 0.5", p, rng.normal(size=(2, 5)), _labels(rng, 5))


@probes.call("predict")
def _(ns, case):
    """predict and accuracy (the same cell) on the same inputs."""
    (parameters, X, Y), _ = case.copied()
    predictions = ns["predict"](parameters, X)
    return {"predictions": predictions, "accuracy": ns["accuracy"](parameters, X, Y)}


@probes.judge("predict")
def _(got, expected, case):
    label = f"predict({case.label})"
    got_pred = got.get("predictions") if isinstance(got, dict) else got
    check_shape(got_pred, np.shape(expected["predictions"]), label)
    values = np.unique(np.asarray(got_pred, dtype=float))
    if not set(values.tolist()) <= {0.0, 1.0}:
        raise CheckError(tr(f"{label} returned values {values[:5]} ...: predictions are labels, 0/1 (or "
                            "booleans) — compare A2 with the threshold 0.5.",
                            f"{label} が値 {values[:5]} ... を返しました。予測はラベル 0/1 (または真偽値) です。"
                            "A2 をしきい値 0.5 と比べてください。"))
    diff = np.asarray(got_pred, dtype=float) != np.asarray(expected["predictions"], dtype=float)
    if diff.any():
        hint = ""
        if diff.all():
            hint = tr(" — every prediction is flipped: predict 1 where A2 > 0.5",
                      "。すべての予測が反転しています。A2 > 0.5 のところで 1 と予測します")
        elif "0.5" in case.label:
            hint = tr(" — at A2 == 0.5 exactly the prediction is 0: use A2 > 0.5 (strictly)",
                      "。A2 がちょうど 0.5 のとき予測は 0 です。A2 > 0.5 (等号なし) を使います")
        raise CheckError(tr(f"{label}: {int(diff.sum())} of {diff.size} predictions differ from the "
                            f"expected ones{hint}.",
                            f"{label}: {diff.size} 個中 {int(diff.sum())} 個の予測が期待される値と違います{hint}。"))
    acc, want = got.get("accuracy"), expected["accuracy"]
    a_label = f"accuracy({case.label})"
    if isinstance(acc, float) and 0 < want and np.isclose(acc * 100, want):
        raise CheckError(tr(f"{a_label} = {acc:.4g} is a fraction: the accuracy is a percentage (× 100).",
                            f"{a_label} = {acc:.4g} は割合 (0〜1) です。正解率はパーセント (× 100) で返します。"))
    check_scalar(acc, want, a_label)


# --------------------------------------------------------------------------- concept questions
probes.answer("concept_nonlinearity", "answer_nonlinearity", tr(
    "Without activation functions two layers collapse into one affine map Wx + b (statement 2), so the "
    "decision boundary stays a straight line (1 is false); ReLU is non-linear because of its kink at 0 (3). "
    "The step function's derivative is 0 almost everywhere, which gives gradient descent nothing to "
    "follow, so 4 is false.",
    "2 と 3 が正しい選択肢です。活性化関数のない 2 層は 1 つのアフィン変換 Wx + b と同じなので、決定境界は"
    "直線のままです (1 は誤り)。ReLU は 0 で折れ曲がるので非線形です (3)。ステップ関数の微分はほぼ至る所 0 で、"
    "勾配降下法がたどる手がかりがないので 4 は誤りです。"))
probes.answer("concept_batch_shape", "answer_batch_shape", tr(
    "In the column convention A1 = sigmoid(W1 @ X + b1) with W1 of shape (50, 784) and the batch X of "
    "shape (784, 32): one row per hidden unit, one column per image.",
    "列の形式では A1 = sigmoid(W1 @ X + b1) で、W1 の形状は (50, 784)、バッチ X は (784, 32) です。"
    "行が隠れ層のユニット、列が画像に対応します。"))
probes.answer("concept_central_order", "answer_central_order", tr(
    "In the Taylor expansion the h terms of f(x + h) and f(x − h) cancel, so the central difference's "
    "error is proportional to h²: halving h divides it by 2² = 4.",
    "テイラー展開で f(x + h) と f(x − h) の h の項が打ち消し合うので、中心差分の誤差は h² に比例します。"
    "h を半分にすると誤差は約 2² 分の 1 になります。"))
probes.answer("concept_param_count", "answer_param_count", tr(
    "W1 is (n_h, n_x) = (4, 2) and b1 is (4, 1): 8 + 4 = 12 numbers; W2 is (1, 4) and b2 is (1, 1): "
    "4 + 1 = 5; together 17.",
    "W1 は (n_h, n_x) = (4, 2)、b1 は (4, 1) で 8 + 4 = 12 個、W2 は (1, 4)、b2 は (1, 1) で 4 + 1 = 5 個、"
    "合わせて 17 個です。"))
probes.answer("concept_zero_init", "answer_zero_init", tr(
    "With all weights equal, every hidden unit computes the same activation and receives the same "
    "gradient, so the rows of W1 change identically and stay equal forever: one distinct row. Random "
    "initialisation is what breaks this symmetry.",
    "重みがすべて等しいと、隠れ層の各ユニットは同じ値を計算し同じ勾配を受け取るので、W1 の行は同じように"
    "変化し、最後まで等しいままです (異なる行は 1 種類)。この対称性を破るのが乱数による初期化です。"))

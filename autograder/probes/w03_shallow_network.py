"""Probes of week 3: a shallow network (see autograder.probes for the contract).

Columns layout: ``X (n_x, m)``, ``Y (1, m)``, parameters ``W1 (n_h, n_x)``, ``b1 (n_h, 1)``,
``W2 (n_y, n_h)``, ``b2 (n_y, 1)``.
"""
import numpy as np

from autograder.probes import Case, ProbeSet, stable_seed
from course.checks import CheckError, check_keys, check_scalar, check_shape, compare

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


def _numeric_array_judge(name, what):
    """Same shape and values as the reference, and numbers rather than booleans."""
    def judge(got, expected, case):
        label = f"{name}({case.label})"
        if isinstance(got, np.ndarray) and got.dtype == bool:
            raise CheckError(f"{label} returned booleans (dtype bool): {what} must return numbers — "
                             "convert with .astype(int) (the book writes np.array(x > 0, dtype=int)).")
        compare(got, expected, label, rtol=0, atol=1e-12)
    return judge


# --------------------------------------------------------------------------- book ch.3
def _activation_cases(rng):
    x = rng.normal(size=(3, 5)) * 3
    x[0, 1] = x[2, 4] = 0.0            # exact zeros: the step is 0 there
    yield Case("a 3×5 array with zeros", x)
    yield Case("a 1-D array", np.array([-2.0, -0.0, 0.0, 1e-9, 7.5]))
    yield Case("a 2×3×2 array", rng.normal(size=(2, 3, 2)))
    yield Case("large values", np.array([[-1e6, -1.0, 1e6]]))
    yield Case("an integer array", np.array([-3, 0, 2, 5]))


probes.cases("step_function", check_inputs=True)(_activation_cases)
probes.judge("step_function")(_numeric_array_judge("step_function", "a step function"))
probes.cases("relu", check_inputs=True)(_activation_cases)
probes.judge("relu")(_numeric_array_judge("relu", "ReLU"))


# --------------------------------------------------------------------------- book ch.4
_FUNCTIONS = {
    "exp": np.exp,
    "sin": np.sin,
    "cube": lambda x: x ** 3,
    "book_function_1": lambda x: 0.01 * x ** 2 + 0.1 * x,
    "log": np.log,
}


@probes.cases("numerical_diff")
def _(rng):
    yield Case("exp at x = 1", "exp", 1.0)
    yield Case("x³ at x = −2", "cube", -2.0)
    yield Case("0.01x² + 0.1x at x = 10", "book_function_1", 10.0)
    yield Case("log at a random x", "log", float(rng.uniform(0.5, 3.0)))
    yield Case("sin at 0.5 with h = 1e-2", "sin", 0.5, 1e-2)
    yield Case("exp at −1 with h = 1e-3", "exp", -1.0, 1e-3)


@probes.call("numerical_diff")
def _(ns, case):
    name, *rest = case.args
    return ns["numerical_diff"](_FUNCTIONS[name], *rest)


@probes.judge("numerical_diff")
def _(got, expected, case):
    label = f"numerical_diff({case.label})"
    if isinstance(got, np.ndarray) and got.size == 1:
        got = float(got.reshape(()))
    forward_hint = ""
    name, x, *h = case.args
    h = h[0] if h else 1e-4
    f = _FUNCTIONS[name]
    if np.isclose(got, (f(x + h) - f(x)) / h, rtol=1e-9, atol=0):
        forward_hint = (" — this is the forward difference (f(x + h) − f(x)) / h: use the central "
                        "difference (f(x + h) − f(x − h)) / (2h), whose error shrinks like h²")
    elif got == 0.0:
        forward_hint = (" — 0.0: is h far too small (e.g. 1e-50)? x + h then rounds to x. "
                        "Use the h argument (default 1e-4)")
    try:
        check_scalar(got, expected, label, rtol=1e-8, atol=1e-12)
    except CheckError as exc:
        raise CheckError(str(exc).rstrip(".") + forward_hint + ".") from None


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
        raise CheckError(f"{label} should return a tuple (n_x, n_h, n_y), got {got!r}.")
    names = ("n_x", "n_h", "n_y")
    for name, g, e in zip(names, got, expected):
        if g != e:
            hint = {"n_x": " — n_x is the number of input features, X.shape[0] (rows), not the number of examples",
                    "n_h": " — this week n_h is fixed to 4",
                    "n_y": " — n_y is the number of output units, Y.shape[0]"}[name]
            raise CheckError(f"{label}: {name} = {g!r}, expected {e!r}{hint}.")


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
            raise CheckError(f'{label}["{key}"] has dtype {got[key].dtype}: use floats.')
    for key in ("b1", "b2"):
        if np.any(got[key] != 0):
            raise CheckError(f'{label}["{key}"] is not all zeros: initialise the biases with np.zeros.')
    for key in ("W1", "W2"):
        w = got[key]
        if np.all(w == 0):
            raise CheckError(f'{label}["{key}"] is all zeros: then every hidden unit computes the same '
                             "thing and stays the same (symmetry) — use small random values.")
        if w.size > 1 and np.unique(w).size < w.size:
            raise CheckError(f'{label}["{key}"] has repeated values: draw every weight at random.')
        if np.max(np.abs(w)) > 0.06:
            raise CheckError(f'{label}["{key}"] has values up to {np.max(np.abs(w)):.3g}: the weights '
                             "should be small, np.random.randn(...) * 0.01.")
        if w.size >= 1000:
            std, mean = float(np.std(w)), float(np.mean(w))
            if abs(mean) > 0.002:
                raise CheckError(f'{label}["{key}"] has mean {mean:.4f}: the weights should be centred on '
                                 "0 — np.random.randn (normal), not np.random.rand (uniform on [0, 1)).")
            if not 0.008 < std < 0.012:
                raise CheckError(f'{label}["{key}"] has standard deviation {std:.4f}, expected 0.01 '
                                 "(np.random.randn(...) * 0.01).")


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
        raise CheckError(f"{label} never called initialize_parameters(n_x, n_h, n_y): nn_model must "
                         "call it (once, before the loop) to create the parameters.")
    if len(calls) > 1:
        raise CheckError(f"{label} called initialize_parameters {len(calls)} times: call it once, "
                         "before the loop — inside the loop it throws away what was learned.")
    if calls != want:
        raise CheckError(f"{label} called initialize_parameters{tuple(calls[0])}, expected "
                         f"initialize_parameters{tuple(want[0])} — use the n_h argument (do not "
                         "overwrite it with layer_sizes' n_h = 4) and n_x, n_y from the shapes of X and Y.")
    params = got["parameters"]
    if not isinstance(params, dict):
        raise CheckError(f"{label} should return the parameters dict, got {type(params).__name__}.")
    try:
        if got.get("replay") is not None:
            compare(params, got["replay"], f"{label}: parameters", rtol=1e-9, atol=1e-12)
        compare(params, expected["parameters"], f"{label}: parameters", rtol=1e-4, atol=1e-7)
    except CheckError as exc:
        raise CheckError(f"{exc} Starting from the same initial parameters, nn_model must do exactly "
                         f"num_iterations = {case.args[3]} steps of forward_propagation → compute_cost → "
                         "backward_propagation → update_parameters (learning rate 1.2), keeping the "
                         "parameters update_parameters returns.") from None


# --------------------------------------------------------------------------- predict
@probes.cases("predict", check_inputs=True)
def _(rng):
    yield Case("n_x=2, n_h=4, m=10", _params(rng, 2, 4, 1), rng.normal(size=(2, 10)))
    yield Case("n_x=3, n_h=6, m=7", _params(rng, 3, 6, 1, scale=2.0), rng.normal(size=(3, 7)))
    yield Case("a single example", _params(rng, 2, 3, 1), rng.normal(size=(2, 1)))
    p = _params(rng, 2, 4, 1)
    p["W2"][:], p["b2"][:] = 0.0, 0.0   # A2 == 0.5 exactly: not above the threshold
    yield Case("A2 exactly 0.5", p, rng.normal(size=(2, 5)))


@probes.judge("predict")
def _(got, expected, case):
    label = f"predict({case.label})"
    check_shape(got, np.shape(expected), label)
    values = np.unique(np.asarray(got, dtype=float))
    if not set(values.tolist()) <= {0.0, 1.0}:
        raise CheckError(f"{label} returned values {values[:5]} ...: predictions are labels, 0/1 (or "
                         "booleans) — compare A2 with the threshold 0.5.")
    diff = np.asarray(got, dtype=float) != np.asarray(expected, dtype=float)
    if diff.any():
        hint = ""
        if diff.all():
            hint = " — every prediction is flipped: predict 1 where A2 > 0.5"
        elif "0.5" in case.label:
            hint = " — at A2 == 0.5 exactly the prediction is 0: use A2 > 0.5 (strictly)"
        raise CheckError(f"{label}: {int(diff.sum())} of {diff.size} predictions differ from the "
                         f"expected ones{hint}.")


# --------------------------------------------------------------------------- concept questions
probes.answer("concept_nonlinearity", "answer_nonlinearity",
              "Without activation functions two layers collapse into one affine map Wx + b "
              "(statement 2), so the decision boundary stays a straight line (1 is false); ReLU is "
              "non-linear because of its kink at 0 (3). The step function's derivative is 0 almost "
              "everywhere, which gives gradient descent nothing to follow, so 4 is false. "
              "/ 2 と 3 が正しい。活性化関数のない 2 層は 1 つの線形変換と同じで、"
              "ステップ関数の微分はほぼ 0 なので勾配降下法に向きません。")
probes.answer("concept_central_order", "answer_central_order",
              "In the Taylor expansion the h terms of f(x + h) and f(x − h) cancel, so the central "
              "difference's error is proportional to h²: halving h divides it by 2² = 4. "
              "/ 中心差分の誤差は h² に比例するので、h を半分にすると誤差は約 1/4 になります。")
probes.answer("concept_param_count", "answer_param_count",
              "W1 is (n_h, n_x) = (4, 2) and b1 is (4, 1): 8 + 4 = 12 numbers; W2 is (1, 4) and b2 "
              "is (1, 1): 4 + 1 = 5; together 17. "
              "/ W1 (4×2) + b1 (4) + W2 (1×4) + b2 (1) = 17 個です。")
probes.answer("concept_zero_init", "answer_zero_init",
              "With all weights equal, every hidden unit computes the same activation and receives "
              "the same gradient, so the rows of W1 change identically and stay equal forever: one "
              "distinct row. Random initialisation is what breaks this symmetry. "
              "/ 重みがすべて等しいと各隠れユニットは同じ勾配を受け取り、W1 の行は最後まで 1 種類のままです (対称性)。")

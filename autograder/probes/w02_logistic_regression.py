"""Probes of week 2: logistic regression as a neural network (see autograder.probes)."""
import numpy as np

from autograder.probes import Case, ProbeSet
from course.checks import CheckError, check_close, check_keys, check_scalar, check_shape, compare

probes = ProbeSet("w02_logistic_regression")


def _fail(message):
    raise CheckError(message)


def _pixels(rng, n_x, m):
    """Digit-like inputs: columns of values in [0, 1] (pixels / 16)."""
    return rng.integers(0, 17, size=(n_x, m)) / 16.0


def _labels(rng, m):
    return rng.integers(0, 2, size=(1, m))


def _learnable(rng, n_x, m):
    """Columns X (n_x, m) and labels Y (1, m) from a noisy linear rule: learnable, but never
    perfectly separable (example 1 repeats example 0 with the other label), so the weights
    stay finite and the cost never reaches log(0)."""
    X = rng.normal(size=(n_x, m))
    direction = rng.normal(size=(n_x, 1))
    Y = ((direction.T @ X + 0.3 * rng.normal(size=(1, m))) > 0).astype(np.int64)
    X[:, 1] = X[:, 0]
    Y[0, 1] = 1 - Y[0, 0]
    return X, Y


# --------------------------------------------------------------------------- sigmoid
@probes.cases("sigmoid", check_inputs=True)
def _(rng):
    yield Case("a 3×4 array", rng.normal(size=(3, 4)) * 3)
    yield Case("a (1, m) row", rng.normal(size=(1, 9)))
    yield Case("a 1-D array", rng.normal(size=5))
    yield Case("a number", 0.7)
    yield Case("large |z| (±40)", np.array([[-40.0, -5.0, 0.0, 5.0, 40.0]]))


# --------------------------------------------------------------------------- initialize_with_zeros
@probes.cases("initialize_with_zeros")
def _(rng):
    for dim in (2, 64, 1, 7):
        yield Case(f"dim = {dim}", dim)


@probes.judge("initialize_with_zeros")
def _(got, expected, case):
    name = f"initialize_with_zeros({case.args[0]})"
    if not isinstance(got, tuple) or len(got) != 2:
        _fail(f"{name} should return the tuple (w, b), got {type(got).__name__}.")
    w, b = got
    check_shape(w, expected[0].shape, f"w from {name}")
    if w.dtype.kind != "f":
        _fail(f"w from {name} has dtype {w.dtype}: use np.zeros((dim, 1)), which makes floats.")
    check_close(w, expected[0], f"w from {name}")
    if isinstance(b, np.ndarray):
        _fail(f"b from {name} should be the float 0.0, got an array of shape {b.shape}: write b = 0.0.")
    if not isinstance(b, float):
        _fail(f"b from {name} should be the float 0.0, got {type(b).__name__} {b!r}: write b = 0.0 (not 0).")
    check_scalar(b, 0.0, f"b from {name}")


# --------------------------------------------------------------------------- propagate
@probes.cases("propagate", check_inputs=True)
def _(rng):
    yield Case("5 features, 10 examples, b = 0.7",
               rng.normal(size=(5, 1)), 0.7, rng.normal(size=(5, 10)), _labels(rng, 10))
    yield Case("a single example (m = 1)",
               rng.normal(size=(3, 1)), -0.4, rng.normal(size=(3, 1)), np.array([[1]]))
    yield Case("64 pixel features, 25 examples, b = -0.3",
               rng.normal(size=(64, 1)) * 0.1, -0.3, _pixels(rng, 64, 25), _labels(rng, 25))
    yield Case("3 features, 40 examples, larger weights",
               rng.normal(size=(3, 1)) * 2, 1.5, rng.normal(size=(3, 40)), _labels(rng, 40).astype(float))
    yield Case("w = 0 and b = 0 (the first step of training)",
               np.zeros((4, 1)), 0.0, rng.normal(size=(4, 6)), _labels(rng, 6))


def _check_number(value, expected, name, m):
    """A float (not an array), close to expected; m recognises a missing 1/m."""
    if isinstance(value, np.ndarray):
        _fail(f"{name} should be a float, got an array of shape {value.shape} — convert it with "
              "float(...) (np.sum(...) without axis= already gives a number).")
    check_scalar(value, expected, name, m=m)


@probes.judge("propagate")
def _(got, expected, case):
    w, _, X, _ = case.args
    m = X.shape[1]
    name = f"propagate({case.label})"
    if not isinstance(got, tuple) or len(got) != 2:
        _fail(f"{name} should return the tuple (grads, cost).")
    grads, cost = got
    check_keys(grads, ["dw", "db"], f"grads from {name}")
    check_shape(grads["dw"], w.shape, f'grads["dw"] from {name} (it must have the shape of w)')
    check_close(grads["dw"], expected[0]["dw"], f'grads["dw"] from {name}', m=m)
    _check_number(grads["db"], expected[0]["db"], f'grads["db"] from {name}', m)
    _check_number(cost, expected[1], f"the cost from {name}", m)


# --------------------------------------------------------------------------- optimize
@probes.cases("optimize", check_inputs=True)
def _(rng):
    X, Y = _learnable(rng, 5, 20)
    yield Case("5 features, 20 examples, 250 iterations, learning_rate 0.05",
               np.zeros((5, 1)), 0.0, X, Y, num_iterations=250, learning_rate=0.05)
    X, Y = _learnable(rng, 3, 12)
    yield Case("the defaults (100 iterations, learning_rate 0.009), b = 1.5",
               rng.normal(size=(3, 1)), 1.5, X, Y)
    yield Case("a single example, 101 iterations, learning_rate 0.1",
               rng.normal(size=(4, 1)), -0.2, rng.normal(size=(4, 1)), np.array([[1]]),
               num_iterations=101, learning_rate=0.1)
    yield Case("64 pixel features, 30 examples, 300 iterations, learning_rate 0.5",
               rng.normal(size=(64, 1)) * 0.01, 0.2, _pixels(rng, 64, 30), _labels(rng, 30),
               num_iterations=300, learning_rate=0.5)
    X, Y = _learnable(rng, 2, 8)
    yield Case("one iteration", np.zeros((2, 1)), 0.0, X, Y, num_iterations=1, learning_rate=0.3)


@probes.judge("optimize")
def _(got, expected, case):
    name = f"optimize({case.label})"
    if not isinstance(got, tuple) or len(got) != 3:
        _fail(f"{name} should return the tuple (params, grads, costs).")
    params, grads, costs = got
    check_keys(params, ["w", "b"], f"params from {name}")
    exp_params, exp_grads, exp_costs = expected
    check_shape(params["w"], exp_params["w"].shape, f'params["w"] from {name}')
    if isinstance(params["b"], np.ndarray) and params["b"].size > 1:
        _fail(f'params["b"] from {name} is an array of shape {params["b"].shape}, expected a number: '
              "did you update b with dw instead of db?")
    if isinstance(costs, np.ndarray):
        costs = list(np.ravel(costs))
    if not isinstance(costs, (list, tuple)):
        _fail(f"costs from {name} should be a list, got {type(costs).__name__}.")
    n_iter = case.kwargs.get("num_iterations", 100)
    if len(costs) != len(exp_costs):
        _fail(f"costs from {name} has {len(costs)} values, expected {len(exp_costs)} for "
              f"num_iterations = {n_iter}: record the cost only when i % 100 == 0.")
    if len(exp_costs) > 1 and np.ndim(costs[-1]) == 0 and float(costs[-1]) > float(costs[0]) + 1e-12 \
            and exp_costs[-1] < exp_costs[0]:
        _fail(f"the cost from {name} went up ({float(costs[0]):.4g} → {float(costs[-1]):.4g}): "
              "gradient descent subtracts the gradient (w = w - learning_rate * dw).")
    compare(costs, exp_costs, f"costs from {name}")
    compare(params, exp_params, f"params from {name}")
    compare(grads, exp_grads, f"grads from {name}")


# --------------------------------------------------------------------------- predict
@probes.cases("predict", check_inputs=True)
def _(rng):
    yield Case("5 features, 9 examples, b = 0.3", rng.normal(size=(5, 1)), 0.3, rng.normal(size=(5, 9)))
    yield Case("w = 0, b = 0: every probability is exactly 0.5", np.zeros((3, 1)), 0.0, rng.normal(size=(3, 4)))
    yield Case("a single example", rng.normal(size=(4, 1)), -0.1, rng.normal(size=(4, 1)))
    yield Case("64 pixel features, 30 examples", rng.normal(size=(64, 1)), -1.0, _pixels(rng, 64, 30))
    yield Case("large |z| (±30)", np.array([[30.0], [-30.0]]), 0.0,
               np.array([[1.0, 0.0, 0.5, 2.0], [0.0, 1.0, 0.5, 1.0]]))


@probes.judge("predict")
def _(got, expected, case):
    name = f"predict({case.label})"
    check_shape(got, expected.shape, name)
    if not np.all(np.isin(got, (0, 1))):
        _fail(f"{name} should hold only 0 and 1, got values like {got.ravel()[0]:.4g}: "
              "turn probabilities into labels with (A > 0.5).")
    if np.array_equal(got.astype(float), expected.astype(float)):
        return
    w, b, X = case.args
    z = w.T @ X + b
    wrong = got.astype(float) != expected.astype(float)
    if np.all(z[wrong] == 0):
        _fail(f"{name}: where the probability is exactly 0.5 you predict 1; the rule is > 0.5 "
              "(strictly), so those examples are 0.")
    check_close(got.astype(float), expected, name)


# --------------------------------------------------------------------------- model
@probes.cases("model", check_inputs=True)
def _(rng):
    X, Y = _learnable(rng, 4, 40)
    yield Case("4 features, 30 train / 10 test examples, 300 iterations, learning_rate 0.1",
               X[:, :30], Y[:, :30], X[:, 30:], Y[:, 30:], num_iterations=300, learning_rate=0.1)
    yield Case("64 pixel features, 40 train / 15 test examples, 150 iterations, learning_rate 0.02",
               _pixels(rng, 64, 40), _labels(rng, 40), _pixels(rng, 64, 15), _labels(rng, 15),
               num_iterations=150, learning_rate=0.02)
    X, Y = _learnable(rng, 6, 31)
    yield Case("6 features, 30 train examples and a single test example, 700 iterations, learning_rate 0.005",
               X[:, :30], Y[:, :30], X[:, 30:], Y[:, 30:], num_iterations=700, learning_rate=0.005)


@probes.judge("model")
def _(got, expected, case):
    name = f"model({case.label})"
    keys = ["costs", "Y_prediction_test", "Y_prediction_train", "w", "b", "learning_rate", "num_iterations"]
    check_keys(got, keys, f"the dict returned by {name}")
    for key in ("learning_rate", "num_iterations"):
        if got[key] != expected[key]:
            _fail(f'd["{key}"] from {name} is {got[key]!r}, expected {expected[key]!r}: store the '
                  "argument the caller passed (and pass it on to optimize).")
    m_train, m_test = case.args[1].shape[1], case.args[3].shape[1]
    check_shape(got["Y_prediction_train"], (1, m_train), f'd["Y_prediction_train"] from {name}')
    check_shape(got["Y_prediction_test"], (1, m_test), f'd["Y_prediction_test"] from {name}')
    costs = got["costs"]
    if isinstance(costs, (list, tuple)) and len(costs) != len(expected["costs"]):
        _fail(f'd["costs"] from {name} has {len(costs)} values, expected {len(expected["costs"])}: '
              "pass num_iterations on to optimize (by keyword is safest).")
    try:
        compare(got["w"], expected["w"], f'd["w"] from {name}')
    except CheckError as exc:
        raise CheckError(f"{exc} Train with optimize(w, b, X_train, Y_train, num_iterations=num_iterations, "
                         "learning_rate=learning_rate) — on the training set, with the caller's values.") from None
    compare(got, expected, f"the dict returned by {name}")


# --------------------------------------------------------------------------- concept questions
probes.answer("concept_flatten", "answer_flatten",
              "reshape reads the elements in row-major order, so each image's 64 pixels stay "
              "together only when the image index is the first axis of the reshape: reshape(267, "
              "-1) or reshape(267, 64), then .T to make the images columns (choices 1 and 4). "
              "reshape(-1, 267) and reshape(64, 267) have the right shape but mix pixels of "
              "different images in each column. "
              "/ 1 と 4: 画像番号を先頭の軸にして reshape してから転置します。"
              "直接 (64, 267) にすると列ごとに別の画像の画素が混ざります。")
probes.answer("concept_z_shape", "answer_z_shape",
              "w.T has shape (1, 64) and train_set_x (64, 267), so the product is (1, 267); adding "
              "the number b broadcasts without changing the shape: one z per example. "
              "/ (1, 64) @ (64, 267) = (1, 267)。b はブロードキャストされ、形は変わりません。")
probes.answer("concept_learning_rate", "answer_learning_rate",
              "With w = 0 and b = 0 every a = σ(0) = 0.5, so the first cost is −log 0.5 = log 2 "
              "whatever the data (1); the cost is recorded every 100 iterations, 2000/100 = 20 "
              "values (2); and a rate that is too large overshoots the valley (4). In the plot the "
              "cost falls slowest, not fastest, with 0.01, so 3 is false. "
              "/ 1, 2, 4 が正しい。α = 0.01 のコストは最も遅く下がります。")

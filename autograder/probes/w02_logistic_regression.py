"""Probes of week 2: logistic regression as a neural network (see autograder.probes)."""
import numpy as np

from autograder.probes import Case, ProbeSet, part
from course.checks import CheckError, check_close, check_keys, check_scalar, check_shape, compare
from course.i18n import tr

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


# --------------------------------------------------------------------------- sigmoid and initialize_with_zeros




@probes.cases("sigmoid_and_initialize", check_inputs=True, parts=("sigmoid", "initialize_with_zeros"))
def _(rng):
    """Each case: an input of sigmoid and a dim for initialize_with_zeros."""
    yield Case("a 3×4 array; dim = 2", rng.normal(size=(3, 4)) * 3, 2)
    yield Case("a (1, m) row; dim = 64", rng.normal(size=(1, 9)), 64)
    yield Case("a 1-D array; dim = 1", rng.normal(size=5), 1)
    yield Case("a number; dim = 7", 0.7, 7)
    yield Case("large |z| (±40); dim = 3", np.array([[-40.0, -5.0, 0.0, 5.0, 40.0]]), 3)


@probes.call("sigmoid_and_initialize")
def _(ns, case):
    (z, dim), _ = case.copied()
    cell = "sigmoid and initialize_with_zeros"
    return part(ns, "sigmoid", cell)(z), part(ns, "initialize_with_zeros", cell)(dim)


@probes.judge("sigmoid_and_initialize")
def _(got, expected, case):
    z_label, _, dim_label = case.label.partition("; ")
    compare(got[0], expected[0], f"sigmoid({z_label})")
    dim = case.args[1]
    name = f"initialize_with_zeros({dim})"
    init, (want_w, _) = got[1], expected[1]
    if not isinstance(init, tuple) or len(init) != 2:
        _fail(tr(f"{name} should return the tuple (w, b), got {type(init).__name__}.",
                 f"{name} はタプル (w, b) を返すべきですが、{type(init).__name__} でした。"))
    w, b = init
    check_shape(w, want_w.shape, tr(f"w from {name}", f"{name} の w"))
    if w.dtype.kind != "f":
        _fail(tr(f"w from {name} has dtype {w.dtype}: use np.zeros((dim, 1)), which makes floats.",
                 f"{name} の w のデータ型が {w.dtype} です。浮動小数点数を作る np.zeros((dim, 1)) を使います。"))
    check_close(w, want_w, tr(f"w from {name}", f"{name} の w"))
    if isinstance(b, np.ndarray):
        _fail(tr(f"b from {name} should be the float 0.0, got an array of shape {b.shape}: write b = 0.0.",
                 f"{name} の b は float の 0.0 であるべきですが、形状 {b.shape} の配列でした。b = 0.0 と書きます。"))
    if not isinstance(b, float):
        _fail(tr(f"b from {name} should be the float 0.0, got {type(b).__name__} {b!r}: write b = 0.0 (not 0).",
                 f"{name} の b は float の 0.0 であるべきですが、{type(b).__name__} の {b!r} でした。"
                 "(0 ではなく)b = 0.0 と書きます。"))
    check_scalar(b, 0.0, tr(f"b from {name}", f"{name} の b"))


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
        _fail(tr(f"{name} should be a float, got an array of shape {value.shape} — convert it with "
                 "float(...) (np.sum(...) without axis= already gives a number).",
                 f"{name} は float であるべきですが、形状 {value.shape} の配列でした。float(...) で変換します"
                 "(axis= を付けない np.sum(...) はそのまま数になります)。"))
    check_scalar(value, expected, name, m=m)


@probes.judge("propagate")
def _(got, expected, case):
    w, _, X, _ = case.args
    m = X.shape[1]
    name = f"propagate({case.label})"
    if not isinstance(got, tuple) or len(got) != 2:
        _fail(tr(f"{name} should return the tuple (grads, cost).",
                 f"{name} はタプル (grads, cost) を返すべきです。"))
    grads, cost = got
    check_keys(grads, ["dw", "db"], tr(f"grads from {name}", f"{name} の grads"))
    check_shape(grads["dw"], w.shape, tr(f'grads["dw"] from {name} (it must have the shape of w)',
                                         f'{name} の grads["dw"](w と同じ形状のはずです)'))
    check_close(grads["dw"], expected[0]["dw"], tr(f'grads["dw"] from {name}', f'{name} の grads["dw"]'), m=m)
    _check_number(grads["db"], expected[0]["db"], tr(f'grads["db"] from {name}', f'{name} の grads["db"]'), m)
    _check_number(cost, expected[1], tr(f"the cost from {name}", f"{name} のコスト"), m)


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
        _fail(tr(f"{name} should return the tuple (params, grads, costs).",
                 f"{name} はタプル (params, grads, costs) を返すべきです。"))
    params, grads, costs = got
    check_keys(params, ["w", "b"], tr(f"params from {name}", f"{name} の params"))
    exp_params, exp_grads, exp_costs = expected
    check_shape(params["w"], exp_params["w"].shape, tr(f'params["w"] from {name}', f'{name} の params["w"]'))
    if isinstance(params["b"], np.ndarray) and params["b"].size > 1:
        _fail(tr(f'params["b"] from {name} is an array of shape {params["b"].shape}, expected a number: '
                 "did you update b with dw instead of db?",
                 f'{name} の params["b"] が形状 {params["b"].shape} の配列です。数であるべきです。'
                 "b を db ではなく dw で更新していませんか?"))
    if isinstance(costs, np.ndarray):
        costs = list(np.ravel(costs))
    if not isinstance(costs, (list, tuple)):
        _fail(tr(f"costs from {name} should be a list, got {type(costs).__name__}.",
                 f"{name} の costs はリストであるべきですが、{type(costs).__name__} でした。"))
    n_iter = case.kwargs.get("num_iterations", 100)
    if len(costs) != len(exp_costs):
        _fail(tr(f"costs from {name} has {len(costs)} values, expected {len(exp_costs)} for "
                 f"num_iterations = {n_iter}: record the cost only when i % 100 == 0.",
                 f"{name} の costs には値が {len(costs)} 個ありますが、num_iterations = {n_iter} なら "
                 f"{len(exp_costs)} 個のはずです。コストは i % 100 == 0 のときだけ記録します。"))
    if len(exp_costs) > 1 and np.ndim(costs[-1]) == 0 and float(costs[-1]) > float(costs[0]) + 1e-12 \
            and exp_costs[-1] < exp_costs[0]:
        _fail(tr(f"the cost from {name} went up ({float(costs[0]):.4g} → {float(costs[-1]):.4g}): "
                 "gradient descent subtracts the gradient (w = w - learning_rate * dw).",
                 f"{name} のコストが増えています({float(costs[0]):.4g} → {float(costs[-1]):.4g})。"
                 "勾配降下法では勾配を引きます (w = w - learning_rate * dw)。"))
    compare(costs, exp_costs, tr(f"costs from {name}", f"{name} の costs"))
    compare(params, exp_params, tr(f"params from {name}", f"{name} の params"))
    compare(grads, exp_grads, tr(f"grads from {name}", f"{name} の grads"))


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
        _fail(tr(f"{name} should hold only 0 and 1, got values like {got.ravel()[0]:.4g}: "
                 "turn the probabilities into labels by comparing them with 0.5.",
                 f"{name} は 0 と 1 だけを含むべきですが、{got.ravel()[0]:.4g} のような値がありました。"
                 "確率を 0.5 と比べてラベルにします。"))
    if np.array_equal(got.astype(float), expected.astype(float)):
        return
    w, b, X = case.args
    z = w.T @ X + b
    wrong = got.astype(float) != expected.astype(float)
    if np.all(z[wrong] == 0):
        _fail(tr(f"{name}: where the probability is exactly 0.5 you predict 1; the rule is > 0.5 "
                 "(strictly), so those examples are 0.",
                 f"{name}: 確率がちょうど 0.5 の例を 1 と予測しています。規則は(等号なしの)> 0.5 なので、"
                 "それらの例は 0 です。"))
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
    check_keys(got, keys, tr(f"the dict returned by {name}", f"{name} が返す辞書"))
    for key in ("learning_rate", "num_iterations"):
        if got[key] != expected[key]:
            _fail(tr(f'd["{key}"] from {name} is {got[key]!r}, expected {expected[key]!r}: store the '
                     "argument the caller passed (and pass it on to optimize).",
                     f'{name} の d["{key}"] が {got[key]!r} ですが、{expected[key]!r} であるべきです。'
                     "呼び出し側が渡した引数を記録します(optimize にもそのまま渡します)。"))
    m_train, m_test = case.args[1].shape[1], case.args[3].shape[1]
    check_shape(got["Y_prediction_train"], (1, m_train),
                tr(f'd["Y_prediction_train"] from {name}', f'{name} の d["Y_prediction_train"]'))
    check_shape(got["Y_prediction_test"], (1, m_test),
                tr(f'd["Y_prediction_test"] from {name}', f'{name} の d["Y_prediction_test"]'))
    costs = got["costs"]
    if isinstance(costs, (list, tuple)) and len(costs) != len(expected["costs"]):
        _fail(tr(f'd["costs"] from {name} has {len(costs)} values, expected {len(expected["costs"])}: '
                 "pass num_iterations on to optimize (by keyword is safest).",
                 f'{name} の d["costs"] には値が {len(costs)} 個ありますが、{len(expected["costs"])} 個のはずです。'
                 "num_iterations を optimize に渡します(キーワード引数で渡すのが安全です)。"))
    try:
        compare(got["w"], expected["w"], tr(f'd["w"] from {name}', f'{name} の d["w"]'))
    except CheckError as exc:
        raise CheckError(tr(f"{exc} Train with optimize(w, b, X_train, Y_train, num_iterations=num_iterations, "
                            "learning_rate=learning_rate) — on the training set, with the caller's values.",
                            f"{exc} optimize(w, b, X_train, Y_train, num_iterations=num_iterations, "
                            "learning_rate=learning_rate) で、訓練データだけを使い、呼び出し側の値で学習します。")) from None
    compare(got, expected, tr(f"the dict returned by {name}", f"{name} が返す辞書"))


# --------------------------------------------------------------------------- concept questions
probes.answer("concept_flatten", "answer_flatten",
              tr("reshape reads the elements in row-major order, so each image's 64 pixels stay together only "
                 "when the image index is the first axis of the reshape: reshape(107, -1) or reshape(107, 64), "
                 "then .T to make the images columns (choices 1 and 4). reshape(-1, 107) and reshape(64, 107) "
                 "have the right shape but mix pixels of different images in each column.",
                 "reshape は要素を行優先の順に読むので、各画像の 64 画素がまとまったままになるのは、画像の番号を"
                 "先頭の軸にしたときだけです。reshape(107, -1) や reshape(107, 64) のあとで .T により画像を列に"
                 "します(1 と 4)。reshape(-1, 107) と reshape(64, 107) は形状こそ合っていますが、各列に別々の"
                 "画像の画素が混ざります。"))
probes.answer("concept_z_shape", "answer_z_shape",
              tr("w.T has shape (1, 64) and train_set_x (64, 107), so the product is (1, 107); adding the "
                 "number b broadcasts without changing the shape: one z per example.",
                 "w.T の形状は (1, 64)、train_set_x は (64, 107) なので、積は (1, 107) です。数 b を足しても"
                 "ブロードキャストされるだけで形状は変わりません。例ごとに z が 1 つです。"))
probes.answer("concept_learning_rate", "answer_learning_rate",
              tr("With w = 0 and b = 0 every a = σ(0) = 0.5, so the first cost is −log 0.5 = log 2 whatever "
                 "the data (1); the cost is recorded every 100 iterations, 2000/100 = 20 values (2); and a "
                 "rate that is too large overshoots the valley (4). In the plot the cost falls slowest, not "
                 "fastest, with 0.01, so 3 is false.",
                 "w = 0、b = 0 ならどの a も σ(0) = 0.5 なので、最初のコストはデータによらず −log 0.5 = log 2 "
                 "です (1)。コストは 100 反復ごとに記録するので 2000/100 = 20 個です (2)。大きすぎる学習率は"
                 "谷を飛び越えてしまいます (4)。グラフでは 0.01 のコストがいちばん遅く下がるので、3 は誤りです。"))

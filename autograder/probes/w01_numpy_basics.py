"""Probes of week 1 (see autograder.probes for the contract)."""
import numpy as np

from autograder.probes import Case, ProbeSet, part
from course.checks import CheckError, check_scalar, compare
from course.i18n import tr

probes = ProbeSet("w01_numpy_basics")


def _fail(message):
    raise CheckError(message)






# --------------------------------------------------------------------------- sigmoid and its derivative
@probes.cases("sigmoid_and_derivative", strict_fp=True, check_inputs=True,
              parts=("sigmoid", "sigmoid_derivative"))
def _(rng):
    yield Case("a 3×4 array", rng.normal(size=(3, 4)) * 3)
    yield Case("a 1-D array", rng.normal(size=7))
    yield Case("a 2×3×2 array", rng.normal(size=(2, 3, 2)))
    yield Case("large |x| (±1000)", np.array([[-1000.0, -50.0, 0.0, 50.0, 1000.0]]))
    yield Case("large |x| (±800)", np.array([-800.0, -20.0, 0.0, 20.0, 800.0]))
    yield Case("a single value", np.array([0.3]))


@probes.call("sigmoid_and_derivative")
def _(ns, case):
    (x,), _ = case.copied()
    cell = "sigmoid and sigmoid_derivative"
    return part(ns, "sigmoid", cell)(x), part(ns, "sigmoid_derivative", cell)(x)


@probes.judge("sigmoid_and_derivative")
def _(got, expected, case):
    s, ds = got
    compare(s, expected[0], f"sigmoid({case.label})")
    x = case.args[0]
    s_true = expected[0]
    try:
        compare(ds, expected[1], f"sigmoid_derivative({case.label})")
    except CheckError as exc:
        g = np.asarray(ds, dtype=float) if isinstance(ds, np.ndarray) else None
        if g is not None and g.shape == np.shape(s_true):
            if np.allclose(g, s_true):
                _fail(tr(f"sigmoid_derivative({case.label}) returns σ(x) itself: the derivative is σ(x)·(1 − σ(x)).",
                         f"sigmoid_derivative({case.label}) が σ(x) そのものを返しています。導関数は σ(x)·(1 − σ(x)) です。"))
            if np.allclose(g, s_true ** 2):
                _fail(tr(f"sigmoid_derivative({case.label}) returns σ(x)·σ(x): the derivative is σ(x)·(1 − σ(x)).",
                         f"sigmoid_derivative({case.label}) が σ(x)·σ(x) を返しています。導関数は σ(x)·(1 − σ(x)) です。"))
            with np.errstate(all="ignore"):
                if np.allclose(g, x * (1 - x)):
                    _fail(tr(f"sigmoid_derivative({case.label}) computes x·(1 − x), the formula applied to x itself: "
                             "compute s = sigmoid(x) first, then s·(1 − s).",
                             f"sigmoid_derivative({case.label}) が x·(1 − x) を計算しています(式を x そのものに適用)。"
                             "先に s = sigmoid(x) を求め、s·(1 − s) を返します。"))
        raise exc from None


# --------------------------------------------------------------------------- image2vector and normalize_rows
@probes.cases("reshape_and_normalize", check_inputs=True, parts=("image2vector", "normalize_rows"))
def _(rng):
    yield Case("a 3×3×2 image and a 2×3 matrix", rng.normal(size=(3, 3, 2)), rng.normal(size=(2, 3)))
    yield Case("a non-square 4×5×3 image and a 5×2 matrix", rng.normal(size=(4, 5, 3)), rng.normal(size=(5, 2)) * 10)
    yield Case("a 1×1×1 image and a single row", rng.normal(size=(1, 1, 1)), rng.normal(size=(1, 4)))
    yield Case("a 2×6×1 image and a 4×4 matrix", rng.normal(size=(2, 6, 1)), rng.normal(size=(4, 4)))


@probes.call("reshape_and_normalize")
def _(ns, case):
    (image, x), _ = case.copied()
    cell = "image2vector and normalize_rows"
    return part(ns, "image2vector", cell)(image), part(ns, "normalize_rows", cell)(x)


@probes.judge("reshape_and_normalize")
def _(got, expected, case):
    v, rows = got
    image_label, _, matrix_label = case.label.partition(" and ")
    want_v = expected[0]
    if isinstance(v, np.ndarray) and v.shape != want_v.shape:
        if v.shape == (want_v.shape[0],):
            _fail(tr(f"image2vector({image_label}) has shape {v.shape}, a rank-1 array: return a column "
                     f"of shape {want_v.shape}.",
                     f"image2vector({image_label}) の形状が {v.shape}(ランク1配列)です。形状 {want_v.shape} "
                     "の列ベクトルを返します。"))
        if v.shape == (1, want_v.shape[0]):
            _fail(tr(f"image2vector({image_label}) has shape {v.shape}, a row: return a column of shape {want_v.shape}.",
                     f"image2vector({image_label}) の形状が {v.shape}(行ベクトル)です。形状 {want_v.shape} "
                     "の列ベクトルを返します。"))
    if isinstance(v, np.ndarray) and v.shape == want_v.shape and not np.allclose(v, want_v) \
            and np.allclose(np.sort(v, axis=0), np.sort(want_v, axis=0)):
        _fail(tr(f"image2vector({image_label}) holds the right numbers in another order: reshape the "
                 "image as it is (NumPy's default order), without transposing or order='F'.",
                 f"image2vector({image_label}) の値はそろっていますが順序が違います。転置や order='F' を使わず、"
                 "そのまま(NumPy の既定の順序で)reshape します。"))
    compare(v, want_v, f"image2vector({image_label})")
    x = case.args[1]
    if isinstance(rows, np.ndarray) and rows.shape == x.shape and not np.allclose(rows, expected[1]):
        with np.errstate(all="ignore"):
            if np.allclose(np.linalg.norm(rows, axis=0), 1):
                _fail(tr(f"normalize_rows({matrix_label}): each COLUMN has length 1: take one norm per row "
                         "(axis=1) and keep it as a column (keepdims=True).",
                         f"normalize_rows({matrix_label}) では各「列」の長さが 1 になっています。行ごとにノルムを取り "
                         "(axis=1)、列ベクトルとして残します (keepdims=True)。"))
            if np.allclose(np.abs(rows).sum(axis=1), 1):
                _fail(tr(f"normalize_rows({matrix_label}): each row's absolute values sum to 1 — that is the L1 "
                         "norm: divide by the L2 norm √(Σ x²).",
                         f"normalize_rows({matrix_label}) では各行の絶対値の和が 1 です(L1 ノルム)。"
                         "L2 ノルム √(Σ x²) で割ります。"))
            if np.allclose(rows, x / (x ** 2).sum(axis=1, keepdims=True)):
                _fail(tr(f"normalize_rows({matrix_label}) divides by the SQUARED norm Σ x²: take its square root.",
                         f"normalize_rows({matrix_label}) は 2 乗したノルム Σ x² で割っています。平方根を取ります。"))
    compare(rows, expected[1], f"normalize_rows({matrix_label})")


# --------------------------------------------------------------------------- softmax
@probes.cases("softmax", strict_fp=True, check_inputs=True)
def _(rng):
    yield Case("a 2×5 matrix", rng.normal(size=(2, 5)))
    yield Case("a 4×3 matrix", rng.normal(size=(4, 3)) * 4)
    yield Case("a 3×3 matrix", rng.normal(size=(3, 3)))
    yield Case("a 1-D vector", rng.normal(size=6))
    yield Case("a single row", rng.normal(size=(1, 4)))
    yield Case("large values (1000s)", np.array([[1000.0, 1001.0, 1002.0], [-1000.0, 0.0, 3.0]]))


# --------------------------------------------------------------------------- L1 and L2
@probes.cases("losses", check_inputs=True, parts=("L1", "L2"))
def _(rng):
    yield Case("5 values", rng.random(5), rng.integers(0, 2, 5).astype(float))
    yield Case("a 1×8 row", rng.random((1, 8)), rng.integers(0, 2, (1, 8)).astype(float))
    yield Case("a 3×4 matrix", rng.normal(size=(3, 4)), rng.normal(size=(3, 4)))
    yield Case("a 6×1 column", rng.random((6, 1)), rng.integers(0, 2, (6, 1)).astype(float))


@probes.call("losses")
def _(ns, case):
    (yhat, y), _ = case.copied()
    return part(ns, "L1", "L1 and L2")(yhat, y), part(ns, "L2", "L1 and L2")(yhat, y)


@probes.judge("losses")
def _(got, expected, case):
    for name, value, want in (("L1", got[0], expected[0]), ("L2", got[1], expected[1])):
        if isinstance(value, np.ndarray) and value.size > 1:
            _fail(tr(f"{name}({case.label}) returns an array of shape {value.shape}: sum the errors into one "
                     "number and return it as a Python float.",
                     f"{name}({case.label}) が形状 {value.shape} の配列を返しています。誤差を合計して 1 つの数にし、"
                     "Python の float として返します。"))
        if isinstance(value, np.ndarray) and value.ndim > 0:
            _fail(tr(f"{name}({case.label}) returns an array of shape {value.shape}, not a number: convert it "
                     "with float(...).",
                     f"{name}({case.label}) が数ではなく形状 {value.shape} の配列を返しています。float(...) で"
                     "数に変換します。"))
        if isinstance(value, np.ndarray):  # a 0-d array is the number it holds
            value = float(value)
        m = case.args[0].size
        if isinstance(value, (int, float)) and not isinstance(value, bool) and np.isclose(value * m, want) \
                and not np.isclose(value, want):
            _fail(tr(f"{name}({case.label}) is the mean of the errors: the loss here is their sum, not the average.",
                     f"{name}({case.label}) は誤差の平均になっています。ここでの損失は平均ではなく和です。"))
        if name == "L2" and isinstance(value, float) and np.isclose(value ** 2, want) and not np.isclose(value, want):
            _fail(tr(f"L2({case.label}) is the square root of the sum of squares (the Euclidean norm): "
                     "L2 here is the sum of squares itself.",
                     f"L2({case.label}) は 2 乗和の平方根(ユークリッドノルム)です。ここでの L2 は 2 乗和そのものです。"))
        check_scalar(value, want, f"{name}({case.label})")


# --------------------------------------------------------------------------- RunningMean
@probes.cases("RunningMean")
def _(rng):
    yield Case("five numbers", list(rng.normal(size=5) * 3))
    yield Case("one number", [float(rng.normal())])
    yield Case("twelve numbers, large values", list(rng.normal(size=12) * 1000 + 500))
    yield Case("integers", [int(v) for v in rng.integers(-5, 10, size=4)])
    yield Case("no number at all", [])


@probes.call("RunningMean")
def _(ns, case):
    """(count, mean) of a fresh instance, then after each update; a second instance used in
    between must not change the first one's mean."""
    (values,), _ = case.copied()
    cls = part(ns, "RunningMean", "the class RunningMean")
    rm = cls()
    trace = [(rm.count, rm.mean())]
    for i, x in enumerate(values):
        rm.update(x)
        if i == 0:
            other = cls()
            other.update(12345.0)
            other.update(-3.0)
        trace.append((rm.count, rm.mean()))
    return trace


@probes.judge("RunningMean")
def _(got, expected, case):
    values = case.args[0]
    for step, ((count, mean), (want_count, want_mean)) in enumerate(zip(got, expected)):
        where = (tr("a new RunningMean()", "新しい RunningMean()") if step == 0 else
                 tr(f"RunningMean after {step} update(s) ({case.label})",
                    f"{step} 回 update した RunningMean ({case.label})"))
        if count != want_count:
            _fail(tr(f"count of {where} is {count!r}, expected {want_count}: start at 0 in __init__ and add 1 "
                     "in each update (self.count).",
                     f"{where} の count が {count!r} ですが、{want_count} であるべきです。__init__ で 0 にし、"
                     "update のたびに 1 足します (self.count)。"))
        if isinstance(mean, np.ndarray) and mean.ndim == 0:  # a 0-d array is the number it holds
            mean = float(mean)
        if step == 0 and not (isinstance(mean, (int, float)) and mean == 0):
            _fail(tr(f"mean() of {where} is {mean!r}: before the first update it should be 0.0.",
                     f"{where} の mean() が {mean!r} です。最初の update の前は 0.0 を返します。"))
        if step > 0 and isinstance(mean, (int, float)) and not np.isclose(mean, want_mean, rtol=1e-7, atol=1e-9):
            if np.isclose(mean, values[step - 1]) and step > 1:
                _fail(tr(f"mean() of {where} is the last number only: update must add x to what the object "
                         "already remembers.",
                         f"{where} の mean() が最後の数だけになっています。update では、すでに覚えている値に x を足します。"))
            if np.isclose(mean, sum(values[:step])) and step > 1:
                _fail(tr(f"mean() of {where} is the sum: divide by how many numbers were added.",
                         f"{where} の mean() が合計になっています。加えた数の個数で割ります。"))
            # the usual cause left: state shared between instances (or kept wrongly)
            _fail(tr(f"mean() of {where} is {mean:.6g}, expected {want_mean:.6g}. Does each instance keep its "
                     "own state (attributes set on self in __init__, not shared by the class)?",
                     f"{where} の mean() が {mean:.6g} ですが、{want_mean:.6g} であるべきです。"
                     "状態をインスタンスごとに持っていますか(クラス全体で共有せず、__init__ で self に属性を作る)?"))
        check_scalar(mean, want_mean, tr(f"mean() of {where}", f"{where} の mean()"), rtol=1e-7, atol=1e-9)


# --------------------------------------------------------------------------- concept questions
probes.answer("concept_broadcast_shape", "answer_broadcast_shape",
              tr("Broadcasting aligns the shapes from the right: (4, 1, 5) and (3, 1) become (4, 1, 5) and "
                 "(1, 3, 1), and each axis takes the size that is not 1, so the product has shape (4, 3, 5).",
                 "形状を右端でそろえると (4, 1, 5) と (1, 3, 1) になり、各軸で 1 でない方の大きさを取るので、"
                 "積の形状は (4, 3, 5) です。"))
probes.answer("concept_rank1", "answer_rank1_choices",
              tr("np.random.randn(5) and a sum over an axis without keepdims both give shape (n,), a rank-1 "
                 "array (choices 1 and 3); np.random.randn(5, 1) is a column and keepdims=True keeps the summed "
                 "axis with size 1, so both of those stay 2-D.",
                 "ランク1配列(形状 (n,))になるのは 1 と 3 です。randn(5, 1) は列ベクトルで、keepdims=True は"
                 "合計した軸を大きさ 1 で残すので、この 2 つは 2 次元のままです。"))
probes.answer("concept_axis_sum", "answer_axis_sum",
              tr("axis=1 sums along each row, over the 7 examples, leaving one total per feature; keepdims=True "
                 "keeps the summed axis with size 1, so the result is the (3, 1) column.",
                 "axis=1 は各行に沿って 7 個の例を合計し、特徴ごとに 1 つの合計を残します。keepdims=True で"
                 "合計した軸が大きさ 1 で残るので、結果は (3, 1) の列ベクトルです。"))

"""Probes of week 1 (see autograder.probes for the contract)."""
import numpy as np

from autograder.probes import Case, ProbeSet

probes = ProbeSet("w01_numpy_basics")


@probes.cases("sigmoid", strict_fp=True, check_inputs=True)
def _(rng):
    yield Case("a 3×4 array", rng.normal(size=(3, 4)) * 3)
    yield Case("a 1-D array", rng.normal(size=7))
    yield Case("a 2×3×2 array", rng.normal(size=(2, 3, 2)))
    yield Case("large |x| (±1000)", np.array([[-1000.0, -50.0, 0.0, 50.0, 1000.0]]))
    yield Case("a single value", np.array([0.3]))


@probes.cases("sigmoid_derivative", strict_fp=True, check_inputs=True)
def _(rng):
    yield Case("a 3×4 array", rng.normal(size=(3, 4)) * 3)
    yield Case("a 1-D array", rng.normal(size=6))
    yield Case("large |x| (±800)", np.array([-800.0, -20.0, 0.0, 20.0, 800.0]))


@probes.cases("image2vector", check_inputs=True)
def _(rng):
    yield Case("a 3×3×2 image", rng.normal(size=(3, 3, 2)))
    yield Case("a non-square 4×5×3 image", rng.normal(size=(4, 5, 3)))
    yield Case("a 1×1×1 image", rng.normal(size=(1, 1, 1)))


@probes.cases("normalize_rows", check_inputs=True)
def _(rng):
    yield Case("a 2×3 matrix", rng.normal(size=(2, 3)))
    yield Case("a 5×2 matrix", rng.normal(size=(5, 2)) * 10)
    yield Case("a single row", rng.normal(size=(1, 4)))
    yield Case("a 4×4 matrix", rng.normal(size=(4, 4)))


@probes.cases("softmax", strict_fp=True, check_inputs=True)
def _(rng):
    yield Case("a 2×5 matrix", rng.normal(size=(2, 5)))
    yield Case("a 4×3 matrix", rng.normal(size=(4, 3)) * 4)
    yield Case("a 3×3 matrix", rng.normal(size=(3, 3)))
    yield Case("a 1-D vector", rng.normal(size=6))
    yield Case("a single row", rng.normal(size=(1, 4)))
    yield Case("large values (1000s)", np.array([[1000.0, 1001.0, 1002.0], [-1000.0, 0.0, 3.0]]))


@probes.scalar("L1", check_inputs=True)
@probes.scalar("L2", check_inputs=True)
def _(rng):
    yield Case("5 values", rng.random(5), rng.integers(0, 2, 5).astype(float))
    yield Case("a 1×8 row", rng.random((1, 8)), rng.integers(0, 2, (1, 8)).astype(float))
    yield Case("a 3×4 matrix", rng.normal(size=(3, 4)), rng.normal(size=(3, 4)))


probes.answer("concept_broadcast_shape", "answer_broadcast_shape",
              "Broadcasting aligns the shapes from the right: (4, 1, 5) and (3, 1) become (4, 1, "
              "5) and (1, 3, 1), and each axis takes the size that is not 1, so the product has "
              "shape (4, 3, 5). "
              "/ 形を右端でそろえ、各軸で 1 でない方の大きさを取るので (4, 3, 5) になります。")
probes.answer("concept_rank1", "answer_rank1_choices",
              "np.random.randn(5) and a sum over an axis without keepdims both give shape (n,), a "
              "rank-1 array (choices 1 and 3); np.random.randn(5, 1) is a column and keepdims=True "
              "keeps the summed axis with size 1, so both of those stay 2-D. "
              "/ rank-1 配列 (shape (n,)) になるのは 1 と 3。randn(5, 1) と keepdims=True の結果は 2 次元のままです。")
probes.answer("concept_axis_sum", "answer_axis_sum",
              "axis=1 sums along each row, over the 7 examples, leaving one total per feature; "
              "keepdims=True keeps the summed axis with size 1, so the result is the (3, 1) "
              "column. "
              "/ axis=1 で各特徴の 7 個の例を合計し、keepdims=True でその軸が大きさ 1 で残るので (3, 1) です。")

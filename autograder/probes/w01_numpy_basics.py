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


probes.answer("concept_broadcast_shape", "answer_broadcast_shape")
probes.answer("concept_rank1", "answer_rank1_choices")
probes.answer("concept_axis_sum", "answer_axis_sum")

"""Probes and verify(): they accept the reference, reject wrong answers, cannot be fooled by imports."""
import importlib

import numpy as np
import pytest

from autograder.probes import Case, ProbeSet, load_probes, to_plain
from course.checks import CheckError
from autograder.engine import verify

from conftest import WEEKS


def all_exercises():
    for week in WEEKS:
        for probe in load_probes(week):
            yield week, probe.name


@pytest.mark.parametrize("week,name", list(all_exercises()))
def test_reference_passes_its_own_probe(week, name):
    reference = vars(importlib.import_module(f"dlcourse_solutions.{week}"))
    verify(week, name, reference, own_code=False)  # the module's own globals, as a notebook's are


def _draws_random_numbers(week, name):
    """Does the reference's answer change with NumPy's global random stream (or its own)?"""
    probe = load_probes(week)[name]
    reference = vars(importlib.import_module(f"dlcourse_solutions.{week}"))
    state = np.random.get_state()
    try:
        for case in probe.cases(np.random.default_rng(0)):
            answers = []
            for seed in (1, 2):
                np.random.seed(seed)
                answers.append(repr(to_plain(probe.run(reference, case))))
            if answers[0] != answers[1]:
                return True
        return False
    finally:
        np.random.set_state(state)


RANDOM_EXERCISES = [(week, name) for week, name in all_exercises() if _draws_random_numbers(week, name)]


def test_random_exercises_are_found():
    found = set(RANDOM_EXERCISES)
    for expected in [("w03_shallow_network", "initialize_parameters"), ("w05_backprop_layers", "TwoLayerNet"),
                     ("w06_init_regularization_gradcheck", "Dropout"), ("w09_cnn", "SimpleConvNet")]:
        assert expected in found


# exercises that draw from a seed or generator they are given: their randomness changes with the
# case inputs, so they are judged on other inputs rather than on other global streams
SEEDED_EXERCISES = [("w07_optimization", "random_mini_batches"), ("w08_batchnorm_tuning", "train_dev_test_split"),
                    ("w08_batchnorm_tuning", "log_scale_samplers"),
                    ("w08_batchnorm_tuning", "random_search")]


@pytest.mark.parametrize("week,name", SEEDED_EXERCISES)
def test_seeded_exercise_judged_fairly_on_other_inputs(week, name):
    reference = vars(importlib.import_module(f"dlcourse_solutions.{week}"))
    for seed in range(1, 21):
        verify(week, name, reference, seed=seed, own_code=False)


@pytest.mark.parametrize("week,name", RANDOM_EXERCISES)
def test_random_exercise_judged_fairly_on_other_streams(week, name, monkeypatch):
    """A correct answer drawing other random numbers keeps its points: the reference passes its
    own probe on 40 other random streams (a judge whose tolerance ignores the sample size
    fails it a few per cent of the time, as TwoLayerNet's init check once did)."""
    import zlib
    import autograder.engine as engine
    reference = vars(importlib.import_module(f"dlcourse_solutions.{week}"))
    for k in range(1, 41):
        monkeypatch.setattr(engine, "stable_seed",
                            lambda *parts, k=k: (zlib.crc32("/".join(parts).encode()) + 7919 * k) % 2**32)
        verify(week, name, reference, own_code=False)


@pytest.mark.parametrize("week,name", list(all_exercises()))
def test_probe_can_fail(week, name):
    """No test that cannot fail: replacing the exercise with something broken fails verify."""
    reference = dict(vars(importlib.import_module(f"dlcourse_solutions.{week}")))
    broken = dict(reference)
    if name.startswith("concept_"):
        for key in [k for k in broken if k.startswith("answer_")]:
            broken[key] = ("not", "an", "answer")
    else:
        def broken_fn(*args, **kwargs):
            raise NotImplementedError()
        broken_fn.__module__ = "__main__"
        for part in load_probes(week)[name].parts or (name,):  # a merged exercise: all its parts
            broken[part] = broken_fn
    with pytest.raises(CheckError):
        verify(week, name, broken, own_code=False)


def test_imported_answer_is_rejected():
    import course.checks
    ns = {"softmax": course.checks.compare}   # any function of the course package's modules
    with pytest.raises(CheckError, match="your own code"):
        verify("w01_numpy_basics", "softmax", ns)


def test_to_plain():
    assert to_plain(np.float64(1.5)) == 1.5 and type(to_plain(np.float64(1.5))) is float
    assert to_plain({"a": (np.int64(2), [None])}) == {"a": (2, [None])}
    assert to_plain(object()).type_name == "object"


def test_check_inputs_catches_in_place_modification():
    probes = ProbeSet("demo")

    @probes.cases("double", check_inputs=True)
    def _(rng):
        yield Case("a vector", np.ones(3))

    def sneaky(x):
        x *= 2
        return x

    probe = probes["double"]
    case = probe.cases(np.random.default_rng(0))[0]
    with pytest.raises(CheckError, match="in place"):
        probe.run({"double": sneaky}, case)
    assert np.array_equal(case.args[0], np.ones(3)), "the case's own input stays pristine"
    probe.run({"double": lambda x: x * 2}, case)


def test_verify_keeps_the_notebooks_random_state():
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    import dlcourse_solutions.w01_numpy_basics as ref
    verify("w01_numpy_basics", "softmax", dict(vars(ref)), own_code=False)
    assert np.array_equal(np.random.get_state()[1], before)

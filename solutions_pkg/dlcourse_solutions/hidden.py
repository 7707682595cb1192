"""The hidden tests' entry point: compare a student's exercise with the reference.

A hidden test cell in a source notebook holds just::

    ### BEGIN HIDDEN TESTS
    from dlcourse_solutions.hidden import verify
    verify("w01_numpy_basics", "sigmoid", globals())
    ### END HIDDEN TESTS

``verify`` draws the probe's cases (several random shapes and edge cases), calls the
reference module and the student's namespace on fresh copies of each, and judges the pair.
"""
from __future__ import annotations

import importlib

import numpy as np

from autograder.probes import load_probes, stable_seed
from course.checks import CheckError, error_cause


def reference_namespace(week: str) -> dict:
    """The globals of the reference module of ``week``."""
    return vars(importlib.import_module(f"dlcourse_solutions.{week}"))


def verify(week: str, name: str, namespace: dict, seed: int | None = None,
           own_code: bool = True) -> None:
    """Raise CheckError unless ``namespace[name]`` behaves as the reference on every case.

    With ``own_code`` (the default, as in the notebooks) an exercise imported from the
    course's packages is rejected; pass ``own_code=False`` to check the reference itself.
    """
    probe = load_probes(week)[name]
    own = namespace.get(name)
    origin = getattr(own, "__module__", None) or ""
    if own_code and origin.split(".")[0] in ("course", "dlcourse_solutions", "autograder"):
        raise CheckError(f"`{name}` comes from {origin}: the exercise must be your own code, "
                         "written in the notebook. (Checking the reference itself? Pass own_code=False.)")
    reference = reference_namespace(week)
    rng = np.random.default_rng(stable_seed(week, name) if seed is None else seed)
    state = np.random.get_state()  # keep the notebook's own random stream where it was
    try:
        for case in probe.cases(rng):
            np.random.seed(stable_seed(week, name, case.label))
            expected = probe.run(reference, case)
            np.random.seed(stable_seed(week, name, case.label))
            try:
                got = probe.run(namespace, case)
            except CheckError:
                raise
            except FloatingPointError as exc:
                raise CheckError(f"hidden test of {name} on {case.label}: NumPy {exc} — use a "
                                 "numerically stable formula (subtract the max, split by sign).") from None
            except Exception as exc:
                cause = error_cause(type(exc).__name__, str(exc))
                raise CheckError(f"hidden test of {name} on {case.label}: raised "
                                 f"{type(exc).__name__}: {exc}" + (f" — {cause}" if cause else "")) from exc
            probe.check(got, expected, case)
    finally:
        np.random.set_state(state)

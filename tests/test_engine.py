"""The trusted core: one check engine, pure and thread-safe; a strict answer schema; a job never
stops the class."""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from conftest import week_points  # noqa: E402

from autograder import engine
from autograder.sandbox import transport
from autograder.probes import load_probes
from course.checks import CheckError, diagnose

from conftest import WEEKS


def _all_exercises():
    return [(week, probe.name) for week in WEEKS for probe in load_probes(week)]


def _expected(item):
    week, name = item
    cases = engine.draw(week, name, seed=11)
    return cases, engine.expected(week, name, cases)


def test_judging_from_8_threads_gives_the_serial_results():
    """The reference runs in a fresh namespace per case under one lock: probes that swap a
    helper in the namespace they call (w04 L_layer_model) cannot leak into another judge.
    Answers that do not depend on the random stream are identical; the others (an init that
    draws from fresh OS entropy) pass the probe's own judge against the serial ones."""
    items = _all_exercises()
    serial = [_expected(i) for i in items]
    again = [_expected(i) for i in items]
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(_expected, items * 2))
    for k, ((week, name), (cases, want), (_, want_again)) in enumerate(zip(items, serial, again)):
        for got in (parallel[k][1], parallel[k + len(items)][1]):
            if repr(want) == repr(want_again):
                assert repr(got) == repr(want), (week, name)
            else:
                probe = load_probes(week)[name]
                for case, g, w in zip(cases, got, want):
                    assert not engine.judge_case(probe, g, w, case), (week, name)


def test_a_probe_cannot_patch_the_reference_module():
    import dlcourse_solutions.w04_deep_network as ref
    before = ref.initialize_parameters_deep
    engine.expected("w04_deep_network", "L_layer_model", engine.draw("w04_deep_network", "L_layer_model", 3))
    assert ref.initialize_parameters_deep is before


def test_the_same_seed_gives_the_same_cases_and_other_seeds_others():
    a, b = engine.draw("w01_numpy_basics", "softmax", 5), engine.draw("w01_numpy_basics", "softmax", 5)
    c = engine.draw("w01_numpy_basics", "softmax", 6)
    assert repr(a) == repr(b) and repr(a) != repr(c)


def test_answers_may_not_name_objects(tmp_path):
    """A sandbox's answer is plain data: a reference to an object (np.ma.masked compares falsy,
    and once passed for a wrong set answer) is refused."""
    np.savez(tmp_path / "a.npz")
    (tmp_path / "a.json").write_text(json.dumps(
        {"__dict__": [["answers", [{"__dict__": [["ok", True], ["out", {"__ref__": "autograder.probes.w01_numpy_basics:probes"}]]}]]]}))
    assert transport.load(tmp_path / "a")  # inputs from the grader may name probe helpers
    with pytest.raises(transport.TransportError, match="name an object"):
        transport.load(tmp_path / "a", refs=False)


def test_a_small_archive_that_expands_to_gigabytes_is_refused_before_reading(tmp_path):
    np.savez_compressed(tmp_path / "bomb.npz", a0=np.zeros(transport.MAX_NPZ_BYTES // 8 + 1024))
    (tmp_path / "bomb.json").write_text(json.dumps({"__nd__": "a0"}))
    assert (tmp_path / "bomb.npz").stat().st_size < 2**20
    with pytest.raises(transport.TransportError, match="decompressed"):
        transport.load(tmp_path / "bomb", refs=False)
    (tmp_path / "junk.npz").write_bytes(b"not a zip")
    (tmp_path / "junk.json").write_text("null")
    with pytest.raises(transport.TransportError):
        transport.load(tmp_path / "junk", refs=False)


@pytest.mark.parametrize("answer", [[1, 2], "text", None, {"defined": True, "answers": "x"},
                                    {"defined": True, "answers": [1, 2, 3, 4, 5, 6]},
                                    {"defined": True, "answers": [{"ok": "yes"}] * 5}])
def test_a_malformed_answer_is_wrong_with_a_reason_never_an_exception(answer):
    week, name = "w01_numpy_basics", "softmax"
    cases = engine.draw(week, name, 1)
    verdict = engine.judge(week, name, cases, engine.expected(week, name, cases), answer)
    assert verdict.ok is False and verdict.reason


def test_given_cases_are_used_and_the_sandbox_never_falls_back(monkeypatch, tmp_path):
    from autograder.grader.recheck import write_cases
    week = "w01_numpy_basics"
    cases = {"softmax": engine.draw(week, "softmax", 9)}
    wrong = {"softmax": [np.zeros_like(np.asarray(c["args"][0], dtype=float)) for c in cases["softmax"]]}
    write_cases(cases, tmp_path / week, wrong)
    monkeypatch.setenv(engine.CASES_ENV, str(tmp_path))
    ns = {"softmax": lambda x: np.zeros_like(np.asarray(x, dtype=float))}
    engine.verify(week, "softmax", ns)  # judged against the answers it was given, not the reference
    monkeypatch.delenv(engine.CASES_ENV)
    monkeypatch.setenv(engine.SANDBOXED_ENV, "1")
    with pytest.raises(CheckError, match="no hidden-test cases"):
        engine.verify(week, "softmax", ns)


def test_no_message_says_one_times():
    got = np.array([1.0, 2.0, 3.0000001])
    assert "1 times" not in diagnose(got, np.array([1.0, 2.0, 3.0]))


@pytest.mark.slow
def test_a_job_that_raises_costs_its_row_never_the_class(root, tmp_path, monkeypatch):
    """An exception while grading one submission (the grader's own bug) gives that row 0 and an
    `internal error` flag; the others are graded, every CSV is written (cells escaped, so an
    LMS id such as =1+2 stays text), and the command exits non-zero."""
    import csv
    from autograder.grader import run as grading
    from autograder.cli import main
    week = "w01_numpy_basics"
    submitted = tmp_path / "submitted"
    for student in ("=1+2", "broken"):
        (submitted / student / week).mkdir(parents=True)
        (submitted / student / week / f"{week}.ipynb").write_bytes((root / "source" / week / f"{week}.ipynb").read_bytes())
    real = grading.grade_one

    def grade_one(student, *args, **kwargs):
        if student == "broken":
            raise AttributeError("'list' object has no attribute 'get'")
        return real(student, *args, **kwargs)
    monkeypatch.setattr(grading, "grade_one", grade_one)
    out = tmp_path / "out"
    assert main(["grade", str(submitted), "--out", str(out), "--workers", "1", "--no-feedback", "--db", ""]) == 1
    text = (out / "grades.csv").read_text()
    rows = {r["student"]: r for r in csv.DictReader(text.splitlines())}
    assert set(rows) == {"'=1+2", "broken"}
    assert float(rows["'=1+2"]["total"]) == sum(week_points(week).values())
    assert float(rows["broken"]["total"]) == 0 and rows["broken"]["flags"].startswith("internal error")
    assert "'list' object" in (out / "logs" / "internal-errors.log").read_text()
    assert "'=1+2" in (out / "lms.csv").read_text() and "\n=1+2" not in (out / "lms.csv").read_text()


def test_the_resume_key_frames_names_and_contents_and_hashes_the_context(tmp_path, root):
    """Two different folders never share a key (names and contents are length-framed), and a
    change of limits, sandbox mode or secret regrades (the context is part of the key)."""
    from autograder.grader.submission import grade_key
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "ab").write_text("c")
    (b / "a").write_text("bc")
    week = "w01_numpy_basics"
    assert grade_key(a, week, root, "x") != grade_key(b, week, root, "x")
    assert grade_key(a, week, root, "x") == grade_key(a, week, root, "x")
    assert grade_key(a, week, root, "x") != grade_key(a, week, root, "y")


@pytest.mark.slow
def test_an_honest_input_dependent_bug_is_not_flagged(root, tmp_path):
    """The kernel's hidden tests and the re-check use the same inputs: a real bug that only some
    inputs reveal (cross_entropy_error without its small delta, log(0) on a zero probability)
    loses its points in both, and nobody is accused of tampering."""
    from autograder import notebooks as nbs
    from autograder.grader.run import grade_submissions
    from autograder.mistakes import discover
    week = "w05_backprop_layers"
    case = next(c for c in discover(root, [week]) if c.id.endswith("cross_entropy_error/wrong_no_delta"))
    nb = nbs.replace_solution(nbs.read(root / "source" / week / f"{week}.ipynb"), case.exercise, case.source)
    for student in ("honest-bug-1", "honest-bug-2"):
        (tmp_path / "submitted" / student / week).mkdir(parents=True)
        nbs.write(nb, tmp_path / "submitted" / student / week / f"{week}.ipynb")
    grades = grade_submissions(tmp_path / "submitted", tmp_path / "out", [week], root, workers=2, feedback=False)
    for g in grades:
        assert g.scores["test_cross_entropy_error"] == 0, g.scores
        assert not g.flags, g.flags

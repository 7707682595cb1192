"""The one check engine: draw a case, call an exercise, judge the answer, explain a failure.

Both sides of the trust boundary use these functions, so a hidden test in nbgrader's kernel
and the out-of-kernel re-check run the same algorithm on the same inputs:

* the **trusted grader** draws each exercise's cases from a per-submission seed
  (:func:`draw`) and computes the reference's answers (:func:`expected`) — in a fresh copy
  of the reference module for every case, under one lock, so judging is pure and
  thread-safe;
* nbgrader's **kernel** gets the cases and the expected answers (read-only, never the
  reference) and its hidden tests call :func:`verify`;
* the **re-check sandbox** gets the same cases without the answers, calls the student's code
  (:func:`run_case`) and sends back plain data, which the grader judges (:func:`judge`).

A hidden test cell in a source notebook holds just::

    ### BEGIN HIDDEN TESTS
    from autograder.engine import verify
    verify("w01_numpy_basics", "sigmoid", globals())
    ### END HIDDEN TESTS

Outside grading (nbval on the source notebooks, the mistake bank, an instructor running a
source notebook) there are no given cases, and :func:`verify` draws them and asks the
reference package itself.
"""
from __future__ import annotations

import builtins
import functools
import importlib.util
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .probes import Case, Probe, foreign_origin, load_probes, stable_seed
from course.checks import CheckError, error_cause
from course.i18n import tr

CASES_ENV = "DLCOURSE_HIDDEN_CASES"      # folder of the given cases (set only while grading)
SANDBOXED_ENV = "DLCOURSE_SANDBOXED"     # set in every sandbox: never fall back to the reference
REFERENCE_PACKAGE = "dlcourse_solutions"
# NumPy's global random stream is process-wide: the reference runs one case at a time.
_reference_lock = threading.Lock()


@dataclass
class Verdict:
    ok: bool | None          # None: could not be checked (no inputs could be sent)
    reason: str = ""


# ----------------------------------------------------------------------------- cases
def draw(week: str, name: str, seed: int | None = None) -> list[dict]:
    """The cases of one exercise as plain data: label, args, kwargs and NumPy's seed for the call.

    ``seed=None`` gives the fixed cases used outside grading; a grading run passes the
    submission's secret seed, and both the kernel and the re-check get exactly these cases."""
    probe = load_probes(week)[name]
    parts = (week, name) if seed is None else (week, name, "recheck", str(seed))
    rng = np.random.default_rng(stable_seed(*parts))
    return [{"label": c.label, "args": c.args, "kwargs": c.kwargs,
             "np_seed": stable_seed(*parts[:2], c.label, *parts[3:]) % 2**32} for c in probe.cases(rng)]


def as_case(data: dict) -> Case:
    return Case(data["label"], *data["args"], **data["kwargs"])


@functools.lru_cache(maxsize=None)
def _reference_code(week: str):
    spec = importlib.util.find_spec(f"{REFERENCE_PACKAGE}.{week}")
    if spec is None or spec.origin is None:
        raise CheckError(tr(f"the reference solutions ({REFERENCE_PACKAGE}) are not installed here",
                            f"模範解答 ({REFERENCE_PACKAGE}) がこの環境にインストールされていません"))
    source = Path(spec.origin).read_text(encoding="utf-8")
    return compile(source, spec.origin, "exec"), spec.origin


def reference_namespace(week: str) -> dict:
    """A fresh copy of the reference module's globals (a probe may swap a helper in the
    namespace it calls: in a copy of its own, it can never change what another judge sees)."""
    code, origin = _reference_code(week)
    ns = {"__name__": f"{REFERENCE_PACKAGE}.{week}", "__file__": origin, "__builtins__": builtins}
    exec(code, ns)
    return ns


def expected(week: str, name: str, cases: list[dict]) -> list:
    """The reference's plain answers to ``cases`` (trusted side only)."""
    probe = load_probes(week)[name]
    answers = []
    with _reference_lock:
        state = np.random.get_state()
        try:
            for case in cases:
                answers.append(run_case(probe, reference_namespace(week), case))
        finally:
            np.random.set_state(state)
    return answers


# ----------------------------------------------------------------------------- calling and judging
def run_case(probe: Probe, ns: dict, case: dict) -> Any:
    """Call the exercise in ``ns`` on one case, NumPy's global stream seeded as for the
    reference; returns plain data (see :meth:`Probe.run`)."""
    np.random.seed(case["np_seed"])
    return probe.run(ns, as_case(case))


def describe_error(name: str, label: str, kind: str, message: str) -> str:
    """What a student reads when their code raised on a hidden case: the error and its usual cause."""
    if kind == "CheckError" and message:  # a probe's own check, in the re-check: as in the kernel
        return message
    if kind == "FloatingPointError":
        return tr(f"{name} on {label}: NumPy {message} — use a numerically stable formula "
                  "(subtract the max, split by sign).",
                  f"{name} ({label}): NumPy {message} — 数値的に安定な式を使ってください "
                  "(最大値を引く、符号で場合分けする)。")
    cause = error_cause(kind, message)
    return tr(f"{name} on {label}: raised {kind}: {message}" + (f" — {cause}" if cause else ""),
              f"{name} ({label}): {kind} が発生しました: {message}" + (f" — {cause}" if cause else ""))


def exercise_origin(probe: Probe, ns: dict) -> tuple[str, str]:
    """``(name, module)`` of what the exercise's cell should have defined: for a merged
    exercise (``probe.parts``), the first part that comes from the course's own packages, if
    any; otherwise the exercise's own name and module ('' when it is not defined)."""
    names = tuple(probe.parts) or (probe.name,)
    modules = [(part, str(getattr(ns.get(part), "__module__", "") or "")) for part in names if part in ns]
    for part, module in modules:
        if foreign_origin(module):
            return part, module
    return modules[0] if modules else (probe.name, "")


def judge_case(probe: Probe, got: Any, want: Any, case: dict) -> str:
    """'' when ``got`` is right for this case, else the reason (the probe's own judge)."""
    try:
        probe.check(got, want, as_case(case))
    except CheckError as exc:
        return str(exc)
    except Exception as exc:  # an answer the judge cannot even read
        return tr(f"{probe.name} on {case['label']}: unexpected answer ({type(exc).__name__}: {exc})",
                  f"{probe.name} ({case['label']}): 想定外の答えです ({type(exc).__name__}: {exc})")
    return ""


def judge(week: str, name: str, cases: list[dict], wants: list, answer: Any, cell_error: str = "") -> Verdict:
    """The trusted verdict on one exercise's answers from the re-check sandbox.

    ``answer`` is what the sandbox sent, already decoded as plain data; anything that is not
    the fixed schema ``{"defined": bool, "origin": str, "answers": [{"ok", "out" | "error"}]}``
    is a wrong answer with a reason, never an exception."""
    probe = load_probes(week)[name]
    if not isinstance(answer, dict):
        return Verdict(False, _malformed())
    if not answer.get("defined"):
        return Verdict(False, tr(f"`{name}` is not defined by the submission's code"
                                 + (f" (its cell raised {cell_error})" if cell_error else ""),
                                 f"提出されたコードで `{name}` が定義されていません"
                                 + (f" (そのセルで {cell_error} が発生しました)" if cell_error else "")))
    why = foreign_origin(str(answer.get("origin", "")))
    if why:
        return Verdict(False, tr(why.en.format(name=name), why.ja.format(name=name)))
    answers = answer.get("answers")
    if not isinstance(answers, list) or len(answers) != len(cases):
        return Verdict(False, _malformed())
    for case, want, got in zip(cases, wants, answers):
        if not isinstance(got, dict) or got.get("ok") is not True:
            error = str(got.get("error", "")) if isinstance(got, dict) else ""
            if not error:
                return Verdict(False, tr(f"{name} on {case['label']}: no answer",
                                         f"{name} ({case['label']}): 答えがありません"))
            kind, _, message = error.partition(": ")
            return Verdict(False, describe_error(name, case["label"], kind, message))
        reason = judge_case(probe, got.get("out"), want, case)
        if reason:
            return Verdict(False, reason)
    return Verdict(True, "")


def _malformed() -> str:
    return tr("the sandbox returned a malformed answer", "サンドボックスが不正な形式の答えを返しました")


# ----------------------------------------------------------------------------- the hidden tests
def given_cases(week: str, name: str) -> tuple[list, list] | None:
    """The cases and expected answers the grader gave this kernel, or None outside grading."""
    from .sandbox import transport
    folder = os.environ.get(CASES_ENV)
    if not folder:
        return None
    data = transport.load(Path(folder) / week / name)
    return data["cases"], data["expected"]


def verify(week: str, name: str, namespace: dict, seed: int | None = None, own_code: bool = True) -> None:
    """A hidden test: raise CheckError unless ``namespace[name]`` gives the expected answer on
    every case (the grader's cases while grading; the reference's, outside grading).

    With ``own_code`` (the default, as in the notebooks) an exercise imported from the
    course's packages is rejected; pass ``own_code=False`` to check the reference itself."""
    probe = load_probes(week)[name]
    part, module = exercise_origin(probe, namespace)
    why = foreign_origin(module)
    if own_code and why:
        raise CheckError(tr(why.en.format(name=part) + ". (Checking the reference itself? Pass own_code=False.)",
                            why.ja.format(name=part) + "。(模範解答そのものを確かめるなら own_code=False を渡してください)"))
    given = given_cases(week, name)
    if given is None:
        if os.environ.get(SANDBOXED_ENV):
            raise CheckError(tr("the grader gave no hidden-test cases for this exercise; ask your instructor",
                                "採点システムからこの課題の非公開テストのケースが渡されていません。"
                                "担当の先生に問い合わせてください"))
        cases = draw(week, name, seed)
        given = cases, expected(week, name, cases)
    cases, wants = given
    state = np.random.get_state()  # keep the notebook's own random stream where it was
    try:
        for case, want in zip(cases, wants):
            try:
                got = run_case(probe, namespace, case)
            except CheckError:
                raise
            except Exception as exc:
                described = describe_error(name, case["label"], type(exc).__name__, str(exc))
                raise CheckError(tr("hidden test of " + described, "非公開テスト: " + described)) from exc
            reason = judge_case(probe, got, want, case)
            if reason:
                raise CheckError(reason)
    finally:
        np.random.set_state(state)

"""The mistake bank: realistic wrong answers the tests must catch, correct variants they must accept.

Layout — one file per case, so adding a case is adding a file::

    tests/mistakes/<week>/<exercise>/wrong_<what_goes_wrong>.py
    tests/mistakes/<week>/<exercise>/ok_<how_it_differs>.py

A case file is the whole content of the exercise's solution cell as a student would write
it. Its leading ``#`` comment lines say why students write it (shown in reports).

A **wrong** case passes when the exercise's own test cell (``test_<exercise>``) fails with
the case in place; an **ok** case passes when every test cell of the notebook passes.
A wrong case may also say what the student must be told: each ``# expect: <words>`` line
names words the failure message must contain (case-insensitive), so a diagnosis such as
"did you forget to divide by m?" cannot silently turn into a bare "values differ".

**Editions.** The bank runs a week on its English source notebook (``edition="en"``, the
default) or on its Japanese edition (``edition="ja"``: :func:`autograder.editions.edition_notebook`
— the same code cells, Markdown in Japanese, a first cell that selects Japanese messages). The
verdicts must be the same on both: every wrong case still fails, every ok case still passes.
On the Japanese edition the ``# expect-ja: <words>`` lines of a case take the place of its
``# expect:`` lines (the words its Japanese failure message must contain). A week whose
Japanese edition is not complete yet is skipped (:func:`edition_unavailable` says why).

Running: one worker process per week executes the source notebook once, cell by cell, in
an in-process IPython shell; when it reaches a solution cell that has cases it ``fork``s one
child per case, which swaps in the case's code and runs the rest of the notebook (a wrong
case stops as soon as its own test has failed). The notebook's prefix runs once per week,
not once per case, which keeps the whole bank to seconds per week.
"""
from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable

from . import notebooks as nbs
from .paths import course_root, mistakes_dir, source_notebook

CASE_TIMEOUT = 120.0  # seconds for one case's tail of the notebook
EDITIONS = ("en", "ja")


@dataclass
class MistakeCase:
    week: str
    exercise: str
    kind: str          # "wrong" | "ok"
    slug: str
    path: str
    source: str
    why: str = ""
    expect: list = field(default_factory=list)  # words the failure message must contain
    expect_ja: list = field(default_factory=list)  # the same, on the Japanese edition

    @property
    def id(self) -> str:
        return f"{self.week}/{self.exercise}/{self.kind}_{self.slug}"


@dataclass
class CaseResult:
    case_id: str
    failed_tests: dict = field(default_factory=dict)   # test grade_id -> error message
    visible_failed: list = field(default_factory=list)  # test cells whose visible part failed
    solution_error: str = ""
    timed_out: bool = False
    crashed: str = ""

    def verdict(self, case: MistakeCase, edition: str = "en") -> tuple[bool, str]:
        """(as expected?, explanation) — on the English source or the Japanese ``edition``."""
        own = f"test_{case.exercise}"
        if self.timed_out:
            return False, f"timed out after {CASE_TIMEOUT:.0f} s"
        if self.crashed:
            return False, f"the runner crashed: {self.crashed}"
        if case.kind == "wrong":
            if own in self.failed_tests:
                where = "visible" if own in self.visible_failed else "hidden"
                message = self.failed_tests[own]
                expect = case.expect_ja if edition == "ja" else case.expect
                unsaid = [words for words in expect if words.lower() not in message.lower()]
                if unsaid:
                    return False, (f"caught by the {where} tests of {own}, but the message does not say "
                                   f"{unsaid}: {message}")
                return True, f"caught by the {where} tests of {own}: {message}"
            others = sorted(self.failed_tests)
            return False, (f"NOT caught by {own}" + (f" (only by {others})" if others else "")
                           + (f"; the case's own cell raised {self.solution_error}" if self.solution_error else ""))
        if self.failed_tests:
            gid, msg = next(iter(self.failed_tests.items()))
            return False, f"correct variant REJECTED by {gid}: {msg}"
        return True, "accepted by every test"


def discover(root: Path | None = None, weeks: Iterable[str] | None = None) -> list[MistakeCase]:
    """Every case in the bank, sorted by week, exercise and name."""
    base = mistakes_dir(root)
    wanted = set(weeks) if weeks else None
    cases = []
    for path in sorted(base.glob("w*/*/*.py")):
        week, exercise = path.parent.parent.name, path.parent.name
        if wanted and week not in wanted:
            continue
        kind, _, slug = path.stem.partition("_")
        if kind not in ("wrong", "ok"):
            continue
        source = path.read_text(encoding="utf-8")
        comments = [line.lstrip("# ").strip() for line in source.splitlines() if line.startswith("#")]
        expect = [c.partition(":")[2].strip() for c in comments if c.startswith("expect:")]
        expect_ja = [c.partition(":")[2].strip() for c in comments if c.startswith("expect-ja:")]
        why = (" ".join(c for c in comments if not c.startswith(("expect:", "expect-ja:")))
               if source.startswith("#") else "")
        cases.append(MistakeCase(week, exercise, kind, slug, str(path), source, why[:300], expect, expect_ja))
    return cases


# ----------------------------------------------------------------------------- worker side
def _make_shell():
    os.environ.setdefault("MPLBACKEND", "Agg")
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config
    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.colors = "NoColor"
    return InteractiveShell.instance(config=config)


def _run(shell, source: str) -> tuple[bool, str]:
    from IPython.utils.capture import capture_output
    with capture_output():
        result = shell.run_cell(source, store_history=False)
    try:
        import matplotlib.pyplot as plt
        plt.close("all")
    except Exception:
        pass
    if result.success:
        return True, ""
    exc = result.error_in_exec or result.error_before_exec
    return False, f"{type(exc).__name__}: {exc}".strip()[:600]


def _run_tail(shell, cells, start: int, case: dict) -> dict:
    """In the forked child: the case's code at ``start``, then the rest of the notebook."""
    res = CaseResult(case["id"])
    own = f"test_{case['exercise']}"
    for j in range(start, len(cells)):
        cell = cells[j]
        src = case["source"] if j == start else cell.source
        if nbs.is_test(cell):
            gid = nbs.grade_id(cell)
            visible_ok, _ = _run(shell, nbs.strip_hidden_tests(src))
            if not visible_ok:
                res.visible_failed.append(gid)
            ok, err = _run(shell, src)
            if not ok:
                res.failed_tests[gid] = err
                if case["kind"] == "wrong" and gid == own:
                    break  # caught where it is made: the rest cannot change the verdict
        else:
            ok, err = _run(shell, src)
            if j == start and not ok:
                res.solution_error = err
    return asdict(res)


def _forked(fn, timeout: float) -> dict:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        try:
            payload = json.dumps(fn())
        except BaseException as exc:  # noqa: BLE001 — report, never propagate out of the child
            payload = json.dumps({"crashed": f"{type(exc).__name__}: {exc}"})
        with os.fdopen(write_fd, "w") as out:
            out.write(payload)
        os._exit(0)
    os.close(write_fd)
    chunks, deadline = [], time.monotonic() + timeout
    with os.fdopen(read_fd) as inp:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return {"timed_out": True}
            ready, _, _ = select.select([inp], [], [], left)
            if ready:
                data = inp.read()
                chunks.append(data)
                break
    os.waitpid(pid, 0)
    text = "".join(chunks)
    return json.loads(text) if text else {"crashed": "the case's process died without a result"}


def run_week_in_process(notebook: Path, cases: list[dict], workdir: Path | None = None) -> dict:
    """Worker entry: run the notebook once and fork a child per case. Returns JSON-able data.

    The notebook runs in ``workdir`` (default: its own folder), where its data files are."""
    workdir = workdir or notebook.parent
    os.chdir(workdir)
    sys.path.insert(0, str(workdir))
    shell = _make_shell()
    cells = nbs.code_cells(nbs.read(notebook))
    index = {nbs.grade_id(c): i for i, c in enumerate(cells) if nbs.is_solution(c)}
    by_cell, results = defaultdict(list), {}
    for case in cases:
        if case["exercise"] not in index:
            results[case["id"]] = {"crashed": f"no solution cell with grade_id {case['exercise']!r} "
                                              f"in {notebook.name}"}
        else:
            by_cell[index[case["exercise"]]].append(case)
    baseline_failed = {}
    for i, cell in enumerate(cells):
        for case in by_cell.get(i, []):
            results[case["id"]] = _forked(lambda: _run_tail(shell, cells, i, case), CASE_TIMEOUT)
            results[case["id"]].setdefault("case_id", case["id"])
        ok, err = _run(shell, cell.source)
        if nbs.is_test(cell) and not ok:
            baseline_failed[nbs.grade_id(cell)] = err
    return {"baseline_failed": baseline_failed, "results": results}


# ----------------------------------------------------------------------------- caller side
def edition_unavailable(week: str, edition: str, root: Path | None = None) -> str:
    """Why the bank cannot run ``week`` on ``edition`` ("" when it can)."""
    from . import editions
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {EDITIONS}, got {edition!r}")
    if edition == "en":
        return ""
    if not editions.translation_path(week, root, edition).is_file():
        return f"no {edition} edition yet (no {editions.translation_path(week, root, edition).name})"
    missing = editions.problems(week, root, edition)
    if missing:
        return f"the {edition} edition is not complete yet ({len(missing)} cell(s) to translate, e.g. {missing[0]})"
    return ""


def run_week(week: str, cases: list[MistakeCase], root: Path | None = None,
             edition: str = "en") -> tuple[dict, dict[str, CaseResult]]:
    """Run ``cases`` of one week in a fresh worker process, on the week's ``edition``.

    Returns ``(baseline_failed, results)``: the notebook's own failing tests (should be none)
    and a :class:`CaseResult` per case id. Raises ValueError when the edition cannot be built.
    """
    root = root or course_root()
    payload = [{"id": c.id, "exercise": c.exercise, "kind": c.kind, "source": c.source} for c in cases]
    with tempfile.TemporaryDirectory() as tmp:
        cases_file, out_file = Path(tmp) / "cases.json", Path(tmp) / "out.json"
        cases_file.write_text(json.dumps(payload))
        notebook = source_notebook(week, root)
        if edition != "en":
            from . import editions
            edition_nb = Path(tmp) / editions.notebook_name(week, edition)
            nbs.write(editions.edition_notebook(week, edition, root), edition_nb)
            command = [str(edition_nb), str(cases_file), str(out_file), str(notebook.parent)]
        else:
            command = [str(notebook), str(cases_file), str(out_file)]
        env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
                   MPLBACKEND="Agg", DLCOURSE_ROOT=str(root))
        env.pop("DLCOURSE_LANG", None)  # the notebook's own first cell says its language
        proc = subprocess.run(
            [sys.executable, "-m", "autograder.mistakes", *command],
            env=env, capture_output=True, text=True, timeout=60 + CASE_TIMEOUT * max(1, len(cases)))
        if proc.returncode != 0 or not out_file.exists():
            raise RuntimeError(f"mistake-bank worker for {week} ({edition}) failed:\n{proc.stderr[-3000:]}")
        data = json.loads(out_file.read_text())
    results = {}
    for cid, raw in data["results"].items():
        raw = dict(raw, case_id=cid)
        results[cid] = CaseResult(**{k: raw[k] for k in CaseResult.__dataclass_fields__ if k in raw})
    return data["baseline_failed"], results


def run_bank(root: Path | None = None, weeks: Iterable[str] | None = None, workers: int | None = None,
             progress=None, edition: str = "en", skipped=None) -> list[tuple[MistakeCase, CaseResult]]:
    """Run the whole bank (weeks in parallel) on ``edition``. ``progress(week, n_cases)`` is called
    per week done; ``skipped(week, why)`` per week whose edition cannot be run yet."""
    root = root or course_root()
    cases = discover(root, weeks)
    by_week = defaultdict(list)
    for c in cases:
        by_week[c.week].append(c)
    for week in sorted(by_week):
        why = edition_unavailable(week, edition, root)
        if why:
            del by_week[week]
            if skipped:
                skipped(week, why)

    def one(week):
        baseline, results = run_week(week, by_week[week], root, edition)
        if progress:
            progress(week, len(by_week[week]))
        return week, baseline, results

    out = []
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 2) as pool:
        for week, baseline, results in pool.map(one, sorted(by_week)):
            if baseline:
                raise RuntimeError(f"the {edition} notebook of {week} fails its own tests: {baseline}")
            out.extend((c, results[c.id]) for c in by_week[week])
    return out


if __name__ == "__main__":  # the worker process: NOTEBOOK CASES OUT [WORKDIR]
    nb_path, cases_path, out_path = map(Path, sys.argv[1:4])
    workdir = Path(sys.argv[4]) if len(sys.argv) > 4 else None
    data = run_week_in_process(nb_path, json.loads(cases_path.read_text()), workdir)
    out_path.write_text(json.dumps(data))

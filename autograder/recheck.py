"""The out-of-kernel re-check: every graded exercise verified where the student cannot reach.

nbgrader runs the student's code and the tests in one kernel, so a submission can change what
the tests see (``np.isclose = lambda *a, **k: True``, a patched check helper, an answer
taken from the reference package). This module grades again, from the trusted side:

1. the grader picks fresh inputs for every exercise (the week's probes, a per-submission seed);
2. the submission's own code cells — and only the locked set-up cells from the *source*
   notebook, never the submission's copies — run in a jailed subprocess that cannot import or
   read the reference, see other submissions, start processes or use the network
   (:mod:`autograder._sandbox_runner`, :mod:`autograder.jail`);
3. the sandbox returns plain answers (JSON + ``.npz``, never pickle);
4. the trusted process computes the reference answers and judges each exercise.

A process that dies or hangs is restarted without the cell or exercise that killed it, so a
submission loses exactly what it breaks.
"""
from __future__ import annotations

import contextlib
import importlib
import json
import shutil
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import notebooks as nbs
from . import transport
from .jail import JailResult, Limits, ServedProcess, View, namespaces_available, run_jailed
from .probes import Case, load_probes, stable_seed
from course.checks import CheckError, error_cause

MAX_ATTEMPTS = 5
FOREIGN_MODULES = ("course", "dlcourse_solutions", "autograder")


@dataclass
class Verdict:
    ok: bool | None          # None: could not be re-checked (the probe's inputs cannot be sent)
    reason: str = ""


@dataclass
class RecheckResult:
    verdicts: dict = field(default_factory=dict)   # exercise -> Verdict
    notes: list = field(default_factory=list)      # cells skipped, restarts, isolation level
    isolation: str = ""


def _names(source: str) -> tuple[set, set] | None:
    """``(bound, used)`` for one cell: the names its top level binds and the global names it
    reads (at the top level or from inside its functions and classes; a function's own locals
    and parameters are not counted). None when the cell cannot be parsed."""
    import symtable
    from IPython.core.inputtransformer2 import TransformerManager  # turns magics into Python
    try:
        top = symtable.symtable(TransformerManager().transform_cell(source), "<cell>", "exec")
    except (SyntaxError, ValueError):
        return None
    bound, used = set(), set()
    for sym in top.get_symbols():
        if sym.is_assigned() or sym.is_imported() or sym.is_namespace():
            bound.add(sym.get_name())
        if sym.is_referenced():
            used.add(sym.get_name())
    tables = list(top.get_children())
    while tables:
        table = tables.pop()
        tables += table.get_children()
        for sym in table.get_symbols():
            if sym.is_global() or (table.get_type() == "class" and not sym.is_local()):
                if sym.is_referenced():
                    used.add(sym.get_name())
    return bound, used


def sandbox_cells(source_nb, student_nb) -> list[dict]:
    """The code to run: the student's solution cells and added cells, and the locked cells of
    the *source* notebook that they need, in the source notebook's order. Test cells never run.

    A locked cell is needed when it binds a name that the student's code, or another needed
    locked cell, mentions (a reverse pass over the notebook). Demos, plots and training runs
    that nothing graded depends on are left out: the re-check stays fast and runs only what
    the graded functions can reach."""
    roles = {nbs.grade_id(c): c for c in source_nb.cells if nbs.grade_id(c)}
    answers, extras, previous = {}, defaultdict(list), None
    for cell in student_nb.cells:
        gid = nbs.grade_id(cell)
        if gid in roles:
            if cell.cell_type == "code" and nbs.is_solution(roles[gid]):
                answers[gid] = cell.source
            previous = gid
        elif cell.cell_type == "code" and cell.source.strip():
            extras[previous].append(cell.source)  # a cell the student added
    cells = [{"id": "student cell", "source": s, "student": True} for s in extras[None]]
    for cell in source_nb.cells:
        gid = nbs.grade_id(cell)
        if cell.cell_type == "code":
            if nbs.is_solution(cell):
                if gid in answers:
                    cells.append({"id": gid, "source": answers[gid], "student": True})
            elif not nbs.is_test(cell):
                cells.append({"id": gid or "set-up", "source": cell.source, "student": False})
        cells += [{"id": f"student cell after {gid}", "source": s, "student": True} for s in extras.get(gid, [])]

    needed: set = set()
    for cell in cells:
        if cell["student"]:
            needed |= (_names(cell["source"]) or (set(), set()))[1]
    keep = []
    for cell in reversed(cells):
        if not cell["student"]:
            names = _names(cell["source"])
            if names is not None and not names[0] & needed:
                continue  # binds nothing the graded code can reach
            needed |= names[1] if names else set()
        keep.append(cell)
    return keep[::-1]


def reference_namespace(week: str) -> dict:
    return vars(importlib.import_module(f"dlcourse_solutions.{week}"))


def hidden_paths(extra: list[Path] = ()) -> list[str]:
    """What the sandbox must never see: the reference package and its source tree, the source
    notebooks and the mistake bank (they hold solutions), git history, plus ``extra``."""
    from .paths import course_root
    paths = set()
    spec = importlib.util.find_spec("dlcourse_solutions")
    if spec and spec.origin:
        pkg = Path(spec.origin).resolve().parent
        paths.add(pkg)
        if pkg.parent.name == "solutions_pkg":
            paths.add(pkg.parent)
    try:
        root = course_root()
        for sub in ("source", "solutions_pkg", "tests", ".git"):
            paths.add(root / sub)
    except Exception:
        pass
    paths.update(Path(p).resolve() for p in extra)
    return sorted(str(p) for p in paths)


class SandboxZygote(ServedProcess):
    """A warm sandbox process (see ``_sandbox_runner.serve``) that forks one child per re-check.

    It runs in the jail with the view every re-check of the run shares (the reference, the
    grading work tree, the output and the class's submissions hidden) and its own folder of
    boxes writable; each child then hides every box but its own. Without user namespaces, a
    plain process per re-check is used instead (:func:`recheck` without a zygote)."""

    def __init__(self, limits: Limits, extra_hidden: list[Path] = ()):
        self.limits = limits
        self.boxes = Path(tempfile.mkdtemp(prefix="dlcourse-boxes-"))
        self.hidden = hidden_paths([*extra_hidden])

    def _start(self) -> None:
        from .jail import jail_command
        from .nbgrader_worker import copy_font_cache
        from .pipeline import tool_env
        # /tmp is hidden too (other runs' and other slots' boxes live there); the code the
        # sandbox imports stays visible, read-only, wherever the course was cloned.
        code = str(Path(__file__).resolve().parent.parent)
        view = View(hidden=[*self.hidden, tempfile.gettempdir()], readonly=[code], writable=[str(self.boxes)])
        _, jail_env = jail_command([], view, network=False)
        # matplotlib's font cache, so that the zygote does not rebuild it (the home is read-only)
        mpl = copy_font_cache(self.boxes / ".matplotlib")
        env = dict(tool_env(), **jail_env, MPLCONFIGDIR=str(mpl))
        self.start(lambda jobs_fd, replies_fd: jail_command(
                       [sys.executable, "-I", "-m", "autograder._sandbox_runner", "--serve", str(jobs_fd),
                        str(replies_fd), str(self.boxes)], view, network=False)[0],
                   env=env, cwd=self.boxes, log=self.boxes / "zygote.log",
                   limits=Limits(memory_mb=max(self.limits.memory_mb, 4096)))

    def run(self, box: Path) -> JailResult:
        """Run the re-check prepared in ``box`` (a folder made in :attr:`boxes`)."""
        import time
        self.ensure_running()
        t0 = time.perf_counter()
        reply = self.request({"box": str(box), "rlimits": [list(r) for r in self.limits.rlimits()]},
                             self.limits.recheck_timeout)
        seconds = time.perf_counter() - t0
        if reply is None:  # over time (or the zygote died): everything it ran is killed
            timed_out = self.alive()
            self.kill()
            return JailResult(None, timed_out, seconds, None if timed_out else 9)
        code = reply["returncode"]
        return JailResult(code, False, seconds, code - 128 if code > 128 else (-code if code < 0 else None))

    def close(self) -> None:
        self.kill()
        shutil.rmtree(self.boxes, ignore_errors=True)


class ZygotePool:
    """Warm sandboxes for the re-checks of one grading run, started when first needed."""

    def __init__(self, limits: Limits, extra_hidden: list[Path] = ()):
        import queue
        import threading
        self.limits, self.extra_hidden = limits, list(extra_hidden)
        self.idle: "queue.SimpleQueue[SandboxZygote]" = queue.SimpleQueue()
        self.started: list[SandboxZygote] = []
        self.lock = threading.Lock()

    @contextlib.contextmanager
    def lease(self):
        import queue
        try:
            zygote = self.idle.get_nowait()
        except queue.Empty:
            zygote = SandboxZygote(self.limits, self.extra_hidden)
            with self.lock:
                self.started.append(zygote)
        try:
            yield zygote
        finally:
            self.idle.put(zygote)

    def close(self) -> None:
        for zygote in self.started:
            zygote.close()


def make_inputs(week: str, exercises: list[str], seed: int, box: Path) -> tuple[dict, dict]:
    """Draw each exercise's cases; write the transportable ones into the box."""
    probes = load_probes(week)
    (box / "inputs").mkdir(parents=True, exist_ok=True)
    cases, untransportable = {}, {}
    for name in exercises:
        rng = np.random.default_rng(stable_seed(week, name, "recheck", str(seed)))
        drawn = probes[name].cases(rng)
        payload = [{"label": c.label, "args": c.args, "kwargs": c.kwargs,
                    "np_seed": stable_seed(week, name, c.label, str(seed)) % 2**32} for c in drawn]
        try:
            transport.dump(payload, box / "inputs" / name)
            cases[name] = payload
        except transport.TransportError as exc:
            untransportable[name] = str(exc)
    return cases, untransportable


def _read_progress(box: Path) -> list[dict]:
    path = box / "progress.jsonl"
    if not path.exists():
        return []
    entries = []
    for line in path.read_text(errors="replace").splitlines():
        try:
            entries.append(json.loads(line))
        except ValueError:
            continue
    return entries


def judge(week: str, name: str, payload: list[dict], answer: dict, reference: dict,
          cell_error: str = "") -> Verdict:
    """Compare the sandbox's plain answers for one exercise with the reference, trusted side."""
    probe = load_probes(week)[name]
    if not answer.get("defined"):
        return Verdict(False, f"`{name}` is not defined by the submission's code"
                       + (f" (its cell raised {cell_error})" if cell_error else ""))
    origin = str(answer.get("origin", ""))
    if origin.split(".")[0] in FOREIGN_MODULES:
        return Verdict(False, f"`{name}` is imported from {origin}, not written in the notebook")
    answers = answer.get("answers", [])
    if not isinstance(answers, list) or len(answers) != len(payload):
        return Verdict(False, "the sandbox returned a malformed answer")
    for case_data, got in zip(payload, answers):
        case = Case(case_data["label"], *case_data["args"], **case_data["kwargs"])
        if not isinstance(got, dict) or not got.get("ok"):
            error = str(got.get("error", "no answer")) if isinstance(got, dict) else "no answer"
            kind, _, message = error.partition(": ")
            cause = error_cause(kind, message)
            return Verdict(False, f"{name} on {case.label}: {error}" + (f" — {cause}" if cause else ""))
        state = np.random.get_state()
        try:
            np.random.seed(case_data["np_seed"])
            expected = probe.run(reference, case)
        finally:
            np.random.set_state(state)
        try:
            probe.check(got.get("out"), expected, case)
        except CheckError as exc:
            return Verdict(False, str(exc))
        except Exception as exc:  # a malformed answer that the judge cannot even read
            return Verdict(False, f"{name} on {case.label}: unexpected answer ({type(exc).__name__}: {exc})")
    return Verdict(True, "")


def recheck(week: str, source_nb_path: Path, student_nb_path: Path, limits: Limits,
            seed: int = 0, extra_hidden: list[Path] = (), keep: Path | None = None,
            zygote: SandboxZygote | None = None) -> RecheckResult:
    """Re-check every graded exercise of one submission out of nbgrader's kernel.

    With a ``zygote`` (grading a class), the sandbox is a child forked from that warm process;
    its view was fixed when it started, so ``extra_hidden`` must have been given to it then."""
    result = RecheckResult(isolation="namespaces+audit-hook" if namespaces_available() else "audit-hook")
    source_nb = nbs.read(source_nb_path)
    exercises = nbs.exercises(source_nb)
    try:
        student_nb = nbs.read(student_nb_path)
    except Exception as exc:  # not a notebook at all
        for name in exercises:
            result.verdicts[name] = Verdict(False, f"the submission is not a valid notebook: {exc}"[:300])
        return result
    if zygote is not None and namespaces_available():
        boxes = zygote.boxes
    else:
        zygote = None
        boxes = Path(tempfile.gettempdir()) / "dlcourse-boxes"
        boxes.mkdir(exist_ok=True)
    box = Path(tempfile.mkdtemp(prefix="box-", dir=boxes))
    try:
        cases, untransportable = make_inputs(week, exercises, seed, box)
        for name, why in untransportable.items():
            result.verdicts[name] = Verdict(None, f"not re-checked out of the kernel ({why})")
        workdir = box / "work"
        shutil.copytree(student_nb_path.parent, workdir, ignore=shutil.ignore_patterns("*.ipynb", ".*"))
        hidden = hidden_paths([*extra_hidden, student_nb_path.parent, boxes])
        job = {"week": week, "cells": sandbox_cells(source_nb, student_nb), "exercises": list(cases),
               "hidden": hidden, "writable": [str(workdir)], "workdir": str(workdir),
               "skip_cells": [], "skip_exercises": [], "cell_timeout": limits.cell_timeout,
               "exercise_timeout": limits.cell_timeout}
        finished: dict[str, str] = {}   # exercise -> "" (answered) or why it has no answer
        cell_errors: dict[str, str] = {}  # cell id -> the error it raised in the sandbox
        for attempt in range(1, MAX_ATTEMPTS + 1):
            (box / "progress.jsonl").unlink(missing_ok=True)
            (box / "job.json").write_text(json.dumps(job))
            if zygote is not None:
                run = zygote.run(box)
            else:
                run = run_jailed([sys.executable, "-I", "-m", "autograder._sandbox_runner", str(box)],
                                 cwd=box, limits=limits, timeout=limits.recheck_timeout,
                                 view=View(hidden=hidden, writable=[str(box)]), log=box / "runner.log")
            entries = _read_progress(box)
            for e in entries:
                if e.get("step") == "cell" and e.get("state") == "done" and e.get("error"):
                    cell_errors[job["cells"][e["index"]]["id"]] = e["error"]
                if e.get("step") == "exercise" and e.get("state") == "done":
                    finished[e["name"]] = e.get("error", "")
            if any(e.get("step") == "end" for e in entries):
                break
            why = ("the time limit" if run.timed_out else
                   f"signal {run.signal}" if run.signal else f"exit code {run.returncode}")
            started = [e for e in entries if e.get("state") == "start"]
            if not started:
                result.notes.append(f"the sandbox failed before running any code ({why})")
                break
            last = started[-1]
            if last["step"] == "cell":
                job["skip_cells"].append(last["index"])
                result.notes.append(f"cell {job['cells'][last['index']]['id']} stopped the process "
                                    f"({why}); re-run without it")
            else:
                finished[last["name"]] = f"the process died while running {last['name']} ({why})"
                job["skip_exercises"].append(last["name"])
                result.notes.append(f"{last['name']} stopped the process ({why})")
            job["skip_exercises"] = sorted(set(job["skip_exercises"]) | {n for n in finished})
        reference = reference_namespace(week)
        for name, payload in cases.items():
            if name not in finished:
                result.verdicts[name] = Verdict(False, "no answer from the sandbox (it kept failing)")
            elif finished[name]:
                result.verdicts[name] = Verdict(False, finished[name])
            else:
                try:
                    answer = transport.load(box / "results" / name)
                except Exception as exc:
                    result.verdicts[name] = Verdict(False, f"unreadable answer: {exc}"[:300])
                    continue
                result.verdicts[name] = judge(week, name, payload, answer, reference,
                                              cell_errors.get(name, ""))
        return result
    finally:
        if keep:
            shutil.copytree(box, keep, dirs_exist_ok=True)
        shutil.rmtree(box, ignore_errors=True)

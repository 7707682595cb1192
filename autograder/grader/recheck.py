"""The out-of-kernel re-check: every graded exercise verified where the student cannot reach.

nbgrader runs the student's code and the tests in one kernel, so a submission can change what
the tests see (``np.isclose = lambda *a, **k: True``, a patched check helper). This module
grades again, from the trusted side, on the **same cases** the kernel's hidden tests had:

1. the grader drew every exercise's cases from the submission's secret seed and computed the
   reference's answers before nbgrader ran (:mod:`autograder.engine`);
2. the submission's own code cells — and only the locked set-up cells from the *source*
   notebook, never the submission's copies — run in a sandbox that holds nothing but the
   Python installation, the student package, the cases (never the answers) and its own box
   (:mod:`autograder.sandbox.bwrap`, :mod:`autograder.sandbox.runner`);
3. the sandbox returns plain answers in a fixed schema (JSON + ``.npz``, never pickle);
4. the trusted process judges each exercise against the reference's answers.

A process that dies or hangs is restarted without the cell or exercise that killed it, so a
submission loses exactly what it breaks.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from course.i18n import current, tr

from .. import notebooks as nbs
from ..sandbox import transport
from ..engine import Verdict, judge
from ..sandbox.processes import JailResult, ServedProcess, run_jailed
from .policy import Limits

MAX_ATTEMPTS = 5
BOX_BYTES = 256 * 2**20   # the private tmpfs a warm sandbox's jobs run in (one job at a time)


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


def audit_hidden_paths(extra: list[Path] = ()) -> list[str]:
    """Without a sandbox (``--no-sandbox``), what the runner's audit hook refuses to open: the
    reference package, the course's source, tests and history, plus ``extra``. With a sandbox
    these do not exist in its file system at all."""
    import importlib.util
    from ..paths import course_root
    paths = set()
    spec = importlib.util.find_spec("dlcourse_solutions")
    if spec and spec.origin:
        paths.add(Path(spec.origin).resolve().parent)
    try:
        root = course_root()
        paths.update(root / sub for sub in ("source", "solutions_pkg", "tests", ".git"))
    except Exception:
        pass
    paths.update(Path(p).resolve() for p in extra)
    return sorted(str(p) for p in paths)


class SandboxZygote(ServedProcess):
    """A warm re-check process in the bubblewrap sandbox (see ``_sandbox_runner.serve``) that
    forks one child per re-check.

    Its sandbox holds the Python installation, the student package, the grader's inbox of
    prepared jobs (read-only) and a private, size-capped tmpfs where each job runs; each child
    hides every other box, the inbox and ``/proc``, and drops every capability
    before any submission code runs. (The zygote keeps CAP_SYS_ADMIN only to build those
    children's views.) What a job produced comes back in the reply, so no job writes on the
    grader's disk."""

    BOXES = "/boxes"

    def __init__(self, limits: Limits):
        self.limits = limits
        self.boxes = Path(tempfile.mkdtemp(prefix="dlcourse-inbox-"))   # the grader's side

    def _start(self) -> None:
        from ..sandbox.bwrap import copy_font_cache
        from ..sandbox.bwrap import Sandbox
        # matplotlib's font cache, so that the zygote does not rebuild it
        mpl = copy_font_cache(self.boxes / ".matplotlib")
        box = Sandbox(env={"MPLCONFIGDIR": "/tmp/matplotlib"}, chdir="/tmp",
                      caps=["CAP_SYS_ADMIN", "CAP_SETPCAP"], tmpfs_dirs=[[self.BOXES, BOX_BYTES]])
        for cache in mpl.glob("fontlist-*.json"):
            box.bind(cache, f"/tmp/matplotlib/{cache.name}")
        box.bind(self.boxes)
        self.start(lambda jobs_fd, replies_fd: box.command(
                       [sys.executable, "-I", "-m", "autograder.sandbox.runner", "--serve", str(jobs_fd),
                        str(replies_fd), str(self.boxes), self.BOXES]),
                   env={"PATH": "/usr/bin:/bin"}, cwd=self.boxes, log=self.boxes / "zygote.log",
                   limits=Limits(memory_mb=max(self.limits.memory_mb, 4096)))

    def run(self, box: Path) -> JailResult:
        """Run the re-check prepared in ``box`` (a folder made in :attr:`boxes`); what it
        produced (progress, log, answers) is written back into ``box``."""
        import base64
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
        code = reply.get("returncode") if isinstance(reply, dict) else None
        files = reply.get("files") if isinstance(reply, dict) else None
        if not isinstance(code, int) or not isinstance(files, dict):
            self.kill()
            return JailResult(None, False, seconds, 9)
        shutil.rmtree(box / "results", ignore_errors=True)
        (box / "results").mkdir()
        for name, data in files.items():
            parts = Path(str(name)).parts
            if parts not in ((n,) for n in ("progress.jsonl", "runner.log")) and not (
                    len(parts) == 2 and parts[0] == "results" and parts[1] not in ("", ".", "..")):
                continue
            try:
                _write_new(box.joinpath(*parts), base64.b64decode(str(data)), replace=True)
            except (OSError, ValueError):
                continue
        return JailResult(code, False, seconds, code - 128 if code > 128 else (-code if code < 0 else None))

    def close(self) -> None:
        self.kill()
        shutil.rmtree(self.boxes, ignore_errors=True)


class ZygotePool:
    """Warm sandboxes for the re-checks of one grading run, started when first needed.

    Without a sandbox (``--no-sandbox``) :meth:`lease` gives None: each re-check is then a
    plain process guarded by the audit hook alone."""

    def __init__(self, limits: Limits, sandboxed: bool = True):
        import queue
        import threading
        self.limits, self.sandboxed = limits, sandboxed
        self.idle: "queue.SimpleQueue[SandboxZygote]" = queue.SimpleQueue()
        self.started: list[SandboxZygote] = []
        self.lock = threading.Lock()

    @contextlib.contextmanager
    def lease(self):
        import queue
        if not self.sandboxed:
            yield None
            return
        try:
            zygote = self.idle.get_nowait()
        except queue.Empty:
            zygote = SandboxZygote(self.limits)
            with self.lock:
                self.started.append(zygote)
        try:
            yield zygote
        finally:
            self.idle.put(zygote)

    def close(self) -> None:
        for zygote in self.started:
            zygote.close()


def _write_new(path: Path, data: str | bytes, replace: bool = False) -> None:
    """Create ``path`` (never through a link; ``replace`` removes what was there first)."""
    if replace:
        path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    with os.fdopen(fd, "wb") as out:
        out.write(data.encode() if isinstance(data, str) else data)


def _read_progress(box: Path) -> list[dict]:
    path = box / "progress.jsonl"
    try:  # never through a link the sandbox left
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return []
    with os.fdopen(fd, "rb") as f:
        text = f.read(16 * 2**20).decode(errors="replace")
    entries = []
    for line in text.splitlines():
        try:
            entries.append(json.loads(line))
        except ValueError:
            continue
    return entries


def write_cases(cases: dict, folder: Path, wants: dict | None = None) -> dict:
    """Write each exercise's cases (and, for the kernel, the expected answers) into ``folder``;
    returns ``{exercise: why}`` for those that cannot cross the boundary."""
    folder.mkdir(parents=True, exist_ok=True)
    problems = {}
    for name, payload in cases.items():
        try:
            transport.dump(payload if wants is None else {"cases": payload, "expected": wants[name]}, folder / name)
        except transport.TransportError as exc:
            problems[name] = str(exc)
    return problems


def recheck(week: str, source_nb_path: Path, student_nb_path: Path, limits: Limits, cases: dict, wants: dict,
            sandboxed: bool = True, zygote: SandboxZygote | None = None, audit_hidden: list[Path] = (),
            keep: Path | None = None) -> RecheckResult:
    """Re-check every graded exercise of one submission out of nbgrader's kernel.

    ``cases`` and ``wants`` are the cases the kernel had and the reference's answers to them
    (:func:`autograder.engine.draw`, :func:`autograder.engine.expected`). With a ``zygote``
    (grading a class) the sandbox is a child forked from that warm process; otherwise a
    sandbox of its own is started (or, with ``sandboxed=False``, a plain process whose audit
    hook refuses ``audit_hidden``)."""
    result = RecheckResult(isolation="bubblewrap sandbox + audit hook" if sandboxed else "audit hook only (--no-sandbox)")
    source_nb = nbs.read(source_nb_path)
    exercises = nbs.exercises(source_nb)
    try:
        student_nb = nbs.read(student_nb_path)
    except Exception as exc:  # not a notebook at all
        for name in exercises:
            result.verdicts[name] = Verdict(False, tr(f"the submission is not a valid notebook: {exc}",
                                                      f"提出物が正しいノートブックではありません: {exc}")[:300])
        return result
    boxes = zygote.boxes if zygote is not None else Path(tempfile.mkdtemp(prefix="dlcourse-boxes-"))
    box = Path(tempfile.mkdtemp(prefix="box-", dir=boxes))
    try:
        given = {name: cases[name] for name in exercises if name in cases}
        for name in exercises:
            if name not in given:
                result.verdicts[name] = Verdict(None, "not re-checked out of the kernel (no cases)")
        for name, why in write_cases(given, box / "inputs").items():
            result.verdicts[name] = Verdict(None, f"not re-checked out of the kernel ({why})")
            given.pop(name)
        workdir = box / "work"
        shutil.copytree(student_nb_path.parent, workdir, symlinks=True,
                        ignore=shutil.ignore_patterns("*.ipynb", ".*"))
        # The assignment's own modules (given.py: earlier weeks' answers) come from the source,
        # never from the submission, as nbgrader's autograde restores them for the kernel.
        for path in sorted(source_nb_path.parent.glob("*.py")):
            target = workdir / path.name
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            else:
                target.unlink(missing_ok=True)
            shutil.copyfile(path, target)
        hidden = [] if sandboxed else audit_hidden_paths([*audit_hidden, student_nb_path.parent, boxes])
        job = {"week": week, "cells": sandbox_cells(source_nb, student_nb), "exercises": list(given),
               "hidden": hidden, "workdir": "work", "language": current(),
               "skip_cells": [], "skip_exercises": [], "cell_timeout": limits.cell_timeout,
               "exercise_timeout": limits.cell_timeout}
        finished: dict[str, str] = {}   # exercise -> "" (answered) or why it has no answer
        cell_errors: dict[str, str] = {}  # cell id -> the error it raised in the sandbox
        for attempt in range(1, MAX_ATTEMPTS + 1):
            # The box is the sandbox's to write: whatever it left there (a link in place of
            # job.json, say) is removed, never written through.
            for name in ("progress.jsonl", "job.json"):
                if (box / name).is_dir() and not (box / name).is_symlink():
                    shutil.rmtree(box / name, ignore_errors=True)
                else:
                    (box / name).unlink(missing_ok=True)
            _write_new(box / "job.json", json.dumps(job))
            if zygote is not None:
                run = zygote.run(box)
            else:
                runner = [sys.executable, "-I", "-m", "autograder.sandbox.runner", str(box)]
                if sandboxed:
                    from ..sandbox.bwrap import copy_font_cache
                    from ..sandbox.bwrap import Sandbox
                    mpl = copy_font_cache(box / ".matplotlib")
                    runner = Sandbox(env={"MPLCONFIGDIR": str(mpl)}, chdir=str(box)).bind(
                        box, writable=True).command(runner)
                from ..sandbox.bwrap import BASE_ENV, CLEAN_EXEC_ENV
                env = CLEAN_EXEC_ENV if sandboxed else dict(BASE_ENV, HOME=str(box), DLCOURSE_SANDBOXED="")
                run = run_jailed(runner, cwd=box, limits=limits, timeout=limits.recheck_timeout,
                                 env=env, log=box / "runner.log")
            entries = _read_progress(box)
            for e in entries:
                if e.get("step") == "cell" and e.get("state") == "done" and e.get("error"):
                    index = e.get("index")
                    if isinstance(index, int) and 0 <= index < len(job["cells"]):
                        cell_errors[job["cells"][index]["id"]] = str(e["error"])
                if e.get("step") == "exercise" and e.get("state") == "done" and e.get("name") in given:
                    finished[e["name"]] = str(e.get("error", ""))
            if any(e.get("step") == "end" for e in entries):
                break
            why = (tr("the time limit", "制限時間") if run.timed_out else
                   tr(f"signal {run.signal}", f"シグナル {run.signal}") if run.signal else
                   tr(f"exit code {run.returncode}", f"終了コード {run.returncode}"))
            started = [e for e in entries if e.get("state") == "start"
                       and (e.get("name") in given or isinstance(e.get("index"), int)
                            and 0 <= e["index"] < len(job["cells"]))]
            if not started:
                result.notes.append(f"the sandbox failed before running any code ({why})")
                break
            last = started[-1]
            if last.get("step") == "cell":
                job["skip_cells"].append(last["index"])
                result.notes.append(f"cell {job['cells'][last['index']]['id']} stopped the process "
                                    f"({why}); re-run without it")
            else:
                finished[last["name"]] = tr(f"the process died while running {last['name']} ({why})",
                                            f"{last['name']} の実行中にプロセスが終了しました ({why})")
                job["skip_exercises"].append(last["name"])
                result.notes.append(f"{last['name']} stopped the process ({why})")
            job["skip_exercises"] = sorted(set(job["skip_exercises"]) | {n for n in finished})
        for name in given:
            if name not in finished:
                result.verdicts[name] = Verdict(False, tr("no answer from the sandbox (it kept failing)",
                                                          "サンドボックスから答えが返りませんでした (失敗が続きました)"))
            elif finished[name]:
                result.verdicts[name] = Verdict(False, finished[name][:300])
            else:
                try:
                    if any(p.is_symlink() for p in (box / "results", *(box / "results" / name).parent.glob(f"{name}.*"))):
                        raise transport.TransportError("the answer is a link, not a file")
                    answer = transport.load(box / "results" / name, refs=False)
                except Exception as exc:
                    result.verdicts[name] = Verdict(False, tr(f"unreadable answer: {exc}",
                                                              f"答えを読み取れません: {exc}")[:300])
                    continue
                result.verdicts[name] = judge(week, name, given[name], wants[name], answer,
                                              cell_errors.get(name, ""))
        return result
    finally:
        if keep:
            shutil.copytree(box, keep, dirs_exist_ok=True)
        shutil.rmtree(box if zygote is not None else boxes, ignore_errors=True)

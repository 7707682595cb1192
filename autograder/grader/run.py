"""Grading a class: parallel, fault-proof, tamper-resistant, resumable.

For every ``submitted/<student>/<week>/`` folder, one job (``--workers`` jobs at a time), each
through the stages of :mod:`.submission`:

1. **nbgrader, with the kernel sandboxed.** The submission gets its own throw-away course
   directory with a copy of the week's gradebook template, and real nbgrader ``autograde`` +
   ``generate_feedback`` grade it there, run by the slot's long-lived nbgrader process
   (:mod:`.worker`, so nbgrader's start-up is paid once per slot, not once per submission).
   The kernel starts in the bubblewrap sandbox (:mod:`autograder.sandbox.bwrap`): nothing but
   the Python installation, the student package, this submission and its hidden cases.
2. **The out-of-kernel re-check** (:mod:`.recheck`) verifies every exercise on the same cases,
   where the student's code cannot reach the tests or the reference.
3. **The score of an exercise** (:mod:`.scoring`) is nbgrader's score *only if* the re-check
   passes, and never more than the exercise's points in the source notebook.
4. **Atomic results** (:mod:`.results`). Each finished submission is written at once to
   ``OUT/.results/<week>/<student>.json`` (temp file + rename) with the key of what was
   graded; a re-run skips what is done, so an interrupted run resumes without regrading and
   never leaves a half-written grade. ``grades.csv`` and ``lms.csv`` are rebuilt at the end.
5. **A job never stops the class**: an exception of the grader itself while grading one
   submission gives that row 0 and the flag ``internal error: …``; the run goes on.
6. **The nbgrader gradebook** (with ``db``, :mod:`.gradebook`): each row's final scores, the
   reasons and flags as comments, written into an nbgrader gradebook in one transaction as
   soon as the row is graded (and every resumed row too, so the gradebook holds the whole
   run). A row that cannot be written gets the note ``gradebook: …`` and the run goes on.
"""
from __future__ import annotations

import json
import os
import queue
import shutil
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Callable, Iterable

from ..paths import course_root, weeks as all_weeks
from .gradebook import NOTE as GRADEBOOK_NOTE, GradebookWriter, submission_timestamp
from .policy import Limits
from .recheck import ZygotePool
from .results import INTERNAL_ERROR, Grade, _atomic_write, internal_error_grade, write_csv, write_lms_csv
from .submission import GradingContext, grade_key, grade_one, template
from .worker import NbgraderWorker, worker_env


def discover_submissions(submitted: Path) -> list[tuple[str, str, Path]]:
    """``(student, week, folder)`` for every ``submitted/<student>/<week>/``."""
    found = []
    for student_dir in sorted(p for p in submitted.iterdir()
                              if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")):
        for week_dir in sorted(p for p in student_dir.iterdir()
                               if (p.is_dir() or p.is_symlink()) and not p.name.startswith(".")):
            found.append((student_dir.name, week_dir.name, week_dir))
    return found


class Progress:
    """A one-line progress bar on a terminal, one line per submission otherwise."""

    def __init__(self, total: int, say: Callable[[str], None] | None):
        self.total, self.done, self.say = total, 0, say
        self.tty = sys.stdout.isatty()
        self.t0 = time.perf_counter()
        self.lock = threading.Lock()

    def step(self, g: Grade, resumed: bool = False) -> None:
        with self.lock:
            self.done += 1
            if not self.say:
                return
            width = 24
            filled = int(width * self.done / max(self.total, 1))
            bar = "#" * filled + "-" * (width - filled)
            what = "already graded" if resumed else f"{g.total:g}/{g.max_total:g} in {g.seconds:.1f} s"
            flag = "  FLAGGED" if g.flags else ""
            line = (f"[grade] [{bar}] {self.done}/{self.total}  {g.student} {g.week}: {what}{flag}"
                    f"  ({time.perf_counter() - self.t0:.0f} s)")
            if self.tty:
                print("\r" + line.ljust(110), end="" if self.done < self.total else "\n", flush=True)
            else:
                self.say(line)


def grade_submissions(submitted: Path, out: Path, weeks: Iterable[str] | None = None,
                      root: Path | None = None, workers: int | None = None, limits: Limits | None = None,
                      feedback: bool = True, resume: bool = True, sandbox: bool = True,
                      secret_file: Path | None = None,
                      say: Callable[[str], None] | None = None,
                      db: str | None = None) -> list[Grade]:
    """Grade every submission under ``submitted`` into ``out`` (see the module docstring).

    With ``sandbox`` (the default) every process that runs a submission's code starts in the
    bubblewrap sandbox, and grading refuses to start where none can be built
    (:class:`autograder.sandbox.SandboxUnavailable`); ``sandbox=False`` grades without one and
    records that in every row.

    ``db`` is the SQLAlchemy URL of an nbgrader gradebook that every row is also written into
    (:mod:`.gradebook`): ``sqlite:///…/gradebook.db``, ``postgresql://user@host/db``, …; the
    course's own is :func:`autograder.grader.gradebook.course_db_url` (what ``dlcourse grade``
    uses unless told ``--db ''``). ``None`` or ``""`` (the default here, for the callers that
    grade throw-away classes: ``dlcourse check``, ``demo``, tests) writes no gradebook."""
    from . import secret as secrets_
    from ..sandbox.bwrap import require
    from .policy import course_config
    root = root or course_root()
    limits = limits or Limits(config=course_config(root))
    if sandbox:
        require()  # fail closed
    submitted, out = Path(submitted).resolve(), Path(out).resolve()
    known = set(all_weeks(root))
    subs = discover_submissions(submitted)
    unknown = sorted({w for _, w, _ in subs} - known)
    if unknown:
        raise ValueError(f"submitted/ holds folders that are not weeks of this course: {unknown}")
    wanted = set(weeks) if weeks else None
    subs = [s for s in subs if wanted is None or s[1] in wanted]
    out.mkdir(parents=True, exist_ok=True)
    results_dir, work = out / ".results", out / ".work"
    shutil.rmtree(work, ignore_errors=True)  # scratch of an interrupted run: never reused
    (work / "subs").mkdir(parents=True)
    cache = out / ".cache"
    cache.mkdir(exist_ok=True)
    workers = max(1, workers or os.cpu_count() or 1)
    progress = Progress(len(subs), say)
    ctx = GradingContext(root, work, limits, secrets_.load(secret_file, course=root), sandboxed=sandbox,
                         feedback_out=out / "feedback" if feedback else None,
                         audit_hidden=[work, out, submitted])
    error_log = out / "logs" / "internal-errors.log"
    book = GradebookWriter(db, root) if db else None
    folders = {(student, week): folder for student, week, folder in subs}

    def record(g: Grade) -> None:
        """Write ``g`` into the gradebook; a failure costs only a note on the row."""
        g.notes = [n for n in g.notes if not n.startswith(GRADEBOOK_NOTE)]
        try:
            book.record(g, timestamp=submission_timestamp(folders[(g.student, g.week)]))
        except Exception as exc:
            g.notes.append(f"{GRADEBOOK_NOTE}not written into {book.where}: {exc}"[:600])

    grades: dict[tuple[str, str], Grade] = {}
    todo = []
    for student, week, folder in subs:
        stored = results_dir / week / f"{student}.json"
        if resume and stored.exists():
            try:
                old = Grade.from_json(json.loads(stored.read_text()))
                if old.sha256 == grade_key(folder, week, root, ctx.describe()) and \
                        not any(f.startswith(INTERNAL_ERROR) for f in old.flags):
                    grades[(student, week)] = old
                    progress.step(old, resumed=True)
                    continue
            except (ValueError, TypeError, OSError, AttributeError):
                pass
        todo.append((student, week, folder))

    templates: dict[str, Path] = {}
    needed = sorted({w for _, w, _ in todo})
    resumed = list(grades.values())
    # the gradebook needs each week's assignment as nbgrader generated it, resumed rows' too
    prepare = sorted(set(needed) | ({g.week for g in resumed} if book else set()))
    if needed and say:
        say(f"[grade] preparing {len(needed)} week(s); grading {len(todo)} submission(s) with {workers} worker(s); "
            f"isolation: {ctx.isolation}")
    # Twice as many threads as nbgrader workers: while a worker grades the next submission in
    # its kernel, the previous one's re-check runs (nbgrader leaves a core idle about a quarter
    # of the time, waiting on its kernel).
    with ThreadPoolExecutor(max_workers=2 * workers) as pool:
        def prepared(week: str) -> Path | None:
            try:
                return template(week, root, cache)
            except Exception:
                if week in needed:
                    raise
                return None  # only resumed rows need it: they get a gradebook note, not a failed run

        for week, path in zip(prepare, pool.map(prepared, prepare)):
            if path is None:
                continue
            templates[week] = path
            if book:
                book.define(week, path)

        # one long-lived nbgrader process per slot, handed from job to job
        env = worker_env(work, sandbox)
        slots = [NbgraderWorker(work, limits, env, slot) for slot in range(workers)]
        sandboxes = ZygotePool(limits, sandboxed=sandbox)
        idle: queue.SimpleQueue = queue.SimpleQueue()
        for worker in slots:
            idle.put(worker)
        stopping = threading.Event()

        def job(item):
            student, week, folder = item
            worker = idle.get()
            released = threading.Event()

            def release():
                if not released.is_set():
                    released.set()
                    idle.put(worker)
            try:
                g = grade_one(student, week, folder, ctx, templates[week], worker=worker,
                              release=release, sandboxes=sandboxes)
            except Exception as exc:  # the grader's own bug costs this row, never the class
                g = internal_error_grade(student, week, root, exc, error_log)
            finally:
                release()
            if stopping.is_set():  # interrupted: its nbgrader was killed, so this grade is not stored
                return None
            if book:
                record(g)
            _atomic_write(results_dir / week / f"{student}.json", json.dumps(g.to_json(), indent=1))
            return g

        futures = {pool.submit(job, item): item for item in todo}
        try:
            if book:  # while the pool grades: the resumed rows, so the gradebook holds the whole run
                for g in resumed:
                    record(g)
            for fut in as_completed(futures):
                g = fut.result()
                grades[(g.student, g.week)] = g
                progress.step(g)
        except BaseException:
            stopping.set()
            for fut in futures:
                fut.cancel()
            raise
        finally:
            for worker in slots:
                worker.close()
            sandboxes.close()
            if book:
                book.close()
    shutil.rmtree(work, ignore_errors=True)
    ordered = [grades[(s, w)] for s, w, _ in subs if (s, w) in grades]
    write_csv(ordered, out / "grades.csv")
    write_lms_csv(ordered, out / "lms.csv")
    if book and say:
        unwritten = sum(1 for g in ordered if any(n.startswith(GRADEBOOK_NOTE) for n in g.notes))
        say(f"[grade] gradebook {book.where}: {len(ordered) - unwritten} row(s) written"
            + (f", {unwritten} could not be (see their notes)" if unwritten else ""))
    return ordered

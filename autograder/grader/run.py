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
   never leaves a half-written grade. ``grades.csv`` and ``lms.csv`` are rebuilt at the end,
   streamed from the stored files: the grader holds the keys of a class, never all its grades.
5. **A job never stops the class**: an exception of the grader itself while grading one
   submission gives that row 0 and the flag ``internal error: …``; the run goes on.
6. **The nbgrader gradebook** (with ``db``, :mod:`.gradebook`): each row's final scores, the
   reasons and flags as comments, written into an nbgrader gradebook in one transaction as
   soon as the row is graded (and every resumed row too, so the gradebook holds the whole
   run). A row that cannot be written gets the note ``gradebook: …`` and the run goes on.
7. **Where the jobs run.** Here, on a :class:`Station` (the warm per-process machinery: a
   long-lived nbgrader process per slot, the warm re-check sandboxes, the week templates), or
   with ``cluster`` on the workers of a Dask cluster, one :class:`Station` per worker process
   (:mod:`.cluster`). Either way this process discovers, resumes, keeps at most a window of
   jobs in flight, and stores and records each result once, as it arrives.
"""
from __future__ import annotations

import fcntl
import itertools
import json
import os
import queue
import shutil
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..paths import course_root, weeks as all_weeks
from .gradebook import NOTE as GRADEBOOK_NOTE, GradebookWriter, submission_timestamp
from .policy import Limits
from .recheck import ZygotePool
from .results import INTERNAL_ERROR, Grade, StoredGrades, internal_error_grade, result_path, store, write_csv, \
    write_lms_csv
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
    """tqdm's bar on a terminal (done/total, rate, ETA; a flagged row is printed above it),
    one plain line per submission otherwise (a log, CI)."""

    def __init__(self, total: int, say: Callable[[str], None] | None):
        self.total, self.done, self.say = total, 0, say
        self.tty = bool(say) and sys.stdout.isatty()
        self.t0 = time.perf_counter()
        self.lock = threading.Lock()
        self.bar = None

    def begin(self) -> None:
        """The bar starts once the grading does: the resumed rows count as done, not in the rate."""
        from tqdm import tqdm
        with self.lock:
            if self.tty and self.bar is None:
                self.bar = tqdm(total=self.total, initial=self.done, desc="[grade]", unit="sub", file=sys.stdout,
                                dynamic_ncols=True, smoothing=0.05)

    def step(self, g: Grade, resumed: bool = False) -> None:
        with self.lock:
            self.done += 1
            if not self.say or (self.tty and self.bar is None):
                return
            what = "already graded" if resumed else f"{g.total:g}/{g.max_total:g} in {g.seconds:.1f} s"
            flag = "  FLAGGED" if g.flags else ""
            if self.bar is not None:
                self.bar.set_postfix_str(f"{g.student} {g.week}: {what}"[:60], refresh=False)
                self.bar.update(1)
                if flag:
                    self.bar.write(f"[grade] {g.student} {g.week}: {what}{flag}: {'; '.join(g.flags)[:200]}")
            else:
                self.say(f"[grade] {self.done}/{self.total}  {g.student} {g.week}: {what}{flag}"
                         f"  ({time.perf_counter() - self.t0:.0f} s)")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif self.tty and self.done:
            self.say(f"[grade] {self.done}/{self.total} already graded")


class Station:
    """The warm machinery of one grading process: ``slots`` long-lived nbgrader processes
    handed from job to job, the warm re-check sandboxes, and the week templates. The local
    run has one; on a cluster each worker process has its own (:mod:`.cluster`).

    With ``sandboxed`` it refuses to exist where no sandbox can be built (fail closed)."""

    def __init__(self, root: Path, work: Path, cache: Path, limits: Limits, sandboxed: bool, slots: int,
                 warm_kernels: bool | None = None):
        from ..sandbox.bwrap import require
        if sandboxed:
            require()
        self.root, self.work, self.cache, self.limits, self.sandboxed = root, Path(work), Path(cache), limits, sandboxed
        shutil.rmtree(self.work, ignore_errors=True)  # scratch of an interrupted run: never reused
        (self.work / "subs").mkdir(parents=True)
        self.cache.mkdir(parents=True, exist_ok=True)
        env = worker_env(self.work, sandboxed, warm_kernels)
        self.slots = [NbgraderWorker(self.work, limits, env, slot) for slot in range(max(1, slots))]
        self.idle: queue.SimpleQueue = queue.SimpleQueue()
        for worker in self.slots:
            self.idle.put(worker)
        self.sandboxes = ZygotePool(limits, sandboxed=sandboxed)
        self.templates: dict[str, Path] = {}
        self.week_locks: dict[str, threading.Lock] = {}
        self.lock = threading.Lock()

    def template(self, week: str) -> Path:
        """The week's generated course, made once (one thread at a time per week here, one
        process at a time per week in a cache that several worker processes share)."""
        with self.lock:
            if week in self.templates:
                return self.templates[week]
            week_lock = self.week_locks.setdefault(week, threading.Lock())
        with week_lock:
            if week not in self.templates:
                with open(self.cache / f".{week}.lock", "a") as lock_file:
                    fcntl.flock(lock_file, fcntl.LOCK_EX)
                    self.templates[week] = template(week, self.root, self.cache)
        return self.templates[week]

    def grade(self, student: str, week: str, folder: Path, ctx: GradingContext) -> Grade:
        """:func:`.submission.grade_one` on a slot's nbgrader process, released to the next job
        as soon as nbgrader is done (while this one is re-checked). Raises on the grader's own bug."""
        template_dir = self.template(week)
        worker = self.idle.get()
        released = threading.Event()

        def release():
            if not released.is_set():
                released.set()
                self.idle.put(worker)
        try:
            return grade_one(student, week, folder, ctx, template_dir, worker=worker, release=release,
                             sandboxes=self.sandboxes)
        finally:
            release()

    def close(self) -> None:
        for worker in self.slots:
            worker.close()
        self.sandboxes.close()
        shutil.rmtree(self.work, ignore_errors=True)


def windowed(submit: Callable, items: Iterable, window: int) -> Iterator:
    """``submit(item)`` for every item, never more than ``window`` futures in flight; yields each
    future's result as it finishes (the next job is submitted before the result is handed on)."""
    items = iter(items)
    pending: set = set()
    try:
        while True:
            for item in itertools.islice(items, max(0, window - len(pending))):
                pending.add(submit(item))
            if not pending:
                return
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for item in itertools.islice(items, len(done)):
                pending.add(submit(item))
            for fut in done:
                yield fut.result()
    finally:
        for fut in pending:
            fut.cancel()


class LocalEngine:
    """The jobs of a run on this machine: ``workers`` nbgrader slots on one :class:`Station`, and
    twice as many threads (while a slot's nbgrader grades the next submission in its kernel, the
    previous one's re-check runs: nbgrader leaves a core idle about a quarter of the time)."""

    def __init__(self, ctx: GradingContext, cache: Path, workers: int, error_log: Path):
        self.ctx, self.error_log = ctx, error_log
        self.station = Station(ctx.root, ctx.work, cache, ctx.limits, ctx.sandboxed, workers, ctx.warm_kernels)
        self.pool = ThreadPoolExecutor(max_workers=2 * workers)
        self.threads = 2 * workers
        self.workers = workers

    def describe(self) -> str:
        return f"{self.workers} worker(s)"

    def begin(self, todo) -> None:
        """Nothing to start ahead: the jobs need the templates made first."""

    def templates(self, weeks: list[str], needed: set[str], for_gradebook: bool) -> dict[str, Path]:
        """Every week's template, made before the first job (in parallel)."""
        def prepared(week: str) -> Path | None:
            try:
                return self.station.template(week)
            except Exception:
                if week in needed:
                    raise
                return None  # only resumed rows need it: they get a gradebook note, not a failed run
        return {w: p for w, p in zip(weeks, self.pool.map(prepared, weeks)) if p is not None}

    def grade(self, todo: list[tuple[str, str, Path]]) -> Iterator[Grade]:
        ctx = self.ctx

        def job(item):
            student, week, folder = item
            try:
                return self.station.grade(student, week, folder, ctx)
            except Exception as exc:  # the grader's own bug costs this row, never the class
                return internal_error_grade(student, week, ctx.root, exc, self.error_log)
        return windowed(lambda item: self.pool.submit(job, item), todo, 2 * self.threads)

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.station.close()  # kills the slots' nbgrader (a job still running gets no stored grade)
        self.pool.shutdown(wait=True)


def grade_submissions(submitted: Path, out: Path, weeks: Iterable[str] | None = None,
                      root: Path | None = None, workers: int | None = None, limits: Limits | None = None,
                      feedback: bool = True, resume: bool = True, sandbox: bool = True,
                      secret_file: Path | None = None,
                      say: Callable[[str], None] | None = None,
                      db: str | None = None, cluster=None, warm_kernels: bool | None = None) -> StoredGrades:
    """Grade every submission under ``submitted`` into ``out`` (see the module docstring).

    With ``sandbox`` (the default) every process that runs a submission's code starts in the
    bubblewrap sandbox, and grading refuses to start where none can be built
    (:class:`autograder.sandbox.SandboxUnavailable`); ``sandbox=False`` grades without one and
    records that in every row.

    ``db`` is the SQLAlchemy URL of an nbgrader gradebook that every row is also written into
    (:mod:`.gradebook`): ``sqlite:///…/gradebook.db``, ``postgresql://user@host/db``, …; the
    course's own is :func:`autograder.grader.gradebook.course_db_url` (what ``dlcourse grade``
    uses unless told ``--db ''``). ``None`` or ``""`` (the default here, for the callers that
    grade throw-away classes: ``dlcourse check``, ``demo``, tests) writes no gradebook.

    ``cluster`` (a Dask scheduler address ``tcp://host:port``, or a ``distributed.Client``)
    grades on that cluster's workers (:mod:`.cluster`; ``workers`` is then the cluster's).

    Returns the rows in the order of ``submitted``, read from their stored files when iterated."""
    from . import secret as secrets_
    from ..sandbox.bwrap import require
    from .policy import course_config
    root = root or course_root()
    limits = limits or Limits(config=course_config(root))
    if sandbox and cluster is None:
        require()  # fail closed (on a cluster, every worker checks for itself, before its first job)
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
    cache = out / ".cache"
    cache.mkdir(exist_ok=True)
    workers = max(1, workers or os.cpu_count() or 1)
    from .worker import default_warm_kernels
    ctx = GradingContext(root, work, limits, secrets_.load(secret_file, course=root), sandboxed=sandbox,
                         warm_kernels=default_warm_kernels() if warm_kernels is None else warm_kernels,
                         feedback_out=out / "feedback" if feedback else None,
                         audit_hidden=[work, out, submitted])
    error_log = out / "logs" / "internal-errors.log"
    book = GradebookWriter(db, root) if db else None
    folders = {(student, week): folder for student, week, folder in subs}

    def record(g: Grade) -> bool:
        """Write ``g`` into the gradebook; a failure costs only a note on the row. True when
        the row's notes changed."""
        before = list(g.notes)
        g.notes = [n for n in g.notes if not n.startswith(GRADEBOOK_NOTE)]
        try:
            book.record(g, timestamp=submission_timestamp(folders[(g.student, g.week)]))
        except Exception as exc:
            g.notes.append(f"{GRADEBOOK_NOTE}not written into {book.where}: {exc}"[:600])
        return g.notes != before

    progress = Progress(len(subs), say)
    done: set[tuple[str, str]] = set()   # every row of this run, recorded once
    resumed: list[tuple[str, str]] = []
    todo = []
    for student, week, folder in subs:
        stored = result_path(results_dir, student, week)
        if resume and stored.exists():
            try:
                old = Grade.from_json(json.loads(stored.read_text()))
                if old.sha256 == grade_key(folder, week, root, ctx.describe()) and \
                        not any(f.startswith(INTERNAL_ERROR) for f in old.flags):
                    done.add((student, week))
                    resumed.append((student, week))
                    progress.step(old, resumed=True)
                    continue
            except (ValueError, TypeError, OSError, AttributeError):
                pass
        todo.append((student, week, folder))

    def finish(g: Grade) -> None:
        """One result, as it arrives: into the gradebook, stored atomically, counted once."""
        key = (g.student, g.week)
        if key in done:  # a job that ran twice (a lost worker's, run again elsewhere) counts once
            return
        if book:
            record(g)
        store(results_dir, g)
        done.add(key)
        progress.step(g)

    def record_resumed() -> None:
        """The resumed rows into the gradebook too (while the jobs run), so that it holds the whole run."""
        for student, week in resumed:
            g = StoredGrades(results_dir, [(student, week)])[0]
            if record(g):
                store(results_dir, g)

    needed = sorted({w for _, w, _ in todo})
    # the gradebook needs each week's assignment as nbgrader generated it, resumed rows' too
    prepare = sorted(set(needed) | ({w for _, w in resumed} if book else set()))
    if cluster is not None:
        from .cluster import ClusterEngine
        engine = ClusterEngine(cluster, ctx, cache, error_log, out, needed, say=say)
    else:
        engine = LocalEngine(ctx, cache, workers, error_log)
    side = threading.Thread(target=record_resumed, name="gradebook-resumed", daemon=True) if book else None
    try:
        if needed and say:
            say(f"[grade] preparing {len(needed)} week(s); grading {len(todo)} submission(s) on "
                f"{engine.describe()}; isolation: {ctx.isolation}")
        engine.begin(todo)  # a cluster's workers start while the templates are made here
        templates = engine.templates(prepare, set(needed), book is not None)
        if book:
            for week, path in templates.items():
                book.define(week, path)
        progress.begin()
        if side:
            side.start()
        for g in engine.grade(todo):
            finish(g)
        if side:
            side.join()
    finally:
        engine.close()
        progress.close()
        if book:
            if side and side.is_alive():
                side.join(timeout=60)
            book.close()
    shutil.rmtree(work, ignore_errors=True)
    ordered = StoredGrades(results_dir, [(s, w) for s, w, _ in subs if (s, w) in done])
    write_csv(ordered, out / "grades.csv")
    write_lms_csv(ordered, out / "lms.csv")
    if book and say:
        unwritten = sum(1 for g in ordered if any(n.startswith(GRADEBOOK_NOTE) for n in g.notes))
        say(f"[grade] gradebook {book.where}: {len(ordered) - unwritten} row(s) written"
            + (f", {unwritten} could not be (see their notes)" if unwritten else ""))
    return ordered

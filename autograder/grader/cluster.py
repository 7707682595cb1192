"""Grading on a Dask distributed cluster: ``dlcourse grade SUBMITTED --cluster tcp://HOST:PORT``.

The client (the instructor's machine, :func:`autograder.grader.run.grade_submissions`)
discovers the class, resumes what is stored, and sends **one task per submission, carrying the
submission as its files** (:func:`pack`: its regular files read without following a link, as
:func:`.submission.submission_files` finds them; what was left out — links, fifos — travels as
inert stand-ins, so the worker flags and notes exactly what a local run does). A worker needs
no view of the client's file system: it writes the files into a scratch folder of its own, per
attempt, and grades them there (:func:`grade_task`).

What a worker holds, and what it does not:

* **The course package, the reference package and bubblewrap** (the same version as the
  client's: every task carries the client's hash of the week's grading code, and a worker
  whose own differs refuses it, which stops the run). Everything that runs submission code
  runs in the bubblewrap sandbox on the worker; a worker that cannot build one refuses to
  grade (fail closed) unless the run said ``--no-sandbox``.
* **Not the grading secret.** The client computes each submission's seed
  (``HMAC(secret, week/student)``, :func:`.secret.submission_seed`) and the task carries that
  one number: the worker draws that submission's hidden cases and the reference's answers
  from it, and can derive no other student's cases. (Shipping the cases themselves would
  expose no less and cost the client the reference's work for the whole class.)

Each worker process keeps one :class:`~autograder.grader.run.Station` for the run — its
long-lived nbgrader processes (one per two of the worker's threads: a slot's next submission
runs in nbgrader while the previous one is re-checked), its warm re-check sandboxes, its week
templates — created lazily by the first task and closed when the run ends.

Results (the :class:`~.results.Grade` as JSON, the feedback pages as bytes) stream back to the
client as they finish (``as_completed``); the client stores each atomically and writes it into
the gradebook, once per (student, week). At most a window of tasks (twice the cluster's
threads) is in flight, so a class of any size costs the client the memory of its keys only.
A worker lost mid-run loses nothing: the scheduler runs its tasks again elsewhere, each
attempt in a fresh scratch folder (the tasks are pure: same files, same seed, same grade), and
the client counts a (student, week) once. A submission whose worker dies every time it is
tried (``distributed.scheduler.allowed-failures``, 3 by default) gets an internal-error row,
which the next run grades again.

``dask`` and ``distributed`` are an optional extra: ``pip install "dlcourse[cluster]"``.
"""
from __future__ import annotations

import itertools
import os
import shutil
import tempfile
import threading
import time
import traceback
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from .results import Grade, _atomic_write, internal_error_grade
from .submission import MAX_SUBMISSION_BYTES, GradingContext, _code_hash, _read_nofollow, grade_key, \
    submission_files, template

INSTALL_HINT = 'pip install "dlcourse[cluster]"'
LEFT_OUT_LINK = "/nonexistent/dlcourse-left-out"  # what a stand-in for a left-out link points at


class ClusterUnavailable(RuntimeError):
    """No cluster to grade on: dask/distributed missing, the scheduler unreachable, no workers."""


class WorkerMismatch(RuntimeError):
    """A worker cannot grade this run: another version of the course, no course, ..."""


def _distributed():
    try:
        import distributed
    except ImportError as exc:
        raise ClusterUnavailable(f"grading on a cluster needs dask and distributed ({INSTALL_HINT})") from exc
    return distributed


# ----------------------------------------------------------------------------- what a task carries
def pack(student: str, week: str, folder: Path) -> dict:
    """One submission as a task's payload: ``entries`` of ``(relative path, kind, data)`` where
    kind is ``file`` (data: its bytes, read without following a link), ``size`` (a file left
    out of a folder over :data:`MAX_SUBMISSION_BYTES`: only its size travels), ``link`` or
    ``other`` (what :func:`submission_files` leaves out: a link, a fifo or device; no data)."""
    if folder.is_symlink():
        return {"student": student, "week": week, "link": True, "entries": []}
    files, skipped = submission_files(folder)
    sizes = {rel: os.lstat(path).st_size for rel, path in files}
    big = sum(sizes.values()) > MAX_SUBMISSION_BYTES
    entries = []
    for rel, path in files:
        if big and not (rel.endswith(".ipynb") and "/" not in rel):  # over the limit only notebooks are graded
            entries.append((rel, "size", sizes[rel]))
        else:
            entries.append((rel, "file", _read_nofollow(path)))
    for left_out in skipped:  # "<relative path> (a symbolic link)" | "<relative path> (not a regular file)"
        rel, why = left_out.rsplit(" (", 1)
        entries.append((rel, "link" if why.startswith("a symbolic link") else "other", None))
    return {"student": student, "week": week, "link": False, "entries": entries}


def unpack(shipment: dict, folder: Path) -> Path:
    """Write a :func:`pack`'d submission as ``folder`` (which must not exist)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    if shipment["link"]:
        os.symlink(LEFT_OUT_LINK, folder)
        return folder
    folder.mkdir()
    for rel, kind, data in shipment["entries"]:
        parts = Path(rel).parts
        if not parts or Path(rel).is_absolute() or ".." in parts:
            continue
        target = folder.joinpath(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        if kind == "link":
            os.symlink(LEFT_OUT_LINK, target)
        elif kind == "other":
            os.mkfifo(target, 0o600)
        else:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
            with os.fdopen(fd, "wb") as out:
                if kind == "file":
                    out.write(data)
                else:  # a sparse stand-in of the same size: counted, never graded
                    out.truncate(int(data))
    return folder


@dataclass
class ShippedContext(GradingContext):
    """A worker's context for one task: the client's description of the run (for the resume
    key) and this submission's seed, instead of the grading secret."""
    shipped_seed: int = 0
    shipped_description: str = ""

    def describe(self) -> str:
        return self.shipped_description

    def seed(self, secret: bytes, week: str, student: str) -> int:
        """This submission's seed, computed by the client (the worker has no secret)."""
        return self.shipped_seed


# ----------------------------------------------------------------------------- the worker side
_stations: dict = {}  # run id -> this process's Station for it
_stations_lock = threading.Lock()


def _dask_worker(worker=None):
    """The Dask worker this code runs in (inside a task, or given by ``client.run``), or None."""
    if worker is not None:
        return worker
    try:
        from distributed import get_worker
        return get_worker()
    except (ImportError, ValueError):
        return None


def _worker_dirs(worker=None) -> tuple[Path, int]:
    """This worker process's scratch folder (Dask's own, removed with the worker) and threads."""
    try:
        worker = _dask_worker(worker)
        nthreads = getattr(getattr(worker, "state", None), "nthreads", None) or worker.nthreads
        return Path(worker.local_directory), int(nthreads)
    except (ImportError, ValueError, AttributeError):
        return Path(tempfile.gettempdir()) / f"dlcourse-worker-{os.getpid()}", 1


def _station(run: dict, worker=None):
    """This process's :class:`~autograder.grader.run.Station` for ``run``, made by its first task."""
    from ..paths import course_root
    from ..sandbox.bwrap import SandboxUnavailable
    from .policy import Limits
    from .run import Station
    with _stations_lock:
        station = _stations.get(run["id"])
        if station is None:
            base, nthreads = _worker_dirs(worker)
            try:
                root = course_root()
            except Exception as exc:
                raise WorkerMismatch(f"worker {_where(worker)}: {exc}") from None
            try:
                # templates are kept per process (made once, kept for later runs); the scratch per run
                station = Station(root, base / f"dlcourse-run-{run['id'][:12]}", base / "dlcourse-templates",
                                  Limits(**run["limits"]), run["sandboxed"], slots=max(1, nthreads // 2),
                                  warm_kernels=run.get("warm_kernels", True))
            except SandboxUnavailable as exc:
                raise SandboxUnavailable(f"worker {_where(worker)} cannot build a sandbox: {exc}") from None
            _stations[run["id"]] = station
    return station


def _where(worker=None) -> str:
    worker = _dask_worker(worker)
    return worker.address if worker is not None else f"pid {os.getpid()}"


def check_worker(run: dict, dask_worker=None) -> dict:
    """Run on every worker before the first task (``client.run`` gives ``dask_worker``): the
    station (sandbox check included) and the grading code of every week, against the client's."""
    station = _station(run, dask_worker)
    theirs = {week: _code_hash(week, station.root) for week in run["code"]}
    different = sorted(week for week, code in run["code"].items() if theirs[week] != code)
    if different:
        raise WorkerMismatch(f"worker {_where(dask_worker)} grades with another version of the course than this client "
                             f"(weeks {different}): install the same course, reference and nbgrader on every "
                             "worker, and restart the workers after updating the course")
    return {"slots": len(station.slots), "root": str(station.root)}


def close_station(run_id: str, dask_worker=None) -> bool:
    """The end of a run on this worker: its nbgrader processes, warm sandboxes and scratch go."""
    with _stations_lock:
        station = _stations.pop(run_id, None)
    if station is not None:
        station.close()
    return station is not None


def grade_task(shipment: dict, run: dict) -> dict:
    """One submission, on a worker: written into a fresh scratch folder, graded on the worker's
    station, the scratch removed. Returns ``{"grade": Grade JSON, "feedback": {relative path:
    bytes}}``, or ``{"error", "trace"}`` when the grader itself failed (an internal-error row on
    the client). Raises only when the worker cannot grade at all (:class:`WorkerMismatch`,
    :class:`~autograder.sandbox.bwrap.SandboxUnavailable`), which stops the run."""
    station = _station(run)
    student, week = shipment["student"], shipment["week"]
    if _code_hash(week, station.root) != run["code"][week]:
        check_worker(run)  # raises, naming the weeks
    attempt = station.work / "shipped" / uuid.uuid4().hex  # per attempt: a retried task starts clean
    try:
        folder = unpack(shipment, attempt / "submitted" / student / week)
        ctx = ShippedContext(station.root, station.work, station.limits, b"", sandboxed=station.sandboxed,
                             feedback_out=attempt / "feedback" if run["feedback"] else None,
                             audit_hidden=[station.work],
                             shipped_seed=shipment["seed"],
                             shipped_description=run["context"])
        try:
            g = station.grade(student, week, folder, ctx)
        except Exception as exc:  # the grader's own bug costs this row, never the class
            return {"error": f"{type(exc).__name__}: {exc} (on worker {_where()})", "trace": traceback.format_exc()}
        feedback = {}
        if ctx.feedback_out is not None and ctx.feedback_out.is_dir():
            for path in sorted(ctx.feedback_out.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    feedback[str(path.relative_to(ctx.feedback_out))] = path.read_bytes()
        return {"grade": g.to_json(), "feedback": feedback}
    finally:
        shutil.rmtree(attempt, ignore_errors=True)


# ----------------------------------------------------------------------------- the client side
class ClusterEngine:
    """The jobs of a run as tasks on a Dask cluster (see the module docstring)."""

    def __init__(self, address, ctx: GradingContext, cache: Path, error_log: Path, out: Path,
                 weeks: list[str], say: Callable[[str], None] | None = None, connect_timeout: float = 60):
        distributed = _distributed()
        self.ctx, self.cache, self.error_log, self.out, self.say = ctx, cache, error_log, out, say
        self.own_client = not hasattr(address, "submit")
        try:
            import dask
            # distributed keeps its last messages for debugging ("low-level-log-length", 1000 by
            # default): each holds a task's files, so the client's memory would grow with the class
            with dask.config.set({"distributed.admin.low-level-log-length": 0}):
                self.client = distributed.Client(address, timeout=connect_timeout, set_as_default=False) \
                    if self.own_client else address
        except (OSError, TimeoutError) as exc:
            raise ClusterUnavailable(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        self.address = getattr(self.client.scheduler, "address", str(address))
        self.run = {"id": uuid.uuid4().hex, "limits": {name: getattr(ctx.limits, name) for name in
                                                     ctx.limits.class_trait_names(config=True)},
                    "sandboxed": ctx.sandboxed, "warm_kernels": ctx.warm_kernels,
                    "feedback": ctx.feedback_out is not None,
                    "context": ctx.describe(),
                    # computed afresh (not the cached hash): what the course is now, as a new worker sees it
                    "code": {week: _code_hash.__wrapped__(week, ctx.root) for week in weeks}}
        self.checked = False
        self.slots = 0
        self._context = ctx.describe()
        self._stream = None
        self._inflight: dict = {}  # future key -> (student, week, the client's resume key, future)

    def describe(self) -> str:
        return f"the Dask cluster at {self.address}"

    def templates(self, weeks: list[str], needed: set[str], for_gradebook: bool) -> dict[str, Path]:
        """The workers make their own templates; here only the gradebook's (its assignment definitions)."""
        made = {}
        for week in weeks if for_gradebook else []:
            try:
                made[week] = template(week, self.ctx.root, self.cache)
            except Exception:
                if week in needed:
                    raise
        return made

    def _check_workers(self) -> None:
        """Every worker now in the cluster: a station it can build, the client's version of the course."""
        try:
            self.client.wait_for_workers(1, timeout=120)
        except TimeoutError as exc:
            raise ClusterUnavailable(f"the Dask cluster at {self.address} has no worker (start some: "
                                     f"dask worker {self.address})") from exc
        found = self.client.run(check_worker, self.run)
        self.slots = sum(info["slots"] for info in found.values())
        if self.say:
            self.say(f"[grade] cluster {self.address}: {len(found)} worker(s), {self.slots} nbgrader slot(s), "
                     f"{sum(self.client.nthreads().values())} thread(s)")
        self.checked = True

    def _window(self) -> int:
        return max(8, 2 * sum(self.client.nthreads().values()))

    def begin(self, todo: list[tuple[str, str, Path]]) -> None:
        """Check the workers and send the first window of tasks, so that the workers start (and
        make their own templates) while this machine makes the gradebook's."""
        distributed = _distributed()
        if self._stream is not None or not todo:
            return
        if not self.checked:
            self._check_workers()
        self._items = iter(todo)
        self._finished = distributed.as_completed(loop=self.client.loop)
        self._window_at = (self._window(), time.monotonic())
        self._submit(self._window_at[0])
        self._stream = True

    def _submit(self, n: int) -> None:
        from .secret import submission_seed
        ctx, run = self.ctx, self.run
        for student, week, folder in itertools.islice(self._items, n):
            shipment = dict(pack(student, week, folder), seed=submission_seed(ctx.secret, week, student))
            fut = self.client.submit(grade_task, shipment, run, key=f"dlcourse-grade-{run['id'][:12]}-{week}-{student}",
                                     pure=False)
            self._inflight[fut.key] = (student, week, grade_key(folder, week, ctx.root, self._context), fut)
            self._finished.add(fut)

    def grade(self, todo: list[tuple[str, str, Path]]) -> Iterator[Grade]:
        from ..sandbox.bwrap import SandboxUnavailable
        self.begin(todo)
        if self._stream is None:
            return
        try:
            for fut in self._finished:
                student, week, key, _ = self._inflight.pop(fut.key)
                try:
                    outcome = fut.result()
                except (SandboxUnavailable, WorkerMismatch):
                    raise
                except Exception as exc:  # its workers kept dying (KilledWorker), or the task was lost
                    outcome = {"error": f"{type(exc).__name__}: {exc}"[:600], "trace": f"{type(exc).__name__}: {exc}"}
                fut.release()
                if time.monotonic() - self._window_at[1] > 30:  # workers join and leave: the window follows
                    self._window_at = (self._window(), time.monotonic())
                self._submit(max(0, self._window_at[0] - len(self._inflight)))
                yield self._receive(student, week, key, outcome)
        finally:
            if self._inflight:  # stopped early (interrupted, or a worker that cannot grade): nothing more runs
                self.client.cancel([f for *_, f in self._inflight.values()], force=True)
                self._inflight.clear()

    def _receive(self, student: str, week: str, key: str, outcome: dict) -> Grade:
        """A task's outcome as the row of (student, week); its feedback pages stored atomically."""
        if "error" in outcome:
            return internal_error_grade(student, week, self.ctx.root, outcome["error"], self.error_log,
                                        trace=outcome.get("trace", ""))
        g = Grade.from_json(outcome["grade"])
        g.sha256 = key  # the key of what this client read and sent
        if self.ctx.feedback_out is not None:
            for rel, data in (outcome.get("feedback") or {}).items():
                parts = Path(rel).parts
                if parts[:2] == (student, week) and ".." not in parts and not Path(rel).is_absolute():
                    _atomic_write(self.ctx.feedback_out.joinpath(*parts), data)
        return g

    def close(self) -> None:
        try:
            if self.checked:
                self.client.run(close_station, self.run["id"])
        except Exception:
            pass  # a worker that is gone took its station with it
        finally:
            if self.own_client:
                self.client.close()

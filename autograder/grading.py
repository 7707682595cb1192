"""Grading a class: parallel, fault-proof, tamper-resistant, resumable.

For every ``submitted/<student>/<week>/`` folder, one job (``--workers`` jobs at a time):

1. **nbgrader, with the kernel jailed.** The submission gets its own throw-away course
   directory with a copy of the week's gradebook template, and real nbgrader ``autograde`` +
   ``generate_feedback`` grade it there, run by the slot's long-lived nbgrader process
   (:mod:`autograder.nbgrader_worker`, so nbgrader's start-up is paid once per slot, not once
   per submission). The kernel that runs the student's code starts inside a jail
   (:mod:`autograder.jail`): memory, file-size and time limits, its own process tree (nothing
   survives it), no network, the grading work tree and output hidden, the course repository
   and the rest of the file system read-only, only its own folder writable. A submission that
   loops, allocates 50 GB, forks, kills its kernel, prints 100 MB or writes everywhere only
   spoils its own run; a worker that dies with it is replaced for the next submission.
2. **The out-of-kernel re-check** (:mod:`autograder.recheck`) verifies every exercise where
   the student's code cannot reach the tests or the reference.
3. **The score of an exercise** is nbgrader's score *only if* the re-check passes, and never
   more than the exercise's points in the source notebook. Passing in the kernel but failing
   the re-check zeroes the exercise and flags the submission with the reason. If nbgrader
   could not finish the notebook at all, the re-check alone decides, and that is flagged too.
4. **Atomic results.** Each finished submission is written at once to
   ``OUT/.results/<week>/<student>.json`` (temp file + rename) with the hash of what was
   graded; a re-run skips what is done, so an interrupted run (Ctrl-C, a killed process)
   resumes without regrading and never leaves a half-written grade. ``grades.csv``,
   ``lms.csv`` and the report are rebuilt from those files at the end, atomically.
"""
from __future__ import annotations

import contextlib
import csv
import functools
import hashlib
import json
import os
import queue
import shutil
import stat
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import nbformat

from . import __version__
from . import notebooks as nbs
from .policy import Limits
from .nbgrader_worker import NbgraderWorker, kernel_home as kernel_home_template, worker_env
from .paths import course_root, weeks as all_weeks
from .recheck import ZygotePool

GRADER_VERSION = f"dlcourse-{__version__}-3"
MAX_SUBMISSION_BYTES = 50 * 2**20  # larger folders are not copied into the grading course


@dataclass
class Grade:
    """The outcome of one (student, week) submission."""
    student: str
    week: str
    scores: dict = field(default_factory=dict)          # test grade_id -> final points
    max_scores: dict = field(default_factory=dict)      # test grade_id -> points in the source
    nbgrader_scores: dict = field(default_factory=dict)  # what nbgrader alone gave (in-kernel)
    recheck: dict = field(default_factory=dict)         # exercise -> {"ok": bool|None, "reason": str}
    failures: dict = field(default_factory=dict)        # test grade_id -> why it lost points
    flags: list = field(default_factory=list)           # reasons the submission needs a look
    notes: list = field(default_factory=list)
    sha256: str = ""
    seconds: float = 0.0
    isolation: str = ""

    @property
    def total(self) -> float:
        return round(sum(self.scores.values()), 4)

    @property
    def max_total(self) -> float:
        return round(sum(self.max_scores.values()), 4)

    def to_json(self) -> dict:
        return dict(asdict(self), total=self.total, max_total=self.max_total)

    @classmethod
    def from_json(cls, data: dict) -> "Grade":
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})


# ----------------------------------------------------------------------------- helpers
def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def submission_files(folder: Path) -> tuple[list[tuple[str, Path]], list[str]]:
    """The regular files of a submission folder, never following a link: ``([(relative
    path, path)], [what was left out and why])``. Links, devices, fifos and sockets are left
    out (a link could point at the reference, a classmate's work or a system file)."""
    files, skipped = [], []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        here = Path(dirpath)
        for name in list(dirnames):
            if name == ".ipynb_checkpoints":
                dirnames.remove(name)
            elif (here / name).is_symlink():
                dirnames.remove(name)
                skipped.append(f"{(here / name).relative_to(folder)} (a symbolic link)")
        for name in sorted(filenames):
            path = here / name
            mode = os.lstat(path).st_mode
            rel = str(path.relative_to(folder))
            if stat.S_ISREG(mode):
                files.append((rel, path))
            else:
                skipped.append(f"{rel} ({'a symbolic link' if stat.S_ISLNK(mode) else 'not a regular file'})")
    return sorted(files), sorted(skipped)


def _read_nofollow(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(fd, "rb") as f:
        return f.read()


def copy_submission(files: list[tuple[str, Path]], dst: Path) -> None:
    """Copy the files :func:`submission_files` found (never through a link) into ``dst``."""
    dst.mkdir(parents=True, exist_ok=True)
    for rel, path in files:
        target = dst / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_read_nofollow(path))


def _frame(h, label: str, data: bytes) -> None:
    """Length-prefixed, so that no two different inputs hash alike."""
    h.update(f"{label}:{len(data)}:".encode())
    h.update(data)


def grade_key(folder: Path, week: str, root: Path, context: str) -> str:
    """What a stored grade depends on: the submission's files, the week's source notebook and
    probes, the reference and course packages, nbgrader's version and ``context`` (limits,
    sandbox mode, the secret's fingerprint). A stored grade is reused only for the same key."""
    h = hashlib.sha256()
    _frame(h, "grader", GRADER_VERSION.encode())
    _frame(h, "context", context.encode())
    files, skipped = submission_files(folder)
    for rel, path in files:
        _frame(h, "name", rel.encode())
        _frame(h, "data", _read_nofollow(path))
    _frame(h, "skipped", "\n".join(skipped).encode())
    _frame(h, "code", _code_hash(week, root).encode())
    return h.hexdigest()


@functools.lru_cache(maxsize=None)
def _code_hash(week: str, root: Path) -> str:
    """The hash of everything on the grader's side a grade of ``week`` depends on."""
    import importlib.util
    from importlib.metadata import version
    h = hashlib.sha256()
    _frame(h, "nbgrader", version("nbgrader").encode())
    _frame(h, "source", (root / "source" / week / f"{week}.ipynb").read_bytes())
    packages = [Path(__file__).resolve().parent]
    for name in ("course", "dlcourse_solutions"):
        spec = importlib.util.find_spec(name)
        if spec and spec.submodule_search_locations:
            packages.append(Path(list(spec.submodule_search_locations)[0]))
    for package in packages:
        for path in sorted(package.rglob("*.py")):
            _frame(h, str(path.relative_to(package.parent)), path.read_bytes())
    return h.hexdigest()


def source_hash(week: str, root: Path) -> str:
    h = hashlib.sha256()
    for rel, path in submission_files(root / "source" / week)[0]:
        _frame(h, rel, path.read_bytes())
    return h.hexdigest()[:16]


def template(week: str, root: Path, cache: Path) -> Path:
    """A generated course for ``week`` (gradebook with the assignment), cached by source hash."""
    from .pipeline import generate, make_course
    target = cache / f"{week}-{source_hash(week, root)}"
    if (target / "gradebook.db").exists():
        return target
    staging = cache / f".{target.name}.{os.getpid()}.{threading.get_ident()}"
    shutil.rmtree(staging, ignore_errors=True)
    make_course(staging, [week], root)
    generate(staging, [week])
    shutil.rmtree(staging / "release", ignore_errors=True)
    shutil.rmtree(target, ignore_errors=True)
    os.replace(staging, target)
    return target


def failure_messages(autograded: Path, points: dict) -> dict:
    """``{test grade_id: first line of the error}`` for the failing test cells of a notebook."""
    out = {}
    try:
        nb = nbs.read(autograded)
    except Exception:
        return out
    for cell in nb.cells:
        gid = nbs.grade_id(cell)
        if gid in points and cell.cell_type == "code":
            for o in cell.get("outputs", []):
                if o.get("output_type") == "error":
                    value = str(o.get("evalue", "")).strip().splitlines()
                    out[gid] = f"{o.get('ename', 'Error')}: {value[0] if value else ''}"[:300]
                    break
    return out


# ----------------------------------------------------------------------------- one submission
@dataclass
class GradingContext:
    """What every job of one run shares (all trusted, none of it visible to a submission)."""
    root: Path
    work: Path
    limits: Limits
    secret: bytes
    sandboxed: bool = True
    feedback_out: Path | None = None
    audit_hidden: list = field(default_factory=list)   # for --no-sandbox: what the audit hook refuses

    def describe(self) -> str:
        """The part of the resume key that is not the submission or the code."""
        from .secret import fingerprint
        return json.dumps({"limits": self.limits.values(), "sandboxed": self.sandboxed,
                           "secret": fingerprint(self.secret)}, sort_keys=True)

    @property
    def isolation(self) -> str:
        return "bubblewrap sandbox" if self.sandboxed else "none (--no-sandbox)"


def hidden_cases(week: str, exercises: list[str], seed: int) -> tuple[dict, dict]:
    """This submission's cases for every exercise, and the reference's answers to them."""
    from .engine import draw, expected
    cases = {name: draw(week, name, seed) for name in exercises}
    return cases, {name: expected(week, name, cases[name]) for name in exercises}


def kernel_sandbox(course: Path, student: str, week: str, font_cache: Path, cases_dir: Path):
    """The sandbox of this submission's kernel. Its working folder (where nbgrader runs the
    notebook) and its home are private, size-capped tmpfs folders: the submission's files are
    bound in read-only, and so are matplotlib's font cache and its hidden-test cases. Nothing it
    writes lands on the grader's disk, and no link it makes can redirect nbgrader's writes."""
    from .engine import CASES_ENV
    from .sandbox import HOME, Sandbox, python_view
    autograded = course / "autograded" / student / week
    box = Sandbox(env={"IPYTHONDIR": f"{HOME}/ipython", "MPLCONFIGDIR": f"{HOME}/matplotlib",
                       CASES_ENV: "/grading/hidden"},
                  chdir=str(autograded), view=[list(op) for op in python_view()],
                  tmpfs_dirs=[str(autograded)], seed_files_from=str(autograded))
    for cache in sorted(font_cache.glob("fontlist-*.json")):
        box.bind(cache, f"{HOME}/matplotlib/{cache.name}")
    return box.bind(cases_dir, "/grading/hidden")


def grade_one(student: str, week: str, folder: Path, ctx: GradingContext, template_dir: Path,
              worker: NbgraderWorker | None = None, release: Callable[[], None] | None = None,
              sandboxes=None) -> Grade:
    """Grade one submission folder (see the module docstring). Never raises for bad input.

    ``worker`` is the slot's long-lived nbgrader process; without one, a worker is started
    for this submission alone. ``release`` is called as soon as nbgrader is done with the
    submission, so that the slot's worker can start on the next one during this re-check.
    ``sandboxes`` (a :class:`autograder.recheck.ZygotePool`) gives warm re-check sandboxes."""
    from .pipeline import read_gradebook
    from .recheck import recheck, write_cases
    from .secret import submission_seed
    t0 = time.perf_counter()
    source_nb_path = ctx.root / "source" / week / f"{week}.ipynb"
    source_nb = nbs.read(source_nb_path)
    points = nbs.test_points(source_nb)
    g = Grade(student, week, max_scores=dict(points), scores={k: 0.0 for k in points},
              isolation=ctx.isolation)

    def finish() -> Grade:
        g.seconds = round(time.perf_counter() - t0, 2)
        return g

    # 1. a copy of the submission's own regular files, never through a link
    if folder.is_symlink():
        g.flags.append("the submission folder is a symbolic link; not graded")
        return finish()
    g.sha256 = grade_key(folder, week, ctx.root, ctx.describe())
    files, skipped = submission_files(folder)
    if skipped:
        g.notes.append("left out of the submission: " + ", ".join(skipped[:10])
                       + (f" and {len(skipped) - 10} more" if len(skipped) > 10 else ""))
    course = ctx.work / "subs" / f"{week}__{student}"
    shutil.rmtree(course, ignore_errors=True)
    shutil.copytree(template_dir, course)
    dst = course / "submitted" / student / week
    size = sum(p.stat().st_size for _, p in files)
    if size > MAX_SUBMISSION_BYTES:
        g.flags.append(f"the submission folder holds {size / 2**20:.0f} MB; only the notebook was graded")
        files = [(rel, p) for rel, p in files if rel == f"{week}.ipynb"]
    copy_submission(files, dst)
    notebook = dst / f"{week}.ipynb"
    if not notebook.is_file():
        found = sorted(rel for rel, _ in files if rel.endswith(".ipynb"))
        g.flags.append(f"no {week}.ipynb in the submission" + (f" (found {found})" if found else ""))
        shutil.rmtree(course, ignore_errors=True)
        return finish()
    try:
        nbformat.validate(nbformat.read(str(notebook), as_version=4))
    except Exception as exc:
        g.flags.append(f"not a valid notebook: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
        shutil.rmtree(course, ignore_errors=True)
        return finish()

    # 2. this submission's hidden cases (secret seed) and the reference's answers, trusted side
    exercises = nbs.exercises(source_nb)
    cases, wants = hidden_cases(week, exercises, submission_seed(ctx.secret, week, student))
    cases_dir = course / "hidden"
    unsendable = write_cases(cases, cases_dir / week, wants)
    for name, why in unsendable.items():
        g.notes.append(f"{name}: its hidden cases cannot be sent to the kernel ({why})")

    # 3. nbgrader in its own course directory; the kernel in its sandbox
    kernel_home = course / ".kernel"
    shutil.copytree(kernel_home_template(ctx.work), kernel_home)
    sandbox = (kernel_sandbox(course, student, week, kernel_home_template(ctx.work) / "matplotlib", cases_dir)
               if ctx.sandboxed else None)
    from .engine import CASES_ENV
    kernel_env = {"IPYTHONDIR": str(kernel_home / "ipython"), "MPLCONFIGDIR": str(kernel_home / "matplotlib"),
                  "TMPDIR": str(kernel_home / "tmp"), CASES_ENV: str(cases_dir)}
    own_worker = worker is None
    if own_worker:
        worker = NbgraderWorker(ctx.work, ctx.limits, worker_env(ctx.work, ctx.sandboxed), slot=0)
    try:
        run = worker.grade(course, week, student, sandbox, kernel_env, feedback=ctx.feedback_out is not None)
    finally:
        if own_worker:
            worker.close()
        elif release:
            release()
    in_kernel: dict = {}
    nbgrader_problem = run.problem
    autograded = course / "autograded" / student / week / f"{week}.ipynb"
    if run.autograded:
        try:
            for grade in read_gradebook(course, [week]):
                if grade.student == student:
                    in_kernel = {k: v for k, v in grade.scores.items() if k in points}
        except Exception as exc:
            nbgrader_problem = f"the submission's gradebook could not be read ({type(exc).__name__})"
            in_kernel = {}
    if not in_kernel and not nbgrader_problem:
        nbgrader_problem = "nbgrader could not grade the notebook"
    if nbgrader_problem:
        errors = [l.strip() for l in run.log.splitlines() if "Error" in l and "AutogradeApp" not in l]
        if errors:
            g.notes.append(f"nbgrader's log: {errors[-1][:300]}")
    g.nbgrader_scores = dict(in_kernel)
    g.failures.update(failure_messages(autograded, points))

    # 4. the out-of-kernel re-check, on the same cases
    with (sandboxes.lease() if sandboxes else contextlib.nullcontext()) as zygote:
        checked = recheck(week, source_nb_path, notebook, ctx.limits, cases, wants, sandboxed=ctx.sandboxed,
                          zygote=zygote, audit_hidden=ctx.audit_hidden)
    g.notes += checked.notes
    g.recheck = {k: {"ok": v.ok, "reason": v.reason} for k, v in checked.verdicts.items()}

    # 5. combine: nbgrader's score counts only where the trusted re-check agrees
    if nbgrader_problem:
        g.flags.append(nbgrader_problem + "; scored by the out-of-kernel check alone")
    for test_id, max_points in points.items():
        exercise = test_id.removeprefix("test_")
        verdict = checked.verdicts.get(exercise)
        kernel_score = min(float(in_kernel.get(test_id, 0.0)), max_points)
        if verdict is None or verdict.ok is None:
            g.scores[test_id] = kernel_score
            continue
        if not verdict.ok:
            g.scores[test_id] = 0.0
            g.failures.setdefault(test_id, verdict.reason[:300])
            if kernel_score > 0:
                g.flags.append(f"{exercise}: passed nbgrader's tests in the kernel but failed the "
                               f"out-of-kernel check on the same inputs ({verdict.reason[:200]})")
        else:
            g.scores[test_id] = max_points if nbgrader_problem else kernel_score
    if run.swept:
        g.notes.append(f"{run.swept} leftover process(es) killed after nbgrader")

    # 6. feedback HTML, copied atomically
    html = course / "feedback" / student / week / f"{week}.html"
    if ctx.feedback_out and html.is_file() and not html.is_symlink():
        target = ctx.feedback_out / student / week / f"{week}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(html, tmp)
        os.replace(tmp, target)
    shutil.rmtree(course, ignore_errors=True)
    return finish()


# ----------------------------------------------------------------------------- a class
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


INTERNAL_ERROR = "internal error"


def internal_error_grade(student: str, week: str, root: Path, exc: BaseException, log: Path) -> Grade:
    """The row of a submission whose grading failed in the grader itself: 0, flagged, logged."""
    import traceback
    try:
        points = nbs.test_points(nbs.read(root / "source" / week / f"{week}.ipynb"))
    except Exception:
        points = {}
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"--- {student} {week}\n{traceback.format_exc()}\n")
    return Grade(student, week, scores={k: 0.0 for k in points}, max_scores=dict(points),
                 flags=[f"{INTERNAL_ERROR}: {type(exc).__name__}: {str(exc)[:200]} (traceback in {log})"])


def grade_submissions(submitted: Path, out: Path, weeks: Iterable[str] | None = None,
                      root: Path | None = None, workers: int | None = None, limits: Limits | None = None,
                      feedback: bool = True, resume: bool = True, sandbox: bool = True,
                      secret_file: Path | None = None,
                      say: Callable[[str], None] | None = None) -> list[Grade]:
    """Grade every submission under ``submitted`` into ``out`` (see the module docstring).

    With ``sandbox`` (the default) every process that runs a submission's code starts in the
    bubblewrap sandbox, and grading refuses to start where none can be built
    (:class:`autograder.sandbox.SandboxUnavailable`); ``sandbox=False`` grades without one and
    records that in every row."""
    from . import secret as secrets_
    from .sandbox import require
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
    if needed and say:
        say(f"[grade] preparing {len(needed)} week(s); grading {len(todo)} submission(s) with {workers} worker(s); "
            f"isolation: {ctx.isolation}")
    # Twice as many threads as nbgrader workers: while a worker grades the next submission in
    # its kernel, the previous one's re-check runs (nbgrader leaves a core idle about a quarter
    # of the time, waiting on its kernel).
    with ThreadPoolExecutor(max_workers=2 * workers) as pool:
        for week, path in zip(needed, pool.map(lambda w: template(w, root, cache), needed)):
            templates[week] = path

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
            _atomic_write(results_dir / week / f"{student}.json", json.dumps(g.to_json(), indent=1))
            return g

        futures = {pool.submit(job, item): item for item in todo}
        try:
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
    shutil.rmtree(work, ignore_errors=True)
    ordered = [grades[(s, w)] for s, w, _ in subs if (s, w) in grades]
    write_csv(ordered, out / "grades.csv")
    write_lms_csv(ordered, out / "lms.csv")
    return ordered


def write_csv(grades: list[Grade], path: Path) -> None:
    """student, week, one column per exercise (union over weeks, notebook order), total, max, flags."""
    columns: list[str] = []
    for g in grades:
        columns += [c for c in g.max_scores if c not in columns]
    lines = [["student", "week", *columns, "total", "max_total", "flags"]]
    for g in grades:
        lines.append([g.student, g.week, *[g.scores.get(c, "") for c in columns], g.total, g.max_total,
                      " | ".join(g.flags)])
    _write_rows(path, lines)


def write_lms_csv(grades: list[Grade], path: Path) -> None:
    """One row per student, one percentage column per week: what an LMS gradebook imports."""
    weeks = sorted({g.week for g in grades})
    by_student: dict[str, dict] = {}
    for g in grades:
        by_student.setdefault(g.student, {})[g.week] = round(100 * g.total / g.max_total, 1) if g.max_total else 0
    lines = [["student", *weeks, "mean"]]
    for student, marks in sorted(by_student.items()):
        values = [marks.get(w, 0) for w in weeks]
        lines.append([student, *values, round(sum(values) / len(values), 1)])
    _write_rows(path, lines)


def _write_rows(path: Path, rows: list[list]) -> None:
    from .csv_safe import write_rows
    write_rows(path, rows)  # every cell escaped: an id such as =1+2 never becomes a formula


def load_results(out: Path) -> list[Grade]:
    """Every stored result under ``out/.results`` (for ``dlcourse report``)."""
    grades = []
    for p in sorted((out / ".results").glob("*/*.json")):
        try:
            grades.append(Grade.from_json(json.loads(p.read_text())))
        except (ValueError, TypeError):
            continue
    return grades

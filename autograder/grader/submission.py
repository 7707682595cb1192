"""One submission, in named stages: copy it, draw its hidden cases, run nbgrader with the
kernel sandboxed, re-check it out of the kernel on the same cases, score, copy the feedback.

:func:`grade_one` never raises for bad input; an exception of the grader itself is caught one
level up (:func:`autograder.grader.run.grade_submissions`) and costs only this row.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import stat
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import nbformat

from course.i18n import language

from .. import __version__
from .. import notebooks as nbs
from .policy import Limits
from .results import Grade
from .scoring import combine
from .worker import NbgraderWorker, kernel_home as kernel_home_template, worker_env

GRADER_VERSION = f"dlcourse-{__version__}-3"
MAX_SUBMISSION_BYTES = 50 * 2**20  # larger folders are not copied into the grading course


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


def copy_submission(files: list[tuple[str, Path]], dst: Path, missing_ok: bool = False) -> None:
    """Copy the files :func:`submission_files` found (never through a link) into ``dst``;
    with ``missing_ok``, one that cannot be read (gone, or a link) is left out."""
    dst.mkdir(parents=True, exist_ok=True)
    for rel, path in files:
        target = dst / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            target.write_bytes(_read_nofollow(path))
        except OSError:
            if not missing_ok:
                raise


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
    for extra in sorted((root / "source" / week).glob(f"{week}.*.yaml")):  # the editions' text
        _frame(h, extra.name, extra.read_bytes())
    for extra in sorted((root / "source" / week).glob("*.py")):  # given.py: earlier weeks' answers
        _frame(h, extra.name, extra.read_bytes())
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


_template_locks: dict[str, threading.Lock] = {}
_template_locks_lock = threading.Lock()


def template(week: str, root: Path, cache: Path, edition: str = "en") -> Path:
    """A generated course for ``week`` in ``edition`` (gradebook with the assignment), cached by
    source hash. Both editions are the same nbgrader assignment and notebook name, with the
    same graded cells; the Japanese one's locked Markdown (what nbgrader restores and the
    feedback shows) is Japanese."""
    from ..editions import write_edition_source
    from ..pipeline import generate, make_course
    import fcntl
    target = cache / f"{week}-{edition}-{source_hash(week, root)}"
    if (target / "gradebook.db").exists():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    # one maker at a time: threads of this process, and processes sharing the cache
    with _template_locks_lock:
        thread_lock = _template_locks.setdefault(str(target), threading.Lock())
    with thread_lock, open(cache / f".{target.name}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (target / "gradebook.db").exists():
            return target
        staging = cache / f".{target.name}.{os.getpid()}.{threading.get_ident()}"
        shutil.rmtree(staging, ignore_errors=True)
        make_course(staging, [week], root)
        write_edition_source(week, edition, staging, root)
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
                    out[gid] = f"{o.get('ename', 'Error')}: {value[0] if value else ''}"[:1000]
                    break
    return out


@dataclass
class GradingContext:
    """What every job of one run shares (all trusted, none of it visible to a submission)."""
    root: Path
    work: Path
    limits: Limits
    secret: bytes
    sandboxed: bool = True
    warm_kernels: bool = True      # kernels forked from a warm process per slot (GradingOptions)
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
    from ..engine import draw, expected
    cases = {name: draw(week, name, seed) for name in exercises}
    return cases, {name: expected(week, name, cases[name]) for name in exercises}


def kernel_files(course: Path, week: str, files: list[tuple[str, Path]]) -> list[str]:
    """What nbgrader puts in the kernel's working folder: the submission's own files, and the
    assignment's (given.py: earlier weeks' answers), which autograde restores from the source."""
    source = course / "source" / week
    assignment = {str(p.relative_to(source)) for p in source.rglob("*") if p.is_file() and p.suffix != ".ipynb"}
    return sorted({rel for rel, _ in files} | assignment)


def kernel_sandbox(course: Path, student: str, week: str, font_cache: Path, cases_dir: Path,
                   files: list[tuple[str, Path]] = ()):
    """The sandbox of this submission's kernel. Its working folder (where nbgrader runs the
    notebook) and its home are private, size-capped tmpfs folders: the submission's files are
    bound in read-only, and so are matplotlib's font cache and its hidden-test cases. Nothing it
    writes lands on the grader's disk, and no link it makes can redirect nbgrader's writes."""
    from ..engine import CASES_ENV
    from ..sandbox.bwrap import HOME, Sandbox, python_view
    autograded = course / "autograded" / student / week
    box = Sandbox(env={"IPYTHONDIR": f"{HOME}/ipython", "MPLCONFIGDIR": f"{HOME}/matplotlib",
                       CASES_ENV: "/grading/hidden"},
                  chdir=str(autograded), view=[list(op) for op in python_view()],
                  tmpfs_dirs=[str(autograded)])
    # the files nbgrader puts in the working folder (bound when they exist)
    for rel in kernel_files(course, week, files):
        box.bind(autograded / rel, if_exists=True)
    for cache in sorted(font_cache.glob("fontlist-*.json")):
        box.bind(cache, f"{HOME}/matplotlib/{cache.name}")
    return box.bind(cases_dir, "/grading/hidden")


@dataclass
class Job:
    """One submission on its way through the stages (trusted state, never seen by its code)."""
    student: str
    week: str
    folder: Path
    ctx: GradingContext
    grade: Grade
    points: dict
    source_nb_path: Path
    course: Path = None        # its throw-away nbgrader course directory
    notebook: Path = None      # the copy of its notebook there
    files: list = field(default_factory=list)  # [(relative path, path)] of its regular files
    cases: dict = field(default_factory=dict)
    wants: dict = field(default_factory=dict)
    in_kernel: dict = field(default_factory=dict)
    nbgrader_problem: str = ""
    edition: str = "en"        # which edition the student submitted (autograder.editions)


def copy_stage(job: Job, template_dir: Path) -> bool:
    """A copy of the submission's own regular files, never through a link, in a fresh course
    directory made from the template of the edition submitted; False (with a flag) when there
    is nothing to grade. A Japanese submission (``<week>.ja.ipynb``) is graded as the week's
    notebook, on the Japanese edition's template."""
    from ..editions import submitted_notebooks
    g, ctx = job.grade, job.ctx
    if job.folder.is_symlink():
        g.flags.append("the submission folder is a symbolic link; not graded")
        return False
    g.sha256 = grade_key(job.folder, job.week, ctx.root, ctx.describe())
    files, skipped = submission_files(job.folder)
    if skipped:
        g.notes.append("left out of the submission: " + ", ".join(skipped[:10])
                       + (f" and {len(skipped) - 10} more" if len(skipped) > 10 else ""))
    sent = submitted_notebooks([rel for rel, _ in files], job.week)
    if not sent:
        found = sorted(rel for rel, _ in files if rel.endswith(".ipynb"))
        g.flags.append(f"no {job.week}.ipynb in the submission" + (f" (found {found})" if found else ""))
        return False
    name, job.edition = sent[0]
    if len(sent) > 1:
        g.notes.append(f"both editions were submitted; {name} was graded")
    if job.edition != "en":
        g.edition = job.edition
        try:
            template_dir = template(job.week, ctx.root, template_dir.parent, job.edition)
        except ValueError as exc:  # the course's translation is stale: the same tests, English text
            g.notes.append(f"the {job.edition} edition's template could not be built ({str(exc).splitlines()[0]}); "
                           "graded with the English one (same tests and points, English feedback)")
    job.course = ctx.work / "subs" / f"{job.week}__{job.student}"
    shutil.rmtree(job.course, ignore_errors=True)
    shutil.copytree(template_dir, job.course)
    dst = job.course / "submitted" / job.student / job.week
    size = sum(p.stat().st_size for _, p in files)
    if size > MAX_SUBMISSION_BYTES:
        g.flags.append(f"the submission folder holds {size / 2**20:.0f} MB; only the notebook was graded")
        files = [(rel, p) for rel, p in files if rel == name]
    # the graded notebook under the week's own name (the assignment's notebook); the other
    # edition, if both were sent, is left out so nbgrader never sees a notebook it does not know
    files = [(f"{job.week}.ipynb" if rel == name else rel, p) for rel, p in files
             if rel == name or not (rel.startswith(f"{job.week}.") and rel.endswith(".ipynb"))]
    copy_submission(files, dst)
    job.files = files
    job.notebook = dst / f"{job.week}.ipynb"
    try:
        nbformat.validate(nbformat.read(str(job.notebook), as_version=4))
    except Exception as exc:
        g.flags.append(f"not a valid notebook: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
        return False
    return True


def cases_stage(job: Job) -> Path:
    """This submission's hidden cases (from its secret seed) and the reference's answers,
    computed here, on the trusted side; returns the folder the kernel gets read-only."""
    from .recheck import write_cases
    from .secret import submission_seed
    exercises = nbs.exercises(nbs.read(job.source_nb_path))
    job.cases, job.wants = hidden_cases(job.week, exercises, getattr(job.ctx, "seed", submission_seed)(job.ctx.secret, job.week, job.student))
    cases_dir = job.course / "hidden"
    for name, why in write_cases(job.cases, cases_dir / job.week, job.wants).items():
        job.grade.notes.append(f"{name}: its hidden cases cannot be sent to the kernel ({why})")
    return cases_dir


def nbgrader_stage(job: Job, cases_dir: Path, worker: NbgraderWorker | None, release: Callable | None) -> None:
    """Real nbgrader autograde (+ feedback) in the submission's course; the kernel sandboxed."""
    from ..engine import CASES_ENV
    from ..pipeline import read_gradebook
    ctx, g = job.ctx, job.grade
    kernel_home = job.course / ".kernel"
    if ctx.sandboxed:  # its home is a private tmpfs; only the font cache is bound in
        sandbox = kernel_sandbox(job.course, job.student, job.week, kernel_home_template(ctx.work) / "matplotlib",
                                 cases_dir, job.files)
    else:
        sandbox = None
        shutil.copytree(kernel_home_template(ctx.work), kernel_home)
    kernel_env = {"IPYTHONDIR": str(kernel_home / "ipython"), "MPLCONFIGDIR": str(kernel_home / "matplotlib"),
                  "TMPDIR": str(kernel_home / "tmp"), CASES_ENV: str(cases_dir)}
    own_worker = worker is None
    if own_worker:
        worker = NbgraderWorker(ctx.work, ctx.limits, worker_env(ctx.work, ctx.sandboxed, ctx.warm_kernels), slot=0)
    try:
        autograded = job.course / "autograded" / job.student / job.week
        warm = {"files": kernel_files(job.course, job.week, job.files), "cases": str(cases_dir), "cwd": str(autograded)}
        run = worker.grade(job.course, job.week, job.student, sandbox, kernel_env,
                           feedback=ctx.feedback_out is not None, warm=warm)
    finally:
        if own_worker:
            worker.close()
        elif release:
            release()
    job.nbgrader_problem = run.problem
    if run.autograded:
        try:
            scores = read_gradebook(job.course, [job.week]).get((job.student, job.week), {})
            job.in_kernel = {k: v for k, v in scores.items() if k in job.points}
        except Exception as exc:
            job.nbgrader_problem = f"the submission's gradebook could not be read ({type(exc).__name__})"
            job.in_kernel = {}
    if not job.in_kernel and not job.nbgrader_problem:
        job.nbgrader_problem = "nbgrader could not grade the notebook"
    if job.nbgrader_problem:
        errors = [l.strip() for l in run.log.splitlines() if "Error" in l and "AutogradeApp" not in l]
        if errors:
            g.notes.append(f"nbgrader's log: {errors[-1][:300]}")
    if run.swept:
        g.notes.append(f"{run.swept} leftover process(es) killed after nbgrader")
    g.nbgrader_scores = dict(job.in_kernel)
    g.failures.update(failure_messages(job.course / "autograded" / job.student / job.week / f"{job.week}.ipynb",
                                       job.points))


def recheck_stage(job: Job, sandboxes) -> dict:
    """The out-of-kernel re-check on the same cases; returns ``{exercise: Verdict}``."""
    from .recheck import recheck
    with (sandboxes.lease() if sandboxes else contextlib.nullcontext()) as zygote:
        checked = recheck(job.week, job.source_nb_path, job.notebook, job.ctx.limits, job.cases, job.wants,
                          sandboxed=job.ctx.sandboxed, zygote=zygote, audit_hidden=job.ctx.audit_hidden)
    job.grade.notes += checked.notes
    job.grade.recheck = {k: {"ok": v.ok, "reason": v.reason} for k, v in checked.verdicts.items()}
    return checked.verdicts


def feedback_stage(job: Job) -> None:
    """nbgrader's (sanitised) feedback page, copied atomically into the output."""
    out = job.ctx.feedback_out
    html = job.course / "feedback" / job.student / job.week / f"{job.week}.html"
    if out and html.is_file() and not html.is_symlink():
        target = out / job.student / job.week / f"{job.week}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(html, tmp)
        os.replace(tmp, target)


def grade_one(student: str, week: str, folder: Path, ctx: GradingContext, template_dir: Path,
              worker: NbgraderWorker | None = None, release: Callable[[], None] | None = None,
              sandboxes=None) -> Grade:
    """Grade one submission folder through the stages above. Never raises for bad input.

    ``worker`` is the slot's long-lived nbgrader process; without one, a worker is started
    for this submission alone. ``release`` is called as soon as nbgrader is done with the
    submission, so that the slot's worker can start on the next one during this re-check.
    ``sandboxes`` (a :class:`autograder.grader.recheck.ZygotePool`) gives warm re-check sandboxes."""
    t0 = time.perf_counter()
    source_nb_path = ctx.root / "source" / week / f"{week}.ipynb"
    points = nbs.test_points(nbs.read(source_nb_path))
    g = Grade(student, week, max_scores=dict(points), scores={k: 0.0 for k in points}, isolation=ctx.isolation)
    job = Job(student, week, folder, ctx, g, points, source_nb_path)
    try:
        if copy_stage(job, template_dir):
            # the reasons a student reads, in the language of the edition they submitted
            with language(job.edition):
                cases_dir = cases_stage(job)
                nbgrader_stage(job, cases_dir, worker, release)
                verdicts = recheck_stage(job, sandboxes)
                combine(g, points, job.in_kernel, verdicts, job.nbgrader_problem)
                feedback_stage(job)
    finally:
        if job.course is not None:
            shutil.rmtree(job.course, ignore_errors=True)
    g.seconds = round(time.perf_counter() - t0, 2)
    return g

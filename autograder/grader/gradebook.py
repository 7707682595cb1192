"""The course's nbgrader gradebook: every graded submission's final scores, through nbgrader's API.

``dlcourse grade`` grades each submission in its own throw-away nbgrader course; this module
writes the outcome — the *final* scores, after the out-of-kernel re-check (``Grade.scores``) —
into one gradebook that nbgrader's own tools read: ``nbgrader formgrader`` shows it, ``nbgrader
export`` exports it (the same totals as ``grades.csv``), and an instructor grades by hand in it.

* **Where.** Any SQLAlchemy URL nbgrader supports: the course's ``gradebook.db`` (what ``nbgrader``
  itself uses for this course: ``c.CourseDirectory.db_url`` in ``nbgrader_config.py``, else
  ``sqlite:///<root>/gradebook.db``; :func:`course_db_url`), or a shared server
  (``postgresql+psycopg://user@host/db``: the driver is psycopg 3, the ``postgresql`` extra;
  SQLAlchemy 2.1's plain ``postgresql://`` means the same).
* **What, as nbgrader expects it.** The week's assignment, notebook and cells are copied from the
  week's template course, which real ``nbgrader generate_assignment`` made (grade cells with the
  source notebook's names and points, solution cells, source cells). A submission is a student,
  a submitted assignment and notebook, one ``Grade`` per test cell and one ``Comment`` per
  solution cell, made with nbgrader's own models (:mod:`nbgrader.api`), as
  ``Gradebook.add_submission`` makes them.
* **Scores.** The grader's score goes into ``Grade.auto_score``; an instructor's
  ``manual_score`` (and ``extra_credit``) is never touched, so it survives every re-grade, and
  nbgrader's totals then use it, as they always do. ``needs_manual_grade`` is set where a look
  is needed: the submission or the exercise is flagged, or the automatic score of a cell that
  has a manual score changed (nbgrader's autograde does the same).
* **Why points were lost.** The reason (``Grade.failures``) and the flags go into the
  ``auto_comment`` of the exercise's solution cell (``grade_id == exercise``), which the
  formgrader shows under the cell; an exercise with full points and no flag gets no comment.
  An instructor's ``manual_comment`` is never touched (the formgrader shows it instead).
* **Consistent.** One transaction per submission (and one for a week's definition): a
  re-grade updates the rows in place, and an interrupted run leaves every submission either
  as it was or fully written. Writes are serialised by a lock, so the grading threads share
  one :class:`GradebookWriter`.
"""
from __future__ import annotations

import datetime
import os
import threading
import time
from pathlib import Path

from .results import Grade

NOTE = "gradebook: "   # the prefix of the note a row gets when it could not be written
REOPEN_AFTER = 30.0    # seconds before a gradebook that could not be opened is tried again


class GradebookError(RuntimeError):
    """A row (or a week's definition) could not be written into the gradebook."""


def course_db_url(root: Path) -> str:
    """The gradebook nbgrader itself uses for the course at ``root``: ``c.CourseDirectory.db_url``
    from its ``nbgrader_config.py``, else ``sqlite:///<root>/gradebook.db``."""
    from .policy import course_config
    section = course_config(root).get("CourseDirectory", {})
    url = section.get("db_url") if hasattr(section, "get") else None
    return str(url) if url else f"sqlite:///{(Path(root) / 'gradebook.db').resolve()}"


def course_id_of(root: Path) -> str:
    """``c.CourseDirectory.course_id`` of the course (nbgrader's default: ``default_course``)."""
    from .policy import course_config
    section = course_config(root).get("CourseDirectory", {})
    value = section.get("course_id") if hasattr(section, "get") else None
    return str(value) if value else "default_course"


def redact(url: str) -> str:
    """``url`` without its password, for messages."""
    try:
        from sqlalchemy.engine import make_url
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<the gradebook URL>"


def submission_timestamp(folder: Path) -> datetime.datetime | None:
    """The time nbgrader's collect recorded in ``folder/timestamp.txt`` (UTC), if it holds one.
    Read without following a link and at most 1 KB of it; anything unreadable counts as none."""
    from nbgrader.utils import parse_utc
    try:
        fd = os.open(Path(folder) / "timestamp.txt", os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(fd, "rb") as f:
            text = f.read(1024).decode("utf-8", "replace").strip()
        return parse_utc(text) if text else None
    except Exception:
        return None


# ----------------------------------------------------------------------------- definitions
def read_definition(template_db: Path, week: str) -> dict:
    """The assignment ``week`` as ``nbgrader generate_assignment`` recorded it in a template
    course's gradebook: ``{"duedate", "notebooks": [{"name", "kernelspec", "grade_cells",
    "solution_cells", "task_cells", "source_cells"}]}`` (plain data). Read-only."""
    from nbgrader.api import Assignment
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session
    engine = create_engine(f"sqlite:///file:{Path(template_db).resolve()}?mode=ro&uri=true")
    try:
        with Session(engine) as s:
            assignment = s.query(Assignment).filter(Assignment.name == week).one_or_none()
            if assignment is None:
                raise GradebookError(f"the template gradebook {template_db} has no assignment {week!r}")
            return {"duedate": assignment.duedate, "notebooks": [{
                "name": nb.name, "kernelspec": nb.kernelspec,
                "grade_cells": {c.name: {"max_score": c.max_score, "cell_type": c.cell_type}
                                for c in nb.grade_cells},
                "solution_cells": {c.name: {} for c in nb.solution_cells},
                "task_cells": {c.name: {"max_score": c.max_score, "cell_type": c.cell_type} for c in nb.task_cells},
                "source_cells": {c.name: {"cell_type": c.cell_type, "locked": c.locked, "source": c.source,
                                          "checksum": c.checksum} for c in nb.source_cells},
            } for nb in assignment.notebooks]}
    finally:
        engine.dispose()


def _sync_definition(gb, week: str, definition: dict) -> None:
    """Make the gradebook's assignment ``week`` match ``definition`` (in the session, no commit).

    A missing assignment, notebook or cell is created; points, cell types and sources are
    updated in place. Cells are added or removed only while the notebook has no submission:
    like nbgrader's ``generate_assignment``, this refuses to change the cells under existing
    grades. An assignment that exists keeps its due date (the instructor's)."""
    from nbgrader.api import Assignment, GradeCell, MissingEntry, Notebook, SolutionCell, SourceCell, TaskCell
    try:
        assignment = gb.find_assignment(week)
    except MissingEntry:
        assignment = Assignment(name=week, duedate=definition["duedate"], course_id=gb.course_id)
        gb.db.add(assignment)
    for nbdef in definition["notebooks"]:
        notebook = next((nb for nb in assignment.notebooks if nb.name == nbdef["name"]), None)
        if notebook is None:
            notebook = Notebook(name=nbdef["name"], assignment=assignment, kernelspec=nbdef["kernelspec"])
            gb.db.add(notebook)
        kinds = [(GradeCell, "grade_cells"), (SolutionCell, "solution_cells"), (TaskCell, "task_cells"),
                 (SourceCell, "source_cells")]
        changed = [key for _, key in kinds if {c.name for c in getattr(notebook, key)} != set(nbdef[key])]
        if changed and notebook.submissions:
            raise GradebookError(
                f"the cells of {week}/{nbdef['name']} in the gradebook differ from the source notebook's "
                f"({', '.join(changed)}) and it has submissions; nbgrader refuses to change them too. "
                "Remove the assignment from the gradebook (or use a new one) and grade again")
        for model, key in kinds:
            have = {c.name: c for c in getattr(notebook, key)}
            for name, cell in have.items():
                if name not in nbdef[key]:
                    gb.db.delete(cell)
            for name, attrs in nbdef[key].items():
                cell = have.get(name)
                if cell is None:
                    gb.db.add(model(name=name, notebook=notebook, **attrs))
                else:
                    for attr, value in attrs.items():
                        if getattr(cell, attr) != value:
                            setattr(cell, attr, value)


# ----------------------------------------------------------------------------- comments
def _flags(g: Grade) -> tuple[dict[str, list[str]], list[str]]:
    """``({exercise: its flags}, [flags of the whole submission])``: a flag that starts with
    ``"<exercise>: "`` is that exercise's, any other concerns the whole submission."""
    exercises = [t.removeprefix("test_") for t in g.max_scores]
    own = {x: [f for f in g.flags if f.startswith(f"{x}: ")] for x in exercises}
    mine = {f for fs in own.values() for f in fs}
    return own, [f for f in g.flags if f not in mine]


def comments(g: Grade) -> dict[str, str | None]:
    """``{exercise: auto comment or None}``: why the exercise lost points (``g.failures``), its
    flags and the whole submission's flags (repeated on every exercise); None when it has full
    points and no flag."""
    own, whole = _flags(g)
    out = {}
    for test_id, max_score in g.max_scores.items():
        exercise = test_id.removeprefix("test_")
        score = float(g.scores.get(test_id, 0.0))
        lines = []
        if score < max_score:
            reason = (g.failures.get(test_id) or "").strip().rstrip(":").strip()
            lines.append(f"dlcourse autograder: {score:g}/{max_score:g} points"
                         + (f" — {reason}" if reason else "."))
        lines += [f"Flagged for review: {f}" for f in own[exercise]]
        lines += [f"Flagged for review (whole submission): {f}" for f in whole]
        out[exercise] = "\n".join(lines) if lines else None
    return out


# ----------------------------------------------------------------------------- the writer
class GradebookWriter:
    """One gradebook for one grading run, shared by its threads (every write under one lock).

    ``define(week, template_dir)`` says where the week's template course is (its
    ``gradebook.db`` holds the assignment as nbgrader generated it); ``record(grade)`` writes one
    submission, in one transaction, or raises :class:`GradebookError` (the row is then left as it
    was). The gradebook is opened on first use; ``close()`` (or ``with``) releases it."""

    def __init__(self, db_url: str, root: Path, course_id: str | None = None):
        if not db_url:
            raise ValueError("no gradebook URL")
        self.db_url = db_url
        self.where = redact(db_url)
        self.course_id = course_id or course_id_of(root)
        self.recorded = 0
        self.failed = 0
        self._lock = threading.Lock()
        self._gb = None
        self._open_error: tuple[float, GradebookError] | None = None
        self._templates: dict[str, Path] = {}
        self._definitions: dict[str, dict] = {}
        self._synced: set[str] = set()

    def __enter__(self) -> "GradebookWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def define(self, week: str, template_dir: Path) -> None:
        with self._lock:
            if self._templates.get(week) != Path(template_dir):
                self._templates[week] = Path(template_dir)
                self._definitions.pop(week, None)
                self._synced.discard(week)

    def close(self) -> None:
        with self._lock:
            if self._gb is not None:
                try:
                    self._gb.close()
                finally:
                    self._gb = None

    def _open(self):
        from nbgrader.api import Gradebook
        if self._gb is not None:
            return self._gb
        if self._open_error and time.monotonic() - self._open_error[0] < REOPEN_AFTER:
            raise self._open_error[1]
        try:
            try:
                self._gb = Gradebook(self.db_url, course_id=self.course_id)
            except Exception:
                # two processes creating one new database can race on its tables: once more
                time.sleep(0.5)
                self._gb = Gradebook(self.db_url, course_id=self.course_id)
        except Exception as exc:
            err = GradebookError(f"cannot open {self.where}: {type(exc).__name__}: {_short(exc)}")
            self._open_error = (time.monotonic(), err)
            raise err from exc
        self._open_error = None
        return self._gb

    def _ensure_week(self, gb, week: str) -> None:
        if week in self._synced:
            return
        if week not in self._definitions:
            template = self._templates.get(week)
            if template is None:
                raise GradebookError(f"no template course for {week} (GradebookWriter.define was not called)")
            self._definitions[week] = read_definition(template / "gradebook.db", week)
        try:
            _sync_definition(gb, week, self._definitions[week])
            gb.db.commit()
        except BaseException:
            _rollback(gb)
            raise
        self._synced.add(week)

    def record(self, g: Grade, timestamp: datetime.datetime | None = None) -> None:
        """Write ``g`` (its final scores, reasons and flags) into the gradebook, in one transaction."""
        from sqlalchemy.exc import DBAPIError
        with self._lock:
            try:
                for attempt in (1, 2):
                    gb = self._open()
                    try:
                        self._ensure_week(gb, g.week)
                        _write_submission(gb, g, timestamp)
                        gb.db.commit()
                        break
                    except DBAPIError as exc:
                        _rollback(gb)
                        # a pooled connection the server dropped (it restarted): once more, on a new one
                        if attempt == 2 or not exc.connection_invalidated:
                            raise
                    except BaseException:
                        _rollback(gb)
                        raise
                    finally:
                        gb.db.remove()  # a fresh session (and no stale objects) for the next row
            except GradebookError:
                self.failed += 1
                raise
            except Exception as exc:
                self.failed += 1
                raise GradebookError(f"{type(exc).__name__}: {_short(exc)}") from exc
            self.recorded += 1


def _rollback(gb) -> None:
    try:
        gb.db.rollback()
    except Exception:
        pass  # the connection is gone: the server rolls the transaction back itself


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]


def _write_submission(gb, g: Grade, timestamp: datetime.datetime | None) -> None:
    """One submission into ``gb``'s session (no commit), with nbgrader's models, the way
    ``Gradebook.add_submission`` lays it out; existing rows are updated in place."""
    from nbgrader.api import (Comment, Grade as DbGrade, MissingEntry, Student, SubmittedAssignment,
                              SubmittedNotebook)
    try:
        student = gb.find_student(g.student)
    except MissingEntry:
        student = _add(gb, Student(id=g.student))
    assignment = gb.find_assignment(g.week)
    try:
        submission = gb.find_submission(g.week, g.student)
    except MissingEntry:
        submission = _add(gb, SubmittedAssignment(assignment=assignment, student=student))
    if timestamp is not None:
        submission.timestamp = timestamp
    notes = comments(g)
    own, whole = _flags(g)
    flagged = {x for x, fs in own.items() if fs or whole}
    for notebook in assignment.notebooks:
        sub_nb = next((n for n in submission.notebooks if n.notebook_id == notebook.id), None)
        if sub_nb is None:
            sub_nb = _add(gb, SubmittedNotebook(notebook=notebook, assignment=submission))
        grades = {x.cell_id: x for x in sub_nb.grades}
        for cell in notebook.grade_cells + notebook.task_cells:
            row = grades.get(cell.id) or _add(gb, DbGrade(cell_id=cell.id, notebook=sub_nb))
            if cell.name not in g.scores:
                continue  # not a cell this grader scores (a manually graded one): left as it is
            score = float(g.scores[cell.name])
            changed = row.auto_score is None or abs(row.auto_score - score) > 1e-9
            row.auto_score = score
            if row.manual_score is not None:
                row.needs_manual_grade = bool(row.needs_manual_grade) or changed
            else:
                row.needs_manual_grade = cell.name.removeprefix("test_") in flagged
        have = {x.cell_id: x for x in sub_nb.comments}
        for cell in notebook.solution_cells + notebook.task_cells:
            row = have.get(cell.id) or _add(gb, Comment(cell_id=cell.id, notebook=sub_nb))
            if cell.name in notes:
                row.auto_comment = notes[cell.name]


def _add(gb, obj):
    gb.db.add(obj)
    return obj

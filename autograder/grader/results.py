"""Results: one :class:`Grade` per submission, stored atomically, exported as CSV for an LMS.

The stored files are the run's memory: a class of any size is written row by row, and read
back row by row (:class:`StoredGrades`), so the grader never holds every grade at once."""
from __future__ import annotations

import json
import os
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from .. import notebooks as nbs

INTERNAL_ERROR = "internal error"
IN_MEMORY_ROWS = 1000  # rows of a run's result held in memory; later ones are read from their files


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
    edition: str = "en"                                 # the edition submitted ("en" | "ja")

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

    def summary(self) -> "Grade":
        """What the report and the CSVs read: scores, flags, isolation and the reasons of the
        points lost (not the re-check's verdicts, nbgrader's own scores or the notes)."""
        return replace(self, nbgrader_scores={}, recheck={}, notes=[],
                       failures={k: v for k, v in self.failures.items()
                                 if self.scores.get(k, 0) < self.max_scores.get(k, 0)})


def result_path(results_dir: Path, student: str, week: str) -> Path:
    """Where the stored grade of (student, week) lives: ``<out>/.results/<week>/<student>.json``."""
    return results_dir / week / f"{student}.json"


def store(results_dir: Path, g: Grade) -> None:
    """Store ``g`` atomically (a reader sees the old grade or the new one, never half of one)."""
    _atomic_write(result_path(results_dir, g.student, g.week), json.dumps(g.to_json(), indent=1))


class StoredGrades(Sequence):
    """The grades of one run, in order: the first :data:`IN_MEMORY_ROWS` held in memory (a
    class of a few hundred behaves as a plain list, even once its output folder is gone), every
    later one read from its stored file when asked for. So the memory a run's grades take is
    bounded, whatever the size of the class (keep the output folder while you read a big one)."""

    def __init__(self, results_dir: Path, keys: list[tuple[str, str]], keep: int | None = None):
        self.results_dir, self.keys = Path(results_dir), list(keys)
        keep = IN_MEMORY_ROWS if keep is None else keep
        self._held = [self._load(i) for i in range(min(keep, len(self.keys)))]

    def _load(self, i: int) -> Grade:
        student, week = self.keys[i]
        return Grade.from_json(json.loads(result_path(self.results_dir, student, week).read_text(encoding="utf-8")))

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = range(len(self.keys))[i]  # negative indices; IndexError past the end
        return self._held[i] if i < len(self._held) else self._load(i)

    def __iter__(self):
        for i in range(len(self.keys)):
            yield self[i]

    def summaries(self) -> list[Grade]:
        """Every grade's :meth:`Grade.summary`, in memory (for the report, which reads them many times)."""
        return [g.summary() for g in self]


def _atomic_write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    if isinstance(data, bytes):
        tmp.write_bytes(data)
    else:
        tmp.write_text(data, encoding="utf-8")
    os.replace(tmp, path)


def internal_error_grade(student: str, week: str, root: Path, exc: BaseException | str, log: Path,
                         trace: str | None = None) -> Grade:
    """The row of a submission whose grading failed in the grader itself: 0, flagged, logged.

    ``exc`` is the exception (or its ``"Type: message"`` when it happened elsewhere, on a
    cluster worker); ``trace`` its traceback (default: the one being handled)."""
    import traceback
    try:
        points = nbs.test_points(nbs.read(root / "source" / week / f"{week}.ipynb"))
    except Exception:
        points = {}
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"--- {student} {week}\n{trace if trace is not None else traceback.format_exc()}\n")
    what = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
    return Grade(student, week, scores={k: 0.0 for k in points}, max_scores=dict(points),
                 flags=[f"{INTERNAL_ERROR}: {what[:250]} (traceback in {log})"])


def write_csv(grades: Sequence[Grade], path: Path) -> None:
    """student, week, one column per exercise (union over weeks, notebook order), total, max, flags.

    Two passes over ``grades`` (the columns, then the rows), written as they are read."""
    columns: list[str] = []
    known: set[str] = set()
    for g in grades:
        for c in g.max_scores:
            if c not in known:
                known.add(c)
                columns.append(c)

    def lines():
        yield ["student", "week", *columns, "total", "max_total", "flags"]
        for g in grades:
            yield [g.student, g.week, *[g.scores.get(c, "") for c in columns], g.total, g.max_total,
                   " | ".join(g.flags)]
    _write_rows(path, lines())


def write_lms_csv(grades: Sequence[Grade], path: Path) -> None:
    """One row per student, one percentage column per week: what an LMS gradebook imports."""
    by_student: dict[str, dict] = {}
    for g in grades:  # one pass: a percentage per (student, week) is all that is kept
        by_student.setdefault(g.student, {})[g.week] = round(100 * g.total / g.max_total, 1) if g.max_total else 0
    weeks = sorted({w for marks in by_student.values() for w in marks})

    def lines():
        yield ["student", *weeks, "mean"]
        for student, marks in sorted(by_student.items()):
            values = [marks.get(w, 0) for w in weeks]
            yield [student, *values, round(sum(values) / len(values), 1)]
    _write_rows(path, lines())


def _write_rows(path: Path, rows) -> None:
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

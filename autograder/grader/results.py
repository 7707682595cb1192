"""Results: one :class:`Grade` per submission, stored atomically, exported as CSV for an LMS."""
from __future__ import annotations

import json
import os
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .. import notebooks as nbs

INTERNAL_ERROR = "internal error"


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


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


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

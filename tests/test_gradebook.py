"""The nbgrader gradebook a grading run writes (autograder/grader/gradebook.py), through real
nbgrader: the final scores in ``auto_score``, the reasons as comments on the solution cells, a
re-graded submission updated in place, an instructor's manual score and comment kept, and real
``nbgrader export`` giving grades.csv's totals — on SQLite, and on a real throw-away PostgreSQL
server started by the test."""
from __future__ import annotations

import csv
import datetime
import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from autograder import notebooks as nbs
from autograder.grader.policy import Limits
from autograder.grader.run import grade_submissions
from autograder.pipeline import make_course, tool_env

from conftest import week_points, write_submission  # noqa: E402

pytestmark = pytest.mark.slow
W = "w01_numpy_basics"
LIMITS = Limits(timeout=180, cell_timeout=20, recheck_timeout=90)
WRONG_SOFTMAX = "def softmax(x):\n    return x\n"
POINTS = week_points(W)
FULL = sum(POINTS.values())
N_TESTS = len(POINTS)
EXPECTED = {"full": FULL, "mistaken": FULL - POINTS["softmax"], "blank": 0.0}


def _put(submitted: Path, student: str, nb) -> None:
    write_submission(submitted, student, W, nb)


@pytest.fixture(scope="module")
def graded(root, tmp_path_factory):
    """A tiny w01 class (the source notebook, a wrong softmax, the blank release), graded once
    into an SQLite gradebook. Each test works on its own copy of submitted/, out/ and gb.db."""
    base = tmp_path_factory.mktemp("gradebook-class")
    source = nbs.read(root / "source" / W / f"{W}.ipynb")
    _put(base / "submitted", "full", source)
    # the submission time nbgrader's collect records
    (base / "submitted" / "full" / W / "timestamp.txt").write_text("2026-01-15 10:00:00.000000 UTC")
    _put(base / "submitted", "mistaken", nbs.replace_solution(source, "softmax", WRONG_SOFTMAX))
    _put(base / "submitted", "blank", nbs.read(root / "release" / W / f"{W}.ipynb"))
    grades = grade_submissions(base / "submitted", base / "out", [W], root, workers=2, limits=LIMITS,
                               feedback=False, db=f"sqlite:///{base / 'gb.db'}")
    grades = {g.student: g for g in grades}
    assert {s: g.total for s, g in grades.items()} == EXPECTED, {s: (g.scores, g.flags) for s, g in grades.items()}
    assert not [n for g in grades.values() for n in g.notes if n.startswith("gradebook:")]
    return base, grades


def _copy_class(graded, into: Path) -> None:
    base, _ = graded
    shutil.copytree(base / "submitted", into / "submitted")
    shutil.copytree(base / "out", into / "out")


def _nbgrader_export(url: str, root: Path, tmp: Path) -> dict:
    """``{(student, week): score}`` from real ``nbgrader export --db URL``, run in a course
    directory (it needs one with nbgrader_config.py) as the project runs nbgrader's CLI."""
    course = make_course(tmp / "export-course", [W], root)
    dest = tmp / "export.csv"
    proc = subprocess.run([sys.executable, "-m", "autograder._nbgrader_entry", "export", f"--db={url}",
                           f"--to={dest}", f"--CourseDirectory.root={course}"],
                          cwd=course, capture_output=True, text=True, timeout=300, env=tool_env())
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    return {(r["student_id"], r["assignment"]): float(r["score"]) for r in csv.DictReader(dest.open())}


def _grades_csv(out: Path) -> dict:
    return {(r["student"], r["week"]): float(r["total"]) for r in csv.DictReader((out / "grades.csv").open())}


def _round_trip(url: str, root: Path, tmp: Path, first: dict) -> None:
    """What both databases must do, from a class already written into ``url``."""
    from nbgrader.api import Gradebook

    # 1. nbgrader's own export gives grades.csv's totals
    exported = _nbgrader_export(url, root, tmp)
    assert exported == _grades_csv(tmp / "out") == {(s, W): t for s, t in EXPECTED.items()}

    # 2. as nbgrader lays it out: auto scores, reasons as comments on the solution cells
    with Gradebook(url) as gb:
        sub = gb.find_submission(W, "mistaken")
        assert sub.max_score == FULL and len(sub.notebooks) == 1 and len(sub.notebooks[0].grades) == N_TESTS
        softmax = gb.find_grade("test_softmax", W, W, "mistaken")
        assert (softmax.auto_score, softmax.manual_score, softmax.max_score) == (0.0, None, 3.0)
        reason = first["mistaken"].failures["test_softmax"]
        assert reason and reason in gb.find_comment("softmax", W, W, "mistaken").auto_comment
        assert "0/3 points" in gb.find_comment("softmax", W, W, "mistaken").auto_comment
        assert gb.find_comment("losses", W, W, "mistaken").auto_comment is None
        assert all(c.auto_comment is None for c in gb.find_submission_notebook(W, W, "full").comments)
        blank = gb.find_submission_notebook(W, W, "blank")
        assert len(blank.comments) == N_TESTS and all("points" in c.auto_comment for c in blank.comments)
        assert gb.find_grade("test_losses", W, W, "full").auto_score == POINTS["losses"]
        assert gb.find_submission(W, "full").timestamp == datetime.datetime(2026, 1, 15, 10)

        # 3. the instructor gives partial credit by hand, and says why
        softmax.manual_score = 1.0
        gb.find_comment("softmax", W, W, "mistaken").manual_comment = "partial credit: the idea is there"
        gb.db.commit()

    # 4. the student resubmits a fixed notebook; only that submission is graded again
    source = nbs.read(root / "source" / W / f"{W}.ipynb")
    _put(tmp / "submitted", "mistaken", source)
    before = {p.name: p.stat().st_mtime_ns for p in (tmp / "out" / ".results" / W).glob("*.json")}
    again = grade_submissions(tmp / "submitted", tmp / "out", [W], root, workers=2, limits=LIMITS,
                              feedback=False, db=url)
    after = {p.name: p.stat().st_mtime_ns for p in (tmp / "out" / ".results" / W).glob("*.json")}
    assert [n for n in before if before[n] != after[n]] == ["mistaken.json"]
    assert {g.student: g.total for g in again}["mistaken"] == FULL
    assert not [n for g in again for n in g.notes if n.startswith("gradebook:")]

    # 5. updated in place, the manual score and comment kept, the cell marked for a second look
    with Gradebook(url) as gb:
        assert len(gb.assignment_submissions(W)) == 3 and len(gb.students) == 3
        assert len(gb.find_submission_notebook(W, W, "mistaken").grades) == N_TESTS
        softmax = gb.find_grade("test_softmax", W, W, "mistaken")
        assert (softmax.auto_score, softmax.manual_score, softmax.score) == (3.0, 1.0, 1.0)
        assert softmax.needs_manual_grade  # its automatic score changed under a manual one
        comment = gb.find_comment("softmax", W, W, "mistaken")
        assert comment.auto_comment is None and comment.manual_comment == "partial credit: the idea is there"
    exported = _nbgrader_export(url, root, tmp)
    csv_totals = _grades_csv(tmp / "out")
    assert csv_totals[("mistaken", W)] == FULL and exported[("mistaken", W)] == FULL - POINTS["softmax"] + 1.0
    assert {k: v for k, v in exported.items() if k[0] != "mistaken"} == \
        {k: v for k, v in csv_totals.items() if k[0] != "mistaken"}


def test_sqlite_gradebook(graded, root, tmp_path):
    """The gradebook the class was graded into (each row written as its job finished)."""
    _copy_class(graded, tmp_path)
    shutil.copy2(graded[0] / "gb.db", tmp_path / "gb.db")
    _round_trip(f"sqlite:///{tmp_path / 'gb.db'}", root, tmp_path, graded[1])


def test_unwritable_gradebook_costs_a_note_not_the_class(graded, root, tmp_path):
    """A gradebook that cannot be opened: every row says so, the run and its files are intact."""
    _copy_class(graded, tmp_path)
    url = f"sqlite:///{tmp_path / 'no-such-folder' / 'gb.db'}"
    grades = grade_submissions(tmp_path / "submitted", tmp_path / "out", [W], root, workers=2, limits=LIMITS,
                               feedback=False, db=url)
    assert {g.student: g.total for g in grades} == EXPECTED
    assert all(any(n.startswith("gradebook: not written into") for n in g.notes) for g in grades)
    assert _grades_csv(tmp_path / "out") == {(s, W): t for s, t in EXPECTED.items()}


# ----------------------------------------------------------------------------- PostgreSQL
def _postgres_bindir() -> Path | None:
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda d: int(Path(d).parent.name)
                  if Path(d).parent.name.isdigit() else 0, reverse=True)
    for d in dirs + ([str(Path(shutil.which("initdb")).resolve().parent)] if shutil.which("initdb") else []):
        if all(os.access(Path(d) / b, os.X_OK) for b in ("initdb", "pg_ctl", "postgres")):
            return Path(d)
    return None


@pytest.fixture
def postgres_url():
    """A real, throw-away PostgreSQL server (Unix socket only, in a private folder) with an empty
    database; stopped and removed afterwards. As root, the server runs as the ``postgres`` user."""
    psycopg = pytest.importorskip("psycopg", reason="no PostgreSQL driver: pip install 'psycopg[binary]' "
                                                    "(in the dev extra)")
    bindir = _postgres_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL's server binaries (initdb, pg_ctl, postgres) are not installed "
                    "(Debian: apt-get install postgresql)")
    as_user: list[str] = []
    owner = None
    if os.geteuid() == 0:  # postgres refuses to run as root
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run the server as")
        if not shutil.which("runuser"):
            pytest.skip("running as root and no runuser to start the server as 'postgres'")
        as_user = [shutil.which("runuser"), "-u", "postgres", "--"]
    # under /tmp, not pytest's tmp_path: that is private to this user, and the server's user must reach it
    base = Path(tempfile.mkdtemp(prefix="dlcourse-pg-"))
    data, sock, port = base / "data", base / "sock", 5432  # the socket is in a private folder: no clash
    sock.mkdir()
    if owner:
        for p in (base, sock):
            os.chown(p, owner.pw_uid, owner.pw_gid)

    def run(*cmd, check=True):
        return subprocess.run(as_user + [str(c) for c in cmd], cwd=base, capture_output=True, text=True,
                              timeout=120, check=check)
    started = False
    try:
        run(bindir / "initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync")
        run(bindir / "pg_ctl", "-D", data, "-l", base / "server.log", "-w", "-t", "60",
            "-o", f"-p {port} -k {sock} -c listen_addresses='' -c fsync=off", "start")
        started = True
        with psycopg.connect(host=str(sock), port=port, user="postgres", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute("CREATE DATABASE gradebook")
        # the driver named: SQLAlchemy 2.1's plain postgresql:// is psycopg 3 too, 2.0's is psycopg2
        yield f"postgresql+psycopg://postgres@/gradebook?host={sock}&port={port}"
    except subprocess.CalledProcessError as exc:
        log = (base / "server.log").read_text() if (base / "server.log").exists() else ""
        raise RuntimeError(f"PostgreSQL did not start: {exc.stdout}\n{exc.stderr}\n{log[-2000:]}") from exc
    finally:
        if started:
            run(bindir / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(base, ignore_errors=True)


def test_postgresql_gradebook(graded, root, tmp_path, postgres_url):
    """The same class, in a shared server's gradebook: its rows come from the resumed results
    (a run writes every row, graded now or before), then a re-grade updates one in place."""
    _copy_class(graded, tmp_path)
    grades = grade_submissions(tmp_path / "submitted", tmp_path / "out", [W], root, workers=2, limits=LIMITS,
                               feedback=False, db=postgres_url)
    assert {g.student: g.total for g in grades} == EXPECTED
    assert not [n for g in grades for n in g.notes if n.startswith("gradebook:")]
    _round_trip(postgres_url, root, tmp_path, graded[1])

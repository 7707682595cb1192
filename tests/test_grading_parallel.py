"""Parallel grading gives the serial results; an interrupted run resumes cleanly; the report renders."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder import notebooks as nbs
from autograder.grader.run import grade_submissions
from autograder.grader.policy import Limits
from autograder.mistakes import discover

pytestmark = pytest.mark.slow
from conftest import week_points  # noqa: E402

W = "w01_numpy_basics"
LIMITS = Limits(timeout=180, cell_timeout=20, recheck_timeout=90)


def _class(root: Path, submitted: Path, n_honest: int = 1) -> None:
    source = nbs.read(root / "source" / W / f"{W}.ipynb")
    for i in range(n_honest):
        folder = submitted / f"student{i:02d}" / W
        folder.mkdir(parents=True)
        nbs.write(source, folder / f"{W}.ipynb")
    wrong = next(c for c in discover(root, [W]) if c.id.endswith("softmax/wrong_axis_0"))
    folder = submitted / "mistaken" / W
    folder.mkdir(parents=True)
    nbs.write(nbs.replace_solution(source, wrong.exercise, wrong.source), folder / f"{W}.ipynb")


def test_parallel_equals_serial(root, tmp_path):
    _class(root, tmp_path / "submitted", n_honest=2)
    serial = grade_submissions(tmp_path / "submitted", tmp_path / "serial", [W], root, workers=1,
                               limits=LIMITS, feedback=False)
    parallel = grade_submissions(tmp_path / "submitted", tmp_path / "parallel", [W], root, workers=2,
                                 limits=LIMITS, feedback=False)
    assert [(g.student, g.scores, g.flags) for g in serial] == [(g.student, g.scores, g.flags) for g in parallel]
    assert (tmp_path / "serial" / "grades.csv").read_text() == (tmp_path / "parallel" / "grades.csv").read_text()
    points = week_points(W)
    assert {g.student: g.total for g in serial}["mistaken"] == sum(points.values()) - points["softmax"]


def test_interrupted_run_resumes_without_regrading(root, tmp_path):
    _class(root, tmp_path / "submitted", n_honest=3)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "autograder.cli", "grade", str(tmp_path / "submitted"), "--out", str(out),
           "--workers", "1", "--no-feedback", "--db", "",
           # the same limits as the resumed run below: a stored grade is reused only for the same limits
           "--timeout", "180", "--cell-timeout", "20", "--recheck-timeout", "90"]
    proc = subprocess.Popen(cmd, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.time() + 300
    while time.time() < deadline and not list((out / ".results").glob("*/*.json")):
        time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGKILL)  # as if the machine or the instructor pulled the plug
    proc.wait()
    done = {p: p.stat().st_mtime_ns for p in (out / ".results").glob("*/*.json")}
    assert done, "no submission finished before the kill"
    assert not (out / "grades.csv").exists() or (out / "grades.csv").read_text().count("\n") >= 1
    grades = grade_submissions(tmp_path / "submitted", out, [W], root, workers=2, limits=LIMITS, feedback=False)
    assert len(grades) == 4
    for path, mtime in done.items():
        assert path.stat().st_mtime_ns == mtime, f"{path.name} was graded again"
    assert not list(out.rglob("*.tmp")) and not (out / ".work").exists()
    assert (out / "grades.csv").read_text().count("\n") == 5


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    if os.geteuid() == 0 and shutil.which("apt-get"):
        # the test setup installs Debian's chromium (CI machines start without it)
        subprocess.run(["apt-get", "update", "-qq"], capture_output=True, timeout=600)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], capture_output=True, timeout=900,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    return shutil.which("chromium")


def test_report_renders_in_headless_chromium(root, tmp_path):
    browser = _chromium()
    if browser is None:
        pytest.skip("no chromium and no way to install it here")
    _class(root, tmp_path / "submitted")
    grades = grade_submissions(tmp_path / "submitted", tmp_path / "out", [W], root, workers=2,
                               limits=LIMITS, feedback=False)
    from autograder.grader.report import write_report
    report = write_report(grades, tmp_path / "out")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000"]
    dom = subprocess.run([browser, *flags, "--dump-dom", report.as_uri()], capture_output=True, text=True,
                         timeout=120).stdout
    assert "Grading report" in dom and "mistaken" in dom
    assert 'data-images-ok="true"' in dom, "the report's plots did not decode in the browser"
    shot = tmp_path / "report.png"
    subprocess.run([browser, *flags, f"--screenshot={shot}", "--window-size=1200,1600", report.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 20_000

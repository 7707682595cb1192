"""Plots of the Japanese edition render Japanese text with real glyphs (IPAex Gothic from
matplotlib-fontja), in the test process and in the grading sandbox's kernel."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent("""
    import warnings, matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    {setup}
    from course.plots import plot_costs
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax = plot_costs([0.7, 0.5, 0.3])
        ax.figure.canvas.draw()
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    print(ax.get_title(), ax.get_xlabel(), "MISSING" if missing else "OK", missing[:1])
""")


def _render(setup: str, sandbox=None) -> str:
    argv = [sys.executable, "-c", SCRIPT.format(setup=setup)]
    proc = subprocess.run(sandbox.command(argv) if sandbox else argv, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout.strip()


def test_japanese_labels_render_without_missing_glyphs():
    out = _render('import course.i18n; course.i18n.set_language("ja")')
    assert out.startswith("コスト 反復回数 OK"), out


def test_without_the_japanese_font_glyphs_are_missing():
    """The check above can fail: DejaVu Sans (matplotlib's default) has no kana."""
    out = _render('from course.i18n import language; import contextlib; '
                  'import course.i18n as i; i._process_language = "ja"')
    assert "MISSING" in out, out


def test_english_labels_by_default():
    assert _render("").startswith("Cost iteration OK")


def test_japanese_font_in_the_grading_sandbox():
    from autograder.sandbox.bwrap import Sandbox, availability
    if availability():
        pytest.skip(availability())
    out = _render('import course.i18n; course.i18n.set_language("ja")', Sandbox())
    assert out.startswith("コスト 反復回数 OK"), out

"""CSV cells never become spreadsheet formulas (OWASP CSV injection), and the file is written
atomically."""
import csv
import os
import stat

import numpy as np
import pytest

from autograder.grader.csv_safe import escape_cell, write_rows


@pytest.mark.parametrize("value, expected", [
    ("=1+2", "'=1+2"),
    ("+SUM(A1)", "'+SUM(A1)"),
    ("-2+3", "'-2+3"),
    ("@cmd", "'@cmd"),
    ("\tx", "'\tx"),
    ("\rx", "'\rx"),
    ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
    ("-1.5", "'-1.5"),          # text that looks like a number is still text
    ("alice", "alice"),
    ("s12345", "s12345"),
    ("w01_numpy_basics", "w01_numpy_basics"),
    ("a=b", "a=b"),             # only the first character matters
    ("", ""),
    ("'quoted", "'quoted"),
])
def test_escape_text(value, expected):
    assert escape_cell(value) == expected


@pytest.mark.parametrize("value", [0, 3, -7, 1.5, -1.5, -0.0, 1e-9, float("inf"), np.float64(-2.25), np.int64(-3), True])
def test_numbers_stay_numbers(value):
    assert escape_cell(value) is value


def test_none_and_other_objects():
    assert escape_cell(None) is None

    class Id:
        def __str__(self):
            return "=cmd|' /C calc'!A0"
    assert escape_cell(Id()) == "'=cmd|' /C calc'!A0"


def test_write_rows_round_trip(tmp_path):
    rows = [["student", "week", "score", "flags"],
            ["=1+2", "w01", -1.5, "+SUM(A1)"],
            ["-2+3", "w02", 3, "@cmd"],
            ["\tx", "w03", 0.25, "\rx"],
            ["alice", "w04", None, 'says "hi", twice\nnew line']]
    out = tmp_path / "sub" / "grades.csv"
    write_rows(out, rows)
    with out.open(newline="", encoding="utf-8") as f:
        back = list(csv.reader(f))
    assert back == [["student", "week", "score", "flags"],
                    ["'=1+2", "w01", "-1.5", "'+SUM(A1)"],
                    ["'-2+3", "w02", "3", "'@cmd"],
                    ["'\tx", "w03", "0.25", "'\rx"],
                    ["alice", "w04", "", 'says "hi", twice\nnew line']]
    # no cell a spreadsheet would evaluate
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in back for cell in row
                   if not _is_number(cell))
    assert [p.name for p in out.parent.iterdir()] == ["grades.csv"]  # no temporary file left
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask


def _is_number(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False


def test_write_rows_replaces_atomically(tmp_path):
    out = tmp_path / "lms.csv"
    write_rows(out, [["old"]])

    def rows():
        yield ["new"]
        raise RuntimeError("a row could not be built")
    with pytest.raises(RuntimeError):
        write_rows(out, rows())
    assert out.read_bytes() == b"old\r\n"  # the old file, whole
    assert [p.name for p in tmp_path.iterdir()] == ["lms.csv"]
    write_rows(out, [["new", 1]])
    assert out.read_bytes() == b"new,1\r\n"

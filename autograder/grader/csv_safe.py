"""CSV files whose cells never become spreadsheet formulas (OWASP "CSV injection").

A student id or flag text such as ``=HYPERLINK(...)`` or ``@SUM(...)`` in ``grades.csv`` would run
as a formula when the instructor opens the file in Excel/LibreOffice/Sheets. OWASP's advice: a
text cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading ``'``
(shown as text, the quote hidden); the csv module does the quoting. Numbers stay numbers.
"""
from __future__ import annotations

import csv
import numbers
import os
import secrets
from pathlib import Path
from typing import Any, Iterable

__all__ = ["FORMULA_PREFIXES", "escape_cell", "write_rows"]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: Any) -> Any:
    """``value`` ready for a CSV cell: numbers (including negative ones) and ``None`` unchanged,
    anything else as text, with ``'`` in front when a spreadsheet would read it as a formula."""
    if value is None or isinstance(value, numbers.Number):
        return value
    text = value if isinstance(value, str) else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def write_rows(path: str | os.PathLike, rows: Iterable[Iterable[Any]]) -> None:
    """Write ``rows`` to ``path`` as CSV (UTF-8), every cell through :func:`escape_cell`.

    Atomic: written to a temporary file in the same folder, then ``os.replace``'d, so a reader
    sees the old file or the new one, never half of one. The file gets the usual permissions
    (0666 minus the umask), not a temporary file's 0600."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            for row in rows:
                writer.writerow([escape_cell(cell) for cell in row])
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise

"""Write a benchmark's figures into docs/benchmarks.md, replacing only its own section."""
from __future__ import annotations

import platform
import re
import time
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
HEADER = ("# Benchmarks\n\nMeasured by the scripts in `benchmarks/` (not timed tests). Each section says "
          "when and on what machine it was measured; re-run the script to refresh it.\n")


def machine() -> str:
    import os
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def update_section(title: str, body: str, doc: Path = DOC) -> None:
    """Replace (or append) the section ``## title`` of docs/benchmarks.md."""
    text = doc.read_text(encoding="utf-8") if doc.exists() else HEADER
    stamp = f"_Measured {time.strftime('%Y-%m-%d')} on {machine()}._\n\n"
    section = f"## {title}\n\n{stamp}{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(text.rstrip("\n") + "\n", encoding="utf-8")

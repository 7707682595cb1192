"""Shared fixtures. The repository root is the nbgrader course directory."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DLCOURSE_ROOT", str(ROOT))
os.environ.setdefault("MPLBACKEND", "Agg")

from autograder.paths import weeks as _weeks  # noqa: E402

WEEKS = _weeks(ROOT)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT

"""Instructor tooling around nbgrader: build, check, grade, report (the ``dlcourse`` command)."""
__version__ = "0.1.0"

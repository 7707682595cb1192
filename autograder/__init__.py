"""Instructor tooling around nbgrader: build, check, grade, report (the ``dlcourse`` command)."""
import sys

# jsonschema (imported by nbformat and nbgrader) loads the optional ``rfc3987_syntax`` package
# when it is installed, and building its grammar costs seconds at every process start; nothing
# here validates URI formats. Marking it absent speeds up every nbgrader process we start.
sys.modules.setdefault("rfc3987_syntax", None)

__version__ = "0.1.0"

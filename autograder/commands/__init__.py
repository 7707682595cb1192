"""The ``dlcourse`` verbs, one module each (``add_parser(sub)`` and ``run(args) -> int``)."""
from . import build, check, demo, execute, grade, mistakes, report

VERBS = (build, execute, mistakes, check, grade, report, demo)

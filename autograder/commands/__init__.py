"""The ``dlcourse`` verbs, one module each (``add_parser(sub)`` and ``run(args) -> int``)."""
from . import build, check, demo, execute, given, grade, mistakes, report, translate

VERBS = (build, execute, translate, given, mistakes, check, grade, report, demo)

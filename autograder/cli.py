"""``dlcourse`` — the instructor's command line, a thin layer over nbgrader.

    dlcourse build [WEEK ...]          regenerate release/ from source/ (nbgrader generate_assignment)
    dlcourse execute WEEK [...]        run source notebooks in place, storing their outputs
    dlcourse translate [WEEK ...]      list and stub what the Japanese edition still needs
    dlcourse mistakes [WEEK ...]       run the mistake bank (wrong answers caught, variants accepted);
                                       --edition ja|both: on the Japanese editions too
    dlcourse check [WEEK ...]          the course's self-test (release sync, full/zero marks, mistake bank)
    dlcourse grade SUBMITTED [--out]   autograde submitted/<student>/<week>/ in parallel, sandboxed and
                                       re-checked -> grades.csv, lms.csv, report.html, feedback/
    dlcourse report [--out]            rebuild report.html from a graded folder
    dlcourse demo                      build + grade the bundled sample submissions, print the scores

Every command exits 0 on success and 1 when something it checked failed. This module only
parses arguments; each verb lives in :mod:`autograder.commands`.
"""
from __future__ import annotations

import argparse
import sys

from .commands import VERBS
from .commands.common import say
from .paths import CourseNotFound
from .pipeline import NbgraderError


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="dlcourse", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for verb in VERBS:
        verb.add_parser(sub)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (NbgraderError, CourseNotFound, ValueError) as exc:
        say(f"dlcourse: {exc}")
        return 1
    except KeyboardInterrupt:
        say("dlcourse: interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())

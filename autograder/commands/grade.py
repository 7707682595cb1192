"""``dlcourse grade SUBMITTED [--out] [--db URL] [--cluster tcp://HOST:PORT]``: autograde
submitted/<student>/<week>/ in parallel, sandboxed and re-checked -> grades.csv, lms.csv,
report.html, feedback/, and every row into the course's nbgrader gradebook (or the one ``--db``
names; ``--db ''`` for none); here, or on the workers of a Dask cluster (``--cluster``)."""
from __future__ import annotations

from pathlib import Path

from ..grader import policy
from ..paths import course_root
from .common import Timer, print_grades, say


def add_parser(sub) -> None:
    p = sub.add_parser("grade", help="autograde a submitted/<student>/<week>/ folder")
    p.add_argument("submitted")
    p.add_argument("--out", default="grades", help="where grades.csv, lms.csv, report.html and feedback/ go")
    p.add_argument("--weeks", nargs="*", default=None)
    policy.add_arguments(p)  # limits and options: one default and one help each (grader/policy.py)
    p.add_argument("--no-sandbox", action="store_const", const=False, dest="GradingOptions.sandbox", default=None,
                   help="grade without the bubblewrap sandbox, where none can be built (nbgrader_config.py: "
                        "c.GradingOptions.sandbox = False); every row and the report record it")
    p.add_argument("--no-resume", action="store_true", help="regrade submissions already graded in --out")
    p.add_argument("--no-feedback", action="store_true", help="skip nbgrader's feedback HTML")
    p.add_argument("--db", default=None, metavar="URL",
                   help="the nbgrader gradebook every row is written into, as an SQLAlchemy URL nbgrader "
                        "supports (sqlite:///path/gradebook.db, postgresql+psycopg://user@host/dbname); "
                        "default: the "
                        "course's own (nbgrader_config.py's c.CourseDirectory.db_url, else "
                        "sqlite:///<course>/gradebook.db); --db '' writes none")
    p.add_argument("--cluster", default=None, metavar="tcp://HOST:PORT",
                   help="grade on the workers of this Dask scheduler (one task per submission, sent as its "
                        "files; results come back here); --workers is then the cluster's. Each worker needs "
                        "the course, the reference package and bubblewrap, and no grading secret "
                        '(pip install "dlcourse[cluster]")')
    p.set_defaults(func=run)


def run(args) -> int:
    from ..grader.gradebook import NOTE as GRADEBOOK_NOTE, course_db_url, redact
    from ..grader.report import write_report
    from ..grader.results import INTERNAL_ERROR
    from ..grader.cluster import ClusterUnavailable, WorkerMismatch
    from ..grader.run import grade_submissions
    from ..sandbox.bwrap import SandboxUnavailable
    root = course_root()
    out = Path(args.out)
    submitted = Path(args.submitted)
    if not submitted.is_dir():
        say(f"dlcourse: {submitted} is not a folder (expected submitted/<student>/<week>/)")
        return 2
    limits, options = policy.from_arguments(args, root)
    db = course_db_url(root) if args.db is None else args.db
    if not options.sandbox:
        say("[grade] WARNING: --no-sandbox: submissions' code runs without isolation; every row records it")
    try:
        with Timer() as t:
            grades = grade_submissions(submitted, out, args.weeks or None, root, say=say,
                                       feedback=not args.no_feedback, workers=options.workers or None,
                                       limits=limits, resume=not args.no_resume, sandbox=options.sandbox,
                                       secret_file=Path(options.secret_file) if options.secret_file else None,
                                       db=db or None, cluster=args.cluster or None,
                                       warm_kernels=options.warm_kernels)
    except SandboxUnavailable as exc:
        say(f"dlcourse: refusing to grade: {exc}")
        return 2
    except (ClusterUnavailable, WorkerMismatch) as exc:
        say(f"dlcourse: cannot grade on the cluster: {exc}")
        return 2
    print_grades(grades)
    report = write_report(grades.summaries(), out)
    flagged = sum(1 for g in grades if g.flags)
    broken = sum(1 for g in grades if any(f.startswith(INTERNAL_ERROR) for f in g.flags))
    say(f"[grade] {len(grades)} submission(s) in {t.seconds:.1f} s, {flagged} flagged -> "
        f"{out / 'grades.csv'}, {out / 'lms.csv'}, {report}, feedback in {out / 'feedback'}"
        + (f", gradebook {redact(db)}" if db else ""))
    unwritten = [(g, n) for g in grades for n in g.notes if n.startswith(GRADEBOOK_NOTE)]
    if unwritten:
        say(f"[grade] {len(unwritten)} row(s) could not be written into the gradebook (grades.csv has them; "
            "run again to retry), for example:")
        for g, note in unwritten[:3]:
            say(f"[grade]   {g.student} {g.week}: {note}")
    if broken:
        say(f"[grade] {broken} submission(s) hit an internal error of the grader (see {out / 'logs'}); "
            "their rows score 0 until regraded")
    return 1 if broken or unwritten else 0

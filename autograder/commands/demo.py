"""``dlcourse demo``: build, then grade bundled sample submissions and show the score table.

The samples are made from the course itself, so they always match the current notebooks:
``solution`` submits the source notebooks, ``blank`` the untouched releases, and each
``mistake-*`` student submits the solution with one exercise replaced by a wrong answer from
the mistake bank — that student must lose exactly that exercise's points.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from .. import notebooks as nbs
from .. import pipeline
from ..grader.run import grade_submissions
from ..mistakes import discover
from ..paths import course_root
from .common import full_and_blank_submissions, own_samples_sandbox, print_grades, select_weeks

# (student, mistake-bank case id): one realistic mistake per sample student.
DEMO_MISTAKES = [
    ("mistake-keepdims", "w01_numpy_basics/reshape_and_normalize/wrong_normalize_no_keepdims"),
    ("mistake-overflow", "w01_numpy_basics/softmax/wrong_no_max_shift"),
    ("mistake-learning-rate", "w02_logistic_regression/model/wrong_ignores_learning_rate"),
    ("mistake-forward-diff", "w03_shallow_network/numerical_diff/wrong_forward_difference"),
    ("mistake-in-place-update", "w04_deep_network/update_parameters/wrong_in_place_minus_equals"),
    ("mistake-mul-swap", "w05_backprop_layers/shopping_layers/wrong_mul_gradients_not_swapped"),
    ("mistake-dropout-scale", "w06_init_regularization_gradcheck/forward_propagation_with_dropout/wrong_no_scaling"),
    ("mistake-adam-beta2", "w07_optimization/update_parameters_with_adam/wrong_correction_beta_squared"),
    ("mistake-bn-momentum", "w08_batchnorm_tuning/batchnorm_forward/wrong_momentum_swapped"),
    ("mistake-pad-slice", "w09_cnn/conv_backward/wrong_slice_minus_pad"),
]


def make_samples(submitted: Path, weeks: list[str], root: Path) -> dict[str, tuple[str, str]]:
    """Write the sample submissions; return ``{student: (week, exercise)}`` for the mistakes."""
    cases = {c.id: c for c in discover(root, weeks)}
    expected = {}
    full_and_blank_submissions(weeks, root, submitted)
    for student, case_id in DEMO_MISTAKES:
        case = cases.get(case_id)
        if case is None or case.week not in weeks:
            continue
        nb = nbs.replace_solution(nbs.read(root / "source" / case.week / f"{case.week}.ipynb"),
                                  case.exercise, case.source)
        dst = submitted / student / case.week
        dst.mkdir(parents=True, exist_ok=True)
        nbs.write(nb, dst / f"{case.week}.ipynb")
        expected[student] = (case.week, case.exercise)
    return expected


def run_demo(out: Path, weeks: list[str], say) -> int:
    root = course_root()
    say(f"[demo] 1/3 build release/ for {len(weeks)} week(s)")
    problems = pipeline.build(weeks, root, progress=lambda w: say(f"[demo]     {w}"))
    if problems:
        for p in problems:
            say(f"[demo] PROBLEM {p}")
        return 1
    out = out.resolve()
    submitted = out / "submitted"
    if submitted.exists():
        shutil.rmtree(submitted)
    expected = make_samples(submitted, weeks, root)
    say(f"[demo] 2/3 grade {len(expected) + 2} sample students with nbgrader")
    grades = grade_submissions(submitted, out, weeks, root, resume=False, say=lambda m: say(f"[demo]     {m}"),
                               sandbox=own_samples_sandbox(say))
    say("[demo] 3/3 scores")
    print_grades(grades)
    wrong = []
    for g in grades:
        lost = {k for k in g.scores if g.scores[k] < g.max_scores[k]}
        if g.student == "solution" and lost:
            wrong.append(f"solution loses points in {g.week}: {sorted(lost)}")
        elif g.student == "blank" and g.total != 0:
            wrong.append(f"blank scores {g.total} in {g.week}")
        elif g.student in expected and expected[g.student][0] == g.week:
            if lost != {f"test_{expected[g.student][1]}"}:
                wrong.append(f"{g.student} should lose exactly test_{expected[g.student][1]}, loses {sorted(lost)}")
    for w in wrong:
        say(f"[demo] UNEXPECTED {w}")
    say(f"[demo] grades: {out / 'grades.csv'}  feedback: {out / 'feedback'}")
    say("[demo] " + ("every sample scored as expected" if not wrong else f"{len(wrong)} unexpected score(s)"))
    return 1 if wrong else 0


def add_parser(sub) -> None:
    p = sub.add_parser("demo", help="build, then grade bundled sample submissions and print the scores")
    p.add_argument("--out", default="out/demo")
    p.add_argument("--weeks", nargs="*", default=None)
    p.set_defaults(func=run)


def run(args) -> int:
    from .common import say
    return run_demo(Path(args.out), select_weeks(args.weeks, course_root()), say)

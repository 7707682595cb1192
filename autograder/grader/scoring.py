"""Scoring: nbgrader's in-kernel points count only where the trusted re-check agrees."""
from __future__ import annotations

from .results import Grade


def combine(g: Grade, points: dict, in_kernel: dict, verdicts: dict, nbgrader_problem: str = "") -> None:
    """Set ``g.scores`` (and flags, failures) from nbgrader's scores and the re-check's verdicts.

    * an exercise scores nbgrader's points, never more than the source notebook's, and only if
      the out-of-kernel re-check passed;
    * the re-check failed: 0 points, and where the kernel had passed on the same inputs the
      submission is flagged (evidence of tampering, not a guess);
    * nbgrader could not finish the notebook: the re-check alone decides, and that is flagged;
    * an exercise the re-check could not check (no cases could be sent) keeps nbgrader's score.
    """
    if nbgrader_problem:
        g.flags.append(nbgrader_problem + "; scored by the out-of-kernel check alone")
    for test_id, max_points in points.items():
        exercise = test_id.removeprefix("test_")
        verdict = verdicts.get(exercise)
        kernel_score = min(float(in_kernel.get(test_id, 0.0)), max_points)
        if verdict is None or verdict.ok is None:
            g.scores[test_id] = kernel_score
            continue
        if not verdict.ok:
            g.scores[test_id] = 0.0
            g.failures.setdefault(test_id, verdict.reason[:1000])
            if kernel_score > 0:
                g.flags.append(f"{exercise}: passed nbgrader's tests in the kernel but failed the "
                               f"out-of-kernel check on the same inputs ({verdict.reason[:200]})")
        else:
            g.scores[test_id] = max_points if nbgrader_problem else kernel_score

"""The mistake bank (tests/mistakes/): every wrong answer loses points, every variant keeps them.

One test class per week, so pytest-xdist (--dist loadscope) runs each week's bank on one
worker, where the week's cases share a single run of the notebook (see autograder.mistakes).
"""
import pytest

from autograder.mistakes import discover, run_week

from conftest import ROOT, WEEKS

_RESULTS: dict = {}


def _results(week):
    if week not in _RESULTS:
        baseline, results = run_week(week, discover(ROOT, [week]), ROOT)
        assert not baseline, f"the source notebook of {week} fails its own tests: {baseline}"
        _RESULTS[week] = results
    return _RESULTS[week]


def _make_class(week):
    cases = discover(ROOT, [week])

    @pytest.mark.slow
    @pytest.mark.parametrize("case", cases, ids=[c.id.split("/", 1)[1] for c in cases])
    def test_case(self, case):
        result = _results(week)[case.id]
        ok, why = result.verdict(case)
        assert ok, f"{case.id} ({case.why}): {why}"

    return type(f"TestBank_{week}", (), {"test_case": test_case})


for _week in WEEKS:
    globals()[f"TestBank_{_week}"] = _make_class(_week)

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


def test_expected_words_are_required(tmp_path):
    """`# expect:` lines make a caught case fail when the message no longer says why."""
    from autograder.mistakes import CaseResult
    folder = tmp_path / "tests" / "mistakes" / "w01_numpy_basics" / "softmax"
    folder.mkdir(parents=True)
    (folder / "wrong_no_max_shift.py").write_text(
        "# Forgets the max shift.\n# expect: subtract the max\ndef softmax(x):\n    return x\n", encoding="utf-8")
    [case] = discover(tmp_path, ["w01_numpy_basics"])
    assert case.expect == ["subtract the max"] and case.why == "Forgets the max shift."
    said = CaseResult(case.id, failed_tests={"test_softmax": "overflow — Subtract the max before np.exp"})
    assert said.verdict(case)[0]
    unsaid = CaseResult(case.id, failed_tests={"test_softmax": "softmax(x): 3 of 3 values differ"})
    ok, why = unsaid.verdict(case)
    assert not ok and "does not say ['subtract the max']" in why


def test_the_classic_mistakes_must_be_diagnosed():
    """The bank pins the diagnosis of the mistakes the course promises to recognise."""
    cases = [c for c in discover(ROOT) if c.kind == "wrong"]
    pinned = {c.id for c in cases if c.expect}
    for must in ("w03_shallow_network/backward_propagation/wrong_tanh_derivative_1_minus_A",
                 "w04_deep_network/linear_backward/wrong_no_1_over_m",
                 "w04_deep_network/linear_backward/wrong_dW_transposed",
                 "w01_numpy_basics/softmax/wrong_no_max_shift",
                 "w01_numpy_basics/reshape_and_normalize/wrong_normalize_axis_0"):
        assert must in pinned
    assert len(pinned) >= 70

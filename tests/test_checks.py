"""The visible-test helpers: they must fail on wrong answers and say why."""
import numpy as np
import pytest

from course.checks import (CheckError, check_close, check_equal, check_keys, check_no_warnings,
                           check_scalar, check_shape, check_type, check_unchanged, compare, diagnose)


def fails_with(fn, *words):
    with pytest.raises(CheckError) as info:
        fn()
    message = str(info.value)
    for w in words:
        assert w in message, f"{w!r} not in {message!r}"
    return message


def test_close_passes_and_fails_with_location():
    check_close(np.array([1.0, 2.0]), [1.0, 2.0], "f(x)")
    msg = fails_with(lambda: check_close(np.array([1.0, 2.5]), [1.0, 2.0], "f(x)"),
                     "f(x)", "1 of 2 values differ", "index (1,)", "got 2.5", "expected 2")
    assert "max abs error 0.5" in msg


def test_shape_transpose_hint():
    fails_with(lambda: check_shape(np.zeros((3, 4)), (4, 3), "dW"),
               "dW has shape (3, 4), expected (4, 3)", "transpose")


def test_shape_rank1_hint():
    fails_with(lambda: check_shape(np.zeros(5), (5, 1), "db"), "rank-1", "keepdims")


def test_missing_return_hint():
    fails_with(lambda: check_shape(None, (2, 2), "A"), "return")
    fails_with(lambda: check_type(None, float, "cost"), "return")


def test_m_times_too_large_hint():
    expected = np.array([[0.1, -0.2, 0.3]])
    fails_with(lambda: check_close(expected * 8, expected, "dw", m=8), "m = 8 times too large", "divide by m")


def test_sign_and_factor_hints():
    e = np.array([1.0, -2.0, 3.0])
    fails_with(lambda: check_close(-e, e, "grad"), "wrong sign")
    fails_with(lambda: check_close(2 * e, e, "grad"), "factor 2")


def test_square_transpose_value_hint():
    e = np.array([[1.0, 2.0], [3.0, 4.0]])
    fails_with(lambda: check_close(e.T, e, "W"), "transpose")


def test_wrong_axis_hint():
    x = np.array([[1.0, 2.0, 3.0], [0.5, 0.1, 2.0], [3.0, 1.0, 1.0]])
    good = np.exp(x) / np.exp(x).sum(axis=1, keepdims=True)
    bad = np.exp(x) / np.exp(x).sum(axis=0, keepdims=True)
    fails_with(lambda: check_close(bad, good, "softmax(x)"), "wrong axis")


def test_nan_hint():
    fails_with(lambda: check_close(np.array([np.nan, 1.0]), [0.5, 1.0], "softmax"), "NaN", "overflow")


def test_one_minus_hint():
    e = np.array([0.2, 0.7, 0.9])
    fails_with(lambda: check_close(1 - e, e, "sigmoid"), "sign flipped")


def test_custom_hint_takes_priority():
    fails_with(lambda: check_close(np.array([3.0]), [1.0], "x", hints=[(lambda g, e: True, "custom cause")]),
               "custom cause")


def test_scalar_requires_float_not_array():
    check_scalar(0.5, 0.5, "cost")
    fails_with(lambda: check_scalar(np.array([[0.5]]), 0.5, "cost"), "should be a float", "float(")


def test_keys_and_equal():
    check_keys({"dw": 1, "db": 2}, ["dw", "db"], "grads")
    fails_with(lambda: check_keys({"dw": 1}, ["dw", "db"], "grads"), "missing", "db")
    check_equal([1, 3], {1, 3}, "answer")
    fails_with(lambda: check_equal({1}, {1, 3}, "answer"), "expected")


def test_no_warnings_catches_overflow_but_not_underflow():
    with check_no_warnings("ok"):
        np.exp(-1000.0)
    def overflow():
        with check_no_warnings("sigmoid"):
            np.exp(np.array([1000.0]))
    fails_with(overflow, "overflow")


def test_unchanged():
    a = np.ones(3)
    check_unchanged(a, a.copy(), "x")
    fails_with(lambda: check_unchanged(a, a * 2, "x"), "modified in place")


def test_compare_nested():
    compare({"a": (np.ones(2), 1.0)}, {"a": (np.ones(2), 1.0)}, "out")
    fails_with(lambda: compare({"a": (np.ones(2), 2.0)}, {"a": (np.ones(2), 1.0)}, "out"), 'out["a"][1]')
    fails_with(lambda: compare([1.0], [1.0, 2.0], "out"), "has 1 items, expected 2")


def test_diagnose_returns_empty_for_unrelated():
    assert diagnose(np.array([1.0, 5.0, 2.0]), np.array([3.0, 1.0, 9.0])) == ""


def test_explain_errors_names_the_usual_cause():
    import math
    from course.checks import explain_errors
    fails_with(lambda: _explained(lambda: math.exp(np.ones(3))), "raised TypeError", "np.exp")
    fails_with(lambda: _explained(lambda: np.ones((2, 3)) @ np.ones((2, 3))), "transpose")
    fails_with(lambda: _explained(lambda: np.ones((2, 3)) / np.ones(2)), "keepdims=True")
    fails_with(lambda: _explained(lambda: np.ones(3).sum(axis=1)), "axis=-1")
    fails_with(lambda: _explained(lambda: {}["W0"]), "numbered from 1")
    # a test's own hint comes first; an error nobody explains passes through unchanged
    with pytest.raises(CheckError, match="elementwise"):
        with explain_errors("f(x)", [(ValueError, "elementwise, not a matrix product")]):
            np.ones((2, 3)) @ np.ones((2, 3))
    with pytest.raises(ZeroDivisionError):
        with explain_errors("f(x)"):
            1 / 0


def _explained(fn):
    from course.checks import explain_errors
    with explain_errors("f(x)"):
        fn()

"""Check helpers for the visible tests (and the hidden ones).

Every check raises :class:`CheckError` (an ``AssertionError``, so nbgrader counts the cell
as failed) with a message that names what was checked, what was expected, what came back
and — when the wrong output matches a mistake students often make — the likely cause.

    >>> check_close(got=my_sigmoid(x), expected=[[0.5, 0.73]], name="sigmoid(x)")

Hints are recognised from the output alone: a constant factor (forgot 1/m, a factor 2,
wrong sign), a transpose, a rank-1 array, the wrong axis of a normalisation, NaN/inf from
an overflow. A week can add its own hints with ``hints=[(predicate, message), ...]`` (the
message in both languages: ``tr(...)`` made where the hint list is built in a function, or
``bilingual(...)`` in a module-level table — see :mod:`course.i18n`).

Every message is written in English and Japanese where it is raised (``tr(f"...", f"...")``,
:mod:`course.i18n`): the student reads the language of their edition.
"""
from __future__ import annotations

import math
import numbers
import warnings
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from .i18n import tr

__all__ = [
    "CheckError", "check_type", "check_shape", "check_dtype", "check_keys", "check_close",
    "check_scalar", "check_equal", "check_no_warnings", "check_unchanged", "compare",
    "diagnose", "passed", "describe", "error_cause", "explain_errors",
]

Hint = tuple[Callable[[np.ndarray, np.ndarray], bool], str]


class CheckError(AssertionError):
    """A failed check; the message is meant for the student."""


def _fail(message: str) -> None:
    raise CheckError(message)


def describe(value: Any) -> str:
    """A short description of a value: its type and, for arrays, shape and dtype."""
    if isinstance(value, np.ndarray):
        return tr(f"ndarray of shape {value.shape} and dtype {value.dtype}",
                  f"形状 {value.shape}、データ型 {value.dtype} の ndarray")
    if isinstance(value, (list, tuple)):
        return tr(f"{type(value).__name__} of length {len(value)}",
                  f"長さ {len(value)} の {type(value).__name__}")
    if isinstance(value, dict):
        return tr(f"dict with keys {sorted(map(str, value))}",
                  f"キー {sorted(map(str, value))} の dict")
    return f"{type(value).__name__} {value!r}"[:200]


# --------------------------------------------------------------------------- structure
def check_type(value: Any, types: type | tuple[type, ...], name: str) -> None:
    """Fail unless ``value`` is an instance of ``types``."""
    if not isinstance(value, types):
        names = (types,) if isinstance(types, type) else types
        wanted = " or ".join(t.__name__ for t in names)
        hint = ""
        if isinstance(value, np.ndarray) and float in names:
            hint = tr(" — wrap the result in float(...) (np.squeeze / .item() also work)",
                      "結果を float(...) で包んでください (np.squeeze や .item() でもかまいません)。")
        if value is None:
            hint = (tr(" — replace None with your answer in the cell above",
                       "上のセルの None をあなたの答えに置き換えてください。") if name.startswith("answer_")
                    else _no_return_hint())
        _fail(tr(f"{name} should be a {wanted}, got {describe(value)}{hint}.",
                 f"{name} は {wanted} であるべきですが、{describe(value)} でした。{hint}"))


def _no_return_hint() -> str:
    return tr(" — did you forget the `return` statement?", "`return` 文を書き忘れていませんか？")


def _shape_hint(got: tuple, expected: tuple) -> str:
    """The likely cause of a wrong shape: " — ..." in English, a sentence of its own in Japanese."""
    if tuple(reversed(got)) == tuple(expected) and got != expected:
        return tr(" — this is the transposed shape: did you forget a transpose (.T) or swap the operands of np.dot?",
                  "転置した形状です。転置 (.T) を忘れたか、np.dot の引数の順序が逆になっていませんか？")
    if len(got) == 1 and len(expected) == 2 and got[0] in expected:
        return tr(" — this is a rank-1 array: keep it 2-D, e.g. with keepdims=True or "
                  ".reshape(-1, 1) / .reshape(1, -1)",
                  "ランク1配列になっています。keepdims=True や .reshape(-1, 1) / .reshape(1, -1) "
                  "などで 2 次元のまま保ってください。")
    if len(got) == 2 and len(expected) == 1 and expected[0] in got and 1 in got:
        return tr(" — expected a rank-1 array: flatten it with .reshape(-1) or .ravel()",
                  "ランク1配列であるべきです。.reshape(-1) か .ravel() で平坦化してください。")
    if sorted(got) == sorted(expected):
        return tr(" — the same sizes in another order: check which axis holds the examples",
                  "大きさは同じで順序が違います。例 (データ) がどの軸に並ぶかを確認してください。")
    if len(got) == len(expected) - 1:
        return tr(" — one dimension is missing: did you sum without keepdims=True?",
                  "次元が 1 つ足りません。keepdims=True を付けずに和を取っていませんか？")
    return ""


def check_shape(value: Any, expected_shape: Sequence[int], name: str) -> None:
    """Fail unless ``value`` is an ndarray of exactly ``expected_shape``."""
    expected_shape = tuple(expected_shape)
    if not isinstance(value, np.ndarray):
        hint = _no_return_hint() if value is None else ""
        _fail(tr(f"{name} should be a NumPy array of shape {expected_shape}, got {describe(value)}{hint}.",
                 f"{name} は形状 {expected_shape} の NumPy 配列であるべきですが、{describe(value)} でした。{hint}"))
    if value.shape != expected_shape:
        hint = _shape_hint(value.shape, expected_shape)
        _fail(tr(f"{name} has shape {value.shape}, expected {expected_shape}{hint}.",
                 f"{name} の形状が {value.shape} ですが、{expected_shape} であるべきです。{hint}"))


def check_dtype(value: np.ndarray, kind: str, name: str) -> None:
    """``kind`` is a NumPy kind letter: "f" float, "i" signed int, "b" bool."""
    if np.asarray(value).dtype.kind != kind:
        words = {"f": "floating point", "i": "integer", "b": "boolean", "u": "unsigned integer"}
        words_ja = {"f": "浮動小数点数", "i": "整数", "b": "真偽値", "u": "符号なし整数"}
        dtype = np.asarray(value).dtype
        _fail(tr(f"{name} has dtype {dtype}, expected a {words.get(kind, kind)} dtype.",
                 f"{name} のデータ型が {dtype} ですが、{words_ja.get(kind, kind)}のデータ型であるべきです。"))


def check_keys(value: Any, keys: Iterable[str], name: str) -> None:
    """Fail unless ``value`` is a dict holding (at least) every key in ``keys``."""
    if not isinstance(value, dict):
        _fail(tr(f"{name} should be a dict, got {describe(value)}.",
                 f"{name} は dict であるべきですが、{describe(value)} でした。"))
    missing = [k for k in keys if k not in value]
    if missing:
        _fail(tr(f"{name} is missing the key(s) {missing}; it has {sorted(map(str, value))}.",
                 f"{name} にキー {missing} がありません。含まれているキーは {sorted(map(str, value))} です。"))


def check_unchanged(before: np.ndarray, after: np.ndarray, name: str) -> None:
    """Fail if an input array was modified in place."""
    if not np.array_equal(before, after, equal_nan=True):
        _fail(tr(f"{name} was modified in place: work on a copy (e.g. x.copy()) "
                 "instead of changing the caller's array.",
                 f"{name} がその場で書き換えられました。呼び出し側の配列を変更せず、"
                 "コピー (例: x.copy()) に対して計算してください。"))


# --------------------------------------------------------------------------- values
def _ratio(got: np.ndarray, expected: np.ndarray) -> float | None:
    """The constant c with got == c * expected, if there is one."""
    mask = np.abs(expected) > 1e-12
    if mask.sum() == 0 or not np.all(np.isfinite(got)):
        return None
    ratios = got[mask] / expected[mask]
    c = float(np.median(ratios))
    if abs(c) < 1e-12:
        return None
    if np.allclose(got, c * expected, rtol=1e-4, atol=1e-9):
        return c
    return None


def diagnose(got: np.ndarray, expected: np.ndarray, hints: Iterable[Hint] = (),
             m: int | None = None) -> str:
    """The likely cause of a mismatch between two arrays of the same shape, or ""."""
    for predicate, message in hints:
        try:
            if predicate(got, expected):
                return message
        except Exception:  # a hint that cannot apply is simply not the cause
            continue
    if not np.all(np.isfinite(got)) and np.all(np.isfinite(expected)):
        return tr("the result contains NaN or inf: an overflow? (exp of a large number — "
                  "subtract the max first / use a numerically stable form; log(0) — add a small delta)",
                  "結果に NaN か inf が含まれています。オーバーフローしていませんか？ (大きな数の exp "
                  "なら先に最大値を引くなど数値的に安定な形にする、log(0) なら小さな値 delta を足す)")
    if got.ndim == 2 and got.shape[0] == got.shape[1] and np.allclose(got, expected.T, rtol=1e-5, atol=1e-8):
        return tr("this is the transpose of the expected matrix: did you forget a .T or swap the operands?",
                  "期待される行列の転置になっています。.T を忘れたか、演算の順序が逆になっていませんか？")
    if np.allclose(got, 1 - expected, rtol=1e-5, atol=1e-8) and not np.allclose(expected, 0.5):
        return tr("each value is 1 − the expected one: is a sign flipped (e.g. exp(x) instead of exp(−x))?",
                  "どの値も 1 − (期待される値) になっています。符号が逆になっていませんか？ "
                  "(例: exp(−x) ではなく exp(x))")
    c = _ratio(got, expected)
    if c is not None:
        if m is not None and m > 1 and math.isclose(c, m, rel_tol=1e-3):
            return tr(f"values are m = {m} times too large: did you forget to divide by m?",
                      f"値が m = {m} 倍の大きさになっています。m で割るのを忘れていませんか？")
        if m is not None and m > 1 and math.isclose(c, 1 / m, rel_tol=1e-3):
            return tr(f"values are m = {m} times too small: did you divide by m twice?",
                      f"値が 1/m 倍 (m = {m}) の大きさになっています。m で 2 回割っていませんか？")
        if math.isclose(c, -1, rel_tol=1e-6):
            return tr("every value has the wrong sign: check the sign of the formula (e.g. the minus in the loss)",
                      "すべての値の符号が逆です。式の符号 (例: 損失関数の先頭のマイナス) を確認してください。")
        if math.isclose(c, 2, rel_tol=1e-6) or math.isclose(c, 0.5, rel_tol=1e-6):
            return tr(f"values are {c:g} times the expected ones: a factor 2 (or 1/2) is off",
                      f"値が期待される値の {c:g} 倍です。係数 2 (または 1/2) がずれています。")
        if not math.isclose(c, 1, rel_tol=1e-3):  # "1 times the expected ones" explains nothing
            return tr(f"values are {c:.4g} times the expected ones: a constant factor is off",
                      f"値が期待される値の {c:.4g} 倍です。定数倍の係数がずれています。")
    if got.ndim == 2 and expected.ndim == 2:
        for axis, other in ((1, 0), (0, 1)):
            exp_sums = expected.sum(axis=axis)
            got_sums = got.sum(axis=other)
            if (np.allclose(exp_sums, 1) and np.allclose(got_sums, 1)
                    and not np.allclose(got.sum(axis=axis), 1)):
                return tr("each {} sums to 1 instead of each {}: normalised over the wrong axis"
                          .format("column" if axis == 1 else "row", "row" if axis == 1 else "column"),
                          "各{}ではなく各{}の和が 1 になっています。正規化する軸が違います。"
                          .format("行" if axis == 1 else "列", "列" if axis == 1 else "行"))
    if np.allclose(np.sort(got, axis=None), np.sort(expected, axis=None), rtol=1e-5, atol=1e-8):
        return tr("the right values in the wrong places: check reshape order, transposes and axes",
                  "値は正しいのに位置が違います。reshape の順序、転置、軸を確認してください。")
    return ""


def _first_difference(got: np.ndarray, expected: np.ndarray, rtol: float, atol: float):
    bad = ~np.isclose(got, expected, rtol=rtol, atol=atol, equal_nan=True)
    idx = tuple(int(i) for i in np.argwhere(bad)[0]) if bad.any() else None
    return idx, int(bad.sum())


def check_close(got: Any, expected: Any, name: str, rtol: float = 1e-5, atol: float = 1e-7,
                hints: Iterable[Hint] = (), m: int | None = None) -> None:
    """Fail unless ``got`` is an array (or number) equal to ``expected`` within tolerance.

    The message gives the shape, the maximum error, the first differing index with both
    values, and a likely cause when :func:`diagnose` recognises one. Pass ``m`` (the number
    of examples) to recognise a missing or doubled 1/m.
    """
    expected_arr = np.asarray(expected, dtype=float)
    if isinstance(got, numbers.Number) and not isinstance(got, bool) and expected_arr.ndim == 0:
        got_arr = np.asarray(got, dtype=float)
    else:
        if expected_arr.ndim == 0 and isinstance(got, np.ndarray) and got.size == 1:
            got = got.reshape(())
        check_shape(got, expected_arr.shape, name) if expected_arr.ndim else None
        if not isinstance(got, (np.ndarray, numbers.Number)):
            _fail(tr(f"{name} should be a number or an array, got {describe(got)}.",
                     f"{name} は数値か配列であるべきですが、{describe(got)} でした。"))
        if np.asarray(got).dtype.kind not in "fiub":
            _fail(tr(f"{name} has dtype {np.asarray(got).dtype}, expected numbers.",
                     f"{name} のデータ型が {np.asarray(got).dtype} ですが、数値であるべきです。"))
        got_arr = np.asarray(got, dtype=float)
    if np.allclose(got_arr, expected_arr, rtol=rtol, atol=atol, equal_nan=True):
        return
    if expected_arr.ndim == 0:
        msg = tr(f"{name} = {float(got_arr):.8g}, expected {float(expected_arr):.8g}",
                 f"{name} = {float(got_arr):.8g} ですが、{float(expected_arr):.8g} であるべきです")
        cause = diagnose(got_arr.reshape(1), expected_arr.reshape(1), hints, m)
    else:
        idx, n_bad = _first_difference(got_arr, expected_arr, rtol, atol)
        err = np.abs(got_arr - expected_arr)
        max_err = float(np.nanmax(err)) if np.isfinite(err).any() else float("inf")
        msg = tr(f"{name}: {n_bad} of {got_arr.size} values differ (max abs error {max_err:.3g}); "
                 f"first at index {idx}: got {got_arr[idx]:.8g}, expected {expected_arr[idx]:.8g}",
                 f"{name}: {got_arr.size} 個中 {n_bad} 個の値が違います (最大絶対誤差 {max_err:.3g})。"
                 f"最初はインデックス {idx} で、{got_arr[idx]:.8g} ですが {expected_arr[idx]:.8g} であるべきです")
        cause = diagnose(got_arr, expected_arr, hints, m)
    _fail(tr(msg + (f" — {cause}." if cause else "."),
             msg + "。" + (f"{_sentence(cause)}" if cause else "")))


def _sentence(cause: str) -> str:
    """A cause as a Japanese sentence (a week's hint may end without a full stop)."""
    cause = str(cause).strip()
    return cause if cause.endswith(("。", "？", "?", "！", ")", "）")) else cause + "。"


def check_scalar(got: Any, expected: float, name: str, rtol: float = 1e-5, atol: float = 1e-7,
                 hints: Iterable[Hint] = (), m: int | None = None) -> None:
    """Fail unless ``got`` is a Python/NumPy float (not an array) close to ``expected``."""
    if isinstance(got, np.ndarray):
        _fail(tr(f"{name} should be a float, got {describe(got)} — convert it with float(...) "
                 "(e.g. float(np.squeeze(cost))).",
                 f"{name} は float であるべきですが、{describe(got)} でした。float(...) で変換してください "
                 "(例: float(np.squeeze(cost)))。"))
    check_type(got, (float, np.floating, int, np.integer), name)
    check_close(float(got), expected, name, rtol=rtol, atol=atol, hints=hints, m=m)


def check_equal(got: Any, expected: Any, name: str) -> None:
    """Fail unless ``got == expected`` (for answers that are sets, tuples, strings, ints)."""
    if isinstance(expected, (set, frozenset)) and isinstance(got, (list, tuple)):
        got = set(got)
    if isinstance(expected, tuple) and isinstance(got, list):
        got = tuple(got)
    if got != expected:
        _fail(tr(f"{name} is {got!r}, expected {expected!r}.",
                 f"{name} が {got!r} ですが、{expected!r} であるべきです。"))


@contextmanager
def check_no_warnings(name: str):
    """Fail if NumPy warns (overflow, divide by zero, invalid value) inside the block."""
    with warnings.catch_warnings(record=True) as caught, np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
        warnings.simplefilter("always")
        yield
    bad = [w for w in caught if issubclass(w.category, RuntimeWarning)]
    if bad:
        _fail(tr(f"{name} raised a warning: {bad[0].message} — use a numerically stable formula "
                 "(e.g. subtract the max before np.exp, or split by sign).",
                 f"{name} で警告が出ました: {bad[0].message} — 数値的に安定な式を使ってください "
                 "(例: np.exp の前に最大値を引く、符号で場合分けする)。"))


def compare(got: Any, expected: Any, name: str, rtol: float = 1e-5, atol: float = 1e-7,
            m: int | None = None) -> None:
    """Compare nested results (tuples, lists, dicts of arrays and numbers) recursively."""
    if isinstance(expected, dict):
        check_keys(got, expected.keys(), name)
        for key in expected:
            compare(got[key], expected[key], f'{name}["{key}"]', rtol, atol, m)
    elif isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            _fail(tr(f"{name} should be a {type(expected).__name__} of length {len(expected)}, "
                     f"got {describe(got)}.",
                     f"{name} は長さ {len(expected)} の {type(expected).__name__} であるべきですが、"
                     f"{describe(got)} でした。"))
        if len(got) != len(expected):
            _fail(tr(f"{name} has {len(got)} items, expected {len(expected)}.",
                     f"{name} の要素数が {len(got)} ですが、{len(expected)} であるべきです。"))
        for i, (g, e) in enumerate(zip(got, expected)):
            compare(g, e, f"{name}[{i}]", rtol, atol, m)
    elif isinstance(expected, (str, bool, set, frozenset)) or expected is None:
        check_equal(got, expected, name)
    else:
        check_close(got, expected, name, rtol=rtol, atol=atol, m=m)


def passed(what: str) -> None:
    """Print the line students look for when a test cell succeeds."""
    print(tr(f"✓ {what}: all tests passed", f"✓ {what}: すべてのテストに合格しました"))


# Raw errors that common slips raise inside a student's function, and what they usually mean.
# Each cause is an (English, Japanese) pair: the one shown follows the current language.
_ERROR_CAUSES = [
    ("TypeError", ("only 0-dimensional arrays", "only length-1 arrays", "only size-1 arrays"),
     ("math.exp / math.sqrt / float() take one number: use NumPy's np.exp / np.sqrt, which work on whole arrays",
      "math.exp / math.sqrt / float() が受け取れるのは 1 つの数だけです。配列全体に使える NumPy の "
      "np.exp / np.sqrt を使ってください。")),
    ("ValueError", ("not aligned", "mismatch in its core dimension"),
     ("the inner sizes of a matrix product do not match: check the order of its operands, a "
      "missing or extra transpose (.T), and the order in which you unpack a cache",
      "行列積の内側の大きさが合っていません。演算の順序、転置 (.T) の過不足、"
      "キャッシュを取り出す順序を確認してください。")),
    ("ValueError", ("could not be broadcast",),
     ("these shapes do not broadcast: a sum / max / norm over an axis needs keepdims=True (shape "
      "(n, 1), not (n,)) to line up with the array it came from — or one operand needs a reshape",
      "この 2 つの形状はブロードキャストできません。軸に沿った和・最大値・ノルムを元の配列とそろえるには "
      "keepdims=True が必要です (形状 (n,) ではなく (n, 1))。または、どちらかの reshape が必要です。")),
    ("AxisError", ("out of bounds",),
     ("the array has fewer axes than the code assumes (a 1-D input?): axis=-1 means the last axis "
      "whatever the number of dimensions",
      "配列の軸がコードの想定より少ないようです (1 次元の入力？)。axis=-1 なら次元の数によらず最後の軸を指します。")),
    ("KeyError", ("'W0'", "'b0'", "'dW0'", "'db0'"),
     ("layers are numbered from 1 (W1, b1, …, WL, bL): start your loop at 1, range(1, L + 1)",
      "層の番号は 1 から始まります (W1, b1, …, WL, bL)。ループは 1 から始めてください: range(1, L + 1)")),
    ("KeyError", ("'W", "'b", "'dW", "'db", "'dA"),
     ("that layer's entry does not exist: check your loop's range and how you compute the number "
      "of layers L (parameters holds two arrays per layer: L = len(parameters) // 2)",
      "その層の項目がありません。ループの範囲と層の数 L の求め方を確認してください "
      "(parameters には層ごとに 2 つの配列があるので L = len(parameters) // 2 です)。")),
]


def error_cause(kind: str, message: str) -> str:
    """The usual cause of a raw error ``kind: message`` raised by a student's code, or ""."""
    for name, fragments, (en, ja) in _ERROR_CAUSES:
        if kind == name and any(f in message for f in fragments):
            return tr(en, ja)
    return ""


@contextmanager
def explain_errors(name: str, hints: Iterable[tuple[Any, str]] = ()):
    """Run the block; a raw error (not a CheckError) becomes a CheckError naming its likely cause.

    ``hints`` are ``(exception type or predicate(exc) -> bool, cause)`` pairs for this test;
    when none matches, the usual causes of common raw errors are tried (:func:`error_cause`).
    The original error stays attached, with its traceback::

        with explain_errors("normalize_rows(x)"):
            got = normalize_rows(x)
    """
    try:
        yield
    except CheckError:
        raise
    except Exception as exc:
        kind = type(exc).__name__
        cause = next((cause for test, cause in hints
                      if (isinstance(exc, test) if isinstance(test, type) else test(exc))),
                     error_cause(kind, str(exc)))
        if not cause:
            raise
        raise CheckError(tr(f"{name} raised {kind}: {exc} — {cause}",
                            f"{name} で {kind} が発生しました: {exc} — {cause}")) from exc

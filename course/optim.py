"""Week 7 helpers (optimization): checks used by the visible tests and the hidden probes alike.

* :func:`check_mini_batches` — the properties of a correct mini-batch split (one shared
  shuffle of X and Y, a partition of the examples, sizes ``[s, …, s, remainder]``), so that
  any correct shuffle passes, not only one random stream;
* :func:`run_updates` — call a book-style optimizer's ``update(params, grads)`` on a sequence of
  gradients and record the caller's ``params`` after each call (checking it was updated in place);
* :func:`check_updates` — compare those snapshots with the expected ones, step by step.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Sequence

import numpy as np

from .checks import CheckError, check_close
from .i18n import tr

__all__ = ["check_mini_batches", "run_updates", "check_updates"]

StepHint = tuple[Callable[[np.ndarray, np.ndarray, int, str], bool], str]


def _pairs(batches: Any, name: str) -> list:
    if isinstance(batches, tuple):
        batches = list(batches)
    if not isinstance(batches, list):
        hint = (tr(" — did you forget the `return` statement?", "`return` 文を書き忘れていませんか？")
                if batches is None else "")
        raise CheckError(tr(f"{name} should be a list of (mini_batch_X, mini_batch_Y) pairs, got "
                            f"{type(batches).__name__}{hint}.",
                            f"{name} は (mini_batch_X, mini_batch_Y) の組のリストであるべきですが、"
                            f"{type(batches).__name__} でした。{hint}"))
    for k, pair in enumerate(batches):
        if not (isinstance(pair, (tuple, list)) and len(pair) == 2
                and all(isinstance(a, np.ndarray) for a in pair)):
            raise CheckError(tr(f"{name}: item {k} of the list should be a pair (mini_batch_X, mini_batch_Y) "
                                "of NumPy arrays.",
                                f"{name}: リストの要素 {k} は NumPy 配列の組 (mini_batch_X, mini_batch_Y) "
                                "であるべきです。"))
    return batches


def check_mini_batches(batches: Any, X: np.ndarray, Y: np.ndarray, mini_batch_size: int,
                       name: str) -> None:
    """Fail unless ``batches`` is a correct split of the columns of ``X (n_x, m)``, ``Y (1, m)``.

    Correct means: a list of ``(mini_batch_X, mini_batch_Y)`` pairs of sizes
    ``[mini_batch_size] * (m // mini_batch_size)`` plus one smaller batch of the remainder when
    ``m % mini_batch_size != 0``; every column of X exactly once, each with its own label; and
    (for m ≥ 10) not in the original order. The columns of X must be distinct.
    """
    n_x, m = X.shape
    size = int(mini_batch_size)
    batches = _pairs(batches, name)
    want = [size] * (m // size) + ([m % size] if m % size else [])
    sizes = [int(bx.shape[1]) if bx.ndim == 2 else -1 for bx, _ in batches]
    if sizes != want:
        if m % size and len(sizes) == len(want) - 1 and sizes == want[:-1]:
            why = tr(f" — the last, smaller mini-batch (the {m % size} examples left over, "
                     "m % mini_batch_size) is missing",
                     f"最後の小さなミニバッチ (余った {m % size} 個の例、m % mini_batch_size) がありません。")
        elif sizes and sizes[-1] == 0:
            why = tr(" — the last mini-batch is empty: add the extra batch only when m % mini_batch_size != 0",
                     "最後のミニバッチが空です。余りのバッチは m % mini_batch_size != 0 のときだけ加えてください。")
        elif -1 in sizes:
            why = tr(" — every mini_batch_X must be 2-D, shape (n_x, batch size)",
                     "どの mini_batch_X も形状 (n_x, バッチの大きさ) の 2 次元配列であるべきです。")
        elif sum(sizes) != m:
            why = tr(f" — they hold {sum(sizes)} examples in all instead of m = {m}: check the slice "
                     "bounds k * mini_batch_size : (k + 1) * mini_batch_size",
                     f"例が全部で m = {m} 個ではなく {sum(sizes)} 個あります。スライスの範囲 "
                     "k * mini_batch_size : (k + 1) * mini_batch_size を確認してください。")
        else:
            why = tr(" — every mini-batch but the last must hold exactly mini_batch_size columns",
                     "最後以外のミニバッチはちょうど mini_batch_size 列であるべきです。")
        raise CheckError(tr(f"{name}: mini-batch sizes {sizes}, expected {want}{why}.",
                            f"{name}: ミニバッチの大きさが {sizes} ですが、{want} であるべきです。{why}"))
    where = {np.ascontiguousarray(X[:, i]).tobytes(): i for i in range(m)}
    order = []
    for k, (bx, by) in enumerate(batches):
        if bx.shape != (n_x, sizes[k]) or by.shape != (1, sizes[k]):
            raise CheckError(tr(f"{name}: mini-batch {k} has shapes X {bx.shape}, Y {by.shape}; expected "
                                f"X {(n_x, sizes[k])}, Y {(1, sizes[k])} (examples are columns).",
                                f"{name}: ミニバッチ {k} の形状が X {bx.shape}, Y {by.shape} ですが、"
                                f"X {(n_x, sizes[k])}, Y {(1, sizes[k])} であるべきです (例は列に並びます)。"))
        for j in range(sizes[k]):
            i = where.get(np.ascontiguousarray(bx[:, j], dtype=X.dtype).tobytes())
            if i is None:
                raise CheckError(tr(f"{name}: column {j} of mini-batch {k} is not a column of X — shuffle "
                                    "whole columns (X[:, permutation]), not single entries or rows.",
                                    f"{name}: ミニバッチ {k} の列 {j} が X のどの列でもありません。"
                                    "個々の要素や行ではなく、列をまるごとシャッフルしてください "
                                    "(X[:, permutation])。"))
            if by[0, j] != Y[0, i]:
                raise CheckError(tr(
                    f"{name}: column {j} of mini-batch {k} is X[:, {i}] but its label is not Y[:, {i}] — "
                    "X and Y must be shuffled together, with ONE permutation used for both.",
                    f"{name}: ミニバッチ {k} の列 {j} は X[:, {i}] ですが、そのラベルが Y[:, {i}] ではありません。"
                    "X と Y は、両方に同じ 1 つの置換 (permutation) を使って一緒にシャッフルしてください。"))
            order.append(i)
    if sorted(order) != list(range(m)):
        twice = sorted({i for i in order if order.count(i) > 1})[:5]
        raise CheckError(tr(f"{name}: some examples appear in several mini-batches (e.g. columns {twice}) "
                            "and others in none — the batches must cut the shuffled data into pieces, "
                            "each example exactly once.",
                            f"{name}: 複数のミニバッチに入っている例 (例: 列 {twice}) と、どこにも入っていない例が"
                            "あります。シャッフルしたデータを切り分けて、どの例もちょうど 1 回ずつ入るようにしてください。"))
    if m >= 10 and order == list(range(m)):
        raise CheckError(tr(f"{name}: the columns are still in their original order — shuffle them "
                            "(np.random.permutation(m)) before cutting the mini-batches.",
                            f"{name}: 列が元の順序のままです。ミニバッチに切り分ける前にシャッフルしてください "
                            "(np.random.permutation(m))。"))


def run_updates(optimizer: Any, params: dict, grad_sequence: Sequence[dict], name: str) -> list[dict]:
    """Call ``optimizer.update(params, grads)`` for each ``grads``; return copies of ``params`` after each call.

    Fails when a call leaves the caller's ``params`` dict unchanged (the update must happen in
    place: ``params[key] -= ...`` or ``params[key] = ...``, never ``params = {...}``).
    """
    history = []
    for step, grads in enumerate(grad_sequence, start=1):
        before = {k: np.array(v, dtype=float, copy=True) for k, v in params.items()}
        optimizer.update(params, {k: np.array(v, copy=True) for k, v in grads.items()})
        if set(params) != set(before):
            raise CheckError(tr(f"{name}.update changed the keys of params to {sorted(params)}; it should only "
                                "change their values.",
                                f"{name}.update が params のキーを {sorted(params)} に変えました。"
                                "変えてよいのは値だけです。"))
        if not any(np.any(np.asarray(params[k], dtype=float) != before[k]) for k in params):
            raise CheckError(tr(
                f"{name}.update: after update() call {step} the caller's params dict still holds the old "
                "values — update it IN PLACE (params[key] -= ... or params[key] = ...); building a new "
                "dict (params = {...}) or assigning to a loop variable does not reach the caller.",
                f"{name}.update: update() の {step} 回目の呼び出しの後も、呼び出し側の params が古い値のままです。"
                "その場で更新してください (params[key] -= ... または params[key] = ...)。"
                "新しい dict を作る (params = {...}) ことやループ変数への代入は、呼び出し側に届きません。"))
        history.append({k: np.array(v, dtype=float, copy=True) for k, v in params.items()})
    return history


def check_updates(history: list[dict], expected: Sequence[dict], name: str, note: str = "",
                  hints: Iterable[StepHint] = ()) -> None:
    """Compare the snapshots of :func:`run_updates` with ``expected``, one update() call at a time.

    ``note`` is added to the message of a mismatch (e.g. what this particular input tests);
    ``hints`` are ``(predicate(got, expected, step, key), message)`` pairs, ``step`` counting
    update() calls from 1 — the first that holds names the likely cause.
    """
    hints = list(hints)
    for step, (got, want) in enumerate(zip(history, expected), start=1):
        for key, value in want.items():
            bound = [(lambda g, e, p=pred, s=step, k=key: p(g, e, s, k), msg) for pred, msg in hints]
            try:
                check_close(got[key], value,
                            tr(f'{name}: params["{key}"] after update() call {step}',
                               f'{name}: update() の {step} 回目の呼び出し後の params["{key}"]'),
                            hints=bound)
            except CheckError as err:
                extra = ""
                if step > 1:
                    extra = tr(f" The first {step - 1} call(s) were right: is the state kept on the object "
                               "between calls (created once, when it is still None) and updated as the "
                               "formula says?",
                               f" 最初の {step - 1} 回の呼び出しは正しい結果でした。状態は呼び出しの間も"
                               "オブジェクトに保持され (まだ None のときに一度だけ作られ)、式のとおりに"
                               "更新されていますか？")
                raise CheckError(f"{err}{extra}{(' ' + str(note)) if note else ''}") from None

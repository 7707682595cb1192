"""Checks for week 9 (convolution and pooling): output shapes with a diagnosis.

A wrong output shape of a convolution or a pooling usually has one of a few causes — the
stride ignored, the padding left out of the size formula or counted once, rounding up
instead of down, the ``+ 1`` forgotten, the wrong axes padded. The functions here list
the shapes each of those mistakes produces, so that a test can name the cause::

    check_shape_with_hints(Z, (2, 3, 4, 8), "Z",
                           conv_shape_mistakes((2, 5, 7, 4), f=3, pad=1, stride=2, n_C=8))
"""
from __future__ import annotations

import math
from typing import Iterable, Sequence

import numpy as np

from course.checks import CheckError, check_shape, compare, explain_errors
from course.i18n import tr

__all__ = ["output_size", "size_mistakes", "check_output_size", "conv_shape_mistakes", "pad_shape_mistakes",
           "im2col_shape_mistakes", "col2im_shape_mistakes", "check_shape_with_hints", "check_cache",
           "explain_errors"]

Mistakes = list[tuple[tuple[int, ...], str]]


def output_size(n: int, f: int, pad: int, stride: int) -> int:
    """⌊(n + 2·pad − f) / stride⌋ + 1 — the number of window positions along one axis."""
    return (n + 2 * pad - f) // stride + 1


def size_mistakes(n: int, f: int, pad: int, stride: int) -> list[tuple[int, str]]:
    """``[(wrong size, cause), ...]`` for one axis: the sizes that differ from the right one
    (two causes may give the same size)."""
    right = output_size(n, f, pad, stride)
    candidates = [
        ((n + 2 * pad - f) + 1,
         tr("the stride is ignored: the output is as large as with stride 1 — the window's corner "
            "moves by `stride` (vert_start = h * stride) and the size is ⌊(n + 2p − f)/s⌋ + 1",
            "ストライドが無視されています。出力がストライド 1 のときと同じ大きさです。窓の左上は "
            "`stride` ずつ動き(vert_start = h * stride)、サイズは ⌊(n + 2p − f)/s⌋ + 1 です")),
        ((n - f) // stride + 1,
         tr("the padding is missing from the size: use ⌊(n + 2·pad − f)/stride⌋ + 1 "
            "(and pad the input before slicing windows)",
            "サイズの式にパディングが入っていません。⌊(n + 2·pad − f)/stride⌋ + 1 を使い、"
            "窓を切り出す前に入力をパディングしてください")),
        ((n + pad - f) // stride + 1,
         tr("the padding is counted once: zeros are added on both sides, so n + 2·pad",
            "パディングが片側の分しか数えられていません。0 は両側に足されるので n + 2·pad です")),
        (math.ceil((n + 2 * pad - f) / stride) + 1,
         tr("rounded up: the size is ⌊(n + 2p − f)/s⌋ + 1 — round down "
            "(int(...) or //), a window that does not fit is dropped",
            "切り上げになっています。サイズは ⌊(n + 2p − f)/s⌋ + 1 です。int(...) か // で"
            "切り捨ててください(はみ出す窓は使いません)")),
        ((n + 2 * pad - f) // stride,
         tr("the + 1 is missing: ⌊(n + 2p − f)/s⌋ + 1 (the first window counts too)",
            "+ 1 が抜けています。⌊(n + 2p − f)/s⌋ + 1 です(最初の窓も数えます)")),
        ((n + 2 * pad) // stride,
         tr("the filter size f is missing from the size formula: ⌊(n + 2p − f)/s⌋ + 1",
            "サイズの式にフィルターの大きさ f が入っていません。⌊(n + 2p − f)/s⌋ + 1 です")),
    ]
    return [(size, cause) for size, cause in candidates if size != right and size >= 0]


def check_output_size(got, expected: int, n: int, f: int, pad: int, stride: int, name: str) -> None:
    """Fail unless ``got`` is the int ``expected``, naming the slip of :func:`size_mistakes` that
    gives ``got`` (a float, a size rounded up, the padding counted once, ...)."""
    if isinstance(got, bool) or not isinstance(got, (int, np.integer)):
        raise CheckError(tr(f"{name} should be an int, got {type(got).__name__} {got!r} — a size is a whole "
                            "number: use // (or int(...)) — / gives a float.",
                            f"{name} は int であるべきですが、{type(got).__name__} の {got!r} でした。サイズは整数です。"
                            "// (または int(...))を使ってください(/ の結果は float です)。"))
    if got != expected:
        causes = list(dict.fromkeys(cause for size, cause in size_mistakes(n, f, pad, stride) if size == got))
        said = tr(f"{name} is {got}, expected {expected}", f"{name} は {got} ですが、{expected} であるべきです")
        if len(causes) > 1:
            listed = "; ".join(f"({i}) {cause}" for i, cause in enumerate(causes, start=1))
            said += tr(f". This size comes from one of these mistakes: {listed}",
                       f"。この値は次のどれかの間違いから生じます: {listed}")
        elif causes:
            said += f" — {causes[0]}"
        raise CheckError(said + tr(".", "。"))


def _both_axes(make, n_h, n_w, f_h, f_w, pad, stride) -> Mistakes:
    """Shapes where both spatial sizes follow the same wrong formula (or only one does)."""
    right_h, right_w = output_size(n_h, f_h, pad, stride), output_size(n_w, f_w, pad, stride)
    wrong_h = {cause: size for size, cause in size_mistakes(n_h, f_h, pad, stride)}
    wrong_w = {cause: size for size, cause in size_mistakes(n_w, f_w, pad, stride)}
    return [(make(wrong_h.get(cause, right_h), wrong_w.get(cause, right_w)), cause)
            for cause in dict.fromkeys(list(wrong_h) + list(wrong_w))]


def conv_shape_mistakes(input_shape: Sequence[int], f: int, pad: int, stride: int,
                        n_C: int | None = None, layout: str = "NHWC", f_w: int | None = None) -> Mistakes:
    """Wrong output shapes of a convolution / pooling of an input of ``input_shape``.

    ``layout`` "NHWC" (Coursera) or "NCHW" (book); ``n_C`` the number of output channels
    (default: as many as the input, as for pooling); ``f_w`` a filter width ≠ ``f``.
    """
    f_w = f if f_w is None else f_w
    if layout == "NHWC":
        m, n_h, n_w, c_in = input_shape
        c_out = c_in if n_C is None else n_C
        make = lambda h, w: (m, h, w, c_out)
        right = make(output_size(n_h, f, pad, stride), output_size(n_w, f_w, pad, stride))
        out = _both_axes(make, n_h, n_w, f, f_w, pad, stride)
        if c_out != c_in:
            out.append(((m, right[1], right[2], c_in),
                        tr("the last axis has the input's n_C_prev channels: the output has one "
                           "channel per filter, n_C = W.shape[3]",
                           "最後の軸が入力のチャンネル数 n_C_prev になっています。出力のチャンネルは"
                           "フィルター1枚につき1つ、n_C = W.shape[3] です")))
        out.append(((m, right[2], right[1], c_out), tr("n_H and n_W are swapped", "n_H と n_W が入れ替わっています")))
    else:
        m, c_in, n_h, n_w = input_shape
        c_out = c_in if n_C is None else n_C
        make = lambda h, w: (m, c_out, h, w)
        right = make(output_size(n_h, f, pad, stride), output_size(n_w, f_w, pad, stride))
        out = _both_axes(make, n_h, n_w, f, f_w, pad, stride)
        out.append(((m, right[2], right[3], c_out),
                    tr("the channel axis is last (N, H, W, C): transpose the result to NCHW, "
                       ".transpose(0, 3, 1, 2)",
                       "チャンネルの軸が最後 (N, H, W, C) になっています。結果を NCHW に並べ替えてください"
                       "(.transpose(0, 3, 1, 2))")))
    return [(s, c) for s, c in out if s != right]


def pad_shape_mistakes(input_shape: Sequence[int], pad: int) -> Mistakes:
    """Wrong shapes of ``zero_pad(X, pad)`` for an NHWC ``X`` of ``input_shape``."""
    m, n_h, n_w, c = input_shape
    p2 = 2 * pad
    right = (m, n_h + p2, n_w + p2, c)
    candidates = [
        ((m + p2, n_h + p2, n_w + p2, c + p2),
         tr("padded the batch/channel axes too: pad only the height and width, "
            "np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)))",
            "バッチとチャンネルの軸までパディングしています。高さと幅だけをパディングしてください"
            "(np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0))))")),
        ((m + p2, n_h + p2, n_w + p2, c),
         tr("padded the batch axis too: the first pair of pad widths must be (0, 0)",
            "バッチの軸までパディングしています。最初の組は (0, 0) にしてください")),
        ((m, n_h + p2, n_w + p2, c + p2),
         tr("padded the channel axis too: the last pair of pad widths must be (0, 0)",
            "チャンネルの軸までパディングしています。最後の組は (0, 0) にしてください")),
        ((m + p2, n_h + p2, n_w, c),
         tr("padded the batch and height axes: the pad widths go to axes 1 and 2 (n_H, n_W), "
            "((0, 0), (pad, pad), (pad, pad), (0, 0))",
            "バッチと高さの軸をパディングしています。パディングするのは軸 1 と 2 (n_H, n_W) です"
            "((0, 0), (pad, pad), (pad, pad), (0, 0))")),
        ((m, n_h + pad, n_w + pad, c),
         tr("padded one side only: (pad, pad) adds pad zeros before AND after",
            "片側だけパディングしています。(pad, pad) は前と後ろの両方に pad 個の 0 を足します")),
        ((m, n_h + p2, n_w, c), tr("only the height is padded: pad the width (axis 2) too",
                                   "高さだけがパディングされています。幅(軸 2)もパディングしてください")),
        ((m, n_h, n_w + p2, c), tr("only the width is padded: pad the height (axis 1) too",
                                   "幅だけがパディングされています。高さ(軸 1)もパディングしてください")),
    ]
    return [(s, cause) for s, cause in candidates if s != right]


def im2col_shape_mistakes(input_shape: Sequence[int], filter_h: int, filter_w: int,
                          stride: int, pad: int) -> Mistakes:
    """Wrong shapes of ``im2col`` (book, NCHW): the right one is (N·out_h·out_w, C·fh·fw)."""
    N, C, H, W = input_shape
    cols = C * filter_h * filter_w
    out = _both_axes(lambda h, w: (N * h * w, cols), H, W, filter_h, filter_w, pad, stride)
    right = (N * output_size(H, filter_h, pad, stride) * output_size(W, filter_w, pad, stride), cols)
    if pad:
        oh, ow = output_size(H, filter_h, pad, stride), output_size(W, filter_w, pad, stride)
        out.append((((N + 2 * pad) * oh * ow, (C + 2 * pad) * filter_h * filter_w),
                    tr("padded the batch/channel axes too: pad only H and W, "
                       "np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))",
                       "バッチとチャンネルの軸までパディングしています。H と W だけをパディングしてください"
                       "(np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad))))")))
    out.append(((right[0] // N, N * cols) if right[0] % N == 0 else (-1, -1),
                tr("rows are windows of every example: N·out_h·out_w rows, C·filter_h·filter_w columns",
                   "行はすべてのデータの窓です。行数は N·out_h·out_w、列数は C·filter_h·filter_w です")))
    return [(s, c) for s, c in out if s != right]


def col2im_shape_mistakes(input_shape: Sequence[int], stride: int, pad: int) -> Mistakes:
    """Wrong shapes of ``col2im`` when the padded image (N, C, H + 2p + s − 1, W + 2p + s − 1)
    is cut wrongly: the right one is ``input_shape``."""
    N, C, H, W = input_shape
    extra = stride - 1
    out = [((N, C, H + 2 * pad, W + 2 * pad),
            tr("the padded size: cut the padding off, img[:, :, pad:H + pad, pad:W + pad]",
               "パディングを含んだ大きさです。パディングを取り除いてください(img[:, :, pad:H + pad, pad:W + pad])"))]
    if extra:
        out.append(((N, C, H + 2 * pad + extra, W + 2 * pad + extra),
                    tr("the whole working image: cut it to the input's size, img[:, :, pad:H + pad, pad:W + pad]",
                       "作業用の画像全体です。入力の大きさに切り出してください(img[:, :, pad:H + pad, pad:W + pad])")))
    if pad == 0:
        out.append(((N, C, 0, 0), tr("empty: with pad == 0, img[:, :, pad:-pad] is img[:, :, 0:0] — "
                                     "cut with img[:, :, pad:H + pad, pad:W + pad]",
                                     "空です。pad == 0 のとき img[:, :, pad:-pad] は img[:, :, 0:0] になります。"
                                     "img[:, :, pad:H + pad, pad:W + pad] で切り出してください")))
    else:
        out.append(((N, C, H + extra, W + extra),
                    tr("img[:, :, pad:-pad, pad:-pad] keeps the stride − 1 extra rows and columns of the working "
                       "image — cut with img[:, :, pad:H + pad, pad:W + pad]",
                       "img[:, :, pad:-pad, pad:-pad] では作業用の画像の余分な stride − 1 行・列が残ります。"
                       "img[:, :, pad:H + pad, pad:W + pad] で切り出してください")))
    return [(s, c) for s, c in out if s != tuple(input_shape)]


def check_shape_with_hints(value, expected_shape: Sequence[int], name: str,
                           mistakes: Iterable[tuple[Sequence[int], str]] = ()) -> None:
    """:func:`course.checks.check_shape`, naming the cause when the wrong shape is a known mistake."""
    expected_shape = tuple(expected_shape)
    if isinstance(value, np.ndarray) and value.shape != expected_shape:
        causes = list(dict.fromkeys(cause for shape, cause in mistakes if value.shape == tuple(shape)))
        if len(causes) == 1:
            raise CheckError(tr(f"{name} has shape {value.shape}, expected {expected_shape} — {causes[0]}.",
                                f"{name} の形状は {value.shape} ですが、{expected_shape} であるべきです — {causes[0]}。"))
        if causes:
            listed = "; ".join(f"({i}) {cause}" for i, cause in enumerate(causes, start=1))
            raise CheckError(tr(f"{name} has shape {value.shape}, expected {expected_shape}. This shape comes "
                                f"from one of these mistakes: {listed}.",
                                f"{name} の形状は {value.shape} ですが、{expected_shape} であるべきです。"
                                f"この形状は次のどれかの間違いから生じます: {listed}。"))
    check_shape(value, expected_shape, name)


def check_cache(cache, expected: Sequence, parts: Sequence[str], name: str) -> None:
    """Fail unless ``cache`` is a tuple holding ``expected`` (named ``parts``), in that order."""
    if not isinstance(cache, (tuple, list)) or len(cache) != len(parts):
        got = type(cache).__name__ + (tr(f" of length {len(cache)}", f"(長さ {len(cache)})")
                                      if isinstance(cache, (tuple, list)) else "")
        raise CheckError(tr(f"{name} should be the tuple ({', '.join(parts)}), got {got}.",
                            f"{name} はタプル ({', '.join(parts)}) であるべきですが、{got} でした。"))
    for i, (part, got, want) in enumerate(zip(parts, cache, expected)):
        if isinstance(want, np.ndarray) and isinstance(got, np.ndarray) and got.shape != want.shape:
            hint = tr(" — store the original A_prev, not the padded one",
                      " — パディングした配列ではなく、元の A_prev を保存してください") if part == "A_prev" else ""
            raise CheckError(tr(f"{name}[{i}] should be {part} of shape {want.shape}, got shape {got.shape}{hint}.",
                                f"{name}[{i}] は形状 {want.shape} の {part} であるべきですが、形状は {got.shape} でした{hint}。"))
        compare(got, want, f"{name}[{i}] ({part})")

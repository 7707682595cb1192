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

__all__ = ["output_size", "size_mistakes", "conv_shape_mistakes", "pad_shape_mistakes",
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
         "the stride is ignored: the output is as large as with stride 1 — the window's corner "
         "moves by `stride` (vert_start = h * stride) and the size is ⌊(n + 2p − f)/s⌋ + 1"),
        ((n - f) // stride + 1,
         "the padding is missing from the size: use ⌊(n + 2·pad − f)/stride⌋ + 1 "
         "(and pad the input before slicing windows)"),
        ((n + pad - f) // stride + 1,
         "the padding is counted once: zeros are added on both sides, so n + 2·pad"),
        (math.ceil((n + 2 * pad - f) / stride) + 1,
         "rounded up: the size is ⌊(n + 2p − f)/s⌋ + 1 — round down "
         "(int(...) or //), a window that does not fit is dropped"),
        ((n + 2 * pad - f) // stride,
         "the + 1 is missing: ⌊(n + 2p − f)/s⌋ + 1 (the first window counts too)"),
        ((n + 2 * pad) // stride,
         "the filter size f is missing from the size formula: ⌊(n + 2p − f)/s⌋ + 1"),
    ]
    return [(size, cause) for size, cause in candidates if size != right and size >= 0]


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
                        "the last axis has the input's n_C_prev channels: the output has one "
                        "channel per filter, n_C = W.shape[3]"))
        out.append(((m, right[2], right[1], c_out), "n_H and n_W are swapped"))
    else:
        m, c_in, n_h, n_w = input_shape
        c_out = c_in if n_C is None else n_C
        make = lambda h, w: (m, c_out, h, w)
        right = make(output_size(n_h, f, pad, stride), output_size(n_w, f_w, pad, stride))
        out = _both_axes(make, n_h, n_w, f, f_w, pad, stride)
        out.append(((m, right[2], right[3], c_out),
                    "the channel axis is last (N, H, W, C): transpose the result to NCHW, "
                    ".transpose(0, 3, 1, 2)"))
    return [(s, c) for s, c in out if s != right]


def pad_shape_mistakes(input_shape: Sequence[int], pad: int) -> Mistakes:
    """Wrong shapes of ``zero_pad(X, pad)`` for an NHWC ``X`` of ``input_shape``."""
    m, n_h, n_w, c = input_shape
    p2 = 2 * pad
    right = (m, n_h + p2, n_w + p2, c)
    candidates = [
        ((m + p2, n_h + p2, n_w + p2, c + p2),
         "padded the batch/channel axes too: pad only the height and width, "
         "np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)))"),
        ((m + p2, n_h + p2, n_w + p2, c),
         "padded the batch axis too: the first pair of pad widths must be (0, 0)"),
        ((m, n_h + p2, n_w + p2, c + p2),
         "padded the channel axis too: the last pair of pad widths must be (0, 0)"),
        ((m + p2, n_h + p2, n_w, c),
         "padded the batch and height axes: the pad widths go to axes 1 and 2 (n_H, n_W), "
         "((0, 0), (pad, pad), (pad, pad), (0, 0))"),
        ((m, n_h + pad, n_w + pad, c),
         "padded one side only: (pad, pad) adds pad zeros before AND after"),
        ((m, n_h + p2, n_w, c), "only the height is padded: pad the width (axis 2) too"),
        ((m, n_h, n_w + p2, c), "only the width is padded: pad the height (axis 1) too"),
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
                    "padded the batch/channel axes too: pad only H and W, "
                    "np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))"))
    out.append(((right[0] // N, N * cols) if right[0] % N == 0 else (-1, -1),
                "rows are windows of every example: N·out_h·out_w rows, C·filter_h·filter_w columns"))
    return [(s, c) for s, c in out if s != right]


def col2im_shape_mistakes(input_shape: Sequence[int], stride: int, pad: int) -> Mistakes:
    """Wrong shapes of ``col2im`` when the padded image (N, C, H + 2p + s − 1, W + 2p + s − 1)
    is cut wrongly: the right one is ``input_shape``."""
    N, C, H, W = input_shape
    extra = stride - 1
    out = [((N, C, H + 2 * pad, W + 2 * pad),
            "the padded size: cut the padding off, img[:, :, pad:H + pad, pad:W + pad]")]
    if extra:
        out.append(((N, C, H + 2 * pad + extra, W + 2 * pad + extra),
                    "the whole working image: cut it to the input's size, img[:, :, pad:H + pad, pad:W + pad]"))
    if pad == 0:
        out.append(((N, C, 0, 0), "empty: with pad == 0, img[:, :, pad:-pad] is img[:, :, 0:0] — "
                                  "cut with img[:, :, pad:H + pad, pad:W + pad]"))
    else:
        out.append(((N, C, H + extra, W + extra),
                    "img[:, :, pad:-pad, pad:-pad] keeps the stride − 1 extra rows and columns of the working "
                    "image — cut with img[:, :, pad:H + pad, pad:W + pad]"))
    return [(s, c) for s, c in out if s != tuple(input_shape)]


def check_shape_with_hints(value, expected_shape: Sequence[int], name: str,
                           mistakes: Iterable[tuple[Sequence[int], str]] = ()) -> None:
    """:func:`course.checks.check_shape`, naming the cause when the wrong shape is a known mistake."""
    expected_shape = tuple(expected_shape)
    if isinstance(value, np.ndarray) and value.shape != expected_shape:
        causes = list(dict.fromkeys(cause for shape, cause in mistakes if value.shape == tuple(shape)))
        if len(causes) == 1:
            raise CheckError(f"{name} has shape {value.shape}, expected {expected_shape} — {causes[0]}.")
        if causes:
            listed = "; ".join(f"({i}) {cause}" for i, cause in enumerate(causes, start=1))
            raise CheckError(f"{name} has shape {value.shape}, expected {expected_shape}. This shape comes "
                             f"from one of these mistakes: {listed}.")
    check_shape(value, expected_shape, name)


def check_cache(cache, expected: Sequence, parts: Sequence[str], name: str) -> None:
    """Fail unless ``cache`` is a tuple holding ``expected`` (named ``parts``), in that order."""
    if not isinstance(cache, (tuple, list)) or len(cache) != len(parts):
        got = type(cache).__name__ + (f" of length {len(cache)}" if isinstance(cache, (tuple, list)) else "")
        raise CheckError(f"{name} should be the tuple ({', '.join(parts)}), got {got}.")
    for i, (part, got, want) in enumerate(zip(parts, cache, expected)):
        if isinstance(want, np.ndarray) and isinstance(got, np.ndarray) and got.shape != want.shape:
            hint = " — store the original A_prev, not the padded one" if part == "A_prev" else ""
            raise CheckError(f"{name}[{i}] should be {part} of shape {want.shape}, got shape {got.shape}{hint}.")
        compare(got, want, f"{name}[{i}] ({part})")

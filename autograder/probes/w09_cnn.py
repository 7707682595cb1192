"""Probes of week 9: convolution and pooling (see autograder.probes for the contract).

Every exercise has fixed, deliberately awkward cases — non-square images and filters,
strides 1–3, padding 0, 1 and 2, sizes where ⌊(n + 2p − f)/s⌋ drops a column, a single
example, non-zero biases, overlapping pooling windows (stride < f) where gradients must add
up — and one or two cases whose **sizes are drawn from ``rng``** too (batch 1–3, channels
1–3, height and width 3–9, filters 1–4 × 1–4, stride 1–3, padding 0–2, always with an output
of at least one pixel), labelled with the drawn sizes, so each seed tries other shapes. The
drawn sizes stay small: the students' answers are naive loops and run at grading time.
Values are continuous random numbers, so max-pooling windows never tie.

Three exercises are merged cells of small functions (``parts``): ``padding_and_single_step``
(``zero_pad``, ``conv_single_step``), ``output_size_and_windows`` (``conv_output_size``,
``window_slice``) and ``pool_window_gradients`` (``create_mask_from_window``,
``distribute_value``); each case feeds every part, and ``_own`` refuses a part imported from
the course's packages (the engine checks origins by the exercise's name, which a merged cell
does not define).
"""
import numpy as np

from autograder.probes import Case, ProbeSet, part, normal_draw_tolerances
from course.checks import CheckError, check_close, compare
from course.cnn import (check_cache, check_shape_with_hints, col2im_shape_mistakes, conv_shape_mistakes,
                        im2col_shape_mistakes, output_size, pad_shape_mistakes, check_output_size)
from course.i18n import tr

probes = ProbeSet("w09_cnn")


def _draw(rng, low: int, high: int) -> int:
    """A random int in [low, high], as a plain Python int (cases cross a JSON transport)."""
    return int(rng.integers(low, high + 1))


def _random_geometry(rng, pad_max: int = 2, f_max: int = 4):
    """Random (N, C, H, W, f_h, f_w, stride, pad) with at least one window along each axis."""
    N, C, H, W = _draw(rng, 1, 3), _draw(rng, 1, 3), _draw(rng, 3, 9), _draw(rng, 3, 9)
    stride, pad = _draw(rng, 1, 3), _draw(rng, 0, pad_max)
    f_h, f_w = _draw(rng, 1, min(f_max, H + 2 * pad)), _draw(rng, 1, min(f_max, W + 2 * pad))
    return N, C, H, W, f_h, f_w, stride, pad


# =============================================================================== Coursera (NHWC)




def _number(got, name: str) -> float:
    """``got`` as a float, or a CheckError saying it should be one number."""
    if isinstance(got, np.ndarray) and got.size != 1:
        raise CheckError(tr(f"{name} should be one number, got an array of shape {got.shape} — "
                            "sum every element: np.sum(a_slice_prev * W), then add the bias.",
                            f"{name} は1つの数であるべきですが、形状 {got.shape} の配列でした。"
                            "すべての要素の和 np.sum(a_slice_prev * W) をとってからバイアスを足してください。"))
    return got


@probes.cases("padding_and_single_step", check_inputs=True, parts=("zero_pad", "conv_single_step"))
def _(rng):
    """Each case: (X, pad) for zero_pad and (a_slice_prev, W, b) for conv_single_step."""
    def step(f, c, bias=None):
        b = rng.normal(size=(1, 1, 1)) if bias is None else np.full((1, 1, 1), bias)
        return rng.normal(size=(f, f, c)), rng.normal(size=(f, f, c)), b
    yield Case("X (4, 3, 3, 2), pad 2; a 4×4×3 slice", rng.normal(size=(4, 3, 3, 2)), 2, *step(4, 3))
    yield Case("non-square X (2, 5, 3, 3), pad 1; a 2×2×1 slice", rng.normal(size=(2, 5, 3, 3)), 1, *step(2, 1))
    yield Case("a single example (1, 4, 6, 1), pad 3; a 3×3×5 slice, bias 10",
               rng.normal(size=(1, 4, 6, 1)), 3, *step(3, 5, 10.0))
    yield Case("pad 0; a 1×1×4 slice", rng.normal(size=(3, 2, 4, 2)), 0, *step(1, 4))
    for _ in range(2):
        shape, pad = (_draw(rng, 1, 3), _draw(rng, 1, 7), _draw(rng, 1, 7), _draw(rng, 1, 3)), _draw(rng, 0, 3)
        f, c = _draw(rng, 1, 5), _draw(rng, 1, 6)
        yield Case(f"random X {shape}, pad {pad}; a random {f}×{f}×{c} slice", rng.normal(size=shape), pad,
                   *step(f, c, float(rng.normal() * 3)))


@probes.call("padding_and_single_step")
def _(ns, case):
    (X, pad, a_slice, W, b), _ = case.copied()
    zero_pad, conv_single_step = part(ns, "zero_pad"), part(ns, "conv_single_step")
    return {"X_pad": zero_pad(X, pad), "Z": conv_single_step(a_slice, W, b)}


@probes.judge("padding_and_single_step")
def _(got, expected, case):
    X, pad, a_slice, W, b = case.args
    name = f"zero_pad (X {X.shape}, pad {pad})"
    check_shape_with_hints(got["X_pad"], expected["X_pad"].shape, name, pad_shape_mistakes(X.shape, pad))
    check_close(got["X_pad"], expected["X_pad"], name,
                hints=[(lambda g, e: pad > 0 and (not np.allclose(g[:, :pad], 0) or not np.allclose(g[:, -pad:], 0)),
                        tr("the border is not zero: use mode=\"constant\", constant_values=0",
                           "周囲が 0 になっていません。mode=\"constant\", constant_values=0 を使ってください"))])
    name = f"conv_single_step (a {a_slice.shape[0]}×{a_slice.shape[1]}×{a_slice.shape[2]} slice)"
    bias = float(np.sum(b))
    check_close(_number(got["Z"], name), expected["Z"], name,
                hints=[(lambda g, e: np.isclose(g, e - bias), tr("the bias b is missing", "バイアス b が抜けています")),
                       (lambda g, e: np.isclose(g, e + bias), tr("the bias is subtracted, not added",
                                                                 "バイアスを足さずに引いています")),
                       (lambda g, e: np.isclose(g, e + (a_slice.size - 1) * bias),
                        tr("the bias is added to each product: add it once, after the sum",
                           "バイアスを積の1つ1つに足しています。総和をとったあとに1回だけ足してください"))])


@probes.cases("output_size_and_windows", check_inputs=True, parts=("conv_output_size", "window_slice"))
def _(rng):
    """Each case: (n, f, stride, pad) for conv_output_size and (a, h, w, f, stride) for window_slice
    (h, w a valid output pixel of a along its first two axes)."""
    def case(label, n, f, stride, pad, a_shape, f_win, stride_win):
        a = rng.normal(size=a_shape)
        h = _draw(rng, 0, (a_shape[0] - f_win) // stride_win)
        w = _draw(rng, 0, (a_shape[1] - f_win) // stride_win)
        return Case(f"{label}; window ({h}, {w}) of a {a_shape}, f {f_win}, stride {stride_win}",
                    n, f, stride, pad, a, h, w, f_win, stride_win)
    yield case("n 7, f 3, stride 2, pad 1", 7, 3, 2, 1, (7, 6, 3), 3, 2)
    yield case("n 8, f 3, stride 2, pad 1 (does not divide evenly)", 8, 3, 2, 1, (6, 8, 2), 2, 3)
    yield case("n 15, f 4, stride 3, pad 2", 15, 4, 3, 2, (9, 5, 4), 3, 1)
    yield case("n 5, f 5, stride 1, pad 0 (one window)", 5, 5, 1, 0, (5, 5, 1), 5, 1)
    yield case("n 6, f 1, stride 1, pad 0", 6, 1, 1, 0, (4, 7), 2, 2)
    for _ in range(2):
        n, f, stride, pad = _draw(rng, 3, 12), _draw(rng, 1, 4), _draw(rng, 1, 3), _draw(rng, 0, 2)
        a_shape = (_draw(rng, 4, 9), _draw(rng, 4, 9), _draw(rng, 1, 3))
        f_win, stride_win = _draw(rng, 1, 4), _draw(rng, 1, 3)
        yield case(f"random n {n}, f {f}, stride {stride}, pad {pad}", n, f, stride, pad, a_shape, f_win, stride_win)


@probes.call("output_size_and_windows")
def _(ns, case):
    (n, f, stride, pad, a, h, w, f_win, stride_win), _ = case.copied()
    conv_output_size, window_slice = part(ns, "conv_output_size"), part(ns, "window_slice")
    return {"size": conv_output_size(n, f, stride, pad),  # positional: the book's argument order
            "window": window_slice(a, h, w, f_win, stride_win)}


@probes.judge("output_size_and_windows")
def _(got, expected, case):
    n, f, stride, pad, a, h, w, f_win, stride_win = case.args
    check_output_size(got["size"], expected["size"], n, f, pad, stride,
                      f"conv_output_size({n}, {f}, {stride}, {pad}) (stride {stride}, pad {pad})")
    name = f"window_slice(a {a.shape}, h={h}, w={w}, f={f_win}, stride={stride_win})"
    window = got["window"]
    right = expected["window"]
    if isinstance(window, np.ndarray) and window.shape != right.shape:
        hint = ""
        if window.shape[2:] != right.shape[2:]:
            hint = tr(" — keep every remaining axis (all channels): slice only the first two axes",
                      " — 残りの軸(すべてのチャンネル)はそのまま残し、最初の2つの軸だけを切り出してください")
        elif window.shape[:2] != (f_win, f_win):
            hint = tr(" — the window spans f rows and f columns: end = start + f",
                      " — 窓は f 行 f 列です。終わりは start + f です")
        raise CheckError(tr(f"{name} has shape {window.shape}, expected {right.shape}{hint}.",
                            f"{name} の形状は {window.shape} ですが、{right.shape} であるべきです{hint}。"))
    unstrided = a[h:h + f_win, w:w + f_win]
    check_close(window, right, name,
                hints=[(lambda g, e: stride_win > 1 and (h or w) and unstrided.shape == g.shape
                        and np.allclose(g, unstrided),
                        tr("the window starts at (h, w): it starts at (h * stride, w * stride)",
                           "窓が (h, w) から始まっています。始まりは (h * stride, w * stride) です")),
                       (lambda g, e: True,
                        tr("the window of output pixel (h, w) is rows h·stride … h·stride + f − 1 and columns "
                           "w·stride … w·stride + f − 1",
                           "出力 (h, w) の窓は h·stride 〜 h·stride + f − 1 行、w·stride 〜 w·stride + f − 1 列です"))])


def _conv_cases(rng):
    def case(label, m, n_h, n_w, c_prev, f, n_c, stride, pad, bias_scale=1.0):
        hp = {"stride": stride, "pad": pad}
        return Case(label, rng.normal(size=(m, n_h, n_w, c_prev)), rng.normal(size=(f, f, c_prev, n_c)),
                    rng.normal(size=(1, 1, 1, n_c)) * bias_scale, hp)
    yield case("A_prev (2, 5, 7, 4), f 3, stride 2, pad 1", 2, 5, 7, 4, 3, 8, 2, 1)
    yield case("stride 1, pad 0", 3, 4, 4, 3, 2, 2, 1, 0)
    yield case("stride 3, pad 2 (does not divide evenly)", 2, 6, 5, 2, 3, 3, 3, 2)
    yield case("a single example, 'same' padding", 1, 5, 5, 3, 3, 4, 1, 1)
    yield case("a 1×1 filter, stride 2", 2, 5, 4, 3, 1, 2, 2, 0)
    yield case("large biases", 2, 4, 6, 2, 3, 2, 2, 1, bias_scale=50.0)
    for _ in range(2):
        m, c_prev, n_h, n_w, _fh, _fw, stride, pad = _random_geometry(rng)
        f, n_c = min(_fh, _fw), _draw(rng, 1, 3)  # square filters (Coursera)
        filters = f"{n_c} filter{'s' * (n_c > 1)} {f}×{f}"
        yield case(f"random A_prev {(m, n_h, n_w, c_prev)}, {filters}, stride {stride}, pad {pad}",
                   m, n_h, n_w, c_prev, f, n_c, stride, pad)


probes.cases("conv_forward", check_inputs=True)(_conv_cases)


@probes.judge("conv_forward")
def _(got, expected, case):
    A_prev, W, b, hp = case.args
    name = f"conv_forward({case.label})"
    if not isinstance(got, tuple) or len(got) != 2:
        raise CheckError(tr(f"{name} should return the pair (Z, cache), got {type(got).__name__}.",
                            f"{name} は組 (Z, cache) を返すべきですが、{type(got).__name__} を返しました。"))
    Z, cache = got
    check_shape_with_hints(Z, expected[0].shape, f"Z of {name}",
                           conv_shape_mistakes(A_prev.shape, W.shape[0], hp["pad"], hp["stride"], n_C=W.shape[3]))
    b4 = b.reshape(1, 1, 1, -1)
    check_close(Z, expected[0], f"Z of {name}",
                hints=[(lambda g, e: np.allclose(g + b4, e), tr("the bias b is missing", "バイアス b が抜けています")),
                       (lambda g, e: np.allclose(g - b4 * (W.shape[0] ** 2 * W.shape[2] - 1), e),
                        tr("the bias is added to every element of the window before summing: add it once",
                           "総和の前に窓の要素1つ1つにバイアスを足しています。1回だけ足してください")),
                       (lambda g, e: np.allclose(g - b4 + b4[..., :1], e),
                        tr("every filter got the bias of filter 0: use b[:, :, :, c]",
                           "すべてのフィルターにフィルター 0 のバイアスが足されています。b[:, :, :, c] を使ってください"))])
    check_cache(cache, expected[1], ("A_prev", "W", "b", "hparameters"), tr(f"the cache of {name}", f"{name} のキャッシュ"))


@probes.cases("pool_forward", check_inputs=True)
def _(rng):
    yield Case("max, f 2, stride 2, A_prev (2, 4, 6, 3)", rng.normal(size=(2, 4, 6, 3)), {"f": 2, "stride": 2}, mode="max")
    yield Case("average, f 3, stride 1", rng.normal(size=(2, 5, 4, 2)), {"f": 3, "stride": 1}, mode="average")
    yield Case("max, f 3, stride 2 (does not divide evenly)", rng.normal(size=(1, 6, 7, 3)), {"f": 3, "stride": 2}, mode="max")
    yield Case("average, f 2, stride 3", rng.normal(size=(3, 7, 5, 2)), {"f": 2, "stride": 3}, mode="average")
    yield Case("the default mode (max), negative values", -np.abs(rng.normal(size=(2, 4, 4, 2))) - 1, {"f": 2, "stride": 1})
    for mode in ("max", "average"):
        m, c, n_h, n_w, f_h, f_w, stride, _ = _random_geometry(rng, pad_max=0)
        f = min(f_h, f_w)
        yield Case(f"{mode}, random A_prev {(m, n_h, n_w, c)}, f {f}, stride {stride}",
                   rng.normal(size=(m, n_h, n_w, c)), {"f": f, "stride": stride}, mode=mode)


@probes.judge("pool_forward")
def _(got, expected, case):
    A_prev, hp = case.args
    name = f"pool_forward({case.label})"
    if not isinstance(got, tuple) or len(got) != 2:
        raise CheckError(tr(f"{name} should return the pair (A, cache), got {type(got).__name__}.",
                            f"{name} は組 (A, cache) を返すべきですが、{type(got).__name__} を返しました。"))
    check_shape_with_hints(got[0], expected[0].shape, f"A of {name}",
                           conv_shape_mistakes(A_prev.shape, hp["f"], 0, hp["stride"]))
    check_close(got[0], expected[0], f"A of {name}",
                hints=[(lambda g, e: np.allclose(g, g[..., :1]) and A_prev.shape[3] > 1,
                        tr("every channel has the same value: pool each channel separately",
                           "すべてのチャンネルが同じ値です。チャンネルごとに別々にプーリングしてください"))])
    check_cache(got[1], expected[1], ("A_prev", "hparameters"), tr(f"the cache of {name}", f"{name} のキャッシュ"))


def _example_gradient_cases(rng):
    for base in _conv_cases(rng):
        A_prev, W, b, hp = base.args
        n_h = output_size(A_prev.shape[1], W.shape[0], hp["pad"], hp["stride"])
        n_w = output_size(A_prev.shape[2], W.shape[0], hp["pad"], hp["stride"])
        dZ = rng.normal(size=(A_prev.shape[0], n_h, n_w, W.shape[3]))
        yield base.label, dZ, A_prev, W, hp


@probes.cases("conv_backward_example", check_inputs=True)
def _(rng):
    for label, dZ, A_prev, W, hp in _example_gradient_cases(rng):
        pad = hp["pad"]
        a_prev_pad = np.pad(A_prev[-1], ((pad, pad), (pad, pad), (0, 0)))
        yield Case(f"{label}, its last example (padded)", dZ[-1], a_prev_pad, W, hp["stride"])


def _tuple_of(got, n: int, parts: str, name: str):
    if not isinstance(got, tuple) or len(got) != n:
        raise CheckError(tr(f"{name} should return {parts}, got {type(got).__name__}.",
                            f"{name} は {parts} を返すべきですが、{type(got).__name__} を返しました。"))


_ADD_UP = (tr("the gradients must ADD UP over all windows (and, for dW and db, over all filters' windows): "
              "accumulate with +=, do not overwrite",
              "勾配はすべての窓について足し合わせます。= で上書きせず、+= で足し込んでください"))


@probes.judge("conv_backward_example")
def _(got, expected, case):
    dZ_i, a_prev_pad, W, stride = case.args
    name = f"conv_backward_example({case.label})"
    _tuple_of(got, 3, "(da_prev_pad, dW, db)", name)
    for part, g, e in zip(("da_prev_pad", "dW", "db"), got, expected):
        if isinstance(g, np.ndarray) and g.shape != e.shape:
            raise CheckError(tr(f"{part} of {name} has shape {g.shape}, expected {e.shape} — "
                                f"{part} has the shape of {dict(da_prev_pad='a_prev_pad', dW='W', db='b, (1, 1, 1, n_C)')[part]}.",
                                f"{name} の {part} の形状は {g.shape} ですが、{e.shape} であるべきです — "
                                f"{part} は {dict(da_prev_pad='a_prev_pad', dW='W', db='b, (1, 1, 1, n_C)')[part]} と同じ形状です。"))
    da, dW, db = got
    check_close(db, expected[2], f"db of {name}",
                hints=[(lambda g, e: np.allclose(g * dZ_i[..., 0].size, e),
                        tr("db is the mean of dZ: it is the sum", "db が dZ の平均になっています。和です"))])
    check_close(dW, expected[1], f"dW of {name}",
                hints=[(lambda g, e: True, tr("dW[:, :, :, c] must ADD a_slice * dZ[h, w, c] (the input window times "
                                              "the output gradient) over every window, the window starting at "
                                              "(h * stride, w * stride)",
                                              "dW[:, :, :, c] には a_slice * dZ[h, w, c](入力の窓 × 出力の勾配)を、"
                                              "すべての窓((h * stride, w * stride) から始まる窓)について足し込みます"))])
    check_close(da, expected[0], f"da_prev_pad of {name}",
                hints=[(lambda g, e: stride < W.shape[0], _ADD_UP),
                       (lambda g, e: True, tr("da_prev_pad[window] must ADD W[:, :, :, c] * dZ[h, w, c] for every "
                                              "window and filter",
                                              "da_prev_pad の窓の部分には、すべての窓とフィルターについて "
                                              "W[:, :, :, c] * dZ[h, w, c] を足し込みます"))])


@probes.cases("conv_backward", check_inputs=True)
def _(rng):
    for label, dZ, A_prev, W, hp in _example_gradient_cases(rng):
        yield Case(label, dZ, (A_prev, W, rng.normal(size=(1, 1, 1, W.shape[3])), hp))


@probes.judge("conv_backward")
def _(got, expected, case):
    name = f"conv_backward({case.label})"
    _tuple_of(got, 3, "(dA_prev, dW, db)", name)
    for part, g, e in zip(("dA_prev", "dW", "db"), got, expected):
        if isinstance(g, np.ndarray) and g.shape != e.shape and part == "dA_prev" and g.ndim == 4 \
                and g.shape[1:3] == (0, 0):
            raise CheckError(tr(f"dA_prev of {name} has shape {g.shape}: da_prev_pad[pad:-pad] is empty "
                                "when pad == 0 — slice with pad:pad + n_H_prev instead.",
                                f"{name} の dA_prev の形状が {g.shape} です。pad == 0 のとき "
                                "da_prev_pad[pad:-pad] は空になります。pad:pad + n_H_prev で切り出してください。"))
        if isinstance(g, np.ndarray) and g.shape != e.shape and part == "dA_prev" and g.ndim == 4 \
                and g.shape[1:3] == tuple(n + 2 * case.args[1][3]["pad"] for n in e.shape[1:3]):
            raise CheckError(tr(f"dA_prev of {name} has shape {g.shape}, the padded size: cut the padding off, "
                                "da_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev, :].",
                                f"{name} の dA_prev の形状 {g.shape} はパディングを含んだ大きさです。"
                                "da_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev, :] でパディングを取り除いてください。"))
        if part in ("dW", "db"):
            m = case.args[0].shape[0]
            check_close(g, e, f"{part} of {name}",
                        hints=[(lambda g, e: m > 1, tr(f"{part} is the SUM over all examples: add each example's "
                                                       f"{part} (+=), do not keep only one",
                                                       f"{part} はすべてのデータについての和です。各データの {part} を "
                                                       "+= で足し込み、1つだけを残さないでください"))])
        compare(g, e, f"{part} of {name}")


@probes.cases("pool_window_gradients", check_inputs=True,
              parts=("create_mask_from_window", "distribute_value"))
def _(rng):
    """Each case: a window x for create_mask_from_window and (dz, shape) for distribute_value."""
    yield Case("a 2×3 window; dz = 2, shape (2, 2)", rng.normal(size=(2, 3)), 2.0, (2, 2))
    yield Case("a 3×3 window; a negative dz, shape (3, 4)", rng.normal(size=(3, 3)), float(-abs(rng.normal())), (3, 4))
    yield Case("all negative values; shape (1, 1)", -np.abs(rng.normal(size=(2, 2))) - 1, float(rng.normal()), (1, 1))
    yield Case("a 1×1 window; shape (3, 2)", rng.normal(size=(1, 1)), float(rng.normal() * 5), (3, 2))
    yield Case("a 4×4 window of large values; shape (2, 5)", rng.normal(size=(4, 4)) * 1000, float(rng.normal()), (2, 5))
    window, shape = (_draw(rng, 1, 5), _draw(rng, 1, 5)), (_draw(rng, 1, 6), _draw(rng, 1, 6))
    yield Case(f"a random {window[0]}×{window[1]} window; a random shape {shape}", rng.normal(size=window),
               float(rng.normal() * 3), shape)


@probes.call("pool_window_gradients")
def _(ns, case):
    (x, dz, shape), _ = case.copied()
    create_mask_from_window, distribute_value = part(ns, "create_mask_from_window"), part(ns, "distribute_value")
    mask = create_mask_from_window(x)
    return {"mask": np.asarray(mask, dtype=float) if isinstance(mask, np.ndarray) and mask.dtype == bool else mask,
            "spread": distribute_value(dz, shape)}


@probes.judge("pool_window_gradients")
def _(got, expected, case):
    x, dz, shape = case.args
    name = f"create_mask_from_window (a {x.shape[0]}×{x.shape[1]} window)"
    mask = got["mask"]
    if not isinstance(mask, np.ndarray) or mask.shape != x.shape:
        raise CheckError(tr(f"{name} should be an array of the window's shape {x.shape}, True at the maximum — "
                            f"got {type(mask).__name__}" + (f" of shape {mask.shape}" if isinstance(mask, np.ndarray) else "") + ".",
                            f"{name} は窓と同じ形状 {x.shape} の配列(最大値の位置だけ True)であるべきですが、"
                            f"{type(mask).__name__}" + (f"(形状 {mask.shape})" if isinstance(mask, np.ndarray) else "") + " でした。"))
    check_close(mask, expected["mask"], name,
                hints=[(lambda g, e: np.allclose(g, x * e), tr("the mask holds the maximum's value: it should be True / False",
                                                               "マスクに最大値そのものが入っています。True / False にしてください")),
                       (lambda g, e: np.allclose(g, x == x.min()), tr("that marks the minimum: use np.max",
                                                                     "最小値の位置に印が付いています。np.max を使ってください")),
                       (lambda g, e: np.count_nonzero(g) > 1, tr("several cells are marked: only the maximum is True",
                                                                 "複数の位置に印が付いています。True は最大値の位置だけです"))])
    name = f"distribute_value({dz:.4g}, {shape})"
    n = shape[0] * shape[1]
    check_close(got["spread"], expected["spread"], name,
                hints=[(lambda g, e: np.allclose(g, dz), tr("dz was copied, not divided: each cell gets dz / (n_H * n_W)",
                                                            "dz をそのまま写しています。各要素は dz / (n_H * n_W) です")),
                       (lambda g, e: n > 1 and np.allclose(g, dz // n), tr("// is floor division — use /",
                                                                           "// は切り捨ての割り算です。/ を使ってください")),
                       (lambda g, e: np.allclose(g, dz / shape[0]) or np.allclose(g, dz / shape[1]),
                        tr("dz was divided by one side only: divide by n_H * n_W",
                           "片方の辺だけで割っています。n_H * n_W で割ってください")),
                       (lambda g, e: np.allclose(g, dz / (shape[0] + shape[1])),
                        tr("divided by n_H + n_W: the window has n_H * n_W cells",
                           "n_H + n_W で割っています。窓の要素数は n_H * n_W です"))])


@probes.cases("pool_backward", check_inputs=True)
def _(rng):
    def case(label, m, n_h, n_w, c, f, stride, mode):
        A_prev = rng.normal(size=(m, n_h, n_w, c))
        hp = {"f": f, "stride": stride}
        dA = rng.normal(size=(m, output_size(n_h, f, 0, stride), output_size(n_w, f, 0, stride), c))
        return Case(label, dA, (A_prev, hp), mode=mode)
    yield case("max, f 2, stride 2", 2, 4, 6, 3, 2, 2, "max")
    yield case("average, f 2, stride 2", 2, 4, 6, 3, 2, 2, "average")
    yield case("max, overlapping windows (f 3, stride 1)", 2, 5, 4, 2, 3, 1, "max")
    yield case("average, overlapping windows (f 3, stride 2)", 1, 7, 6, 2, 3, 2, "average")
    yield case("max, f 2, stride 3 (gaps)", 2, 7, 5, 2, 2, 3, "max")
    for mode in ("max", "average"):
        m, c, n_h, n_w, f_h, f_w, stride, _ = _random_geometry(rng, pad_max=0)
        f = min(f_h, f_w)
        yield case(f"{mode}, random A_prev {(m, n_h, n_w, c)}, f {f}, stride {stride}",
                   m, n_h, n_w, c, f, stride, mode)


@probes.judge("pool_backward")
def _(got, expected, case):
    name = f"pool_backward({case.label})"
    hp, mode = case.args[1][1], case.kwargs.get("mode", "max")
    f = hp["f"]
    check_close(got, expected, name,
                hints=[(lambda g, e: mode == "average" and np.allclose(g * f * f, e),
                        tr("each value is f² times too small: the average divides dz by f·f once",
                           "どの値も f² 倍小さすぎます。平均値プーリングでは dz を f·f で1回だけ割ります")),
                       (lambda g, e: mode == "average" and np.allclose(g, e * f * f),
                        tr("each value is f² times too large: distribute dz / (f·f) to every cell of the window",
                           "どの値も f² 倍大きすぎます。窓のすべての要素に dz / (f·f) を配ってください")),
                       (lambda g, e: hp["stride"] < f,
                        tr("windows overlap here (stride < f): a cell in several windows must receive the "
                           "SUM of their gradients — add with dA_prev[...] += ..., do not overwrite",
                           "ここでは窓が重なっています(stride < f)。複数の窓に入る要素はそれらの勾配の和を受け取ります。"
                           "= で上書きせず、dA_prev[...] += ... で足し込んでください"))])


# =============================================================================== book (NCHW)
def _im2col_cases(rng):
    yield Case("x (2, 3, 5, 5), 3×3, stride 1, pad 0", rng.normal(size=(2, 3, 5, 5)), 3, 3)
    yield Case("non-square 2×3 filter, stride 2, pad 1", rng.normal(size=(2, 2, 6, 7)), 2, 3, 2, 1)
    yield Case("stride 3, pad 2 (does not divide evenly)", rng.normal(size=(1, 2, 7, 5)), 3, 2, 3, 2)
    yield Case("keywords stride=2, pad=1", rng.normal(size=(3, 1, 5, 6)), 3, 3, stride=2, pad=1)
    yield Case("a 1×1 filter", rng.normal(size=(2, 4, 3, 3)), 1, 1)
    for _ in range(2):
        N, C, H, W, fh, fw, stride, pad = _random_geometry(rng)
        yield Case(f"random x {(N, C, H, W)}, {fh}×{fw} filter, stride {stride}, pad {pad}",
                   rng.normal(size=(N, C, H, W)), fh, fw, stride, pad)


probes.cases("im2col", check_inputs=True)(_im2col_cases)


def _stride_pad(case, first):
    """(stride, pad) of an im2col / col2im case whose stride is positional argument ``first``."""
    out = dict(zip(("stride", "pad"), case.args[first:]))
    out.update(case.kwargs)
    return out.get("stride", 1), out.get("pad", 0)


@probes.judge("im2col")
def _(got, expected, case):
    x, fh, fw = case.args[:3]
    stride, pad = _stride_pad(case, 3)
    name = f"im2col({case.label})"
    check_shape_with_hints(got, expected.shape, name, im2col_shape_mistakes(x.shape, fh, fw, stride, pad))
    check_close(got, expected, name,
                hints=[(lambda g, e: np.allclose(np.sort(g, axis=1), np.sort(e, axis=1)),
                        tr("each row holds the right values in another order: flatten each window in "
                           "(channel, row, column) order — transpose to (N, out_h, out_w, C, fh, fw) before reshaping",
                           "各行の値は正しいのですが、並び順が違います。窓は(チャンネル、行、列)の順に平坦化します。"
                           "reshape の前に (N, out_h, out_w, C, fh, fw) に並べ替えてください"))])


@probes.cases("col2im", check_inputs=True)
def _(rng):
    yield Case("col of ones, 3×3, stride 1, pad 1 (counts the overlaps)", np.ones((1 * 4 * 5, 1 * 9)), (1, 1, 4, 5), 3, 3, 1, 1)
    for base in _im2col_cases(rng):
        x, fh, fw = base.args[:3]
        stride, pad = _stride_pad(base, 3)
        oh, ow = output_size(x.shape[2], fh, pad, stride), output_size(x.shape[3], fw, pad, stride)
        col = rng.normal(size=(x.shape[0] * oh * ow, x.shape[1] * fh * fw))
        yield Case(base.label, col, tuple(int(s) for s in x.shape), fh, fw, *base.args[3:], **base.kwargs)


@probes.judge("col2im")
def _(got, expected, case):
    name = f"col2im({case.label})"
    input_shape = tuple(case.args[1])
    stride, pad = _stride_pad(case, 4)
    mistakes = col2im_shape_mistakes(input_shape, stride, pad)
    if isinstance(got, np.ndarray) and got.ndim == 4 and got.shape != input_shape \
            and got.shape[:2] == input_shape[:2] and all(got.shape != s for s, _ in mistakes):
        mistakes.append((got.shape, tr("cut the padding off: img[:, :, pad:H + pad, pad:W + pad]",
                                       "パディングを取り除いてください(img[:, :, pad:H + pad, pad:W + pad])")))
    check_shape_with_hints(got, input_shape, name, mistakes)
    overlap = stride < max(case.args[2], case.args[3])
    check_close(got, expected, name,
                hints=[(lambda g, e: overlap,
                        tr("windows overlap here (stride < filter size): a pixel that sits in several "
                           "windows must receive the SUM of their values — accumulate with +=, do not overwrite",
                           "ここでは窓が重なっています(stride < フィルターの大きさ)。複数の窓に入る画素はそれらの値の和を"
                           "受け取ります。= で上書きせず、+= で足し込んでください"))])


def _layer_args(rng, N, C, H, W, FN, FH, FW, stride, pad):
    x = rng.normal(size=(N, C, H, W))
    w = rng.normal(size=(FN, C, FH, FW)) * 0.5
    b = rng.normal(size=FN)
    oh, ow = output_size(H, FH, pad, stride), output_size(W, FW, pad, stride)
    return x, w, b, rng.normal(size=(N, FN, oh, ow))


@probes.cases("Convolution", check_inputs=True)
def _(rng):
    def case(label, *dims, **extra):
        x, w, b, dout = _layer_args(rng, *dims)
        return Case(label, x, w, b, dout, stride=dims[-2], pad=dims[-1], **extra)
    yield case("x (2, 3, 5, 7), 4 filters 3×3, stride 1, pad 1", 2, 3, 5, 7, 4, 3, 3, 1, 1)
    yield case("2×3 filters, stride 2, pad 0", 3, 2, 6, 7, 3, 2, 3, 2, 0)
    yield case("stride 2, pad 2 (does not divide evenly)", 2, 2, 7, 6, 2, 3, 3, 2, 2)
    yield case("a single example, 1 channel", 1, 1, 8, 8, 5, 3, 3, 1, 0)
    yield case("the layer used twice: a second batch of another size", 2, 3, 5, 5, 2, 3, 3, 1, 1, reuse=True)
    for _ in range(2):
        N, C, H, W, fh, fw, stride, pad = _random_geometry(rng)
        FN = _draw(rng, 1, 4)
        filters = f"{FN} filter{'s' * (FN > 1)} {fh}×{fw}"
        yield case(f"random x {(N, C, H, W)}, {filters}, stride {stride}, pad {pad}",
                   N, C, H, W, FN, fh, fw, stride, pad)


@probes.call("Convolution")
def _(ns, case):
    (x, w, b, dout), kw = case.copied()
    layer = ns["Convolution"](w, b, stride=kw["stride"], pad=kw["pad"])
    if kw.get("reuse"):
        layer.forward(x[:1] * 3.0)  # the layer must keep the latest input, not the first
    out = layer.forward(x)
    dx = layer.backward(dout)
    return {"out": out, "dx": dx, "dW": layer.dW, "db": layer.db}


@probes.judge("Convolution")
def _(got, expected, case):
    x, w = case.args[:2]
    name = f"Convolution({case.label})"
    if isinstance(got, dict) and isinstance(got.get("out"), np.ndarray):
        check_shape_with_hints(got["out"], expected["out"].shape, f"forward of {name}",
                               conv_shape_mistakes(x.shape, w.shape[2], case.kwargs["pad"], case.kwargs["stride"],
                                                   n_C=w.shape[0], layout="NCHW", f_w=w.shape[3]))
    if isinstance(got, dict) and isinstance(got.get("db"), np.ndarray) and got["db"].shape != expected["db"].shape:
        raise CheckError(tr(f"db of {name} has shape {got['db'].shape}, expected {expected['db'].shape} — "
                            "one gradient per filter: sum dout over the batch and both spatial axes.",
                            f"{name} の db の形状は {got['db'].shape} ですが、{expected['db'].shape} であるべきです。"
                            "勾配はフィルター1枚につき1つです。dout をバッチと縦横の軸について合計してください。"))
    compare(got, expected, name)


@probes.cases("Pooling", check_inputs=True)
def _(rng):
    def case(label, N, C, H, W, ph, pw, stride, pad, **extra):
        x = rng.normal(size=(N, C, H, W))
        dout = rng.normal(size=(N, C, output_size(H, ph, pad, stride), output_size(W, pw, pad, stride)))
        return Case(label, x, dout, ph, pw, stride=stride, pad=pad, **extra)
    yield case("2×2, stride 2 on (2, 3, 4, 6)", 2, 3, 4, 6, 2, 2, 2, 0)
    yield case("3×3, stride 1: overlapping windows", 2, 2, 5, 4, 3, 3, 1, 0)
    yield case("2×3 windows, stride 2 (does not divide evenly)", 1, 2, 7, 8, 2, 3, 2, 0)
    yield case("3×3, stride 2, pad 1, positive values", 2, 2, 6, 5, 3, 3, 2, 1, positive=True)
    yield case("the default stride (2)", 2, 2, 6, 6, 2, 2, 2, 0, default_stride=True)
    for _ in range(2):
        N, C, H, W, ph, pw, stride, _ = _random_geometry(rng, pad_max=0)  # windows fit without padding
        pad = _draw(rng, 0, min(ph, pw) - 1)  # padding narrower than the window
        yield case(f"random x {(N, C, H, W)}, {ph}×{pw} windows, stride {stride}, pad {pad}"
                   + (", positive values" if pad else ""), N, C, H, W, ph, pw, stride, pad, positive=pad > 0)


@probes.call("Pooling")
def _(ns, case):
    (x, dout, ph, pw), kw = case.copied()
    if kw.get("positive"):
        x = np.abs(x) + 0.1  # zero padding must not win a window of positive values
    if kw.get("default_stride"):
        layer = ns["Pooling"](ph, pw)
    else:
        layer = ns["Pooling"](ph, pw, stride=kw["stride"], pad=kw["pad"])
    out = layer.forward(x)
    dx = layer.backward(dout)
    return {"out": out, "dx": dx}


@probes.judge("Pooling")
def _(got, expected, case):
    x, dout, ph, pw = case.args
    name = f"Pooling({case.label})"
    if isinstance(got, dict) and isinstance(got.get("out"), np.ndarray):
        check_shape_with_hints(got["out"], expected["out"].shape, f"forward of {name}",
                               conv_shape_mistakes(x.shape, ph, case.kwargs["pad"], case.kwargs["stride"],
                                                   layout="NCHW", f_w=pw))
    compare(got, expected, name)


@probes.cases("SimpleConvNet")
def _(rng):
    def case(label, input_dim, conv_param, hidden, out, std, N, one_hot=False):
        x = rng.normal(size=(N, *input_dim))
        labels = rng.integers(0, out, N)
        t = np.eye(out)[labels] if one_hot else labels
        return Case(label, x, t, input_dim=input_dim, conv_param=conv_param, hidden_size=hidden,
                    output_size=out, weight_init_std=std, seed=int(rng.integers(1 << 30)))
    yield case("the default digits net (1, 8, 8), 16 filters 3×3 pad 1", (1, 8, 8),
               {"filter_num": 16, "filter_size": 3, "pad": 1, "stride": 1}, 100, 10, 0.01, 6)
    yield case("(2, 10, 10) input, 5×5 filters, pad 0, one-hot labels", (2, 10, 10),
               {"filter_num": 4, "filter_size": 5, "pad": 0, "stride": 1}, 7, 3, 0.1, 5, one_hot=True)
    yield case("a single example, 3×3 filters stride 2 pad 1", (3, 7, 7),
               {"filter_num": 3, "filter_size": 3, "pad": 1, "stride": 2}, 5, 4, 0.05, 1)


@probes.call("SimpleConvNet")
def _(ns, case):
    (x, t), kw = case.copied()
    seed = kw.pop("seed")
    net = ns["SimpleConvNet"](**kw)
    shapes = {k: tuple(int(s) for s in np.shape(v)) for k, v in net.params.items()}
    scale = {k: float(np.std(v)) for k, v in net.params.items()}
    layers = [type(layer).__name__.lower() for layer in net.layers.values()]
    # fixed parameters, set in place: the layers must share the arrays in net.params
    fixed = np.random.default_rng(seed)
    for key in sorted(net.params):
        net.params[key][...] = fixed.normal(size=net.params[key].shape) * 0.2
    loss = net.loss(x, t)
    grads = net.gradient(x, t)
    return {"shapes": shapes, "scale": scale, "layers": layers, "loss": float(loss),
            "grads": {k: grads[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3")},
            "scores": net.predict(x), "accuracy": float(net.accuracy(x, t))}


@probes.judge("SimpleConvNet")
def _(got, expected, case):
    name = f"SimpleConvNet({case.label})"
    if not isinstance(got, dict):
        raise CheckError(tr(f"{name}: could not be run ({got}).", f"{name} を実行できませんでした({got})。"))
    compare(got["shapes"], expected["shapes"], tr(f"the parameter shapes of {name}", f"{name} のパラメータの形状"))
    std = case.kwargs["weight_init_std"]
    for key, value in got["scale"].items():
        n = int(np.prod(got["shapes"][key]))
        if key[0] == "b" and value != 0.0:
            raise CheckError(tr(f"{name}: {key} should start at zero.", f"{name}: {key} の初期値は 0 であるべきです。"))
        if key[0] == "W" and n >= 100 and abs(value / std - 1) > normal_draw_tolerances(n)[1]:
            raise CheckError(tr(f"{name}: {key} has standard deviation {value:.3g}, expected about "
                                f"weight_init_std = {std} — weight_init_std * np.random.randn(...).",
                                f"{name}: {key} の標準偏差は {value:.3g} ですが、weight_init_std = {std} 程度で"
                                "あるべきです — weight_init_std * np.random.randn(...)。"))
    if sorted(got["layers"]) != sorted(expected["layers"]):
        raise CheckError(tr(f"{name}: layers should be {expected['layers']}, got {got['layers']}.",
                            f"{name}: レイヤは {expected['layers']} であるべきですが、{got['layers']} でした。"))
    try:
        check_close(got["loss"], expected["loss"], tr(f"the loss of {name} with fixed parameters",
                                                       f"パラメータを固定したときの {name} の損失"))
    except CheckError as exc:
        raise CheckError(tr(f"{exc} If it did not change when the parameters were set in place, your layers "
                            "hold copies: pass self.params['W1'] itself to Convolution(...), as the book does.",
                            f"{exc} パラメータをその場で書き換えても損失が変わらないなら、レイヤがコピーを持っています。"
                            "本と同じように self.params['W1'] そのものを Convolution(...) に渡してください。")) from None
    compare(got["grads"], expected["grads"], f"gradient() of {name}", rtol=1e-4, atol=1e-7)
    compare(got["scores"], expected["scores"], f"predict() of {name}")
    check_close(got["accuracy"], expected["accuracy"], f"accuracy() of {name}")


# =============================================================================== concept questions
probes.answer("concept_output_size", "answer_output_size",
              tr("Each output size is ⌊(n + 2p − f)/s⌋ + 1: the height is ⌊(15 + 4 − 4)/3⌋ + 1 = 6 "
                 "and the width ⌊(10 + 4 − 4)/3⌋ + 1 = 4.",
                 "出力サイズは ⌊(n + 2p − f)/s⌋ + 1 です。高さは ⌊(15 + 4 − 4)/3⌋ + 1 = 6、"
                 "幅は ⌊(10 + 4 − 4)/3⌋ + 1 = 4 になります。"))
probes.answer("concept_conv_params", "answer_conv_params",
              tr("Each filter spans all input channels, 3·3·8 = 72 weights, plus one bias, and there "
                 "are 16 filters: 16 · (72 + 1) = 1168.",
                 "フィルター1枚は入力のすべてのチャンネルにわたる 3·3·8 = 72 個の重みと 1 個のバイアスを持ち、"
                 "それが16枚あるので 16 · (72 + 1) = 1168 個です。"))
probes.answer("concept_im2col_shape", "answer_im2col_shape",
              tr("With a 3×3 filter, stride 1 and no padding, each 5×5 image gives a 3×3 output, and "
                 "col has one row per output position of every image, N·OH·OW = 2·3·3 = 18, and one "
                 "column per filter element, C·FH·FW = 3·3·3 = 27.",
                 "3×3 のフィルター、ストライド 1、パディングなしでは 5×5 の画像から 3×3 の出力ができます。"
                 "col の行は各画像の出力位置1つにつき1行で N·OH·OW = 2·3·3 = 18、列はフィルターの要素1つにつき"
                 "1列で C·FH·FW = 3·3·3 = 27 です。"))

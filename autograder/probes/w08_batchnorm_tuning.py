"""Probes of week 8: batch normalisation, splits, random search (see autograder.probes).

Batch-norm layers are judged by value against the reference (fixed formulas). The random
functions (split, samplers, search) are judged by properties — sizes, partitions, ranges,
the distribution of log10 of the samples, reproducibility with the same seed or generator —
so a correct answer that draws its random numbers another way keeps every point.
"""
import numpy as np

from autograder.probes import Case, ProbeSet
from course.checks import CheckError, check_keys, check_shape, check_type, compare
from course.i18n import tr

probes = ProbeSet("w08_batchnorm_tuning")


def _fail(message):
    raise CheckError(message)


# =========================================================================== batchnorm_forward
def _bn_inputs(rng, N, D, shift=0.0, scale=1.0):
    x = rng.normal(size=(N, D)) * scale + shift
    gamma = rng.uniform(0.5, 2.0, size=D)
    beta = rng.normal(size=D)
    return x, gamma, beta


@probes.cases("batchnorm_forward")
def _(rng):
    """Each case: x batches and modes run in sequence on ONE bn_param dict."""
    x, g, b = _bn_inputs(rng, 4, 3)
    yield Case("one train step on a 4×3 batch (no running stats yet)", [x], ["train"], g, b,
               {"mode": "train", "eps": 1e-5, "momentum": 0.9})
    xs = [rng.normal(size=(10, 5)) * 3 + 5 for _ in range(4)]
    _, g, b = _bn_inputs(rng, 10, 5)
    yield Case("three train steps then test mode, 10×5, momentum 0.8", xs, ["train"] * 3 + ["test"],
               g, b, {"mode": "train", "eps": 1e-5, "momentum": 0.8})
    x, g, b = _bn_inputs(rng, 7, 1, shift=-2.0)
    yield Case("a single feature (7×1)", [x, x[:3]], ["train", "test"], g, b,
               {"mode": "train", "eps": 1e-5, "momentum": 0.9})
    x, g, b = _bn_inputs(rng, 8, 4)
    x[:, 0] *= 1e-3                 # a feature with a tiny variance: eps must sit inside the sqrt
    yield Case("a feature with variance ~1e-6 (eps inside the sqrt?)", [x], ["train"], g, b,
               {"mode": "train", "eps": 1e-5, "momentum": 0.9})
    x, g, b = _bn_inputs(rng, 6, 3)
    yield Case("test mode with given running stats", [x], ["test"], g, b,
               {"mode": "test", "eps": 1e-5, "momentum": 0.9,
                "running_mean": rng.normal(size=3), "running_var": rng.uniform(0.5, 2.0, size=3)})
    x, g, b = _bn_inputs(rng, 5, 6, shift=100.0, scale=20.0)
    yield Case("no eps / momentum keys (defaults 1e-5, 0.9), large values", [x, x + 1.0],
               ["train", "train"], g, b, {"mode": "train"})
    x, g, b = _bn_inputs(rng, 2, 4)
    yield Case("a batch of two examples", [x], ["train"], g, b,
               {"mode": "train", "eps": 1e-5, "momentum": 0.9})


@probes.call("batchnorm_forward")
def _(ns, case):
    (xs, modes, gamma, beta, bn_param), _ = case.copied()
    steps = []
    for x, mode in zip(xs, modes):
        bn_param["mode"] = mode
        x_before = x.copy()
        out, _cache = ns["batchnorm_forward"](x, gamma, beta, bn_param)
        if not np.array_equal(x, x_before):
            _fail(tr(f"batchnorm_forward({case.label}) modified x in place: compute on new arrays.",
                     f"batchnorm_forward({case.label}) が x をその場で書き換えました。新しい配列で計算してください。"))
        steps.append({"mode": mode, "out": out,
                      "running_mean": bn_param.get("running_mean"),
                      "running_var": bn_param.get("running_var")})
    return steps


@probes.judge("batchnorm_forward")
def _(got, expected, case):
    for i, (g, e) in enumerate(zip(got, expected)):
        where = tr(f"batchnorm_forward({case.label}), call {i + 1} ({e['mode']} mode)",
                   f"batchnorm_forward({case.label}) の {i + 1} 回目の呼び出し({e['mode']} モード)")
        if g["running_mean"] is None or g["running_var"] is None:
            _fail(tr(f"{where}: bn_param has no running_mean / running_var afterwards — create them "
                     "as zeros when missing and store the updated values back into bn_param.",
                     f"{where}: 呼び出し後の bn_param に running_mean / running_var がありません。"
                     "なければ 0 で作り、更新した値を bn_param に書き戻してください。"))
        compare(g["out"], e["out"], f"{where}: out")
        compare(g["running_mean"], e["running_mean"], f'{where}: bn_param["running_mean"]')
        compare(g["running_var"], e["running_var"], f'{where}: bn_param["running_var"]')


# =========================================================================== batchnorm_backward
@probes.cases("batchnorm_backward")
def _(rng):
    for label, N, D, shift, scale in [("a 4×3 batch", 4, 3, 0.0, 1.0),
                                      ("a 10×5 batch with mean 5, scale 3", 10, 5, 5.0, 3.0),
                                      ("a single feature (6×1)", 6, 1, 1.0, 1.0),
                                      ("a batch of two examples (2×4)", 2, 4, 0.0, 1.0),
                                      ("large values (8×3, mean 100, scale 50)", 8, 3, 100.0, 50.0)]:
        x, g, b = _bn_inputs(rng, N, D, shift, scale)
        yield Case(label, x, g, b, rng.normal(size=(N, D)), 1e-5)


@probes.call("batchnorm_backward")
def _(ns, case):
    # The cache's layout is the student's own: run THEIR forward, then THEIR backward.
    (x, gamma, beta, dout, eps), _ = case.copied()
    bn_param = {"mode": "train", "eps": eps, "momentum": 0.9}
    _out, cache = ns["batchnorm_forward"](x, gamma, beta, bn_param)
    dx, dgamma, dbeta = ns["batchnorm_backward"](dout, cache)
    return {"dx": dx, "dgamma": dgamma, "dbeta": dbeta}


@probes.judge("batchnorm_backward")
def _(got, expected, case):
    name = f"batchnorm_backward({case.label})"
    dx = got["dx"]
    if isinstance(dx, np.ndarray) and dx.shape == expected["dx"].shape \
            and not np.allclose(dx, expected["dx"], rtol=1e-5, atol=1e-7):
        if not np.allclose(dx.sum(axis=0), 0, atol=1e-6 * (1 + np.abs(dx).max())):
            _fail(tr(f"{name}: dx is wrong and its columns do not sum to 0 — the mean μ depends on "
                     "every x_i: add the path through μ (and the one through σ²).",
                     f"{name}: dx が誤っていて、各列の和が 0 になりません。平均 μ はすべての x_i に依存します。"
                     "μ を通る経路(と σ² を通る経路)を加えてください。"))
    compare(got, expected, name, rtol=1e-5, atol=1e-7)


# =========================================================================== BatchNormalization
@probes.cases("BatchNormalization")
def _(rng):
    x1, g, b = _bn_inputs(rng, 6, 4)
    x2 = rng.normal(size=(6, 4)) * 2 - 1
    yield Case("two train steps, backward, then test mode (6×4)", g, b, {},
               [x1, x2], rng.normal(size=(6, 4)), rng.normal(size=(3, 4)))
    x1, g, b = _bn_inputs(rng, 9, 3, shift=4.0, scale=3.0)
    yield Case("momentum 0.5, 9×3 with mean 4", g, b, {"momentum": 0.5},
               [x1], rng.normal(size=(9, 3)), rng.normal(size=(2, 3)) + 4)
    g, b = rng.uniform(0.5, 2, 8), rng.normal(size=8)
    yield Case("a 4-D input (5, 2, 2, 2): 8 features", g, b, {},
               [rng.normal(size=(5, 2, 2, 2))], rng.normal(size=(5, 2, 2, 2)), rng.normal(size=(3, 2, 2, 2)))
    x1, g, b = _bn_inputs(rng, 5, 1, shift=-3.0)
    yield Case("a single feature (5×1)", g, b, {}, [x1], rng.normal(size=(5, 1)), rng.normal(size=(2, 1)))
    x1, g, b = _bn_inputs(rng, 8, 3)
    x1[:, 1] *= 1e-4                  # variance ~1e-8: only sqrt(var + 1e-7) gets this right
    yield Case("a feature with variance ~1e-8 (sqrt(var + 1e-7)?)", g, b, {},
               [x1], rng.normal(size=(8, 3)), x1[:4])
    g, b = rng.uniform(0.5, 2, 3), rng.normal(size=3)
    yield Case("given running_mean / running_var, test mode only", g, b,
               {"running_mean": rng.normal(size=3), "running_var": rng.uniform(0.5, 2, 3)},
               [], None, rng.normal(size=(4, 3)))


@probes.call("BatchNormalization")
def _(ns, case):
    (gamma, beta, options, train_xs, dout, test_x), _ = case.copied()
    layer = ns["BatchNormalization"](gamma, beta, **options)
    result = {}
    for i, x in enumerate(train_xs):
        result[f"out (train step {i + 1})"] = layer.forward(x, train_flg=True)
        result[f"running_mean after train step {i + 1}"] = np.array(layer.running_mean, dtype=float)
        result[f"running_var after train step {i + 1}"] = np.array(layer.running_var, dtype=float)
    if dout is not None:
        result["dx = backward(dout)"] = layer.backward(dout)
        result["dgamma"] = layer.dgamma
        result["dbeta"] = layer.dbeta
    result["out (train_flg=False)"] = layer.forward(test_x, train_flg=False)
    result["running_mean after the test-mode forward"] = np.array(layer.running_mean, dtype=float)
    result["running_var after the test-mode forward"] = np.array(layer.running_var, dtype=float)
    return result


@probes.judge("BatchNormalization")
def _(got, expected, case):
    check_type(got, dict, "the probe's result")
    for key, value in expected.items():   # in order: the first wrong quantity is reported
        try:
            compare(got[key], value, f"BatchNormalization({case.label}): {key}", rtol=1e-5, atol=1e-7)
        except CheckError as err:
            raise CheckError(str(err) + tr(
                " (The layer passes its state to batchnorm_forward: the mode from train_flg, \"eps\": 1e-7, "
                "the layer's momentum and its running averages; it keeps the updated averages and the cache.)",
                "(レイヤは batchnorm_forward に自分の状態を渡します: train_flg に応じたモード、\"eps\": 1e-7、"
                "レイヤの momentum と移動平均。更新された移動平均と cache はレイヤに保存します。)")) from None


# =========================================================================== train_dev_test_split
def _split_data(rng, N, x_shape=(3,), y_kind="values"):
    X = rng.normal(size=(N,) + tuple(x_shape))
    X.reshape(N, -1)[:, 0] = np.arange(N)            # feature 0 of row i is i: an id
    if y_kind == "values":
        Y = rng.normal(size=N) + 10 * np.arange(N)    # distinct, so pairs can be told apart
    else:
        Y = np.eye(10)[rng.integers(0, 10, N)]        # one-hot rows (N, 10)
    return X, Y


@probes.cases("train_dev_test_split", check_inputs=True)
def _(rng):
    yield Case("10 rows, ratios (0.6, 0.2, 0.2)", *_split_data(rng, 10), (0.6, 0.2, 0.2), 0)
    yield Case("1797 rows, ratios (0.6, 0.2, 0.2)", *_split_data(rng, 1797), (0.6, 0.2, 0.2), 3)
    yield Case("1000 rows, ratios (0.98, 0.01, 0.01)", *_split_data(rng, 1000), (0.98, 0.01, 0.01), 1)
    yield Case("50 rows, one-hot Y (50, 10), ratios [0.7, 0.15, 0.15] (a list)",
               *_split_data(rng, 50, (4,), "onehot"), [0.7, 0.15, 0.15], 5)
    yield Case("images X (30, 1, 4, 4), ratios (0.8, 0.1, 0.1)",
               *_split_data(rng, 30, (1, 4, 4)), (0.8, 0.1, 0.1), 2)
    yield Case("7 rows, ratios (0.6, 0.2, 0.2)", *_split_data(rng, 7), (0.6, 0.2, 0.2), 0)


@probes.call("train_dev_test_split")
def _(ns, case):
    args, _ = case.copied()
    X, Y, ratios, seed = args
    fn = ns["train_dev_test_split"]
    return {"parts": fn(X, Y, ratios, seed=seed),
            "again": fn(X, Y, ratios, seed=seed),
            "other": fn(X, Y, ratios, seed=seed + 1)}


_PART_NAMES = ("X_train", "Y_train", "X_dev", "Y_dev", "X_test", "Y_test")


@probes.judge("train_dev_test_split")
def _(got, expected, case):
    X, Y, ratios, _seed = case.args
    N = X.shape[0]
    name = f"train_dev_test_split({case.label})"
    parts = got["parts"]
    if not isinstance(parts, (tuple, list)) or len(parts) != 6:
        length = f" of length {len(parts)}" if isinstance(parts, (tuple, list)) else ""
        _fail(tr(f"{name} should return six arrays (X_train, Y_train, X_dev, Y_dev, X_test, Y_test), "
                 f"got {type(parts).__name__}{length}",
                 f"{name} は 6 つの配列 (X_train, Y_train, X_dev, Y_dev, X_test, Y_test) を返します。"
                 f"返り値は {type(parts).__name__}{length} でした。"))
    for part, pname in zip(parts, _PART_NAMES):
        if not isinstance(part, np.ndarray):
            _fail(tr(f"{name}: {pname} should be a NumPy array, got {type(part).__name__}.",
                     f"{name}: {pname} は NumPy 配列です。返り値は {type(part).__name__} でした。"))
    Xs, Ys = parts[0::2], parts[1::2]
    for xp, yp, pname in zip(Xs, Ys, ("train", "dev", "test")):
        check_shape(xp, (xp.shape[0],) + X.shape[1:], f"{name}: X_{pname}")
        check_shape(yp, (xp.shape[0],) + Y.shape[1:], f"{name}: Y_{pname} (as many rows as X_{pname})")
    sizes = [xp.shape[0] for xp in Xs]
    if sum(sizes) != N:
        why = (tr("examples were lost: give the test part all the rows that are left "
                  "(n_test = N − n_train − n_dev) rather than rounding it separately.",
                  "例が失われています。テスト部分には残りの行をすべて与えてください"
                  "(別に丸めずに n_test = N − n_train − n_dev)。")
               if sum(sizes) < N else tr("some examples are repeated.", "重複している例があります。"))
        _fail(tr(f"{name}: the parts have {sizes} rows, {sum(sizes)} in all, but X has {N} — {why}",
                 f"{name}: 各部分の行数は {sizes}、合計 {sum(sizes)} ですが、X は {N} 行です — {why}"))
    for k, pname in ((0, "train"), (1, "dev")):
        if abs(sizes[k] - ratios[k] * N) > 1 + 1e-9:
            _fail(tr(f"{name}: the {pname} part has {sizes[k]} rows, expected about "
                     f"{ratios[k]} × {N} = {ratios[k] * N:g}.",
                     f"{name}: {pname} 部分が {sizes[k]} 行です。約 {ratios[k]} × {N} = {ratios[k] * N:g} 行のはずです。"))
    ids = np.concatenate([xp.reshape(xp.shape[0], -1)[:, 0] for xp in Xs])
    if not np.array_equal(np.sort(ids), np.arange(N)):
        _fail(tr(f"{name}: the parts are not a partition of the rows of X — some rows appear twice and "
                 "others not at all (sample without replacement: a permutation of the indices).",
                 f"{name}: 3 つの部分が X の行をちょうど分けていません。2 回現れる行と、一度も現れない行が"
                 "あります(非復元抽出、つまりインデックスの並べ替えを使ってください)。"))
    order = ids.astype(int)
    for xp, yp, pname in zip(Xs, Ys, ("train", "dev", "test")):
        rows = xp.reshape(xp.shape[0], -1)[:, 0].astype(int)
        if not np.array_equal(xp, X[rows]):
            _fail(tr(f"{name}: the rows of X_{pname} are not the rows of X (were features shuffled?).",
                     f"{name}: X_{pname} の行が X の行になっていません(特徴量を並べ替えていませんか?)。"))
        if not np.array_equal(yp, Y[rows]):
            _fail(tr(f"{name}: X_{pname} and Y_{pname} are no longer paired — row i of Y_{pname} is not "
                     f"the label of row i of X_{pname}. Shuffle with ONE permutation of the indices and "
                     "index both X and Y with it (the SAME permutation).",
                     f"{name}: X_{pname} と Y_{pname} の対応が崩れています。Y_{pname} の i 行目が X_{pname} の "
                     "i 行目のラベルではありません。インデックスの並べ替えを「1 つ」作り、X と Y の両方を"
                     "それで添字付けしてください(SAME permutation)。"))
    if N >= 10 and np.array_equal(order, np.arange(N)):
        _fail(tr(f"{name}: the rows are still in their original order — shuffle them first (with "
                 "np.random.default_rng(seed)) so that all three parts come from the same distribution.",
                 f"{name}: 行が元の順のままです。3 つの部分が同じ分布から来るように、まず"
                 "(np.random.default_rng(seed) で)シャッフルしてください。"))
    for key in ("again", "other"):
        other = got[key]
        same = (isinstance(other, (tuple, list)) and len(other) == 6
                and all(isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
                        and np.array_equal(a, b) for a, b in zip(other, parts)))
        if key == "again" and not same:
            _fail(tr(f"{name}: two calls with the same seed gave different splits — draw the permutation from "
                     "np.random.default_rng(seed), not from np.random.",
                     f"{name}: 同じ seed の 2 回の呼び出しで分け方が違いました。並べ替えは np.random ではなく "
                     "np.random.default_rng(seed) から作ってください。"))
        if key == "other" and same and N >= 10:
            _fail(tr(f"{name}: seed={case.args[3]} and seed={case.args[3] + 1} gave the same split — "
                     "use the seed argument.",
                     f"{name}: seed={case.args[3]} と seed={case.args[3] + 1} で同じ分け方になりました。"
                     "引数 seed を使ってください。"))


# =========================================================================== samplers
def _check_reproducible(got, name):
    if not np.array_equal(np.asarray(got["big"]), np.asarray(got["again"])):
        _fail(tr(f"{name}: two calls with generators made from the same seed gave different samples — "
                 "draw from the rng argument (rng.uniform), not from np.random.",
                 f"{name}: 同じ seed から作った生成器での 2 回の呼び出しで、違うサンプルになりました。"
                 "np.random ではなく引数 rng から引いてください(rng.uniform)。"))
    if np.array_equal(np.asarray(got["big"]), np.asarray(got["other"])):
        _fail(tr(f"{name}: generators with different seeds gave the same samples — draw from rng.",
                 f"{name}: seed の違う生成器で同じサンプルになりました。rng から引いてください。"))


def _check_log10_uniform(r, lo, hi, name, what):
    """r should be uniform on [lo, hi] (r = log10 of the samples)."""
    width = hi - lo
    mean, std = float(np.mean(r)), float(np.std(r))
    if abs(mean - (lo + hi) / 2) > 0.03 * width or abs(std - width / np.sqrt(12)) > 0.05 * width / np.sqrt(12):
        hist = np.histogram(r, bins=4, range=(lo, hi))[0] / r.size
        quarters = np.round(hist, 3).tolist()
        _fail(tr(f"{name}: {what} should be spread evenly over [{lo:g}, {hi:g}] (mean {(lo + hi) / 2:g}, "
                 f"std {width / np.sqrt(12):.3g}); got mean {mean:.3g}, std {std:.3g}, and the four "
                 f"quarters hold {quarters} of the samples — sample the EXPONENT "
                 "uniformly (r = rng.uniform(...)), then take 10**r.",
                 f"{name}: {what} は [{lo:g}, {hi:g}] に均等に散らばるはずです(平均 {(lo + hi) / 2:g}、"
                 f"標準偏差 {width / np.sqrt(12):.3g})。実際は平均 {mean:.3g}、標準偏差 {std:.3g} で、"
                 f"4 等分した区間にサンプルの {quarters} が入っています。「指数」を一様に引き"
                 "(r = rng.uniform(...))、それから 10**r を取ってください。"))
    hist = np.histogram(r, bins=5, range=(lo, hi))[0] / r.size
    if np.abs(hist - 0.2).max() > 0.03:
        fifths = np.round(hist, 3).tolist()
        _fail(tr(f"{name}: {what} is not uniform: the five fifths of [{lo:g}, {hi:g}] hold "
                 f"{fifths} of the samples (0.2 each expected).",
                 f"{name}: {what} が一様ではありません。[{lo:g}, {hi:g}] を 5 等分した区間にサンプルの "
                 f"{fifths} が入っています(それぞれ 0.2 のはずです)。"))


def _sampler_call(fname, lo, hi, ns):
    fn = ns[fname]
    return {"big": fn(lo, hi, 20000, np.random.default_rng(1)),
            "again": fn(lo, hi, 20000, np.random.default_rng(1)),
            "other": fn(lo, hi, 20000, np.random.default_rng(2)),
            "small": fn(lo, hi, 5, np.random.default_rng(3)),
            "one": fn(lo, hi, 1, np.random.default_rng(4))}


def _check_samples(got, name, lo_val, hi_val):
    for key, size in (("small", 5), ("one", 1), ("big", 20000)):
        check_shape(got[key], (size,), f"{name} with size={size}")
        v = got[key]
        if not np.all(np.isfinite(v)):
            _fail(tr(f"{name}: the samples contain NaN or inf.", f"{name}: サンプルに NaN か inf が含まれています。"))
        if v.min() < lo_val * (1 - 1e-9) - 1e-12 or v.max() > hi_val * (1 + 1e-9) + 1e-12:
            _fail(tr(f"{name}: samples should lie in [{lo_val:.6g}, {hi_val:.6g}], got values from "
                     f"{v.min():.6g} to {v.max():.6g}.",
                     f"{name}: サンプルは [{lo_val:.6g}, {hi_val:.6g}] に入るはずですが、{v.min():.6g} から "
                     f"{v.max():.6g} までの値でした。"))


def _judge_log_uniform(got, lo, hi):
    name = f"sample_log_uniform({lo}, {hi}, size, rng)"
    _check_samples(got, name, 10.0 ** lo, 10.0 ** hi)
    _check_log10_uniform(np.log10(got["big"]), lo, hi, name,
                         tr("log10 of the samples", "サンプルの log10"))
    _check_reproducible(got, name)


def _judge_beta(got, lo, hi):
    name = f"sample_beta({lo}, {hi}, size, rng)"
    _check_samples(got, name, lo, hi)
    one_minus = 1.0 - got["big"]
    if np.any(one_minus <= 0):
        _fail(tr(f"{name}: some β are ≥ 1.", f"{name}: 1 以上の β があります。"))
    _check_log10_uniform(np.log10(one_minus), np.log10(1 - hi), np.log10(1 - lo), name, "log10(1 − β)")
    _check_reproducible(got, name)


# sample_log_uniform and sample_beta are one exercise (one cell): a case tries one of them.
@probes.cases("log_scale_samplers", parts=("sample_log_uniform", "sample_beta"))
def _(rng):
    for lo, hi in [(-4, -1), (-6, 0), (0, 2), (-2.5, 0.5), (-3, -2)]:
        yield Case(f"sample_log_uniform, low_exp={lo}, high_exp={hi}", "sample_log_uniform", lo, hi)
    for lo, hi in [(0.9, 0.999), (0.99, 0.9999), (0.5, 0.99), (0.0, 0.9)]:
        yield Case(f"sample_beta, low={lo}, high={hi}", "sample_beta", lo, hi)


@probes.call("log_scale_samplers")
def _(ns, case):
    (fname, lo, hi), _ = case.copied()
    return _sampler_call(fname, lo, hi, ns)


@probes.judge("log_scale_samplers")
def _(got, expected, case):
    fname, lo, hi = case.args
    (_judge_log_uniform if fname == "sample_log_uniform" else _judge_beta)(got, lo, hi)


# =========================================================================== random_search
def _fake_score(config):
    """A deterministic 'dev accuracy': best near learning_rate = 5e-3 and beta = 0.99."""
    lr, beta = float(config["learning_rate"]), float(config["beta"])
    if lr <= 0 or not 0 <= beta < 1:
        return -100.0
    return 1.0 - 0.1 * (np.log10(lr) + 2.3) ** 2 - 0.1 * (np.log10(1 - beta) + 2.0) ** 2


def _known_log_uniform(low_exp, high_exp, size, rng):
    return 10.0 ** rng.uniform(low_exp, high_exp, size)


def _known_beta(low, high, size, rng):
    return 1.0 - 10.0 ** rng.uniform(np.log10(1 - high), np.log10(1 - low), size)


@probes.cases("random_search")
def _(rng):
    yield Case("8 trials", 8, 0)
    yield Case("a single trial", 1, 1)
    yield Case("400 trials (the spread of the samples)", 400, 2)


@probes.call("random_search")
def _(ns, case):
    (n_trials, seed), _ = case.copied()
    # random_search is graded on its own: it gets samplers known to be right, so a mistake in
    # sample_log_uniform / sample_beta costs points once, in their own exercises.
    search = ns["random_search"]
    g = getattr(search, "__globals__", ns)   # the namespace its names are looked up in
    saved = {k: g.get(k) for k in ("sample_log_uniform", "sample_beta")}
    g["sample_log_uniform"], g["sample_beta"] = _known_log_uniform, _known_beta
    try:
        runs = []
        for s in (seed, seed, seed + 100):
            calls = []

            def train_fn(config):
                calls.append({k: config[k] for k in config})
                return float(_fake_score(config))

            best, trials = search(train_fn, n_trials, np.random.default_rng(s))
            runs.append({"best": best, "trials": trials, "calls": calls})
    finally:
        for k, v in saved.items():
            if v is None:
                g.pop(k, None)
            else:
                g[k] = v
    return runs


@probes.judge("random_search")
def _(got, expected, case):
    n_trials = case.args[0]
    name = f"random_search(train_fn, n_trials={n_trials}, rng)"
    run = got[0]
    trials, best, calls = run["trials"], run["best"], run["calls"]
    if not isinstance(trials, list):
        _fail(tr(f"{name}: trials should be a list of dicts, got {type(trials).__name__}.",
                 f"{name}: trials は辞書のリストです。返り値は {type(trials).__name__} でした。"))
    if len(calls) != n_trials:
        _fail(tr(f"{name}: train_fn was called {len(calls)} times, expected once per trial ({n_trials}).",
                 f"{name}: train_fn が {len(calls)} 回呼ばれました。試行ごとに 1 回({n_trials} 回)のはずです。"))
    if len(trials) != n_trials:
        _fail(tr(f"{name}: trials has {len(trials)} entries, expected {n_trials} (one per trial).",
                 f"{name}: trials の要素が {len(trials)} 個です。試行ごとに 1 つ、{n_trials} 個のはずです。"))
    for i, (t, c) in enumerate(zip(trials, calls)):
        check_keys(t, ("learning_rate", "beta", "score"), f"{name}: trials[{i}]")
        check_keys(c, ("learning_rate", "beta"), f"{name}: the config passed to train_fn in trial {i}")
        for key in ("learning_rate", "beta"):
            if not np.isclose(float(t[key]), float(c[key]), rtol=1e-12, atol=0):
                _fail(tr(f"{name}: trials[{i}]['{key}'] = {t[key]!r} is not the value passed to "
                         f"train_fn in that trial ({c[key]!r}).",
                         f"{name}: trials[{i}]['{key}'] = {t[key]!r} は、その試行で train_fn に渡した値"
                         f"({c[key]!r})ではありません。"))
        if not np.isclose(float(t["score"]), _fake_score(c), rtol=1e-12, atol=1e-12):
            _fail(tr(f"{name}: trials[{i}]['score'] = {t['score']!r} is not what train_fn returned "
                     f"for that config ({_fake_score(c)!r}).",
                     f"{name}: trials[{i}]['score'] = {t['score']!r} は、その設定で train_fn が返した値"
                     f"({_fake_score(c)!r})ではありません。"))
    lrs = np.array([float(t["learning_rate"]) for t in trials])
    betas = np.array([float(t["beta"]) for t in trials])
    if lrs.min() < 1e-4 * (1 - 1e-9) or lrs.max() > 1e-1 * (1 + 1e-9):
        _fail(tr(f"{name}: learning rates should come from sample_log_uniform(-4, -1, …), i.e. lie in "
                 f"[1e-4, 1e-1]; got values from {lrs.min():.3g} to {lrs.max():.3g}.",
                 f"{name}: 学習率は sample_log_uniform(-4, -1, …) から、つまり [1e-4, 1e-1] の範囲で取ります。"
                 f"実際は {lrs.min():.3g} から {lrs.max():.3g} まででした。"))
    if betas.min() < 0.9 - 1e-12 or betas.max() > 0.999 + 1e-12:
        _fail(tr(f"{name}: β should come from sample_beta(0.9, 0.999, …), i.e. lie in [0.9, 0.999]; "
                 f"got values from {betas.min():.6g} to {betas.max():.6g}.",
                 f"{name}: β は sample_beta(0.9, 0.999, …) から、つまり [0.9, 0.999] の範囲で取ります。"
                 f"実際は {betas.min():.6g} から {betas.max():.6g} まででした。"))
    if n_trials >= 100:
        _check_log10_uniform(np.log10(lrs), -4, -1, name, tr("log10 of the learning rates", "学習率の log10"))
        _check_log10_uniform(np.log10(1 - betas), -3, -1, name, "log10(1 − β)")
    check_keys(best, ("learning_rate", "beta"), f"{name}: best_config")
    scores = np.array([float(t["score"]) for t in trials])
    i_best = int(np.argmax(scores))
    picked = [i for i, t in enumerate(trials)
              if np.isclose(float(t["learning_rate"]), float(best["learning_rate"]), rtol=1e-12, atol=0)
              and np.isclose(float(t["beta"]), float(best["beta"]), rtol=1e-12, atol=0)]
    if not picked:
        _fail(tr(f"{name}: best_config {best} is not the config of any trial.",
                 f"{name}: best_config {best} はどの試行の設定でもありません。"))
    if scores[picked[0]] < scores[i_best]:
        lowest = picked[0] == int(np.argmin(scores))
        hint = (tr(" — that is the LOWEST score: the best trial has the highest score (max, not min)",
                   " — それは最も「低い」スコアです。最良の試行は最も高いスコアの試行です(min ではなく max)")
                if lowest else "")
        _fail(tr(f"{name}: best_config is trial {picked[0]} (score {scores[picked[0]]:.4g}), but trial "
                 f"{i_best} scored higher ({scores[i_best]:.4g}){hint}.",
                 f"{name}: best_config は試行 {picked[0]}(スコア {scores[picked[0]]:.4g})ですが、試行 "
                 f"{i_best} のほうが高いスコア({scores[i_best]:.4g})でした{hint}。"))
    same = [float(t["learning_rate"]) for t in got[1]["trials"]] == list(lrs)
    if not same:
        _fail(tr(f"{name}: two searches with generators from the same seed tried different configs — "
                 "draw every random number from rng (pass it to the samplers).",
                 f"{name}: 同じ seed の生成器による 2 回の探索で、試した設定が違いました。乱数はすべて rng から"
                 "引いてください(サンプラーに rng を渡します)。"))
    other = [float(t["learning_rate"]) for t in got[2]["trials"]]
    if other == list(lrs):
        _fail(tr(f"{name}: generators with different seeds gave the same trials — use rng.",
                 f"{name}: seed の違う生成器で同じ試行になりました。rng を使ってください。"))


# =========================================================================== concept questions
probes.answer("concept_bn_test_time", "answer_bn_test_time",
              tr("At test time batch norm uses the running (exponentially weighted) averages of μ and "
                 "σ² collected during training (2), not the test batch's own statistics (1 is false); "
                 "so it can predict a single example (3 is false), and each example's output does not "
                 "depend on the rest of the batch (4).",
                 "テスト時のバッチ正規化は、学習中に集めた μ と σ² の移動平均(指数加重移動平均)を使い(2)、"
                 "テストのバッチ自身の統計量は使いません(1 は誤り)。そのため 1 つの例でも予測でき(3 は誤り)、"
                 "各例の出力はバッチの他の例に左右されません(4)。"))
probes.answer("concept_bn_param_count", "answer_bn_param_count",
              tr("Batch norm learns one scale γ and one shift β per feature; the affine layer has 50 "
                 "outputs, so 50 + 50 = 100 numbers (the running mean and variance are recorded, not "
                 "learned).",
                 "バッチ正規化は特徴量ごとにスケール γ とシフト β を 1 つずつ学習します。アフィンレイヤの出力は "
                 "50 個なので 50 + 50 = 100 個です(移動平均の平均と分散は記録されるだけで、学習はされません)。"))
probes.answer("concept_split", "answer_split_choices",
              tr("1% of 1,000,000 is 10,000 examples, plenty for the dev and the test set (1). Dev "
                 "and test sets must come from the same distribution, the data expected in use (3; so "
                 "2 is false), and hyperparameters chosen by their test score make that score "
                 "optimistic: choose on the dev set and look at the test set once (4 is false).",
                 "1,000,000 の 1% は 10,000 例で、開発データにもテストデータにも十分です(1)。開発データと"
                 "テストデータは、実際に使うときのデータと同じ分布から取らなければなりません(3。したがって 2 は"
                 "誤り)。テストデータのスコアでハイパーパラメータを選ぶと、そのスコアは楽観的になります。開発データで"
                 "選び、テストデータは最後に 1 回だけ見ます(4 は誤り)。"))
probes.answer("concept_beta_uniform_fraction", "answer_beta_uniform_fraction",
              tr("A uniform sample falls in an interval with probability proportional to its length: "
                 "(0.999 − 0.99)/(0.999 − 0.9) = 0.009/0.099 ≈ 0.091, so only about 9% of the trials "
                 "explore averaging windows from 100 to 1000 steps — which is why 1 − β is sampled on "
                 "a log scale.",
                 "一様分布のサンプルがある区間に入る確率は、その区間の長さに比例します: "
                 "(0.999 − 0.99)/(0.999 − 0.9) = 0.009/0.099 ≈ 0.091。平均の窓が 100〜1000 ステップの範囲を"
                 "調べる試行は約 9% しかありません — だから 1 − β を対数スケールで選びます。"), tol=0.006)

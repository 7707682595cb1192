"""Probes of week 4: the L-layer network (see autograder.probes for the contract).

The backward exercises are fed the caches that the *student's own* forward functions build
(linear_backward ← linear_forward, linear_activation_backward ← linear_activation_forward,
L_model_backward ← L_model_forward), so a cache-structure mistake fails where it is made.
L_layer_model starts from fixed parameters: its own ``initialize_parameters_deep`` is swapped
for a stub during the call, so a correct initialiser that draws other random numbers costs
nothing here. Messages are written in both languages (course.i18n.tr).
"""
import copy

import numpy as np

from autograder.probes import Case, ProbeSet, normal_draw_tolerances
from course.checks import CheckError, check_scalar, check_shape, compare, describe
from course.i18n import tr

probes = ProbeSet("w04_deep_network")


# --------------------------------------------------------------------------- data makers
def _params(rng, dims, bias_scale=0.5):
    """Random W{l} (n[l], n[l-1]) of scale 1/sqrt(n[l-1]) and NON-zero biases b{l} (n[l], 1)."""
    p = {}
    for l in range(1, len(dims)):
        p[f"W{l}"] = rng.normal(size=(dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])
        p[f"b{l}"] = rng.normal(size=(dims[l], 1)) * bias_scale
    return p


def _labels(rng, m):
    y = rng.integers(0, 2, size=(1, m)).astype(float)
    y[0, 0], y[0, -1] = 1.0, 0.0  # both classes present
    return y if m > 1 else y[:, :1]


def _same(got, expected):
    return (isinstance(got, np.ndarray) and isinstance(expected, np.ndarray)
            and got.shape == expected.shape and np.allclose(got, expected, rtol=1e-5, atol=1e-7))


# --------------------------------------------------------------------------- cache judges
def _judge_linear_cache(got, expected, where):
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        raise CheckError(tr(f"{where}: the linear cache should be the tuple (A_prev, W, b), got {describe(got)}.",
                            f"{where}: 線形キャッシュはタプル (A_prev, W, b) であるべきですが、{describe(got)} でした。"))
    names = ("A_prev", "W", "b")
    for i, name in enumerate(names):
        if not _same(got[i], expected[i]):
            others = [n for j, n in enumerate(names) if j != i and _same(got[i], expected[j])]
            held = tr(f"it holds {others[0]}", f"{others[0]} が入っています") if others else \
                tr(f"got {describe(got[i])}", f"{describe(got[i])} でした")
            raise CheckError(tr(f"{where}: linear_cache[{i}] should be {name}, {held} — the linear cache is "
                                "(A_prev, W, b), in this order.",
                                f"{where}: linear_cache[{i}] は {name} であるべきですが、{held}。線形キャッシュは "
                                "(A_prev, W, b) をこの順序で並べたものです。"))


def _judge_layer_cache(got, expected, A_out, where):
    """A layer's cache: (linear_cache, activation_cache) = ((A_prev, W, b), Z)."""
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        raise CheckError(tr(f"{where}: the cache should be the pair (linear_cache, activation_cache), "
                            f"got {describe(got)}.",
                            f"{where}: キャッシュはペア (linear_cache, activation_cache) であるべきですが、"
                            f"{describe(got)} でした。"))
    linear, activation = got
    if isinstance(linear, np.ndarray) and isinstance(activation, (tuple, list)):
        raise CheckError(tr(f"{where}: cache[0] is an array and cache[1] a tuple — the order is "
                            "(linear_cache, activation_cache), not the other way round.",
                            f"{where}: cache[0] が配列で cache[1] がタプルです。順序は逆ではなく "
                            "(linear_cache, activation_cache) です。"))
    _judge_linear_cache(linear, expected[0], where)
    if not _same(activation, expected[1]):
        if _same(activation, A_out):
            raise CheckError(tr(f"{where}: the activation cache holds A = g(Z); it must hold Z (what "
                                "relu / sigmoid return as their cache) — backward needs g'(Z).",
                                f"{where}: 活性化のキャッシュに A = g(Z) が入っています。Z (relu / sigmoid が"
                                "キャッシュとして返すもの) を入れる必要があります。逆伝播では g'(Z) が必要だからです。"))
        raise CheckError(tr(f"{where}: the activation cache should be Z (shape {expected[1].shape}), "
                            f"got {describe(activation)}.",
                            f"{where}: 活性化のキャッシュは Z (形状 {expected[1].shape}) であるべきですが、"
                            f"{describe(activation)} でした。"))


# --------------------------------------------------------------------------- initialise
@probes.cases("initialize_parameters_deep")
def _(rng):
    yield Case("layer_dims [64, 20, 7, 5, 1]", [64, 20, 7, 5, 1])
    yield Case("layer_dims [5, 4, 3]", [5, 4, 3])
    yield Case("layer_dims [100, 1] (one layer)", [100, 1])
    yield Case("layer_dims [30, 50, 40, 2]", [30, 50, 40, 2])


@probes.judge("initialize_parameters_deep")
def _(got, expected, case):
    dims = case.args[0]
    name = f"initialize_parameters_deep({dims})"
    if not isinstance(got, dict):
        raise CheckError(tr(f"{name} should return a dict, got {describe(got)}.",
                            f"{name} は辞書を返す必要がありますが、{describe(got)} が返されました。"))
    want = [f"{p}{l}" for l in range(1, len(dims)) for p in "Wb"]
    missing, extra = [k for k in want if k not in got], sorted(set(got) - set(want))
    if missing or extra:
        loop = tr(" — does your loop cover l = 1 … L (range(1, L + 1) with L = len(layer_dims) - 1)?",
                  "。ループは l = 1 … L (L = len(layer_dims) - 1 として range(1, L + 1)) を回っていますか?") \
            if missing else ""
        raise CheckError(tr(f"{name} has keys {sorted(got)}, expected exactly {want}{loop}.",
                            f"{name} のキーは {sorted(got)} ですが、ちょうど {want} であるべきです{loop}。"))
    for l in range(1, len(dims)):
        W, b, n_prev = got[f"W{l}"], got[f"b{l}"], dims[l - 1]
        check_shape(W, (dims[l], n_prev), f'{name}["W{l}"]')
        compare(b, np.zeros((dims[l], 1)), f'{name}["b{l}"]')
        if W.size >= 50:
            std, mean = float(W.std()), float(W.mean())
            if std == 0:
                raise CheckError(tr(f'{name}["W{l}"] is constant: every unit of a layer would compute '
                                    "the same thing forever (symmetry). Draw W with np.random.randn.",
                                    f'{name}["W{l}"] が定数です。これでは層のすべてのユニットがいつまでも同じ計算を'
                                    "します (対称性)。W は np.random.randn で決めてください。"))
            if abs(mean) > normal_draw_tolerances(W.size)[0] * std + 1e-3:
                raise CheckError(tr(f'{name}["W{l}"] has mean {mean:.3g} (std {std:.3g}): draw from a '
                                    "zero-mean distribution — np.random.randn, not np.random.rand (which is "
                                    "uniform on [0, 1)).",
                                    f'{name}["W{l}"] の平均が {mean:.3g} (標準偏差 {std:.3g}) です。平均 0 の分布から'
                                    "引いてください。np.random.rand ([0, 1) の一様分布) ではなく np.random.randn です。"))
            upper = 2 * np.sqrt(2.0 / n_prev)
            if not 0.005 <= std <= upper:
                raise CheckError(tr(f'{name}["W{l}"] has standard deviation {std:.3g}; expected a small '
                                    f"scale between 0.005 and {upper:.3g} for n[l-1] = {n_prev} — "
                                    "np.random.randn(n[l], n[l-1]) / np.sqrt(n[l-1]).",
                                    f'{name}["W{l}"] の標準偏差が {std:.3g} です。n[l-1] = {n_prev} では 0.005 から '
                                    f"{upper:.3g} の間の小さなスケールであるべきです "
                                    "(np.random.randn(n[l], n[l-1]) / np.sqrt(n[l-1]))。"))


# --------------------------------------------------------------------------- forward
ACTIVATIONS = ("sigmoid", "relu")


@probes.cases("layer_forward", check_inputs=True, parts=("linear_forward", "linear_activation_forward"))
def _(rng):
    """linear_forward cases, then linear_activation_forward cases (one cell defines both)."""
    for label, n_prev, n, m in (("3 inputs, 1 unit, 2 examples", 3, 1, 2), ("5 inputs, 4 units, 7 examples", 5, 4, 7),
                                ("a single example", 6, 3, 1), ("2 inputs, 6 units, 6 examples", 2, 6, 6)):
        yield Case(f"linear_forward: {label}", "linear", rng.normal(size=(n_prev, m)), rng.normal(size=(n, n_prev)),
                   rng.normal(size=(n, 1)))
    yield Case("linear_forward: large values", "linear", rng.normal(size=(4, 3)) * 100, rng.normal(size=(2, 4)) * 10,
               rng.normal(size=(2, 1)) * 50)
    for activation in ACTIVATIONS:
        yield Case(f"linear_activation_forward: {activation}, 5 inputs, 4 units, 7 examples", "activation",
                   rng.normal(size=(5, 7)), rng.normal(size=(4, 5)), rng.normal(size=(4, 1)), activation)
        yield Case(f"linear_activation_forward: {activation}, a single example", "activation",
                   rng.normal(size=(3, 1)), rng.normal(size=(2, 3)), rng.normal(size=(2, 1)), activation)
        yield Case(f"linear_activation_forward: {activation}, large values", "activation",
                   rng.normal(size=(3, 4)) * 30, rng.normal(size=(1, 3)) * 3, rng.normal(size=(1, 1)), activation)


@probes.call("layer_forward")
def _(ns, case):
    (kind, *args), _ = case.copied()
    return ns["linear_forward" if kind == "linear" else "linear_activation_forward"](*args)


@probes.judge("layer_forward")
def _(got, expected, case):
    name = case.label.replace(": ", "(", 1) + ")"
    if case.args[0] == "linear":
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            raise CheckError(tr(f"{name} should return the pair (Z, cache), got {describe(got)}.",
                                f"{name} はペア (Z, cache) を返す必要がありますが、{describe(got)} が返されました。"))
        compare(got[0], expected[0], f"Z of {name}")
        _judge_linear_cache(got[1], expected[1], f"the cache of {name}")
        return
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        raise CheckError(tr(f"{name} should return the pair (A, cache), got {describe(got)}.",
                            f"{name} はペア (A, cache) を返す必要がありますが、{describe(got)} が返されました。"))
    compare(got[0], expected[0], f"A of {name}")
    _judge_layer_cache(got[1], expected[1], expected[0], f"the cache of {name}")


FORWARD_DIMS = (("layers [5, 4, 3, 1], 7 examples", [5, 4, 3, 1], 7),
                ("layers [3, 1] (L = 1: only the sigmoid layer)", [3, 1], 4),
                ("layers [6, 8, 5, 4, 2, 1], 9 examples", [6, 8, 5, 4, 2, 1], 9),
                ("layers [4, 3, 1], a single example", [4, 3, 1], 1),
                ("layers [4, 5, 1], large inputs", [4, 5, 1], 6))


@probes.cases("L_model_forward", check_inputs=True)
def _(rng):
    for label, dims, m in FORWARD_DIMS:
        scale = 20.0 if "large" in label else 1.0
        yield Case(label, rng.normal(size=(dims[0], m)) * scale, _params(rng, dims))


@probes.judge("L_model_forward")
def _(got, expected, case):
    name = f"L_model_forward({case.label})"
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        raise CheckError(tr(f"{name} should return the pair (AL, caches), got {describe(got)}.",
                            f"{name} はペア (AL, caches) を返す必要がありますが、{describe(got)} が返されました。"))
    AL, caches = got
    L = len(expected[1])
    if not isinstance(caches, (tuple, list)):
        raise CheckError(tr(f"caches of {name} should be a list, got {describe(caches)}.",
                            f"{name} の caches はリストであるべきですが、{describe(caches)} でした。"))
    if len(caches) != L:
        hint = (tr(" — the output layer's cache is missing (append it after the loop too)",
                   "。出力層のキャッシュがありません (ループの後にも追加してください)") if len(caches) == L - 1
                else tr(" — one cache per layer: check the loop range(1, L) and L = len(parameters) // 2",
                        "。キャッシュは1層に1つです。ループ range(1, L) と L = len(parameters) // 2 を確かめてください"))
        raise CheckError(tr(f"caches of {name} has {len(caches)} entries, expected L = {L}{hint}.",
                            f"{name} の caches の要素数は {len(caches)} ですが、L = {L} であるべきです{hint}。"))
    compare(AL, expected[0], f"AL of {name}")
    for l in range(L):
        A_out = expected[1][l + 1][0][0] if l + 1 < L else expected[0]
        _judge_layer_cache(caches[l], expected[1][l], A_out, f"caches[{l}] (layer {l + 1}) of {name}")


# --------------------------------------------------------------------------- cost
@probes.cases("compute_cost", check_inputs=True)
def _(rng):
    for label, m in (("5 examples", 5), ("a single example", 1), ("60 examples", 60)):
        yield Case(label, rng.uniform(0.02, 0.98, size=(1, m)), _labels(rng, m))
    yield Case("confident predictions", np.array([[1e-6, 1 - 1e-6, 0.3, 0.999]]), np.array([[0.0, 1.0, 1.0, 1.0]]))


@probes.judge("compute_cost")
def _(got, expected, case):
    check_scalar(got, expected, f"compute_cost({case.label})", m=case.args[0].shape[1])


# --------------------------------------------------------------------------- backward
@probes.cases("linear_backward", check_inputs=True)
def _(rng):
    for label, n_prev, n, m in (("5 inputs, 3 units, 4 examples", 5, 3, 4), ("3 inputs, 1 unit, 2 examples", 3, 1, 2),
                                ("a single example", 4, 2, 1), ("4 inputs, 6 units, 4 examples", 4, 6, 4)):
        yield Case(label, rng.normal(size=(n_prev, m)), rng.normal(size=(n, n_prev)), rng.normal(size=(n, 1)),
                   rng.normal(size=(n, m)))


@probes.call("linear_backward")
def _(ns, case):
    (A_prev, W, b, dZ), _ = case.copied()
    _, cache = ns["linear_forward"](A_prev, W, b)   # the cache your own linear_forward builds
    return ns["linear_backward"](dZ, cache)


def _judge_grads_triple(exercise):
    def judge(got, expected, case):
        name = f"{exercise}({case.label})"
        if not isinstance(got, (tuple, list)) or len(got) != 3:
            raise CheckError(tr(f"{name} should return (dA_prev, dW, db), got {describe(got)}.",
                                f"{name} は (dA_prev, dW, db) を返す必要がありますが、{describe(got)} が返されました。"))
        m = case.args[0].shape[1]
        for part, g, e in zip(("dA_prev", "dW", "db"), got, expected):
            compare(g, e, f"{part} of {name}", m=m)
    return judge


probes.judge("linear_backward")(_judge_grads_triple("linear_backward"))


@probes.cases("linear_activation_backward", check_inputs=True)
def _(rng):
    for activation in ACTIVATIONS:
        for label, n_prev, n, m in (("5 inputs, 3 units, 4 examples", 5, 3, 4), ("a single example", 3, 2, 1),
                                    ("2 inputs, 1 unit, 6 examples", 2, 1, 6)):
            yield Case(f"{activation}, {label}", rng.normal(size=(n_prev, m)), rng.normal(size=(n, n_prev)),
                       rng.normal(size=(n, 1)), rng.normal(size=(n, m)), activation)


@probes.call("linear_activation_backward")
def _(ns, case):
    (A_prev, W, b, dA, activation), _ = case.copied()
    _, cache = ns["linear_activation_forward"](A_prev, W, b, activation)  # your own cache
    return ns["linear_activation_backward"](dA, cache, activation)


probes.judge("linear_activation_backward")(_judge_grads_triple("linear_activation_backward"))


@probes.cases("L_model_backward", check_inputs=True)
def _(rng):
    for label, dims, m in FORWARD_DIMS[:4]:
        yield Case(label, rng.normal(size=(dims[0], m)), _params(rng, dims), _labels(rng, m))
    # large inputs and biases; the output weights are scaled down so that AL stays strictly
    # between 0 and 1 (dAL = -(Y/AL - (1-Y)/(1-AL)) would be infinite at a saturated sigmoid)
    params = _params(rng, [4, 5, 1], bias_scale=5.0)
    params["W2"] *= 0.05
    yield Case("layers [4, 5, 1], large inputs", rng.normal(size=(4, 6)) * 20.0, params, _labels(rng, 6))


@probes.call("L_model_backward")
def _(ns, case):
    (X, parameters, Y), _ = case.copied()
    AL, caches = ns["L_model_forward"](X, parameters)   # your own AL and caches
    return ns["L_model_backward"](AL, Y, caches)


@probes.judge("L_model_backward")
def _(got, expected, case):
    name = f"L_model_backward({case.label})"
    if not isinstance(got, dict):
        raise CheckError(tr(f"{name} should return the dict grads, got {describe(got)}.",
                            f"{name} は辞書 grads を返す必要がありますが、{describe(got)} が返されました。"))
    L = len(case.args[1]) // 2
    missing = [k for k in expected if k not in got]
    if missing:
        hint = ""
        if f"dA{L}" in got:
            hint = tr(f' — grads["dA{L}"] exists: store dA_prev of layer l under "dA" + str(l - 1) '
                      f'(dA0 … dA{L - 1}), as the notebook says',
                      f'。grads["dA{L}"] があります。ノートブックのとおり、層 l の dA_prev は "dA" + str(l - 1) '
                      f'(dA0 … dA{L - 1}) に保存します')
        raise CheckError(tr(f"{name} is missing the key(s) {missing}; it has {sorted(got)}{hint}.",
                            f"{name} にはキー {missing} がありません。あるのは {sorted(got)} です{hint}。"))
    m = case.args[0].shape[1]
    for key in [f"dW{L}", f"db{L}", f"dA{L - 1}"] + sorted(k for k in expected if k not in (f"dW{L}", f"db{L}", f"dA{L - 1}")):
        compare(got[key], expected[key], f'grads["{key}"] of {name}', m=m)


# --------------------------------------------------------------------------- update
@probes.cases("update_parameters", check_inputs=True)
def _(rng):
    for label, dims, lr in (("layers [3, 4, 2, 1], α = 0.1", [3, 4, 2, 1], 0.1),
                            ("layers [5, 1], α = 1.2", [5, 1], 1.2),
                            ("layers [4, 6, 3, 2, 1], α = 0.0075", [4, 6, 3, 2, 1], 0.0075)):
        params = _params(rng, dims)
        grads = {f"d{k}": rng.normal(size=v.shape) for k, v in params.items()}
        yield Case(label, params, grads, lr)


@probes.judge("update_parameters")
def _(got, expected, case):
    name = f"update_parameters({case.label})"
    if not isinstance(got, dict):
        raise CheckError(tr(f"{name} should return the dict of parameters, got {describe(got)}.",
                            f"{name} はパラメータの辞書を返す必要がありますが、{describe(got)} が返されました。"))
    for key in sorted(expected, key=lambda k: (int(k[1:]), k[0])):
        compare(got.get(key), expected[key], f'{name}["{key}"]')


# --------------------------------------------------------------------------- model
@probes.cases("L_layer_model", check_inputs=True)
def _(rng):
    for label, dims, m, kwargs in (
            ("layers [4, 5, 3, 1], 20 examples, 250 iterations, α = 0.05", [4, 5, 3, 1], 20,
             dict(learning_rate=0.05, num_iterations=250)),
            ("layers [3, 4, 1], 12 examples, 100 iterations, default α", [3, 4, 1], 12, dict(num_iterations=100)),
            ("layers [4, 1] (logistic regression), 301 iterations, α = 0.5", [4, 1], 10,
             dict(learning_rate=0.5, num_iterations=301)),
            ("layers [3, 2, 1], a single example, 50 iterations, α = 0.1", [3, 2, 1], 1,
             dict(learning_rate=0.1, num_iterations=50))):
        yield Case(label, rng.normal(size=(dims[0], m)), _labels(rng, m), dims, _params(rng, dims, 0.0), **kwargs)


@probes.call("L_layer_model")
def _(ns, case):
    (X, Y, dims, start), kwargs = case.copied()

    def fixed_start(layer_dims):
        if list(layer_dims) != list(dims):
            raise CheckError(tr(f"L_layer_model called initialize_parameters_deep({list(layer_dims)}); "
                                f"expected initialize_parameters_deep(layers_dims) = {dims}.",
                                f"L_layer_model は initialize_parameters_deep({list(layer_dims)}) を呼びましたが、"
                                f"initialize_parameters_deep(layers_dims) = {dims} であるべきです。"))
        return copy.deepcopy(start)

    missing = object()
    own = ns.get("initialize_parameters_deep", missing)
    ns["initialize_parameters_deep"] = fixed_start
    try:
        return ns["L_layer_model"](X, Y, dims, **kwargs)
    finally:  # give the notebook its own function back
        if own is missing:
            del ns["initialize_parameters_deep"]
        else:
            ns["initialize_parameters_deep"] = own


@probes.judge("L_layer_model")
def _(got, expected, case):
    name = f"L_layer_model({case.label})"
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        raise CheckError(tr(f"{name} should return (parameters, costs), got {describe(got)}.",
                            f"{name} は (parameters, costs) を返す必要がありますが、{describe(got)} が返されました。"))
    params, costs = got
    n_iter = case.kwargs["num_iterations"]
    if not isinstance(costs, (list, tuple)) or len(costs) != len(expected[1]):
        raise CheckError(tr(f"costs of {name} should be a list of {len(expected[1])} costs (at i = 0, 100, … < "
                            f"{n_iter}: one every 100 iterations), got {describe(costs)}.",
                            f"{name} の costs は {len(expected[1])} 個のコストのリスト (i = 0, 100, … < {n_iter}: "
                            f"100 回ごとに1つ) であるべきですが、{describe(costs)} でした。"))
    costs = [c.item() if isinstance(c, np.ndarray) and c.size == 1 else c for c in costs]
    compare(costs, expected[1], f"costs of {name}")
    compare(params, expected[0], f"the trained parameters of {name}")


# --------------------------------------------------------------------------- concept questions
probes.answer("concept_W3_shape", "answer_W3_shape", tr(
    "W[l] has shape (n[l], n[l−1]); with layer_dims = [64, 20, 7, 5, 1], n[3] = 5 and n[2] = 7, so W3 is (5, 7).",
    "W[l] の形状は (n[l], n[l−1]) です。layer_dims = [64, 20, 7, 5, 1] では n[3] = 5、n[2] = 7 なので、"
    "W3 は (5, 7) です。"))
probes.answer("concept_n_parameters", "answer_n_parameters", tr(
    "Layer l has n[l]·n[l−1] weights and n[l] biases: (64·20 + 20) + (20·7 + 7) + (7·5 + 5) + (5·1 + 1) "
    "= 1300 + 147 + 40 + 6 = 1493.",
    "層 l には重みが n[l]·n[l−1] 個、バイアスが n[l] 個あります。(64·20 + 20) + (20·7 + 7) + (7·5 + 5) + "
    "(5·1 + 1) = 1300 + 147 + 40 + 6 = 1493 です。"))
probes.answer("concept_backward_needs", "answer_backward_needs", tr(
    "dW = dZ·A_prevᵀ/m needs A_prev and dA_prev = Wᵀ·dZ needs W (choices 1 and 2), while db = Σ dZ/m needs "
    "neither b nor Z — and Z is not even in the linear cache: it is the activation cache.",
    "dW = dZ·A_prevᵀ/m には A_prev が、dA_prev = Wᵀ·dZ には W が必要です (選択肢 1 と 2)。db = Σ dZ/m には "
    "b も Z も要りません。そもそも Z は線形キャッシュではなく、活性化のキャッシュに入っています。"))

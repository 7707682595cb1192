"""Benchmark: the reference Convolution / Pooling layers (NumPy, im2col) against PyTorch CPU.

Not a test and not part of the course's dependencies: PyTorch is a benchmark-only extra
(``pip install "dlcourse[bench]"``, which pins ``torch==2.13.0``). Run from the repository root::

    python benchmarks/bench_conv_vs_torch.py            # prints the table, updates docs/benchmarks.md
    python benchmarks/bench_conv_vs_torch.py --no-write # prints only

Shapes (one run): x (N=64, C=16, 14, 14); convolution with 32 filters 3×3, stride 1, pad 1;
max pooling 2×2, stride 2 on the same x. Each operation is timed forward + backward
(gradients of x, and of W and b for the convolution), PyTorch through autograd
(``torch.nn.functional.conv2d`` / ``max_pool2d``, ``.backward``). Both sides get the same
dtype, checked to agree, and torch uses as many threads as NumPy's BLAS
(``torch.set_num_threads``). Reported: the median of ``--repeat`` timings after warm-up,
and the ratio ours / torch (1.0 = as fast as PyTorch; larger = slower).
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import statistics
import time
from pathlib import Path

import numpy as np

from dlcourse_solutions.w09_cnn import Convolution, Pooling

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from _docs import DOC, update_section  # noqa: E402  (one writer for docs/benchmarks.md)
HEADING = "## Convolution vs PyTorch"
LOAD = (0.0, 0.0, 0.0)

N, C, H, W = 64, 16, 14, 14
FN, FH, FW, STRIDE, PAD = 32, 3, 3, 1, 1
POOL, POOL_STRIDE = 2, 2


def numpy_threads() -> int:
    """How many threads NumPy's BLAS uses (threadpoolctl ships with scikit-learn)."""
    try:
        from threadpoolctl import threadpool_info
        counts = [p["num_threads"] for p in threadpool_info() if p.get("user_api") == "blas"]
        if counts:
            return int(max(counts))
    except ImportError:
        pass
    return os.cpu_count() or 1


def paired_ms(ours, theirs, repeat: int, rounds: int = 3, warmup: int = 2) -> tuple[float, float]:
    """Median times (ms) of two functions, timed in alternating blocks (ours, theirs, ours, …).

    Blocks rather than single calls: BLAS and OpenMP worker threads keep spinning for a moment
    after a call, and would steal the cores of the other library's very next call. Each block
    starts with ``warmup`` untimed calls; alternating the blocks spreads any outside load over
    both sides alike.
    """
    per_block = max(1, repeat // rounds)
    times = ([], [])
    for _ in range(rounds):
        for fn, out in ((ours, times[0]), (theirs, times[1])):
            for _ in range(warmup):
                fn()
            for _ in range(per_block):
                t0 = time.perf_counter()
                fn()
                out.append(time.perf_counter() - t0)
    return statistics.median(times[0]) * 1e3, statistics.median(times[1]) * 1e3


def run(dtype: str, repeat: int) -> dict[str, tuple[float, float]]:
    import torch

    rng = np.random.default_rng(0)
    x = rng.normal(size=(N, C, H, W)).astype(dtype)
    w = (rng.normal(size=(FN, C, FH, FW)) * 0.1).astype(dtype)
    b = rng.normal(size=FN).astype(dtype)
    conv = Convolution(w, b, STRIDE, PAD)
    pool = Pooling(POOL, POOL, stride=POOL_STRIDE)
    dout_conv = rng.normal(size=(N, FN, H, W)).astype(dtype)
    dout_pool = rng.normal(size=(N, C, H // 2, W // 2)).astype(dtype)

    def ours_conv():
        conv.forward(x)
        return conv.backward(dout_conv)

    def ours_pool():
        pool.forward(x)
        return pool.backward(dout_pool)

    tx = torch.from_numpy(x).requires_grad_(True)
    tw = torch.from_numpy(w).requires_grad_(True)
    tb = torch.from_numpy(b).requires_grad_(True)
    tdc, tdp = torch.from_numpy(dout_conv), torch.from_numpy(dout_pool)

    def torch_conv():
        tx.grad = tw.grad = tb.grad = None
        out = torch.nn.functional.conv2d(tx, tw, tb, stride=STRIDE, padding=PAD)
        out.backward(tdc)
        return tx.grad

    def torch_pool():
        tx.grad = None
        out = torch.nn.functional.max_pool2d(tx, POOL, stride=POOL_STRIDE)
        out.backward(tdp)
        return tx.grad

    # the two sides must compute the same thing before their times mean anything
    tol = 1e-3 if dtype == "float32" else 1e-8
    np.testing.assert_allclose(ours_conv(), torch_conv().numpy(), rtol=tol, atol=tol)
    np.testing.assert_allclose(conv.dW, tw.grad.numpy(), rtol=tol, atol=tol * 100)
    np.testing.assert_allclose(ours_pool(), torch_pool().numpy(), rtol=tol, atol=tol)

    with torch.no_grad():
        torch_conv_fwd = lambda: torch.nn.functional.conv2d(tx, tw, tb, stride=STRIDE, padding=PAD)
        torch_pool_fwd = lambda: torch.nn.functional.max_pool2d(tx, POOL, stride=POOL_STRIDE)
        results = {
            "conv forward": paired_ms(lambda: conv.forward(x), torch_conv_fwd, repeat),
            "pool forward": paired_ms(lambda: pool.forward(x), torch_pool_fwd, repeat),
        }
    results["conv forward+backward"] = paired_ms(ours_conv, torch_conv, repeat)
    results["pool forward+backward"] = paired_ms(ours_pool, torch_pool, repeat)
    order = ["conv forward", "conv forward+backward", "pool forward", "pool forward+backward"]
    return {k: results[k] for k in order}


def section(tables: dict[str, dict[str, tuple[float, float]]], threads: int, torch_version: str) -> str:
    lines = [
        "Written by `python benchmarks/bench_conv_vs_torch.py` (not a test; PyTorch is a "
        "benchmark-only extra, `pip install \"dlcourse[bench]\"`). The reference layers of "
        "`dlcourse_solutions.w09_cnn` (NumPy, im2col: a strided `sliding_window_view` copied "
        "once; col2im as one strided `+=` per filter position) against "
        f"PyTorch {torch_version} CPU ops through autograd (`torch.nn.functional.conv2d`, "
        "`max_pool2d`, `.backward`).", "",
        f"Shapes: x ({N}, {C}, {H}, {W}); convolution {FN} filters {FH}×{FW}, stride {STRIDE}, "
        f"pad {PAD} (backward: dx, dW, db); max pooling {POOL}×{POOL}, stride {POOL_STRIDE}. "
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, NumPy {np.__version__}; "
        f"NumPy's BLAS uses {threads} thread(s) and `torch.set_num_threads({threads})` gives "
        "PyTorch the same. Load average (1 min) when the run started: " f"{LOAD[0]:.2f} — other programs sharing the 2 cores make these figures vary by 2× or more between runs. Median of the timed runs; ours and PyTorch are timed in alternating blocks, each block after untimed warm-up calls; ratio = ours / PyTorch "
        "(1.0 = as fast; larger = slower). Both sides use the same dtype and are checked "
        "to agree before timing.", "",
    ]
    for dtype, table in tables.items():
        lines += [f"**{dtype}**", "", "| operation | ours (ms) | PyTorch (ms) | ratio ours / torch |",
                  "|---|---:|---:|---:|"]
        for name, (ours, theirs) in table.items():
            lines.append(f"| {name} | {ours:.2f} | {theirs:.2f} | {ours / theirs:.2f}× |")
        lines.append("")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=30, help="timed runs per operation (median)")
    parser.add_argument("--dtype", choices=["float32", "float64", "both"], default="both")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args(argv)
    try:
        import torch
    except ImportError:
        print("PyTorch is not installed: pip install 'dlcourse[bench]' (torch==2.13.0, CPU)")
        return 1
    global LOAD
    LOAD = os.getloadavg()
    threads = numpy_threads()
    torch.set_num_threads(threads)
    dtypes = ["float64", "float32"] if args.dtype == "both" else [args.dtype]
    tables = {d: run(d, args.repeat) for d in dtypes}
    text = section(tables, threads, torch.__version__)
    print(HEADING + "\n\n" + text)
    if not args.no_write:
        update_section(HEADING.removeprefix("## "), text)
        print(f"written to {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

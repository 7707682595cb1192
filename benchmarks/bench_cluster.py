"""A class across weeks graded by the local engine and by a 2-process Dask cluster; the grader's
own memory at 100 and 1,000 submissions; how many workers grade 10,000 × 9 in an hour.

    python benchmarks/bench_cluster.py [--n 1000] [--memory 100 1000] [--weeks W ...]

1. **Throughput**: ``--n`` submissions spread over the weeks (student ``sNNNN``, week by turns;
   half honest — the source notebook —, a sixth blank — the release —, a third mistaken — a
   ``wrong_*`` case of the mistake bank), graded once by ``grade_submissions(workers=2)`` and
   once on a Dask cluster of two worker processes with two threads each (the same two nbgrader
   slots and four threads), started by hand as the README says (``dask scheduler``, ``dask
   worker --nworkers 2 --nthreads 2``). Both with feedback pages and an SQLite gradebook, as
   ``dlcourse grade`` runs; each in a fresh process.
2. **The grader's memory**: the peak resident memory (``VmHWM``) of the grading process — the
   client; on the cluster the scheduler and the workers are other processes — for classes of
   each ``--memory`` size. These classes are made to be graded fast: every submission holds a
   full-size notebook under a name the grader does not grade, so each is flagged in a fraction
   of a second while the client does all its per-row work (reads and ships the files, keeps its
   window of tasks, stores the result, writes the gradebook row, the CSVs).
3. **The projection**: workers (two cores each) needed for 10,000 students × 9 weeks in one
   hour at the measured per-core rate, and the client's own ceiling (rows per second of its CPU).

Prints the figures and writes them to docs/benchmarks.md (section "Grading on a Dask cluster").
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DLCOURSE_ROOT", str(ROOT))
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
VENV_BIN = Path(sys.executable).parent


def make_class(submitted: Path, n: int, weeks: list[str], kind: str = "mixed") -> dict:
    """``n`` submissions over ``weeks``; returns how many of each kind."""
    from autograder import notebooks as nbs
    from autograder.mistakes import discover
    rng = random.Random(0)
    sources = {w: nbs.read(ROOT / "source" / w / f"{w}.ipynb") for w in weeks}
    wrong = {w: [c for c in discover(ROOT, [w]) if c.kind == "wrong"] for w in weeks}
    counts: dict = {}
    for i in range(n):
        week = weeks[i % len(weeks)]
        folder = submitted / f"s{i // len(weeks):05d}" / week
        folder.mkdir(parents=True)
        if kind == "fast":  # a full-size notebook the grader does not grade: flagged at once
            shutil.copy(ROOT / "source" / week / f"{week}.ipynb", folder / "my_notebook.ipynb")
            what = "fast"
        else:
            what = ("honest", "honest", "honest", "blank", "mistaken", "mistaken")[i % 6]
            if what == "mistaken" and not wrong[week]:
                what = "honest"
            if what == "honest":
                shutil.copy(ROOT / "source" / week / f"{week}.ipynb", folder / f"{week}.ipynb")
            elif what == "blank":
                shutil.copy(ROOT / "release" / week / f"{week}.ipynb", folder / f"{week}.ipynb")
            else:
                case = rng.choice(wrong[week])
                nbs.write(nbs.replace_solution(sources[week], case.exercise, case.source), folder / f"{week}.ipynb")
        counts[what] = counts.get(what, 0) + 1
    return counts


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class HandStartedCluster:
    """``dask scheduler`` and ``dask worker --nworkers 2 --nthreads 2``, as the README starts them."""

    def __init__(self, workdir: Path, nworkers: int = 2, nthreads: int = 2):
        port = _free_port()
        self.address = f"tcp://127.0.0.1:{port}"
        logs = workdir / "dask-logs"
        logs.mkdir(parents=True, exist_ok=True)
        common = dict(cwd=ROOT, start_new_session=True,  # as the README starts them
                      env=dict(os.environ, DASK_DISTRIBUTED__ADMIN__LOW_LEVEL_LOG_LENGTH="0"))
        self.scheduler = subprocess.Popen([str(VENV_BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port",
                                           str(port), "--no-dashboard"], stdout=open(logs / "scheduler.log", "w"),
                                          stderr=subprocess.STDOUT, **common)
        self.workers = subprocess.Popen([str(VENV_BIN / "dask"), "worker", self.address, "--nworkers", str(nworkers),
                                         "--nthreads", str(nthreads), "--no-dashboard", "--local-directory",
                                         str(workdir / "dask-scratch")], stdout=open(logs / "workers.log", "w"),
                                        stderr=subprocess.STDOUT, **common)
        from distributed import Client
        with Client(self.address, timeout=120) as client:
            client.wait_for_workers(nworkers, timeout=180)

    def close(self) -> None:
        import signal
        for proc in (self.workers, self.scheduler):
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=30)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(proc.pid, signal.SIGKILL)


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(engine: str, submitted: Path, out: Path, weeks: list[str], address: str | None) -> dict:
    """One grading run in this process: seconds, rows, the client's CPU seconds and peak memory."""
    import resource
    from autograder.grader.run import grade_submissions
    t0 = time.perf_counter()
    u0 = resource.getrusage(resource.RUSAGE_SELF)
    grades = grade_submissions(submitted, out, weeks, ROOT, workers=2, feedback=True, say=None,
                               db=f"sqlite:///{out.parent / (out.name + '-gradebook.db')}",
                               cluster=address if engine == "cluster" else None)
    seconds = time.perf_counter() - t0
    u1 = resource.getrusage(resource.RUSAGE_SELF)
    flagged = sum(1 for g in grades if g.flags)
    internal = sum(1 for g in grades if any(f.startswith("internal error") for f in g.flags))
    return {"engine": engine, "seconds": seconds, "rows": len(grades), "flagged": flagged, "internal": internal,
            "client_cpu": (u1.ru_utime - u0.ru_utime) + (u1.ru_stime - u0.ru_stime), "peak_mb": peak_rss_mb(),
            "scores": {f"{g.student}/{g.week}": g.total for g in grades}}


def run_fresh(engine: str, submitted: Path, out: Path, weeks: list[str], address: str | None) -> dict:
    """:func:`one` in a fresh interpreter (its peak memory is its own)."""
    cmd = [sys.executable, __file__, "--one", engine, str(submitted), str(out), "--weeks", *weeks]
    if address:
        cmd += ["--address", address]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode:
        raise RuntimeError(f"{engine} run failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> int:
    from _docs import update_section
    from autograder.paths import weeks as all_weeks
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--memory", type=int, nargs="*", default=[100, 1000])
    parser.add_argument("--weeks", nargs="*", default=None)
    parser.add_argument("--no-docs", action="store_true")
    parser.add_argument("--one", nargs=3, metavar=("ENGINE", "SUBMITTED", "OUT"))
    parser.add_argument("--address")
    parser.add_argument("--cache", type=Path, default=None,
                        help="keep each run's figures in this JSON file and reuse them when run again "
                             "(a benchmark interrupted after some runs goes on from there)")
    args = parser.parse_args()
    weeks = args.weeks or all_weeks(ROOT)
    if args.one:
        engine, submitted, out = args.one
        print(json.dumps(one(engine, Path(submitted), Path(out), weeks, args.address)))
        return 0
    results = {}

    cache = json.loads(args.cache.read_text()) if args.cache and args.cache.exists() else {}

    def graded(engine: str, submitted: Path, out: Path) -> dict:
        """One run; a cluster run on a cluster started for it (a worker keeps the course it
        imported, and refuses a client whose course has changed since)."""
        key = f"{out.name}"
        if key in cache:
            return cache[key]
        if engine == "local":
            result = run_fresh(engine, submitted, out, weeks, None)
        else:
            cluster = HandStartedCluster(out.parent / f"cluster-{out.name}")
            try:
                result = run_fresh(engine, submitted, out, weeks, cluster.address)
            finally:
                cluster.close()
        if args.cache:
            cache[key] = result
            args.cache.write_text(json.dumps(cache))
        return result

    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp:
        tmp = Path(tmp)
        memory = {}
        for n in args.memory:
            make_class(tmp / f"fast-{n}", n, weeks, kind="fast")
            for engine in ("local", "cluster"):
                memory[(engine, n)] = r = graded(engine, tmp / f"fast-{n}", tmp / f"fast-out-{engine}-{n}")
                print("memory", engine, n, {k: v for k, v in r.items() if k != "scores"}, flush=True)
        if args.n:
            counts = make_class(tmp / "class", args.n, weeks)
            for engine in ("local", "cluster"):
                before = load()
                results[engine] = graded(engine, tmp / "class", tmp / f"out-{engine}")
                results[engine]["load"] = f"{before} → {load()}"
                print(engine, {k: v for k, v in results[engine].items() if k != "scores"}, flush=True)
    lines = []
    if results:
        local, dist = results["local"], results["cluster"]
        same = local["scores"] == dist["scores"]
        overhead = dist["seconds"] / local["seconds"] - 1
        per_core = dist["rows"] / dist["seconds"] / (os.cpu_count() or 2)
        needed = 10_000 * 9 / 3600
        client_ceiling = dist["rows"] / max(dist["client_cpu"], 1e-9)
        lines += [
            f"{args.n} submissions across {len(weeks)} week(s) ({', '.join(f'{v} {k}' for k, v in counts.items())}), "
            "feedback pages and an SQLite gradebook, each engine once, in a fresh process:", "",
            "| engine | wall time | submissions/s | client CPU | client CPU per row | client peak memory | load (1/5/15 min) before → after |",
            "|---|---:|---:|---:|---:|---:|---|",
            *[f"| {name} | {r['seconds']:.0f} s | {r['rows'] / r['seconds']:.3f} | {r['client_cpu']:.0f} s | "
              f"{1000 * r['client_cpu'] / r['rows']:.0f} ms | {r['peak_mb']:.0f} MB | {r['load']} |"
              for name, r in (("local engine, `--workers 2`", local),
                              ("Dask: 2 worker processes × 2 threads", dist))], "",
            f"Same scores on both engines: **{'yes' if same else 'NO'}** ({dist['rows']} rows each, "
            f"{dist['internal']} internal errors). **The cluster path's overhead: {100 * overhead:+.1f} %** of the "
            "local engine's wall time (target ≤ 10 %). The local engine's client CPU includes the work of its "
            "own slots' threads (the re-checks' preparation); on the cluster that runs on the workers.", "",
            f"**Projection.** 10,000 students × 9 weeks in one hour is {needed:.0f} submissions/s. At the cluster's "
            f"measured {per_core:.3f} submissions/s per core, that is {needed / per_core:.0f} cores: "
            f"**{needed / per_core / 2:.0f} workers of 2 cores** (`--nthreads 2`, one nbgrader slot each), "
            f"before any headroom. The client's own ceiling, from its CPU per row, is {client_ceiling:.0f} rows/s "
            f"({'enough' if client_ceiling > needed else 'NOT enough'} for {needed:.0f}/s on one core).",
        ]
    if len(args.memory) >= 2:  # the client's CPU per row, start-up taken out: the difference of two sizes
        small, large = memory[("cluster", min(args.memory))], memory[("cluster", max(args.memory))]
        marginal = (large["client_cpu"] - small["client_cpu"]) / (large["rows"] - small["rows"])
        lines += ["", f"The client's CPU per row on the cluster, start-up taken out (the {max(args.memory)}-row fast "
                  f"run minus the {min(args.memory)}-row one): **{1000 * marginal:.1f} ms**, a ceiling of "
                  f"{1 / marginal:.0f} rows/s for one client core ({10_000 * 9 / 3600:.0f}/s are needed for "
                  "10,000 × 9 in an hour)."]
    if args.memory:
        lines += ["", "**The grader's own memory** (peak resident memory of the grading process, `VmHWM`): classes "
                  "made to be graded fast — each submission a full-size notebook under a name the grader does not "
                  "grade, flagged at once, so the client does all its per-row work (files read and shipped, the "
                  "window of tasks, results stored, gradebook rows, CSVs) at many rows per second:", "",
                  "| submissions | local engine | Dask cluster (client only) | rows/s on the cluster |", "|---:|---:|---:|---:|",
                  *[f"| {n} | {memory[('local', n)]['peak_mb']:.0f} MB | {memory[('cluster', n)]['peak_mb']:.0f} MB | "
                    f"{memory[('cluster', n)]['rows'] / memory[('cluster', n)]['seconds']:.1f} |" for n in args.memory]]
    body = "\n".join(lines)
    print(body)
    if not args.no_docs:
        update_section("Grading on a Dask cluster", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())

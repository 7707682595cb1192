"""The instructor report: one self-contained HTML file (plots embedded as PNG, CSVs as data links).

What the class got right and wrong at a glance: the score distribution of every week, the pass
rate of every exercise, the most frequent failure messages per exercise, the flagged
submissions with their reasons, and every score.
"""
from __future__ import annotations

import base64
import html
import io
import os
import re
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np


def _png(fig) -> str:
    import matplotlib.pyplot as plt
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def _distribution_plot(grades) -> str:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    weeks = sorted({g.week for g in grades})
    ncols = min(3, len(weeks))
    nrows = (len(weeks) + ncols - 1) // ncols
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.2 * ncols, 2.8 * nrows), squeeze=False)
    for ax in axes.ravel():
        ax.axis("off")
    for ax, week in zip(axes.ravel(), weeks):
        ax.axis("on")
        pct = [100 * g.total / g.max_total if g.max_total else 0 for g in grades if g.week == week]
        ax.hist(pct, bins=np.linspace(0, 100, 11), color="#4c72b0", edgecolor="white")
        ax.set_title(f"{week} (n={len(pct)}, mean {np.mean(pct):.0f} %)", fontsize=9)
        ax.set_xlabel("score (%)")
        ax.set_ylabel("submissions")
        ax.set_xlim(0, 100)
    fig.suptitle("Score distribution per week")
    fig.tight_layout()
    return _png(fig)


def pass_rates(grades) -> dict[str, dict[str, float]]:
    """``{week: {exercise: fraction of submissions with full points}}``."""
    rates: dict = defaultdict(dict)
    for week in sorted({g.week for g in grades}):
        subs = [g for g in grades if g.week == week]
        for test_id in subs[0].max_scores:
            full = sum(1 for g in subs if g.scores.get(test_id, 0) >= g.max_scores[test_id] > 0)
            rates[week][test_id.removeprefix("test_")] = full / len(subs)
    return rates


def _pass_rate_plot(rates) -> str:
    import matplotlib.pyplot as plt
    rows = [(f"{w[:3]} {ex}", r) for w in rates for ex, r in rates[w].items()]
    fig, ax = plt.subplots(figsize=(7, 0.22 * len(rows) + 1))
    labels, values = zip(*rows) if rows else ((), ())
    colors = ["#55a868" if v >= 0.8 else "#dd8452" if v >= 0.5 else "#c44e52" for v in values]
    ax.barh(range(len(rows)), [100 * v for v in values], color=colors)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(labels, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("submissions with full points (%)")
    ax.set_title("Pass rate per exercise")
    return _png(fig)


def _normalise(message: str) -> str:
    """Group messages that differ only in numbers."""
    return re.sub(r"-?\d+(\.\d+)?(e[-+]?\d+)?", "#", message)


def frequent_failures(grades, top: int = 3) -> dict[tuple[str, str], list[tuple[int, str]]]:
    """``{(week, exercise): [(count, example message), ...]}``, most frequent first."""
    groups: dict = defaultdict(Counter)
    examples: dict = {}
    for g in grades:
        for test_id, message in g.failures.items():
            if g.scores.get(test_id, 0) >= g.max_scores.get(test_id, 0):
                continue
            key = (g.week, test_id.removeprefix("test_"))
            norm = _normalise(message)
            groups[key][norm] += 1
            examples.setdefault((key, norm), message)
    return {key: [(n, examples[(key, norm)]) for norm, n in counter.most_common(top)]
            for key, counter in sorted(groups.items())}


def _data_link(path: Path) -> str:
    if not path.exists():
        return ""
    data = base64.b64encode(path.read_bytes()).decode()
    return (f'<a download="{path.name}" href="data:text/csv;base64,{data}">{path.name}</a>')


def render(grades, out: Path) -> str:
    e = html.escape
    weeks = sorted({g.week for g in grades})
    students = sorted({g.student for g in grades})
    flagged = [g for g in grades if g.flags]
    rates = pass_rates(grades)
    failures = frequent_failures(grades)
    isolation = sorted({g.isolation for g in grades if g.isolation})
    parts = [f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>dlcourse grading report</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }}
table {{ border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }}
th, td {{ border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top; }}
th {{ background: #f0f0f0; }} td.num {{ text-align: right; }}
.flag {{ color: #b00020; }} img {{ max-width: 100%; }} code {{ font-size: 0.9em; }}
</style></head><body>
<h1>Grading report</h1>
<p id="summary">{len(grades)} submission(s) from {len(students)} student(s) in {len(weeks)} week(s);
<b class="flag">{len(flagged)} flagged</b>. Isolation: {e(', '.join(isolation) or 'n/a')}.
Downloads: {_data_link(out / 'grades.csv')} (every exercise) · {_data_link(out / 'lms.csv')} (LMS import).</p>
<h2>Scores per week</h2>
<table><tr><th>week</th><th>submissions</th><th>mean</th><th>median</th><th>full marks</th><th>zero</th></tr>"""]
    for week in weeks:
        subs = [g for g in grades if g.week == week]
        pct = np.array([100 * g.total / g.max_total if g.max_total else 0 for g in subs])
        parts.append(f"<tr><td>{e(week)}</td><td class=num>{len(subs)}</td><td class=num>{pct.mean():.1f} %</td>"
                     f"<td class=num>{np.median(pct):.1f} %</td><td class=num>{int((pct >= 100).sum())}</td>"
                     f"<td class=num>{int((pct <= 0).sum())}</td></tr>")
    parts.append("</table>")
    parts.append(f'<img alt="score distribution per week" src="{_distribution_plot(grades)}">')
    parts.append("<h2>Pass rate per exercise</h2>")
    parts.append(f'<img alt="pass rate per exercise" src="{_pass_rate_plot(rates)}">')
    parts.append("<h2>What the class got wrong</h2><p>The most frequent failure messages per exercise "
                 "(messages that differ only in numbers are counted together).</p>"
                 "<table><tr><th>week</th><th>exercise</th><th>pass rate</th><th>count</th><th>message</th></tr>")
    for (week, exercise), items in failures.items():
        for i, (count, message) in enumerate(items):
            head = (f"<td rowspan={len(items)}>{e(week)}</td><td rowspan={len(items)}><code>{e(exercise)}</code></td>"
                    f"<td rowspan={len(items)} class=num>{100 * rates[week].get(exercise, 0):.0f} %</td>") if i == 0 else ""
            parts.append(f"<tr>{head}<td class=num>{count}</td><td>{e(message)}</td></tr>")
    parts.append("</table>")
    parts.append("<h2>Flagged submissions</h2>")
    if flagged:
        parts.append("<table><tr><th>student</th><th>week</th><th>score</th><th>reasons</th></tr>")
        for g in flagged:
            reasons = "<br>".join(e(f) for f in g.flags)
            parts.append(f"<tr><td>{e(g.student)}</td><td>{e(g.week)}</td>"
                         f"<td class=num>{g.total:g}/{g.max_total:g}</td><td class=flag>{reasons}</td></tr>")
        parts.append("</table>")
    else:
        parts.append("<p>None.</p>")
    parts.append("<h2>All scores</h2><table><tr><th>student</th>" + "".join(f"<th>{e(w)}</th>" for w in weeks) + "</tr>")
    by_key = {(g.student, g.week): g for g in grades}
    for s in students:
        cells = []
        for w in weeks:
            g = by_key.get((s, w))
            cells.append(f"<td class=num>{g.total:g}/{g.max_total:g}{' ⚑' if g.flags else ''}</td>" if g else "<td></td>")
        parts.append(f"<tr><td>{e(s)}</td>{''.join(cells)}</tr>")
    parts.append("</table><p><small>Made by dlcourse. A score counts only where nbgrader's tests "
                 "and the out-of-kernel re-check agree.</small></p>"
                 # lets a headless browser test confirm that every plot really decoded
                 "<script>window.addEventListener('load', () => { document.body.dataset.imagesOk = "
                 "String([...document.images].every(i => i.complete && i.naturalWidth > 0)); });</script>"
                 "</body></html>")
    return "\n".join(parts)


def write_report(grades, out: Path) -> Path:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "report.html"
    tmp = path.with_name(f".report.{os.getpid()}.tmp")
    tmp.write_text(render(grades, out), encoding="utf-8")
    os.replace(tmp, path)
    return path

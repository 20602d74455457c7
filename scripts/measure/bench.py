"""Time the build and the validator (speed is measured here, never asserted in tests).

Usage: python -m scripts.measure.bench [--runs N] [--sizes 1,100,1000] [--no-suites] [--no-page] [--root DIR]

First the real package in this process (build and validator, with the validator's peak memory on the package
and on a copy holding a 200 MB file), then synthetic corpora of each size (scripts/measure/synthetic.py), where the build,
the full `python -m scripts.validate` and bare `frictionless validate` each run in fresh processes (scripts/measure/scale.py).
Last, the test suite as `make test` and `make test-all` run it (scripts/measure/suites.py). The page
docs/performance.md is written unless --no-page.
"""

from __future__ import annotations

import datetime
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from scripts.build.pipeline import build
from scripts.build.write import write_files
from scripts.measure import scale, suites
from scripts.runtime import cli
from scripts.runtime.templates import render
from scripts.validate.core import validate

PAGE = "docs/performance.md"
# the scale targets: measured here and reported on the page, never asserted in tests
RATIO_TARGET, SECONDS_TARGET, BYTES_TARGET, GROWTH_TARGET = 1.5, 60.0, 2**30, 1.2


def timed(function, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        function()
        times.append(time.perf_counter() - began)
    return times


def memory(scratch: Path) -> list[str]:
    """Peak memory of `python -m scripts.validate` on the package, and on a copy whose data/context.csv is 200 MB."""
    import shutil

    lines = []
    big = scratch / "with-200-mb-file"
    shutil.copytree(scratch / "package", big)
    with open(big / "data" / "context.csv", "r+b") as handle:
        handle.truncate(200 * 1024 * 1024)
    for label, root in (("the package", scratch / "package"), ("a 200 MB data file", big)):
        # a fresh process per run, so the peak is this validation's alone
        done = scale.run([sys.executable, "-m", "scripts.validate", str(root)], quiet=True)
        lines.append(f"validate, {label}: exit {done.status}, peak RSS {done.peak_bytes / 2**20:.0f} MB")
    return lines


def targets(results: list[scale.Measure]) -> list[dict]:
    """Each target with its measured value and whether it is met."""
    at = {(m.task, m.articles): m for m in results}
    sizes = sorted({m.articles for m in results})
    found = []
    for size in sizes:
        ratio = at[("validate", size)].median / at[("frictionless", size)].median
        found.append({"target": f"full validation at most {RATIO_TARGET}x bare frictionless, {size:,} article(s)",
                      "measured": f"{ratio:.2f}x", "met": ratio <= RATIO_TARGET})
    largest = max(sizes)
    total = at[("build", largest)].median + at[("validate", largest)].median
    peak = max(at[(task, largest)].total_mb for task in ("build", "validate"))
    found.append({"target": f"{largest:,} articles built and validated in under {SECONDS_TARGET:.0f} s",
                  "measured": f"{total:.1f} s (build {at[('build', largest)].median:.1f} s + validate {at[('validate', largest)].median:.1f} s)",
                  "met": total < SECONDS_TARGET})
    found.append({"target": f"{largest:,} articles under 1 GiB of memory",
                  "measured": f"{peak:.0f} MB, all processes together", "met": peak * 2**20 < BYTES_TARGET})
    if len(sizes) > 1 and sizes[-2] > 1:
        before = sizes[-2]
        per = {size: (at[("build", size)].median + at[("validate", size)].median) / size for size in (before, largest)}
        growth = per[largest] / per[before]
        found.append({"target": f"time per article at {largest:,} within {GROWTH_TARGET}x that at {before:,}",
                      "measured": f"{per[largest] * 1000:.0f} ms vs {per[before] * 1000:.0f} ms per article: {growth:.2f}x",
                      "met": growth <= GROWTH_TARGET})
    return found


def page(results: list[scale.Measure], runs: int, measured_suites: list | None = None) -> str:
    """docs/performance.md from its template: the measured table, the targets and the machine."""
    rows = []
    for size in sorted({m.articles for m in results}):
        by_task = {m.task: m for m in results if m.articles == size}
        rows.append({"articles": size, **{task: by_task[task] for task in scale.TASKS},
                     "ratio": by_task["validate"].median / by_task["frictionless"].median})
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    sizes = ", ".join(f"{r['articles']:,}" for r in rows)
    return render("performance.md.j2", suites=measured_suites or [], rows=rows, sizes=sizes, targets=targets(results), runs=runs, cpus=cpus,
                  date=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                  load=" / ".join(f"{x:.1f}" for x in os.getloadavg()), python=platform.python_version())


def main(argv=None) -> int:
    cli.utf8_output()
    parser = cli.parser(__doc__)
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (the median is reported)")
    parser.add_argument("--sizes", default="1,100,1000", help="corpus sizes in articles, comma-separated")
    parser.add_argument("--no-page", action="store_true", help="print only; leave docs/performance.md as it is")
    parser.add_argument("--no-suites", action="store_true", help="do not time the test suites")
    args = parser.parse_args(argv)
    root = cli.root_of(args)
    files = build(root)
    with tempfile.TemporaryDirectory() as scratch:
        write_files(files, Path(scratch) / "package")
        results = {"build": timed(lambda: build(root), args.runs),
                   "validate": timed(lambda: validate(Path(scratch) / "package", root), args.runs)}
        for name, times in results.items():
            print(f"{name:9} median {statistics.median(times) * 1000:8.1f} ms  min {min(times) * 1000:8.1f} ms  ({args.runs} runs)")
        for line in memory(Path(scratch)):
            print(line)
        sizes = tuple(int(size) for size in args.sizes.split(","))
        measured = scale.measure(sizes, args.runs, Path(scratch), root, say=lambda line: print(line, flush=True))
    for target in targets(measured):
        print(f"{'met ' if target['met'] else 'MISS'}  {target['target']}: {target['measured']}")
    timed_suites = []
    for name in () if args.no_suites else suites.SUITES:
        timed_suites.append(suites.run(name, root))
        print(f"suite {name}: {timed_suites[-1].seconds:.1f} s, {timed_suites[-1].totals}", flush=True)
    if not all(m.ok for m in measured) or any(s.status for s in timed_suites):
        print("some runs failed (see above); the page is not written", file=sys.stderr)
        return 1
    if not args.no_page:
        (root / PAGE).write_text(page(measured, args.runs, timed_suites), encoding="utf-8")
        print(f"wrote {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

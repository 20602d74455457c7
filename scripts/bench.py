"""Time the build and the validator (speed is measured here, never asserted in tests).

Usage: python -m scripts.bench [RUNS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from scripts.build import ROOT, build
from scripts.package import write_files
from scripts.validate import validate


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
    import subprocess

    lines = []
    big = scratch / "with-200-mb-file"
    shutil.copytree(scratch / "package", big)
    with open(big / "data" / "context.csv", "r+b") as handle:
        handle.truncate(200 * 1024 * 1024)
    probe = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True); "
             "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    for label, root in (("the package", scratch / "package"), ("a 200 MB data file", big)):
        # a fresh probe process per run, so the peak is this validation's alone
        out = subprocess.run([sys.executable, "-c", probe, sys.executable, "-m", "scripts.validate", str(root)],
                             cwd=ROOT, capture_output=True, text=True).stdout.split()
        lines.append(f"validate, {label}: exit {out[0]}, peak RSS {int(out[1]) / 1024:.0f} MB")
    return lines


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    runs = int(args[0]) if args else 5
    files = build(ROOT)
    with tempfile.TemporaryDirectory() as scratch:
        write_files(files, Path(scratch) / "package")
        results = {"build": timed(lambda: build(ROOT), runs),
                   "validate": timed(lambda: validate(Path(scratch) / "package", ROOT), runs)}
        for name, times in results.items():
            print(f"{name:9} median {statistics.median(times) * 1000:8.1f} ms  min {min(times) * 1000:8.1f} ms  ({runs} runs)")
        for line in memory(Path(scratch)):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

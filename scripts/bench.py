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


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    runs = int(args[0]) if args else 5
    files = build(ROOT)
    with tempfile.TemporaryDirectory() as scratch:
        write_files(files, Path(scratch))
        results = {"build": timed(lambda: build(ROOT), runs),
                   "validate": timed(lambda: validate(Path(scratch), ROOT), runs)}
    for name, times in results.items():
        print(f"{name:9} median {statistics.median(times) * 1000:8.1f} ms  min {min(times) * 1000:8.1f} ms  ({runs} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

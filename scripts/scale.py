"""Measure the package at scale: the build, the full validator and bare frictionless on synthetic corpora.

Each command runs in a fresh process (so imports, caches and memory are its own), three times per corpus size; the
median wall time and the largest peak RSS (the kernel's ru_maxrss of the process, from os.wait4) are kept.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from scripts.corpus import synthesize

ROOT = Path(__file__).resolve().parents[1]
BUILD = ("import sys; from pathlib import Path; from scripts.build import build_and_validate; "
         "build_and_validate(Path(sys.argv[1]))")
TASKS = ("build", "validate", "frictionless")  # in this order: the build writes the package the other two read


def command(task: str, corpus: Path) -> list[str]:
    """The command line of one task on one corpus, run from the repository root."""
    if task == "build":
        return [sys.executable, "-c", BUILD, str(corpus)]
    if task == "validate":
        return [sys.executable, "-m", "scripts.validate", str(corpus)]
    return [str(Path(sys.executable).with_name("frictionless")), "validate", str(corpus / "datapackage.json")]


@dataclass
class Run:
    seconds: float
    peak_bytes: int
    status: int


def run(argv: list[str], quiet: bool = False) -> Run:
    """Wall time, peak RSS and exit status of one process; its output goes to a scratch file, shown on failure."""
    with tempfile.TemporaryFile() as output:
        began = time.perf_counter()
        process = subprocess.Popen(argv, cwd=ROOT, stdout=output, stderr=output)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - began
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode and not quiet:
            output.seek(0)
            tail = output.read().decode("utf-8", "replace")[-2000:]
            print(f"exit {process.returncode}: {' '.join(argv[-3:])}\n{tail}", file=sys.stderr)
    return Run(seconds, usage.ru_maxrss * 1024, process.returncode)


@dataclass
class Measure:
    task: str
    articles: int
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(r.peak_bytes for r in self.runs) / 2**20

    @property
    def ok(self) -> bool:
        return all(r.status == 0 for r in self.runs)


def measure(sizes: tuple[int, ...], runs: int, scratch: Path, say=print) -> list[Measure]:
    """Every task at every size, runs times each; the corpora are synthesized under scratch."""
    results = []
    for articles in sizes:
        corpus = synthesize(scratch / f"corpus-{articles}", articles)
        for task in TASKS:
            result = Measure(task, articles)
            for number in range(runs):
                result.runs.append(run(command(task, corpus)))
                say(f"{articles:>5} articles  {task:12} run {number + 1}: {result.runs[-1].seconds:7.1f} s, "
                    f"{result.runs[-1].peak_bytes / 2**20:6.0f} MB, exit {result.runs[-1].status}")
            results.append(result)
    return results

"""Measure the package at scale: the build, the full validator and bare frictionless on synthetic corpora.

Each command runs in a fresh process (so imports, caches and memory are its own), three times per corpus size; the
median wall time and the largest peak RSS (the kernel's ru_maxrss of the process, from os.wait4) are kept.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
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


# A small process that starts the command and reports its wall time, exit status and peak RSS. The kernel counts
# in a child's peak the memory of the process it was forked from (up to its exec), so the command is started from
# this small probe rather than from the benchmark, whose memory would otherwise be every command's floor.
PROBE = """import os, sys, time
began = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(f"{time.perf_counter() - began} {os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}")
"""


def run(argv: list[str], quiet: bool = False) -> Run:
    """Wall time, peak RSS and exit status of one process; its output goes to a scratch file, shown on failure."""
    with tempfile.TemporaryDirectory() as scratch:
        result, log = Path(scratch) / "result", Path(scratch) / "log"
        with log.open("wb") as output:
            subprocess.run([sys.executable, "-S", "-c", PROBE, str(result), *argv], cwd=ROOT, stdout=output,
                           stderr=output, check=False)
        seconds, status, peak_kb = result.read_text().split()
        if int(status) and not quiet:
            tail = log.read_bytes().decode("utf-8", "replace")[-2000:]
            print(f"exit {status}: {' '.join(argv[-3:])}\n{tail}", file=sys.stderr)
    return Run(float(seconds), int(peak_kb) * 1024, int(status))


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

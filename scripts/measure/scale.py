"""Measure the package at scale: the build, the full validator and bare frictionless on synthetic corpora.

Each command runs in a fresh process (so imports, caches and memory are its own), three times per corpus size; the
median wall time, the largest peak RSS (the kernel's ru_maxrss of the largest process, from os.wait4) and the largest
memory of all its processes together (sampled sums of Pss) are kept.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from scripts.measure.synthetic import synthesize
from scripts.runtime.root import repo_root
BUILD = ("import sys; from pathlib import Path; from scripts.build.pipeline import build_and_validate; "
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
    peak_bytes: int   # ru_maxrss: the largest single process
    status: int
    total_bytes: int = 0  # the largest sampled sum of Pss over the process tree


# A small process that starts the command and reports its wall time, exit status, peak RSS and peak memory. The
# kernel counts in a child's peak RSS the memory of the process it was forked from (up to its exec), so the command is
# started from this small probe rather than from the benchmark, whose memory would otherwise be every command's floor.
# ru_maxrss is the largest single process; a command that forks helpers uses several at once, so a thread also sums
# the proportional set size (Pss: shared pages split between the processes sharing them) of the command's whole
# process tree every 0.1 s and keeps the largest sum: the memory the machine held for it.
PROBE = """import os, sys, threading, time
def tree(root):
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    todo += [int(x) for x in handle.read().split()]
        except OSError:
            pass
    return found
def pss(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            return next(int(line.split()[1]) for line in handle if line.startswith("Pss:"))
    except (OSError, StopIteration):
        return 0
peak, running = [0], [True]
def sample(pid):
    while running[0]:
        peak[0] = max(peak[0], sum(pss(p) for p in tree(pid)))
        time.sleep(0.1)
began = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
sampler = threading.Thread(target=sample, args=(pid,), daemon=True)
sampler.start()
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - began
running[0] = False
sampler.join()
with open(sys.argv[1], "w") as out:
    out.write(f"{seconds} {os.waitstatus_to_exitcode(status)} {usage.ru_maxrss} {peak[0]}")
"""


def run(argv: list[str], quiet: bool = False) -> Run:
    """Wall time, peak RSS and exit status of one process; its output goes to a scratch file, shown on failure."""
    with tempfile.TemporaryDirectory() as scratch:
        result, log = Path(scratch) / "result", Path(scratch) / "log"
        with log.open("wb") as output:
            subprocess.run([sys.executable, "-S", "-c", PROBE, str(result), *argv], cwd=repo_root(), stdout=output,
                           stderr=output, check=False)
        seconds, status, peak_kb, total_kb = result.read_text().split()
        if int(status) and not quiet:
            tail = log.read_bytes().decode("utf-8", "replace")[-2000:]
            print(f"exit {status}: {' '.join(argv[-3:])}\n{tail}", file=sys.stderr)
    return Run(float(seconds), int(peak_kb) * 1024, int(status), int(total_kb) * 1024)


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
    def total_mb(self) -> float:
        return max(r.total_bytes for r in self.runs) / 2**20

    @property
    def ok(self) -> bool:
        return all(r.status == 0 for r in self.runs)


def measure(sizes: tuple[int, ...], runs: int, scratch: Path, root: Path, say=print) -> list[Measure]:
    """Every task at every size, runs times each; the corpora are synthesized under scratch from the repository root."""
    results = []
    for articles in sizes:
        corpus = synthesize(scratch / f"corpus-{articles}", articles, root)
        for task in TASKS:
            result = Measure(task, articles)
            for number in range(runs):
                result.runs.append(run(command(task, corpus)))
                say(f"{articles:>5} articles  {task:12} run {number + 1}: {result.runs[-1].seconds:7.1f} s, "
                    f"{result.runs[-1].peak_bytes / 2**20:6.0f} MB largest process, "
                    f"{result.runs[-1].total_bytes / 2**20:6.0f} MB all processes, exit {result.runs[-1].status}")
            results.append(result)
    return results

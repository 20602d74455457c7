"""Time the test suite as `make test` and `make test-all` run it: wall time, the totals pytest reports, and the ten
slowest tests. Measured by `make bench` and shown on docs/performance.md, never asserted by a test."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

SUITES = {  # name -> (what it is, pytest arguments, extra environment), as the Makefile's targets run them
    "default": ("`make test`: the default set, every problem code once", [], {}),
    "full": ("`make test-all`: every test, the slow ones included (CI runs it)", ["-m", "slow or not slow"],
             {"HYPOTHESIS_PROFILE": "ci"}),
}
SLOWEST = re.compile(r"^(\d+\.\d+)s (call|setup|teardown)\s+(\S+)", re.M)
# pytest's last line, with `=` borders or (under -q) without them: "723 passed, 1 skipped in 80.12s (0:01:20)"
TOTALS = re.compile(r"^=*\s*(\d+ (?:passed|failed|skipped|errors?|deselected|xfailed|xpassed|warnings?)\b.*? in [\d.]+s(?: \([\d:]+\))?)\s*=*\s*$", re.M)


@dataclass
class Suite:
    name: str
    what: str
    seconds: float
    status: int
    totals: str
    slowest: list[tuple[float, str, str]] = field(default_factory=list)  # (seconds, phase, test)


def run(name: str, root: Path, jobs: int = 2) -> Suite:
    """One suite, in a fresh process, from the repository root."""
    what, args, extra = SUITES[name]
    env = {**os.environ, **extra}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as the Makefile runs it
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", str(jobs), "--dist", "load",
               "--durations", "10", *args]
    began = time.perf_counter()
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - began
    totals = TOTALS.findall(done.stdout)
    return Suite(name, what, seconds, done.returncode, totals[-1] if totals else "(no summary)",
                 [(float(s), phase, test) for s, phase, test in SLOWEST.findall(done.stdout)][:10])

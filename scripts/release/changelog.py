"""The data part of a changelog entry: what changed since the previous release tag, per resource and by ID.

Usage: python -m scripts.release.changelog [--out FILE] [--root DIR]

Compares the package in the working tree with the one at the newest tag vX.Y.Z older than the current version
(read with `git archive`), using the same snapshots and rules as the digest guard: rows added, removed (retired
IDs) and changed per resource, schema changes, and the bump they need. Prints the Markdown and writes it to --out
(default build/changelog-data.md) for the CHANGELOG.md entry. With no earlier tag it says so.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from scripts.rules import versions as digest
from scripts.runtime import cli
from scripts.runtime.templates import render



def previous_tag(repo: Path, version: str) -> str | None:
    """The newest tag vX.Y.Z whose version is below the current one."""
    result = subprocess.run(["git", "tag", "--list", "v*"], cwd=repo, capture_output=True, text=True, check=True)
    current = digest.parse(version)
    tags = [(digest.parse(tag[1:]), tag) for tag in result.stdout.split()]
    older = [(parsed, tag) for parsed, tag in tags if parsed is not None and (current is None or parsed < current)]
    return max(older)[1] if older else None


def snapshot_at(repo: Path, tag: str) -> dict:
    """The package as committed at tag: datapackage.json and data/ taken out with git archive."""
    archive = subprocess.run(["git", "archive", "--format=tar", tag, "datapackage.json", "data"], cwd=repo,
                             capture_output=True, check=True).stdout
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(scratch, filter="data")
        return digest.snapshot(Path(scratch))


def counts(snap: dict) -> dict[str, int | None]:
    return {name: (len(entry["rows"]) if "rows" in entry else None) for name, entry in snap["resources"].items()}


def entry(repo: Path) -> str:
    """The Markdown data summary for the current version's changelog entry."""
    now = digest.snapshot(repo)
    tag = previous_tag(repo, now["version"])
    if tag is None:
        return render("changelog-data.md.j2", tag=None, version=now["version"], rows=_rows(None, now), changes=[], level=None)
    before = snapshot_at(repo, tag)
    changes = digest.diff(before, now)
    return render("changelog-data.md.j2", tag=tag, version=now["version"], rows=_rows(before, now), changes=changes,
                  level=digest.needed_level(changes), wanted=digest.bump(before["version"], digest.needed_level(changes) or "PATCH"))


def _rows(before: dict | None, now: dict) -> list[dict]:
    old = counts(before) if before else {}
    new = counts(now)
    return [{"name": name, "before": old.get(name), "after": new.get(name)} for name in sorted(set(old) | set(new))
            if new.get(name) is not None or old.get(name) is not None]


def main(argv=None) -> int:
    cli.utf8_output()
    parser = cli.parser(__doc__)
    parser.add_argument("--out", type=Path, default=None, help="where to write the summary (default: build/changelog-data.md)")
    args = parser.parse_args(argv)
    root = cli.root_of(args)
    out = args.out or root / "build" / "changelog-data.md"
    try:
        text = entry(root)
    except (subprocess.CalledProcessError, OSError, json.JSONDecodeError) as error:
        print(f"changelog: cannot compare with the previous release: {error}", file=sys.stderr)
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())

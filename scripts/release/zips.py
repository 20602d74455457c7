"""The release: dist/<name>-<version>.zip, the text-free dist/<name>-<version>-no-text.zip, the exports zip of each
(`…-exports.zip`, `…-no-text-exports.zip`) and dist/SHA256SUMS.

Each zip has datapackage.json at its root beside data/, so `frictionless.Package("….zip")` opens it, with a
README, the licence and rights note, CITATION.cff and CHANGELOG.md. Two runs on one commit write the same bytes:
entries sorted, every timestamp SOURCE_DATE_EPOCH (or the release date, the descriptor's `created`), permissions
0644, one compression level. The release is refused when a committed output is stale, a row count is unreviewed
or differs from its counts file, or the digest recorded in data-digest.json is for other data.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from scripts.build.pipeline import stale_files
from scripts.contract import csvw
from scripts.contract.exports import exports_zip_name, zip_name  # noqa: F401 - the names, for callers
from scripts.contract.problems import Problem
from scripts.contract.reader import open_package
from scripts.contract import citation
from scripts.release import citation_files, exports_zip, variants
from scripts.release.rights import statement
from scripts.rules import versions as digest
from scripts.runtime.templates import render
from scripts.validate import counts

EXTRA = ("CITATION.cff", "CHANGELOG.md")  # copied from the repository into both zips
WHAT = {"datapackage.json": "the descriptor: resources, schemas, licences, checksums",
        "README.md": "this file", "LICENSE.md": "what the licence covers and what it does not",
        "CITATION.cff": "how to cite, in the Citation File Format", "CHANGELOG.md": "what changed in each version"}


def zip_time(descriptor: dict) -> tuple[int, int, int, int, int, int]:
    """SOURCE_DATE_EPOCH when set, else the release date; zip cannot say anything before 1980."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        moment = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    else:
        moment = datetime.strptime(descriptor["created"], "%Y-%m-%dT%H:%M:%SZ")
    stamp = moment.timetuple()[:6]
    return max(stamp, (1980, 1, 1, 0, 0, 0))


def zip_bytes(files: dict[str, bytes], stamp: tuple) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3                  # Unix, whatever the machine, so the mode bits below are read
            info.external_attr = 0o100644 << 16     # a regular file, rw-r--r--
            archive.writestr(info, files[name], compresslevel=9)
    return out.getvalue()


def articles(root: Path) -> list[dict]:
    return open_package(root, texts=False).resource("articles").rows


def package_files(root: Path, no_text: bool) -> dict[str, bytes]:
    """datapackage.json and data/ of one variant, with the CSV on the Web metadata beside the CSVs."""
    return variants.text_free_files(open_package(root)) if no_text else variants.full_files(root)


def contents(root: Path, descriptor: dict, no_text: bool, files: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """Every file of one package zip, by its path in the zip."""
    files = dict(files if files is not None else package_files(root, no_text))
    shipped = json.loads(files["datapackage.json"])
    files.update({name: (root / name).read_bytes() for name in EXTRA})
    rights = statement(descriptor)
    files["LICENSE.md"] = render("release-license.md.j2", d=descriptor, rights=rights,
                                 licences=citation.open_licences(descriptor), apa=citation.apa(descriptor)).encode("utf-8")
    titles = {r["path"]: r.get("title", r["name"]) for r in shipped["resources"]}
    titles[csvw.path(shipped)] = "CSV on the Web (W3C) metadata for the CSVs: `csvwvalidate` reads it"
    listed = sorted(set(files) | {"README.md"})
    table = [{"path": p, "bytes": len(files[p]) if p in files else "", "what": titles.get(p) or WHAT.get(p, "")} for p in listed]
    files["README.md"] = render(
        "release-readme.md.j2", d=descriptor, released=citation.released(descriptor), no_text=no_text,
        description=" ".join(shipped.get("description", "").split()), files=table, zip_name=zip_name(descriptor, no_text),
        articles=articles(root), paths=[r["path"] for r in citation.text_resources(descriptor)],
        apa=citation.apa(descriptor), bibtex=citation.bibtex(descriptor), rights=rights,
        exports_zip=exports_zip_name(descriptor, no_text),
    ).encode("utf-8")
    return files


def build_release(root: Path) -> dict[str, bytes]:
    """The release files: the package zip and the exports zip of each variant, and SHA256SUMS, by file name."""
    descriptor = open_package(root, texts=False).descriptor
    stamp = zip_time(descriptor)
    out = {}
    for no_text in (False, True):
        files = package_files(root, no_text)
        out[zip_name(descriptor, no_text)] = zip_bytes(contents(root, descriptor, no_text, files), stamp)
        out[exports_zip_name(descriptor, no_text)] = zip_bytes(exports_zip.contents(files, no_text, zip_name(descriptor, no_text)), stamp)
    out["SHA256SUMS"] = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(out.items())).encode()
    return out


def _git(root: Path, *args: str) -> str | None:
    try:
        ran = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return ran.stdout if ran.returncode == 0 else None


def anchored(root: Path, version: str) -> list[Problem]:
    """A release is made from the commit tagged v<version>, with nothing uncommitted (RELEASING.md step 8). The tag
    is what ties one version to one state of the data: a file in the tree, data-digest.json included, can be checked
    out again, a published tag cannot be moved unnoticed."""
    fix = f'commit the release and tag it: `git tag -a v{version} -m "Release {version}"` (RELEASING.md step 8)'
    if _git(root, "rev-parse", "--is-inside-work-tree") is None:
        return [Problem(".", None, "", "", "RELEASE_NOT_READY", f"{root} is not a git repository, so no tag ties version "
                        f"{version} to this data", "release from a clone of the repository, at the commit tagged "
                        f"v{version} (RELEASING.md steps 8 and 9)")]
    changed = (_git(root, "status", "--porcelain", "--", ".") or "").splitlines()
    if changed:
        first = changed[0][3:].strip()
        return [Problem(first, None, "", "", "RELEASE_NOT_READY", f"is not committed ({len(changed)} change(s) in "
                        "`git status`): the release would hold what no commit holds", fix)]
    tagged = (_git(root, "rev-parse", "-q", "--verify", f"refs/tags/v{version}^{{commit}}") or "").strip()
    head = (_git(root, "rev-parse", "HEAD") or "").strip()
    if not tagged:
        return [Problem(".", None, "", "", "RELEASE_NOT_READY", f"no tag v{version} marks the commit checked out", fix)]
    if tagged != head:
        return [Problem("annotations/package.yaml", None, "", "version", "VERSION_REUSED", f"the tag v{version} marks "
                        f"commit {tagged[:12]}, not the one checked out ({head[:12]}): version {version} was released "
                        "from another commit", f"check out v{version} to make that release again, or set a higher version "
                        "for this one (docs/versioning.md)")]
    return []


def readiness(root: Path) -> tuple[list[Problem], list[str]]:
    """Why the tree cannot be released (problems), and what the releaser should know (notes)."""
    problems = [Problem(rel, None, "", "", "RELEASE_NOT_READY", "differs from a fresh build", "run `make build` and commit")
                for rel in stale_files(root)]
    problems += [Problem(rel, None, "", "", "RELEASE_NOT_READY", "differs from a fresh render", "run `make citation` and commit")
                 for rel in citation_files.stale(root)]
    problems += counts.check(root) + counts.unreviewed(root)
    notes = []
    try:
        record = digest.load_record(root)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return problems + [Problem(digest.RECORD, None, "", "", "DIGEST_RECORD", f"cannot be read: {error}")], notes
    current = digest.snapshot(root)
    reused = digest.reused_version(root, current)
    if reused is not None:
        problems.append(reused)
    problems += anchored(root, current["version"])
    changes = digest.diff(record, current) if record else []
    if record is None:
        problems.append(Problem(digest.RECORD, None, "", "", "RELEASE_NOT_READY", "is missing, so nothing records the data "
                                "this version is released with", "run `make digest` and commit data-digest.json with "
                                "the release, then tag it (RELEASING.md steps 6 to 8)"))
    elif changes and record.get("version") == current["version"]:
        wanted = digest.bump(record["version"], digest.needed_level(changes))
        problems.append(Problem("annotations/package.yaml", None, "", "version", "RELEASE_NOT_READY",
                                f"the data changed since version {record['version']} and the version did not: {digest.summary(changes)}",
                                f"set `version: \"{wanted}\"` (or higher) and the changelog as RELEASING.md says, then "
                                "`make build && make citation && make digest`"))
    elif record.get("version") != current["version"] or changes:
        problems.append(Problem(digest.RECORD, None, "", "version", "RELEASE_NOT_READY",
                                f"records version {record.get('version')}, not the data of version {current['version']} as it is now",
                                "run `make digest` and commit data-digest.json with the release"))
    return problems, notes

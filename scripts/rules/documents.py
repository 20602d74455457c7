"""The documents a release carries beside the data say what its descriptor says.

A release zip (and a folder it was unzipped into) holds CITATION.cff and LICENSE.md, which people read before the
data: a citation with another version, title, licence or date, or a licence note that names a licence the package
is not under, would be believed over datapackage.json. CITATION.cff is read as YAML and compared field by field;
LICENSE.md must name every licence the descriptor gives the package, and no licence that neither the package nor
one of its resources is under. In a repository the two are outputs of `make build` and `make check` compares
them with a fresh render, so this rule reads them only in a release. README.md is not read: its words are the release's, and no field of it is a fact
the descriptor states.
"""

from __future__ import annotations

import regex
import yaml

from scripts.contract import citation
from scripts.contract.problems import Problem, show

LICENCE_ID = regex.compile(r"(?<![\w-])(?:CC0-1\.0|CC-BY(?:-(?:NC|SA|ND))*-\d\.\d|ODC-By-1\.0|ODbL-1\.0|PDDL-1\.0)(?![\w-])")
FIX = "take the file from the release zip again (or `make release` writes it from datapackage.json)"


def check(pkg, problems: list[Problem]) -> None:
    if (pkg.root / "annotations" / "package.yaml").is_file():
        return  # a repository: CITATION.cff is an output of `make build`, which `make check` compares with a fresh one
    d = pkg.descriptor
    _citation(pkg.root / "CITATION.cff", d, problems)
    _licence(pkg.root / "LICENSE.md", d, problems)


def _citation(path, d: dict, problems: list[Problem]) -> None:
    if not path.is_file() or path.is_symlink():
        return
    try:
        cff = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError) as error:
        problems.append(Problem("CITATION.cff", None, "", "", "RELEASE_DOCUMENT", f"is not YAML: {type(error).__name__}", FIX))
        return
    if not isinstance(cff, dict):
        problems.append(Problem("CITATION.cff", None, "", "", "RELEASE_DOCUMENT", "is not a mapping of citation fields", FIX))
        return
    rendered = yaml.safe_load(citation.cff(d))  # what the one citation writer says of this descriptor
    for key in ("title", "version", "date-released", "license"):
        want, got = rendered.get(key) or None, cff.get(key)
        got = got.isoformat() if hasattr(got, "isoformat") else got
        if want is not None and got != want:
            problems.append(Problem("CITATION.cff", None, "", key, "RELEASE_DOCUMENT",
                                    f"gives the {key} {show(str(got))}, datapackage.json {show(str(want))}", FIX))


def _licence(path, d: dict, problems: list[Problem]) -> None:
    if not path.is_file() or path.is_symlink():
        return
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        problems.append(Problem("LICENSE.md", None, "", "", "RELEASE_DOCUMENT", "is not UTF-8 text", FIX))
        return
    package = {l.get("name") for l in citation.open_licences(d)}
    declared = package | {l.get("name") for r in d.get("resources", []) if isinstance(r, dict) for l in r.get("licenses", [])}
    named = set(LICENCE_ID.findall(text))
    for other in sorted(named - declared):
        problems.append(Problem("LICENSE.md", None, "", "", "RELEASE_DOCUMENT", f"names the licence {other}, which "
                                f"datapackage.json gives neither the package nor any resource ({', '.join(sorted(declared))})", FIX))
    for missing in sorted(package - named - {None}):
        problems.append(Problem("LICENSE.md", None, "", "", "RELEASE_DOCUMENT", f"does not name {missing}, the package's "
                                "licence in datapackage.json", FIX))

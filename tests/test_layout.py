"""The code's layout is its architecture: stage packages whose imports flow one way, and one of each shared thing.

Every import of scripts/ is read from the source (function-level imports included, since a lazy import is still an
import): a module may import its own stage and the stages below it, never a stage above or beside it, and the
modules import each other without a circle.
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache
from pathlib import Path

import pytest

from tests.helpers.repo import REPO

SCRIPTS = REPO / "scripts"
# lower first; stages of one rank may not import each other
RANKS = {"runtime": 0, "contract": 1, "annotations": 2, "rules": 3, "exports": 4, "validate": 5, "build": 6,
         "release": 7, "docs": 8, "measure": 8}


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(SCRIPTS.rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = modules()


def imports(path: Path) -> set[str]:
    """The scripts modules a file imports, anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "scripts"}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "scripts":
            for alias in node.names:  # `from scripts.rules import cells` imports the module scripts.rules.cells
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in MODULES else node.module)
    return found


def stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in RANKS else None


@lru_cache(maxsize=None)
def edges() -> dict[str, set[str]]:
    """Each module's imports (parsed when a test first asks, not while collecting)."""
    return {name: imports(path) for name, path in MODULES.items()}


def test_every_stage_is_a_package_that_says_what_it_owns_and_may_import():
    assert {p.name for p in SCRIPTS.iterdir() if p.is_dir() and (p / "__init__.py").is_file()} == set(RANKS)
    for name in RANKS:
        doc = ast.get_docstring(ast.parse((SCRIPTS / name / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "Imports:" in doc, f"scripts/{name}/__init__.py does not say what it may import"


def test_at_most_four_modules_lie_outside_the_stage_packages():
    loose = [p.name for p in SCRIPTS.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    assert len(loose) <= 4, loose


@pytest.mark.parametrize("module", sorted(m for m in MODULES if stage(m)))
def test_imports_flow_down_the_stages(module):
    mine = stage(module)
    for target in sorted(edges()[module]):
        theirs = stage(target)
        assert theirs is not None, f"{module} imports {target}, which belongs to no stage"
        assert theirs == mine or RANKS[theirs] < RANKS[mine], \
            f"{module} ({mine}) imports {target} ({theirs}): {theirs} is not below {mine}"


def test_no_import_circle_between_modules():
    """Tarjan's strongly connected components over the module graph: every component is one module."""
    index, low, stack, on, circles = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on.add(node)
        for target in edges().get(node, ()):
            target = target if target in edges() else None
            if target is None:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for name in sorted(edges()):
        if name not in index:
            visit(name)
    assert circles == []


def test_the_graph_test_sees_a_function_level_import():
    """The control: a lazy import in a function body is an edge of the graph."""
    assert "scripts.docs.generate" in edges()["scripts.docs.hook"]  # imported inside _docs()


def sources() -> dict[str, str]:
    return {name: path.read_text(encoding="utf-8") for name, path in MODULES.items()}


def test_one_definition_of_the_repository_root():
    computed = [name for name, text in sources().items() if re.search(r"\.parents?\b", text) and "__file__" in text]
    assert computed == ["scripts.runtime.root"]


def test_one_jinja_environment_factory():
    assert [name for name, text in sources().items() if "jinja2.Environment(" in text] == ["scripts.runtime.templates"]


def test_one_reader_of_a_built_package():
    """Only the reader parses the package's CSVs (the counts files and the codebook inputs of annotations/codebooks/
    are inputs, not the package)."""
    readers = [name for name, text in sources().items() if re.search(r"csv\.(reader|DictReader)\(", text)]
    assert readers == ["scripts.annotations.codebooks", "scripts.contract.reader", "scripts.validate.counts"]
    codebooks = (SCRIPTS / "annotations" / "codebooks.py").read_text(encoding="utf-8")
    assert "data/" not in codebooks  # it reads annotations/codebooks/, never the built package
    counts = (SCRIPTS / "validate" / "counts.py").read_text(encoding="utf-8")
    assert counts.count("csv.DictReader(") == 1 and "path.open(" in counts  # the reviewed counts file, not data/


def test_every_command_line_takes_root():
    for name, text in sources().items():
        if "def main(" in text and name not in ("scripts.docs.hook",):
            assert "cli.parser(" in text, f"{name} has a command line without the shared --root option"


def test_no_test_module_imports_another():
    tests = REPO / "tests"
    for path in tests.rglob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.split(".")[-1].startswith("test_"), f"{path.relative_to(REPO)} imports {node.module}"

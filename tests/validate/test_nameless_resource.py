"""A resource whose name was deleted is named by its place and its path, and by the name the contract gives it; it
is not also reported as a missing resource, and nothing prints `resource=None`."""

import json
import shutil

from scripts.validate.core import validate
from tests.helpers.repo import REPO


def test_a_resource_without_its_name_is_named_by_its_place_and_the_name_it_should_have(tmp_path):
    root = tmp_path / "package"
    shutil.copytree(REPO / "data", root / "data")
    descriptor = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
    place = next(i for i, r in enumerate(descriptor["resources"]) if r["name"] == "quotes")
    del descriptor["resources"][place]["name"]
    (root / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False), encoding="utf-8")
    found = validate(root, stages=())
    named = [p for p in found if p.field == f"resources/{place}/name"]
    assert [p.code for p in named] == ["DESCRIPTOR_CONTRACT"] and "`quotes`" in named[0].message, [str(p) for p in found]
    assert not any("missing from datapackage.json" in p.message for p in found)
    assert not any("None" in p.key for p in found)

"""The data dictionary: every resource, field, constraint and allowed value, with counts from the data."""

from __future__ import annotations

from collections import Counter

from scripts.docs.config import SAMPLE_ROWS
from scripts.contract.reader import Resource
from scripts.docs.site import Site
from scripts.docs.templating import render
from scripts.docs.text import code, external, md, number, plural, prose, rel

PAGE = "dictionary.md"


def licence_text(lic: dict) -> str:
    label = lic.get("title") or lic.get("name") or ""
    name = f" ({code(lic['name'])})" if lic.get("name") and lic.get("title") else ""
    if lic.get("path"):
        return external(lic["path"], label) + name
    return md(label) + name


def constraints(res: Resource, fld: dict) -> list[str]:
    found = fld.get("constraints", {})
    parts = ["required"] if found.get("required") else []
    for key in ("pattern", "minimum", "maximum"):
        if key in found:
            parts.append(f"{key} {code(found[key])}")
    if "enum" in found:
        parts.append("one of the allowed values")
    if "trueValues" in fld:
        parts.append("true " + ", ".join(code(v) for v in fld["trueValues"]) +
                     "; false " + ", ".join(code(v) for v in fld.get("falseValues", [])))
    if fld["name"] in res.primary_key:
        parts.append("primary key")
    target = res.reference(fld["name"])
    if target:
        parts.append(f"references [{code(target)}](#{target})")
    return parts


def allowed_values(res: Resource, fld: dict) -> str:
    found = fld.get("constraints", {})
    if not (fld.get("categories") or found.get("enum")):
        return ""
    counts = Counter(row[fld["name"]] for row in res.rows or [])
    labels = {c["value"]: c.get("label", "") for c in fld.get("categories", [])}
    values = [c["value"] for c in fld.get("categories", [])] or found["enum"]
    return "<br>".join(f"{code(v)} {prose(labels.get(v, ''))} ({plural(counts.get(v, 0), 'row')})" for v in values)


def field_rows(res: Resource) -> list[list[str]]:
    return [[f'<a id="{res.name}.{fld["name"]}"></a>{code(fld["name"])}', code(fld["type"]),
             "<br>".join(constraints(res, fld)), prose(fld.get("description", "")), allowed_values(res, fld)]
            for fld in res.fields]


def facts(res: Resource) -> list[str]:
    d = res.descriptor
    out = [f"**File**: [{code(res.path)}]({rel(PAGE, res.path)})"]
    if res.is_table:
        out.append(f"**Rows**: {plural(len(res.rows), 'row')}")
    out.append(f"**Format**: {md(d.get('mediatype', d.get('format', '')))}, {md(d.get('encoding', ''))}, "
               f"{plural(d.get('bytes', 0), 'byte')}")
    if d.get("hash"):
        out.append(f"**Hash**: {code(d['hash'])}")
    if res.primary_key:
        out.append("**Primary key**: " + ", ".join(code(k) for k in res.primary_key))
    for key in res.unique_keys:
        out.append("**Unique key**: (" + ", ".join(code(k) for k in key) + ")")
    for fields, target, ref_fields in res.foreign_keys:
        out.append(f"**Foreign key**: ({', '.join(code(f) for f in fields)}) → "
                   f"[{code(target)}](#{target}) ({', '.join(code(f) for f in ref_fields)})")
    for lic in d.get("licenses", []):
        out.append("**Licence**: " + licence_text(lic))
    missing = res.schema.get("missingValues")
    if missing is not None:
        out.append("**Missing values**: " + (", ".join(code(v) if v else "the empty string" for v in missing) or "none"))
    return out


def page(site: Site) -> str:
    resources = []
    for res in site.pkg.resources.values():
        sample = site.rows_table(PAGE, res, res.rows[:SAMPLE_ROWS]) if res.is_table else ""
        resources.append({"res": res, "facts": facts(res), "fields": field_rows(res) if res.is_table else [],
                          "sample": sample, "shown": min(SAMPLE_ROWS, len(res.rows or []))})
    summary = [[f"[{code(r.name)}](#{r.name})", md(r.title), number(len(r.rows)) if r.is_table else "text file",
                ", ".join(code(k) for k in r.primary_key), prose(r.description)] for r in site.pkg.resources.values()]
    return render("dictionary.md.j2", site=site, pkg=site.pkg, resources=resources, summary=summary)

"""What changed between two runs of the collection: the data, every key figure, the ledger's verdicts.

Both sides are sets of executed notebooks: the committed (published) notebooks
against a ``make run`` on other data, or two as-of runs (``make compare``). The
figures are read from the notebooks' recorded key figures
(:mod:`helpers.notebook.keyfigures`), so the report quotes exactly what the notebooks
recorded; the data on each side come from the run each executed notebook records
(its data identity: manifest digest, as-of date, last observation; :mod:`helpers.publish.stamps`).

The report lists the claims ledger's verdict changes first, then one row per
recorded figure with ``notebook``, ``name``, ``label``, ``units``, ``before``,
``after`` and the ``difference`` (in percentage points for returns and rates,
days for dates, "changed" for verdicts and labels). A figure counts as changed
when its rounded text differs, the same rounding the regression check uses.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pandas as pd

from helpers.data import paths
from helpers.notebook import keyfigures

from . import stamps

# How a difference between two values is expressed, by the units' difference kind.
_SCALE = {"pp": 100.0}  # fractions are differenced in percentage points


def notebooks_in(folder: Path) -> dict[str, nbformat.NotebookNode]:
    """The executed collection notebooks in ``folder`` (``NN_name.ipynb``), by stem."""
    return {p.stem: nbformat.read(p, as_version=4) for p in sorted(Path(folder).glob("[0-9][0-9]_*.ipynb"))}


def published_notebooks() -> dict[str, nbformat.NotebookNode]:
    """The committed notebooks (executed on the published data by ``make publish``)."""
    return notebooks_in(paths.notebooks_dir())


def published_digest() -> str | None:
    """The manifest digest the committed notebooks were published from (None when they disagree)."""
    digests = {nb.metadata.get("helpers", {}).get("manifest_digest") for nb in published_notebooks().values()}
    return digests.pop() if len(digests) == 1 else None


def _side(notebooks: dict) -> dict:
    """The data one side's run used, as the report records it (every field None when the notebooks record none)."""
    data = stamps.identity_of_runs(notebooks)
    if data is None:
        return {"mode": None, "digest": None, "as_of": None, "last_observation": None}
    return data.metadata()


def _difference(before, after, units: str):
    """``after - before`` in the units' difference terms, or a word for non-numeric figures."""
    kind = keyfigures.UNITS.get(units, ("", "text"))[1]
    if before is None or after is None:
        return None
    if kind in ("verdict", "text"):
        return None if before == after else "changed"
    if kind == "days":
        return int((pd.Timestamp(after) - pd.Timestamp(before)).days)
    try:
        return (float(after) - float(before)) * _SCALE.get(kind, 1.0)
    except (TypeError, ValueError):
        return None


def difference_units(units: str) -> str:
    return keyfigures.UNITS.get(units, ("", "text"))[1]


def compare(before: dict, after: dict, before_label: str = "committed", after_label: str = "this run") -> dict:
    """The changes between two sets of executed notebooks (``{stem: notebook}``), as a JSON-ready dict."""
    rows = []
    for stem in sorted(set(before) | set(after)):
        old = (
            keyfigures.read_table(before[stem]) if stem in before else keyfigures.read_table(nbformat.v4.new_notebook())
        )
        new = keyfigures.read_table(after[stem]) if stem in after else keyfigures.read_table(nbformat.v4.new_notebook())
        names = list(new.index) + [n for n in old.index if n not in new.index]
        for name in names:
            o = old.loc[name] if name in old.index else None
            n = new.loc[name] if name in new.index else None
            ref = n if n is not None else o
            units = ref["units"]
            before_text = None if o is None else o["text"]
            after_text = None if n is None else n["text"]
            rows.append(
                {
                    "notebook": stem,
                    "name": name,
                    "label": ref["label"],
                    "units": units,
                    "before": before_text,
                    "after": after_text,
                    "before_value": None if o is None else o["value"],
                    "after_value": None if n is None else n["value"],
                    "difference": _difference(
                        None if o is None else o["value"], None if n is None else n["value"], units
                    ),
                    "difference_units": difference_units(units),
                    "changed": before_text != after_text,
                }
            )
    verdicts = [r for r in rows if r["units"] == "verdict" and r["changed"]]
    not_yet = "not yet observable"
    observable = [
        r for r in verdicts if str(r["before"]).startswith(not_yet) and not str(r["after"]).startswith(not_yet)
    ]
    available = [
        r
        for r in rows
        if r["units"] != "verdict"
        and r["before"] in (None, keyfigures.NOT_AVAILABLE)
        and r["after"] not in (None, keyfigures.NOT_AVAILABLE)
    ]
    return {
        "before": {"label": before_label, **_side(before)},
        "after": {"label": after_label, **_side(after)},
        "summary": {
            "figures": len(rows),
            "changed": sum(r["changed"] for r in rows),
            "verdicts": sum(r["units"] == "verdict" for r in rows),
            "verdicts_changed": len(verdicts),
            "became_observable": len(observable),
            "figures_became_available": len(available),
        },
        "verdict_changes": verdicts,
        "became_observable": [r["name"] for r in observable],
        "figures": rows,
    }


def _cell(value) -> str:
    text = "–" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def _difference_text(row: dict) -> str:
    diff = row["difference"]
    if diff is None:
        return ""
    if isinstance(diff, str):
        return diff
    kind = row["difference_units"]
    if kind == "days":
        return f"{diff:+d} days"
    if kind in ("pp", "bp", "points", "count"):
        return f"{diff:+,.2f} {kind}" if kind in ("pp",) else f"{diff:+,.0f} {kind}"
    return f"{diff:+.3g}"


def _side_line(side: dict) -> str:
    as_of = f"as of {side['as_of']}" if side.get("as_of") else "all data held"
    return (
        f"| {side['label']} | {side.get('mode') or '–'} | `{side.get('digest') or '–'}` | {as_of} | "
        f"{side.get('last_observation') or '–'} |"
    )


def to_markdown(report: dict) -> str:
    """The report as Markdown: data on both sides, verdict changes first, then every key figure."""
    s = report["summary"]
    lines = [
        "# What changed",
        "",
        f"{s['changed']} of {s['figures']} key figures changed; {s['verdicts_changed']} of {s['verdicts']} ledger "
        "verdicts changed. A figure counts as changed when its rounded value differs.",
        "",
        "| run | data | manifest digest | cut | last observation |",
        "| --- | --- | --- | --- | --- |",
        _side_line(report["before"]),
        _side_line(report["after"]),
        "",
        "## Claims ledger: verdicts that changed",
        "",
    ]
    if report.get("became_observable"):
        lines += [
            f"{len(report['became_observable'])} claims were not yet observable on the first side and are judged on "
            f"the second: {', '.join(report['became_observable'])}. Figures that became available: "
            f"{s.get('figures_became_available', 0)}.",
            "",
        ]
    if report["verdict_changes"]:
        lines += ["| claim | label | before | after |", "| --- | --- | --- | --- |"]
        lines += [
            f"| {_cell(r['name'])} | {_cell(r['label'])} | {_cell(r['before'])} | {_cell(r['after'])} |"
            for r in report["verdict_changes"]
        ]
    else:
        lines.append("No verdict changed.")
    lines += [
        "",
        "## Key figures",
        "",
        "| notebook | name | label | units | before | after | difference |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in report["figures"]:
        if r["units"] == "verdict":
            continue
        mark = "**" if r["changed"] else ""
        lines.append(
            f"| {r['notebook']} | {mark}{_cell(r['name'])}{mark} | {_cell(r['label'])} | {r['units']} | "
            f"{_cell(r['before'])} | {_cell(r['after'])} | {_difference_text(r)} |"
        )
    return "\n".join(lines) + "\n"


def write(report: dict, folder: Path) -> tuple[Path, Path]:
    """Write ``changes.json`` and ``changes.md`` into ``folder``; returns both paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    json_path, md_path = folder / "changes.json", folder / "changes.md"
    json_path.write_text(json.dumps(report, indent=1, default=str) + "\n", encoding="utf-8")
    md_path.write_text(to_markdown(report), encoding="utf-8")
    return json_path, md_path

"""The static site ``make run`` writes: ``reports/index.html`` linking each notebook's HTML page.

The index gives the collection's title, the data in use (real or the synthetic
sample) and its as-of date, and per notebook its title, question, a summary
paragraph taken from the notebook's computed conclusion (the output of the cell
tagged ``summary``) and a link. Pages are self-contained: styles inline, figures
embedded, no script or font from the network.
"""

from __future__ import annotations

import html
import re
from datetime import datetime, timezone
from pathlib import Path

import nbformat
from nbconvert.filters import markdown2html

from . import asof, load, provenance, sample, store

TITLE = "The Great Rotation: US small caps catch up, 2025–2026"

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; color: #222; line-height: 1.5; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
.meta { color: #555; font-size: 0.92rem; }
.sample { border: 2px solid #c0392b; background: #fdecea; padding: 0.6rem 0.9rem; font-weight: 600; }
.real { border: 1px solid #2c7fb8; background: #eef5fb; padding: 0.6rem 0.9rem; }
article { border-top: 1px solid #ddd; padding: 0.8rem 0; }
article h2 { font-size: 1.2rem; margin: 0.2rem 0; }
article .question { color: #444; }
.failed { color: #c0392b; font-weight: 600; }
a { color: #1f5f99; }
"""


def _first_markdown(nb) -> str:
    return next((c.source for c in nb.cells if c.cell_type == "markdown"), "")


def notebook_title(nb, fallback: str) -> str:
    """The notebook's H1 heading."""
    match = re.search(r"^# (.+)$", _first_markdown(nb), flags=re.M)
    return match.group(1).strip() if match else fallback


def notebook_question(nb) -> str:
    """The paragraph that opens with **Question.** in the first markdown cell (markdown text)."""
    for paragraph in _first_markdown(nb).split("\n\n"):
        if paragraph.strip().startswith("**Question.**"):
            return " ".join(line.strip() for line in paragraph.splitlines())
    return ""


def notebook_summary(nb) -> str:
    """The first paragraph of the computed conclusion (markdown output of the cell tagged ``summary``)."""
    for cell in nb.cells:
        if cell.cell_type == "code" and "summary" in cell.metadata.get("tags", []):
            for output in cell.get("outputs", []):
                text = output.get("data", {}).get("text/markdown")
                if text:
                    return text.strip().split("\n\n")[0]
    return ""


def has_error(nb) -> bool:
    return any(o.get("output_type") == "error" for c in nb.cells for o in c.get("outputs", []))


def _all_results(executed, out_dir: Path):
    """Every notebook of the collection: this run's result, else the copy an earlier run left in ``out_dir``."""
    from .execute import Executed, notebook_paths

    by_name = {result.name: result for result in executed}
    results = []
    for path in notebook_paths():
        if path.stem in by_name:
            results.append((by_name[path.stem], "this run"))
        elif (Path(out_dir) / "notebooks" / path.name).exists():
            nb = nbformat.read(Path(out_dir) / "notebooks" / path.name, as_version=4)
            results.append((Executed(path.stem, 0.0, nb), "an earlier run"))
    results += [(r, "this run") for r in executed if r.name not in {p.stem for p in notebook_paths()}]
    return results


def write_index(executed, out_dir: Path, as_of=None) -> Path:
    """Write ``index.html`` for the notebooks executed into ``out_dir`` (a list of :class:`execute.Executed`);
    notebooks not in this run but rendered by an earlier one are listed too, marked as such."""
    mode = load.data_mode()
    cut = asof.parse(as_of) or asof.get_as_of()
    if mode == "real":
        lasts = sorted(r["last"] for r in store.read_manifest()["files"].values())
        data_line = (f"Real data: {len(lasts)} series in <code>data/raw</code>, latest observation {lasts[-1]}; "
                     f"manifest digest <code>{store.manifest_digest()}</code>.")
        banner = f'<p class="real">{data_line}</p>'
    else:
        banner = (f'<p class="sample">{html.escape(sample.LABEL)}. No data was imported or downloaded; every number '
                  "below is generated. Run <code>make data FROM=DIR</code> or <code>make data</code>, then "
                  "<code>make run</code>.</p>")
    as_of_line = (f"Re-run <b>as of {cut:%Y-%m-%d}</b>: every loader ignored later observations."
                  if cut is not None else "Run on every observation held (no as-of date).")
    items = []
    for result, when in _all_results(executed, out_dir):
        nb = result.notebook
        title = html.escape(notebook_title(nb, result.name))
        question = markdown2html(notebook_question(nb))
        summary = markdown2html(notebook_summary(nb)) if notebook_summary(nb) else "<p><i>No summary output.</i></p>"
        status = (f'<span class="failed">failed: {html.escape(result.error)}</span>' if result.error
                  else f"executed in {result.seconds:.1f} s" if when == "this run" else "rendered by an earlier run")
        items.append(
            f'<article id="{result.name}"><h2><a href="{result.name}.html">{title}</a></h2>'
            f'<div class="question">{question}</div><div class="summary">{summary}</div>'
            f'<p class="meta">{status} · <a href="notebooks/{result.name}.ipynb">executed notebook</a></p></article>'
        )
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(TITLE)}</title><style>{CSS}</style></head>
<body>
<h1>{html.escape(TITLE)}</h1>
<p class="meta">Research notebooks testing what the market commentary of early 2026 claimed about US small caps.
Generated {generated} from code at commit <code>{html.escape(provenance.git_commit())}</code>.</p>
{banner}
<p class="meta">{as_of_line}</p>
{''.join(items)}
</body></html>
"""
    path = Path(out_dir) / "index.html"
    path.write_text(page, encoding="utf-8")
    return path

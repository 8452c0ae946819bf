"""Text twins: every committed notebook has a MyST Markdown copy of its inputs, for review as text.

``notebooks/NN_name.ipynb`` (inputs and outputs, what readers and nbval use) is
paired by jupytext with ``notebooks/NN_name.md`` (inputs only: markdown cells as
Markdown, code cells as ``{code-cell}`` blocks with their tags), the format
QuantEcon keeps its lectures in. A code review reads the ``.md`` diff.

``make publish`` writes both; ``make sync`` brings an edited twin back into its
notebook (jupytext's ``--sync``: the newer file wins); a test fails when the two
disagree, naming the first cell that differs.
"""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat

FORMAT = "md:myst"
PAIRING = "ipynb,md:myst"


def twin_path(path: Path) -> Path:
    """The text twin of a notebook (same folder and stem, ``.md``)."""
    return Path(path).with_suffix(".md")


def pair(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Mark a notebook as paired with its MyST twin (jupytext's ``formats`` metadata)."""
    nb.metadata.setdefault("jupytext", {})["formats"] = PAIRING
    return nb


def write_twin(path: Path, nb: nbformat.NotebookNode | None = None) -> Path:
    """Write the text twin of the notebook at ``path`` (or of ``nb``, its content)."""
    nb = nb if nb is not None else nbformat.read(path, as_version=4)
    pair(nb)
    target = twin_path(path)
    jupytext.write(nb, target, fmt=FORMAT)
    return target


def _cells(nb) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(c.cell_type, c.source.strip(), tuple(c.metadata.get("tags", []))) for c in nb.cells]


def differences(path: Path) -> list[str]:
    """How the notebook at ``path`` and its twin disagree (empty when they match): missing twin, or the first
    cell whose type, source or tags differ."""
    path = Path(path)
    twin = twin_path(path)
    if not twin.exists():
        return [f"{path.name}: no text twin {twin.name}; run `make sync` (or `make publish`)"]
    notebook_cells = _cells(nbformat.read(path, as_version=4))
    twin_cells = _cells(jupytext.read(twin))
    for i, (a, b) in enumerate(zip(notebook_cells, twin_cells, strict=False)):
        if a != b:
            what = "type" if a[0] != b[0] else "tags" if a[2] != b[2] else "source"
            return [
                f"{path.name} and {twin.name} differ at cell {i + 1} ({what}); run `make sync` to bring the newer "
                "into the other"
            ]
    if len(notebook_cells) != len(twin_cells):
        return [f"{path.name} has {len(notebook_cells)} cells but {twin.name} {len(twin_cells)}; run `make sync`"]
    return []


def sync(paths: list[Path]) -> None:
    """jupytext's ``--sync`` on each notebook: the newer of notebook and twin updates the other (outputs are kept
    for unchanged cells)."""
    from jupytext.cli import jupytext as jupytext_cli

    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if nb.metadata.get("jupytext", {}).get("formats") != PAIRING:
            pair(nb)
            nbformat.write(nb, path)
        jupytext_cli(["--sync", "--quiet", str(path)])

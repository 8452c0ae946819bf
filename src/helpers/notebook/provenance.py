"""Provenance: where every series a notebook used came from, as of when, and with which code.

The last cell of every notebook calls :func:`show_provenance`. It lists the
series the notebook loaded (the loaders record them), with their source, how
they were obtained (download or folder import, from the manifest), when, the
last observation used and which values were used: today's values, or under an
as-of date the ALFRED vintage in force (with its date) or today's values cut by
the release rule (:mod:`helpers.data.vintages`); then the manifest's digest, the
as-of date, the package versions and the git commit of the code.

What a run records in the executed notebook's metadata, and what ``make publish`` stamps on the committed
notebooks, is the publishing layer's (:mod:`helpers.publish.stamps`).
"""

from __future__ import annotations

import platform
import subprocess
from importlib import metadata

import pandas as pd
from IPython.display import Markdown, display

from helpers.data import catalog, generations, identity, paths, usage

PACKAGES = ("pandas", "numpy", "scipy", "statsmodels", "matplotlib", "seaborn", "pyarrow", "great-rotation-helpers")


def used_series_table() -> pd.DataFrame:
    """One row per catalog series loaded in this process: source, id, origin, retrieval, last observation used and
    the values used (each basis its loads rested on, joined by "; ")."""
    manifest = generations.read_manifest()["files"]
    data = identity.current()
    bases = usage.used_bases()
    rows = []
    for key, last_used in sorted(usage.used_series().items()):
        entry = catalog.get(key)
        record = manifest.get(key, {})
        if entry.source == "curated":
            origin, retrieved = f"data/raw/curated/{entry.source_id}.csv (committed)", ""
        elif data.is_sample:
            origin, retrieved = "synthetic sample (helpers.data.sample)", ""
        else:
            origin, retrieved = record.get("origin", "not held"), record.get("retrieved_at", "")
        rows.append(
            {
                "series": key,
                "source": entry.source,
                "source id": entry.source_id,
                "units": entry.units,
                "obtained by": origin,
                "retrieved": retrieved,
                "last observation used": "" if pd.isna(last_used) else f"{last_used:%Y-%m-%d}",
                "values used": "; ".join(bases.get(key, ())),
            }
        )
    return pd.DataFrame(rows).set_index("series") if rows else pd.DataFrame()


def git_commit() -> str:
    """The last commit that changed anything but the notebooks (the code and data tables they ran with),
    with a note when such files differ from it. Re-publishing notebooks alone does not move it."""
    try:
        head = subprocess.run(
            ["git", "log", "-1", "--format=%h", "--abbrev=12", "--", ".", ":!notebooks", ":!reports"],
            cwd=paths.PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        )
        if head.returncode != 0 or not head.stdout.strip():
            return "unknown (not a git checkout)"
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", ".", ":!notebooks", ":!reports"],
            cwd=paths.PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        return head.stdout.strip() + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.TimeoutExpired):
        return "unknown (git not available)"


def package_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def environment() -> dict[str, str]:
    """The run's context: data in use, manifest digest, as-of date, code commit and package versions."""
    data = identity.current()
    return {
        "data": "real (data/raw)" if data.is_real else data.label,
        "manifest digest": data.digest if data.is_real else "none (sample)",
        "as-of date": f"{data.as_of:%Y-%m-%d}" if data.as_of is not None else "none (all observations held)",
        "code commit": git_commit(),
        **package_versions(),
    }


def show_provenance() -> pd.DataFrame:
    """Display the provenance of this notebook's data and code (the last cell of every notebook)."""
    table = used_series_table()
    env = environment()
    lines = "; ".join(f"{k}: {v}" for k, v in env.items())
    display(
        Markdown(
            "**Provenance.** " + lines + ". Every source and its terms: the book's page "
            "[Sources and terms](sources.html)."
        )
    )
    if not table.empty:
        from .tables import show_table

        display(show_table(table, "Series this notebook loaded"))
    return table

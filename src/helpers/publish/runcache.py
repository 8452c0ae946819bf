"""The execution cache of ``make run``: a notebook is executed again only when something it depends on changed.

The key of an executed notebook covers everything that can change its outputs:

* the notebook itself: every cell's type, source and tags (markdown too: it is part of the executed copy);
* the as-of date it is run at;
* the data: the raw manifest's digest (or the synthetic sample's version) and the committed curated tables;
* the code: every file of the ``helpers`` package;
* the environment: the Python version and every installed distribution with its version.

So sample, as-of and real runs never get each other's results, and editing one notebook re-executes only that
one (editing ``helpers`` re-executes all of them). Entries are executed notebooks under ``reports/.cache/``,
written atomically; only runs without an error are kept.
"""

from __future__ import annotations

import hashlib
import json
import platform
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import nbformat

from helpers.data import load, paths, sample, store

PACKAGE_DIR = Path(__file__).parents[1]  # the whole helpers package


def cache_dir(reports: Path | None = None) -> Path:
    """Where executed notebooks are kept: ``.cache/notebooks`` under the reports folder of the run."""
    return Path(reports or paths.reports_dir()) / ".cache" / "notebooks"


def notebook_fingerprint(nb) -> str:
    """sha256 of a notebook's inputs: each cell's type, source and tags, in order."""
    cells = [(c.cell_type, c.source, sorted(c.metadata.get("tags", []))) for c in nb.cells]
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode()).hexdigest()


def code_fingerprint() -> str:
    """sha256 of every file of the helpers package (sources, catalog, templates)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def environment_fingerprint() -> str:
    """sha256 of the Python version and every installed distribution's name and version."""
    installed = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions() if d.metadata["Name"])
    return hashlib.sha256("\n".join([platform.python_version(), *installed]).encode()).hexdigest()


def data_fingerprint() -> str:
    """The data a run reads: the manifest digest (or the sample's version) and the curated tables."""
    digest = hashlib.sha256()
    digest.update((store.manifest_digest() if load.data_mode() == "real" else f"sample:{sample._version()}").encode())
    for path in sorted(paths.curated_dir().glob("*.csv")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def run_context(as_of: str | None) -> str:
    """What every notebook of one run shares: as-of date, data, code and environment."""
    return "|".join([str(as_of or ""), data_fingerprint(), code_fingerprint(), environment_fingerprint()])


def key(nb, context: str) -> str:
    """The cache key of executing ``nb`` (the notebook as read from disk) in a run's ``context``."""
    return hashlib.sha256(f"{notebook_fingerprint(nb)}|{context}".encode()).hexdigest()[:32]


def get(cache_key: str, folder: Path | None = None) -> nbformat.NotebookNode | None:
    """The executed notebook stored under ``cache_key`` (in ``folder``, default :func:`cache_dir`), or None."""
    path = (folder or cache_dir()) / f"{cache_key}.ipynb"
    if not path.exists():
        return None
    try:
        return nbformat.read(path, as_version=4)
    except (OSError, ValueError):
        return None


def put(cache_key: str, nb, folder: Path | None = None) -> None:
    """Store an executed notebook under ``cache_key`` (in ``folder``, default :func:`cache_dir`)."""
    store.atomic_write_bytes((folder or cache_dir()) / f"{cache_key}.ipynb", nbformat.writes(nb).encode("utf-8"))

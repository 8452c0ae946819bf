"""Every hash of code, notebooks and environment, in one place, each named ``<what it hashes>_hash``.

All are sha256, in hex. What each one covers decides what it detects, so each says exactly what goes in:

* :func:`notebook_code_hash`: a notebook's code cells (sources only): stored as ``code_sha256`` in a published
  notebook's metadata; ``make check-published`` compares it;
* :func:`notebook_inputs_hash`: every cell of a notebook (type, source, tags): part of the execution cache's key;
* :func:`package_hash`: every file of the ``helpers`` package: part of the execution cache's key;
* :func:`environment_hash`: the Python version and every installed distribution: part of the execution cache's key
  and of the book's build check;
* :func:`table_code_hash`: the code that shapes the processed tables (16 characters, in their folder names);
* :func:`sample_code_hash`: the synthetic sample's generator and what it follows (16 characters);
* :func:`files_hash`, :func:`tree_hash`: the generic forms.

Data are not hashed here: a raw generation is named by its manifest digest (:func:`helpers.data.manifest.digest`).

May import: :mod:`helpers.caches`, :mod:`helpers.settings` and :mod:`helpers.errors` only.
"""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from helpers import caches

PACKAGE_DIR = Path(__file__).parent  # the whole helpers package


def files_hash(files: Iterable[Path]) -> str:
    """The bytes of ``files``, in the order given."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def tree_hash(folder: Path, digest=None) -> str:
    """Every file under ``folder``: each one's path relative to it and its bytes, in sorted order (``__pycache__``
    left out). ``digest``: a sha256 object to continue (what the caller hashed first)."""
    digest = digest or hashlib.sha256()
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def notebook_code_hash(nb) -> str:
    """A notebook's code cells: their sources only, in order (markdown, outputs and metadata left out)."""
    digest = hashlib.sha256()
    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            digest.update(cell.source.encode("utf-8"))
            digest.update(b"\x00")
    return digest.hexdigest()


def notebook_inputs_hash(nb) -> str:
    """A notebook's inputs: each cell's type, source and tags, in order (outputs left out)."""
    cells = [(c.cell_type, c.source, sorted(c.metadata.get("tags", []))) for c in nb.cells]
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode()).hexdigest()


def package_hash() -> str:
    """Every file of the ``helpers`` package (sources, catalog, templates), with its path."""
    return tree_hash(PACKAGE_DIR)


def environment_hash() -> str:
    """The Python version and every installed distribution's name and version (computed once per process)."""

    def compute() -> str:
        installed = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions() if d.metadata["Name"])
        return hashlib.sha256("\n".join([platform.python_version(), *installed]).encode()).hexdigest()

    return caches.ENVIRONMENT_HASH.get(None, compute)


def table_code_hash() -> str:
    """The code that shapes the processed tables: ``data/processed.py``, ``data/parsers.py`` and ``data/catalog.csv``
    (16 characters): a change rebuilds the tables even when the raw files did not change."""
    return files_hash(PACKAGE_DIR / "data" / name for name in ("processed.py", "parsers.py", "catalog.csv"))[:16]


def sample_code_hash(fomc_calendar: Path) -> str:
    """The synthetic sample's generator (``data/sample.py``), the catalog it follows and ``fomc_calendar``, the curated
    FOMC table its policy rate follows (16 characters)."""
    return files_hash([PACKAGE_DIR / "data" / "sample.py", PACKAGE_DIR / "data" / "catalog.csv", fomc_calendar])[:16]


def book_inputs_hash(sources: Path, renderer: Path) -> str:
    """What a book build depends on: the environment (:func:`environment_hash`), the ``renderer`` module's source
    and every file of the book's ``sources`` folder, with its path."""
    digest = hashlib.sha256(environment_hash().encode())
    digest.update(Path(renderer).read_bytes())
    return tree_hash(sources, digest)

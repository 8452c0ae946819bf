"""The execution cache of ``make run``: a notebook is executed again only when something it depends on changed.

The key of an executed notebook covers everything that can change its outputs (each part a hash of
:mod:`helpers.hashes`, or the data identity):

* the notebook itself: every cell's type, source and tags (markdown too: it is part of the executed copy;
  :func:`helpers.hashes.notebook_inputs_hash`);
* the as-of date it is run at;
* the data: the data in use (:class:`helpers.data.identity.DataIdentity`: the raw manifest's digest, or the
  synthetic sample and its version) and the committed curated tables;
* the code: every file of the ``helpers`` package (:func:`helpers.hashes.package_hash`);
* the environment: the Python version and every installed distribution with its version
  (:func:`helpers.hashes.environment_hash`).

So sample, as-of and real runs never get each other's results, and editing one notebook re-executes only that
one (editing ``helpers`` re-executes all of them). Entries are executed notebooks under ``reports/.cache/``,
written atomically; only runs without an error are kept.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import nbformat

from helpers import hashes
from helpers.data import identity, paths, sample
from helpers.data.files import atomic_write_bytes


def cache_dir(reports: Path | None = None) -> Path:
    """Where executed notebooks are kept: ``.cache/notebooks`` under the reports folder of the run."""
    return Path(reports or paths.reports_dir()) / ".cache" / "notebooks"


def data_part() -> str:
    """The data part of the key: the data in use (its digest; for the sample, the generator's code hash too) and the
    committed curated tables."""
    data = identity.current()
    held = data.digest if data.is_real else f"sample:{sample.version()}"
    curated = hashes.files_hash(sorted(paths.curated_dir().glob("*.csv")))
    return hashlib.sha256(f"{held}|{curated}".encode()).hexdigest()


def run_context(as_of: str | None) -> str:
    """What every notebook of one run shares: as-of date, data, code and environment."""
    return "|".join([str(as_of or ""), data_part(), hashes.package_hash(), hashes.environment_hash()])


def key(nb, context: str) -> str:
    """The cache key of executing ``nb`` (the notebook as read from disk) in a run's ``context``."""
    return hashlib.sha256(f"{hashes.notebook_inputs_hash(nb)}|{context}".encode()).hexdigest()[:32]


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
    atomic_write_bytes((folder or cache_dir()) / f"{cache_key}.ipynb", nbformat.writes(nb).encode("utf-8"))

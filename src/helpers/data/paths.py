"""Where the collection keeps its files. Every other module asks here.

The project root is the folder holding ``pyproject.toml`` above this package
(the package is installed in editable mode by ``make``). The data folder can be
moved with ``HELPERS_DATA_DIR`` and the reports folder with ``HELPERS_REPORTS_DIR``
(:mod:`helpers.settings`), which the tests use to work in temporary folders; the
committed curated tables always come from the project itself.
"""

from __future__ import annotations

import os
from pathlib import Path

from helpers import settings

PROJECT_ROOT = Path(__file__).resolve().parents[3]  # src/helpers/data/paths.py -> the project


def data_dir() -> Path:
    """The data folder (``data/`` unless ``HELPERS_DATA_DIR`` says otherwise)."""
    return settings.data_dir() or PROJECT_ROOT / "data"


def raw_dir() -> Path:
    """Raw files exactly as downloaded or imported: ``data/raw/<source>/<id>.csv``."""
    return data_dir() / "raw"


def processed_dir() -> Path:
    """Tidy tables rebuilt from raw, read by the notebooks."""
    return data_dir() / "processed"


def curated_dir() -> Path:
    """Hand-written, committed tables of published facts (FOMC calendar, P/E figures)."""
    return PROJECT_ROOT / "data" / "raw" / "curated"


def notebooks_dir() -> Path:
    return PROJECT_ROOT / "notebooks"


def reports_dir() -> Path:
    """Rendered output of ``make run`` (git-ignored)."""
    return settings.reports_dir() or PROJECT_ROOT / "reports"


def env_file() -> Path:
    """The git-ignored ``.env`` that may hold ``FRED_API_KEY``."""
    return PROJECT_ROOT / ".env"


def display_path(path: Path | str) -> str:
    """A path as shown to users: relative to the project root when possible.

    Keeps machine-specific absolute paths out of messages, manifests and
    notebook outputs.
    """
    path = Path(path)
    try:
        return os.path.relpath(path.resolve(), PROJECT_ROOT)
    except ValueError:  # another drive on Windows
        return path.name

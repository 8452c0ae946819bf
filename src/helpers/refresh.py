"""Filling the raw store: a live download, or an import from a folder of exports.

Both validate every file with the parsers before anything is written, store
each good file atomically, list every failure with its reason, and carry on
with the other series. A caller (the CLI) exits non-zero when any failed.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from tqdm.auto import tqdm

from . import catalog, paths, store
from .errors import DataFileError, HelpersError, SourceUnavailableError
from .parsers import observation_range, parse_file

# A new download of prices or factors replaces the held file; refuse when it
# starts this much later than what is held (a truncated answer, not a revision).
MAX_LOST_HISTORY = pd.Timedelta(days=10)


@dataclass
class RefreshReport:
    """What a refresh stored, what failed (with the reason) and what was not there."""

    stored: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    absent: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        lines = [f"stored {len(self.stored)} series"]
        if self.absent:
            lines.append(f"not in the folder ({len(self.absent)}): {', '.join(self.absent)}")
        if self.failed:
            lines.append(f"FAILED ({len(self.failed)}):")
            lines += [f"  {name}: {reason}" for name, reason in self.failed.items()]
        return "\n".join(lines)


def _selection(only: list[str] | None) -> list[catalog.Series]:
    if only:
        return catalog.lookup(only, source=catalog.STORED_SOURCES)
    return [e for e in catalog.entries() if e.source in catalog.STORED_SOURCES]


def _progress(items, desc: str, show: bool):
    return tqdm(items, desc=desc, unit="series", disable=not show, file=sys.stderr, leave=False)


def _folder_provenance(folder: Path) -> dict:
    """``PROVENANCE.json`` of an import folder, if it has one (per-file sha256 and origin)."""
    path = folder / "PROVENANCE.json"
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("files", {})
    except (json.JSONDecodeError, AttributeError):
        return {}


def unknown_files(folder: Path) -> list[str]:
    """CSV files in an import folder that do not match any catalog series."""
    known = catalog.by_relpath()
    found = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    return [f for f in found if f.lower().endswith(".csv") and f not in known]


def import_folder(folder: str | Path, only: list[str] | None = None, progress: bool = True) -> RefreshReport:
    """Import a folder laid out like ``data/raw`` (``fred/<ID>.csv``, ``prices/<TICKER>.csv``,
    ``indices/<NAME>.csv``, ``french/<dataset>.csv``).

    Each file is parsed strictly; a file with any problem is reported with its
    line and nothing from it is written. Unknown CSV files are reported too.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise HelpersError(f"{folder}: no such folder to import from")
    shown_folder = paths.display_path(folder)
    selection = _selection(only)
    report = RefreshReport()
    if not only:
        valid = ", ".join(sorted(catalog.by_relpath()))
        for name in unknown_files(folder):
            report.failed[f"{shown_folder}/{name}"] = (
                f"unknown file: not a series of the catalog. Files are expected at: {valid}"
            )
    provenance = _folder_provenance(folder)
    for entry in _progress(selection, "import", progress):
        path = folder / entry.relpath
        shown = f"{shown_folder}/{entry.relpath}"
        if not path.exists():
            if only:
                report.failed[shown] = "not in the folder"
            else:
                report.absent.append(entry.key)
            continue
        data = path.read_bytes()
        try:
            parsed = parse_file(entry, data, shown)
        except DataFileError as exc:
            report.failed[shown] = f"{exc.problem}{f' (line {exc.line})' if exc.line else ''}; nothing from it was stored"
            continue
        upstream = provenance.get(entry.relpath, {})
        if upstream.get("sha256") and upstream["sha256"] != store.sha256_bytes(data):
            report.failed[shown] = "its sha256 differs from the folder's PROVENANCE.json; nothing from it was stored"
            continue
        store.store(entry, data, parsed, origin=f"folder {shown_folder}", upstream=upstream.get("from"))
        report.stored.append(entry.key)
    return report


def _held(entry: catalog.Series):
    path = paths.raw_dir() / entry.relpath
    if not path.exists():
        return None
    try:
        return parse_file(entry, path.read_bytes(), f"data/raw/{entry.relpath}")
    except DataFileError:
        return None


def _download_one(entry: catalog.Series, key: str | None) -> tuple[bytes, str]:
    """Fetch one series; returns validated file bytes and the origin label."""
    from .sources import fred, french, yahoo  # imported when downloading: yfinance is slow to import

    if entry.source == "fred":
        new = fred.fetch(entry.source_id, key)
        held = _held(entry)
        data = fred.to_csv_bytes(fred.merge(held, new))
        return data, "FRED API"
    if entry.source in ("prices", "indices"):
        column = "Adj Close" if entry.source == "prices" else "Close"
        data = yahoo.to_csv_bytes(yahoo.fetch(entry.source_id, column), column)
        return data, "Yahoo Finance"
    if entry.source == "french":
        return french.fetch(entry.source_id), "Kenneth French data library"
    raise HelpersError(f"{entry.key}: source {entry.source!r} cannot be downloaded")


def _first_date(parsed) -> pd.Timestamp:
    return observation_range(parsed)[0]


def download(only: list[str] | None = None, progress: bool = True) -> RefreshReport:
    """Download series from FRED, Yahoo Finance and the French library into the raw store.

    The FRED key is checked before any network call. When a source cannot be
    reached, its remaining series are skipped (and listed) rather than retried.
    """
    from .sources import fred

    selection = _selection(only)
    key = fred.api_key() if any(e.source == "fred" for e in selection) else None
    report = RefreshReport()
    unreachable: dict[str, str] = {}
    for entry in _progress(selection, "download", progress):
        if entry.source in unreachable:
            report.failed[entry.key] = f"skipped: {unreachable[entry.source]}"
            continue
        try:
            data, origin = _download_one(entry, key)
            shown = f"download of {entry.key}"
            parsed = parse_file(entry, data, shown)
            held = _held(entry)
            if held is not None and entry.source != "fred":
                if _first_date(parsed) - _first_date(held) > MAX_LOST_HISTORY:
                    raise HelpersError(
                        f"the download starts on {_first_date(parsed).date()} but the held file on "
                        f"{_first_date(held).date()}; kept the held file"
                    )
        except SourceUnavailableError as exc:
            message = fred.redact(str(exc), key or "")
            if "could not be reached" in exc.detail:
                unreachable[entry.source] = message
            report.failed[entry.key] = message
            continue
        except HelpersError as exc:
            report.failed[entry.key] = fred.redact(str(exc), key or "")
            continue
        store.store(entry, data, parsed, origin=origin)
        report.stored.append(entry.key)
    return report

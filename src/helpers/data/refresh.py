"""Filling the raw store: a live download, or an import from a folder of exports.

Both hold the writer lock (:mod:`helpers.data.lock`) from start to end, validate every file with the parsers, apply
the rule of its kind to what is held (:mod:`helpers.data.merge`: merge, re-base and join, replace, or refuse) and
stage the results as one new generation of the store (:mod:`helpers.data.store`), whose processed tables are built
before the single atomic switch. A file that fails validation or is refused by its rule is listed with the
reason and the others go ahead; when nothing changes, no generation is made. A caller (the CLI) exits non-zero
when any series failed or was refused.

A write refuses to start on a damaged store (``CURRENT`` lost, garbled or naming a missing generation, the manifest
in use unreadable): building on nothing would drop the history held, so it raises
:class:`~helpers.errors.DamagedStoreError` naming ``make repair`` and changes nothing. It checks the free space
it needs before staging, and one that fails part-way (out of space, permission denied) raises
:class:`~helpers.errors.StoreWriteError` saying what failed, with the previous generation still in use.
"""

from __future__ import annotations

import contextlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tqdm.auto import tqdm

from helpers.errors import DamagedStoreError, DataFileError, HelpersError, SourceUnavailableError

from . import catalog, checksums, generations, lock, manifest, merge, paths, processed, space, store, testhooks
from .files import now_utc, sha256_bytes
from .parsers import parse_file


@dataclass
class RefreshReport:
    """What a refresh stored (and how each series joined what was held), what added nothing to what is held,
    what its rule refused, what failed validation (with the reason) and what was not there."""

    stored: list[str] = field(default_factory=list)
    details: dict[str, str] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    absent: list[str] = field(default_factory=list)
    generation: str | None = None
    previous: str | None = None
    damaged: dict[str, str] = field(default_factory=dict)  # held files that no longer match their checksum

    @property
    def ok(self) -> bool:
        return not self.failed and not self.refused and not self.damaged

    def summary(self) -> str:
        if self.generation:
            head = f"stored {len(self.stored)} series in generation {self.generation}"
            head += f" (previous: {self.previous})" if self.previous else ""
        else:
            head = f"stored {len(self.stored)} series; the store is unchanged"
        lines = [head]
        lines += [f"  {key}: {self.details[key]}" for key in self.stored]
        if self.unchanged:
            lines.append(f"unchanged, nothing beyond what is held ({len(self.unchanged)}): {', '.join(self.unchanged)}")
        if self.absent:
            lines.append(f"not in the folder ({len(self.absent)}): {', '.join(self.absent)}")
        if self.refused:
            lines.append(f"REFUSED ({len(self.refused)}), the held series kept as it was:")
            lines += [f"  {name}: {reason}" for name, reason in self.refused.items()]
        if self.failed:
            lines.append(f"FAILED ({len(self.failed)}):")
            lines += [f"  {name}: {reason}" for name, reason in self.failed.items()]
        if self.damaged:
            lines.append(
                f"DAMAGED ({len(self.damaged)}): held files changed by hand, kept as they are; the processed "
                "tables are built, and older generations removed, once they are restored:"
            )
            lines += [f"  {name}: {reason}" for name, reason in self.damaged.items()]
        return "\n".join(lines)


class _Writer:
    """One write of the store: the lock, a staged generation, the merge rules, then the switch.

    ``incoming`` maps each series offered to the size of its new file (``None`` when not known before a download),
    for the free-space check before staging."""

    def __init__(self, report: RefreshReport, what: str, origin: str, replace: bool, incoming: dict[str, int | None]):
        self.report, self.what, self.origin, self.replace, self.incoming = report, what, origin, replace, incoming
        self.parsed: dict[str, object] = {}
        self.base = None
        self.built = False  # tables built for the stage (removed again when the switch does not happen)

    def __enter__(self):
        self._lock = lock.writer(self.what)
        self._lock.__enter__()
        try:
            testhooks.checkpoint("locked")
            self._start()
        except DamagedStoreError as exc:
            self._lock.__exit__(*sys.exc_info())
            raise DamagedStoreError(
                exc.problems,
                advice=(
                    f"{self.what} refused: building on a damaged store would drop the history it holds. "
                    "Run `make repair` (it points CURRENT at the newest generation that verifies whole), "
                    "then run this again."
                ),
            ) from None
        except OSError as exc:
            self._lock.__exit__(*sys.exc_info())
            raise store.write_failed(exc, self.what, self.base, None) from exc
        except BaseException:
            self._lock.__exit__(*sys.exc_info())
            raise
        return self

    def _start(self) -> None:
        """Under the lock: tidy (a damaged store raises here, before anything is removed), move an old layout,
        resolve the generation to build on, check the free space, and start the stage."""
        store.tidy()
        processed.tidy()
        store.migrate_old_layout()
        self.base = generations.current()
        self.held_files = generations.read_manifest(self.base)["files"]
        raw_bytes = space.bytes_to_stage(self.base, self.incoming)
        needed = raw_bytes + processed.bytes_to_build(self.base, raw_bytes)
        self.stage = store.Stage(self.base, made_by=self.what, origin=self.origin, needed_bytes=needed)

    def _held(self, entry: catalog.Series) -> merge.Held | None:
        record = self.held_files.get(entry.key)
        if record is None:
            return None
        try:
            data = self.base.path(record["path"]).read_bytes()
        except FileNotFoundError:
            return merge.Held(record, b"", None)
        if sha256_bytes(data) != record["sha256"]:
            return merge.Held(record, data, None)
        return merge.Held(record, data, parse_file(entry, data, self.base.shown(record["path"])))

    def offer(self, entry: catalog.Series, data: bytes, parsed, origin: str, shown: str, upstream: str | None = None):
        """Stage one validated file under its kind's rule; record what happened in the report."""
        held = self._held(entry)
        if held is not None and held.parsed is not None and held.record["sha256"] == sha256_bytes(data):
            self.report.unchanged.append(entry.key)
            return
        retrieved_at = now_utc()
        outcome = merge.combine(entry, data, parsed, origin, retrieved_at, held, replace=self.replace)
        if outcome.refused:
            self.report.refused[shown] = outcome.note
            return
        if outcome.action == "kept":  # nothing new beyond what is held: no write
            self.report.unchanged.append(entry.key)
            return
        record = manifest.make_record(
            entry, outcome.data, outcome.parsed, origin, outcome.parts, upstream=upstream, retrieved_at=retrieved_at
        )
        self.stage.put(entry.key, outcome.data, record)
        self.parsed[entry.key] = outcome.parsed
        self.report.stored.append(entry.key)
        self.report.details[entry.key] = merge.describe(entry, outcome)

    def __exit__(self, kind, value, traceback):
        switched = False
        try:
            if isinstance(value, OSError):
                raise store.write_failed(value, self.what, self.base, self.stage.folder) from value
            if kind is not None or not self.report.stored:
                return False
            try:
                self._finish()
            except OSError as exc:
                raise store.write_failed(exc, self.what, self.base, self.stage.folder) from exc
            switched = True
            testhooks.checkpoint("switched")
            self.report.generation = self.stage.name
            self.report.previous = self.base.name if self.base is not None else None
            store.tidy()
            processed.tidy()
            return False
        finally:
            if not switched:
                self.stage.discard()
                if self.built:  # the new generation's tables: no kept generation uses them (unless one has its data)
                    with contextlib.suppress(OSError):
                        processed.tidy()
            self._lock.__exit__(None, None, None)

    def _finish(self) -> None:
        """Complete the stage (manifest, checksums), build its processed tables, then switch to it."""
        generation = self.stage.finish()
        testhooks.checkpoint("staged")
        damaged = checksums.verify(generation=generation)  # files edited or deleted by hand, carried over as they are
        if damaged:
            self.report.damaged = damaged
        else:
            self.built = True
            processed.build(generation, parsed=self.parsed)
        testhooks.checkpoint("built")
        store.switch(self.stage)


def _selection(only: list[str] | None) -> list[catalog.Series]:
    if only:
        return catalog.lookup(only, source=catalog.STORED_SOURCES)
    return [e for e in catalog.entries() if e.source in catalog.STORED_SOURCES]


def _with_vintages(selection: list[catalog.Series]) -> list[catalog.Series]:
    """``selection`` with, after each revised FRED series, its ALFRED vintages (a download of CPIAUCSL fetches
    CPIAUCSL_vintages too); each series once."""
    out: list[catalog.Series] = []
    for entry in selection:
        for item in (entry, catalog.vintages_for(entry)):
            if item is not None and item not in out:
                out.append(item)
    return out


def _site(entry: catalog.Series) -> str:
    """The server a series is downloaded from: ALFRED's vintages come through FRED's API."""
    return "fred" if entry.source == "alfred" else entry.source


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


def import_folder(
    folder: str | Path, only: list[str] | None = None, progress: bool = True, replace: bool = False
) -> RefreshReport:
    """Import a folder laid out like ``data/raw`` (``fred/<ID>.csv``, ``alfred/<ID>.csv``, ``prices/<TICKER>.csv``,
    ``indices/<NAME>.csv``, ``french/<dataset>.csv``) as one new generation of the store.

    Each file is parsed strictly; a file with any problem is reported with its line and nothing from it is
    written. Each good file joins what is held by its kind's rule (:mod:`helpers.data.merge`); ``replace`` stores
    the files exactly as given instead. Unknown CSV files are reported too.
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
    origin = f"folder {shown_folder}"
    incoming = {e.key: (folder / e.relpath).stat().st_size for e in selection if (folder / e.relpath).is_file()}
    with _Writer(report, f"import from {shown_folder}", origin, replace, incoming) as writer:
        for number, entry in enumerate(_progress(selection, "import", progress), start=1):
            _import_one(writer, report, folder, shown_folder, entry, only, provenance, origin)
            testhooks.checkpoint(f"series-{number}")
    return report


def _import_one(
    writer: _Writer,
    report: RefreshReport,
    folder: Path,
    shown_folder: str,
    entry: catalog.Series,
    only,
    provenance: dict,
    origin: str,
) -> None:
    path = folder / entry.relpath
    shown = f"{shown_folder}/{entry.relpath}"
    if not path.exists():
        if only:
            report.failed[shown] = "not in the folder"
        else:
            report.absent.append(entry.key)
        return
    data = path.read_bytes()
    try:
        parsed = parse_file(entry, data, shown)
    except DataFileError as exc:
        report.failed[shown] = f"{exc.problem}{f' (line {exc.line})' if exc.line else ''}; nothing from it was stored"
        return
    upstream = provenance.get(entry.relpath, {})
    if upstream.get("sha256") and upstream["sha256"] != sha256_bytes(data):
        report.failed[shown] = "its sha256 differs from the folder's PROVENANCE.json; nothing from it was stored"
        return
    writer.offer(entry, data, parsed, origin, shown, upstream=upstream.get("from"))


def _download_one(entry: catalog.Series, key: str | None) -> tuple[bytes, str]:
    """Fetch one series; returns the file bytes, in the layout of the source's own export, and the origin label."""
    from .sources import fred, french, yahoo  # imported when downloading: yfinance is slow to import

    if entry.source == "fred":
        return fred.to_csv_bytes(fred.fetch(entry.source_id, key)), "FRED API"
    if entry.source == "alfred":
        return fred.vintages_csv_bytes(fred.fetch_vintages(entry.source_id, key), entry.source_id), "ALFRED (FRED API)"
    if entry.source in ("prices", "indices"):
        column = "Adj Close" if entry.source == "prices" else "Close"
        data = yahoo.to_csv_bytes(yahoo.fetch(entry.source_id, column), column)
        return data, "Yahoo Finance"
    if entry.source == "french":
        return french.fetch(entry.source_id), "Kenneth French data library"
    raise HelpersError(f"{entry.key}: source {entry.source!r} cannot be downloaded")


def download(only: list[str] | None = None, progress: bool = True, replace: bool = False) -> RefreshReport:
    """Download series from FRED (with ALFRED's vintages of the revised series), Yahoo Finance and the French library
    as one new generation of the store.

    The FRED key is checked before any network call. A revised FRED series brings its vintages along
    (``--only CPIAUCSL`` fetches ``CPIAUCSL_vintages`` too). When a server cannot be reached, its remaining
    series are skipped (and listed) rather than retried. Each download joins what is held by the same rules as
    an import.
    """
    from .sources import fred

    selection = _with_vintages(_selection(only))
    key = fred.api_key() if any(_site(e) == "fred" for e in selection) else None
    report = RefreshReport()
    unreachable: dict[str, str] = {}
    with _Writer(report, "download", "download", replace, dict.fromkeys(e.key for e in selection)) as writer:
        for number, entry in enumerate(_progress(selection, "download", progress), start=1):
            if _site(entry) in unreachable:
                report.failed[entry.key] = f"skipped: {unreachable[_site(entry)]}"
                continue
            try:
                data, origin = _download_one(entry, key)
                parsed = parse_file(entry, data, f"download of {entry.key}")
            except SourceUnavailableError as exc:
                message = fred.redact(str(exc), key or "")
                if "could not be reached" in exc.detail:
                    unreachable[_site(entry)] = message
                report.failed[entry.key] = message
                continue
            except HelpersError as exc:
                report.failed[entry.key] = fred.redact(str(exc), key or "")
                continue
            writer.offer(entry, data, parsed, origin, entry.key)
            testhooks.checkpoint(f"series-{number}")
    return report

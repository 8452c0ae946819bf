"""Processed tables: tidy, wide, fast-loading Parquet files rebuilt from the raw store.

``data/processed/<digest>-<code>/`` holds one file per table plus ``build.json``, for the raw generation
whose manifest digest is ``<digest>``, shaped by the code whose hash is ``<code>``. An import or a download
builds the tables of its new generation before switching to it, so readers find them ready; a loader calls
:func:`ensure`, which verifies the raw checksums of the generation in use, builds its tables when they are
missing (under the writer lock) and refuses, naming the files and the fix, when a raw file no longer matches
its checksum. A build is written to a staging folder and renamed into place whole, so a reader never mixes
tables of two generations or two builds; ``build.json`` records each table's sha256, so that ``make verify``
finds a damaged table and ``make repair`` rebuilds it from raw. A loader refuses a table it cannot read, naming
``make repair``. Folders of generations no longer kept are removed by the next writer.

Tables (all with a DatetimeIndex named ``date``):

* ``prices``: adjusted closes of ETFs and stocks, USD, one column per ticker
* ``indices``: index levels (points, no dividends), one column per index key
* ``fred``: every FRED series, one column each, in the catalog's units
* ``factors_daily``: Fama-French 3 factors and Mom, percent returns per day
* ``factors_monthly`` / ``factors_annual``: Fama-French 5 factors, percent returns
* ``vintages``: ALFRED's vintages of the revised FRED series, long: the observation date as index, ``series``
  (the FRED key, e.g. ``CPIAUCSL``), ``vintage`` (the vintage date) and ``value`` (the series' units), one row
  per observation present in a vintage, sorted by series, vintage and date
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from helpers import hashes
from helpers.errors import DamagedStoreError, RawDataChangedError

from . import catalog, checksums, generations, lock, manifest, paths, store, testhooks
from .files import now_utc, sha256_file
from .generations import Generation
from .parsers import parse_file

TABLES = ("prices", "indices", "fred", "factors_daily", "factors_monthly", "factors_annual", "vintages")
STAMP = "build.json"
STAGING_PREFIX = ".staging-"


def tables_dir(digest: str) -> Path:
    """Where the tables of the raw generation with this manifest digest live (for the current code)."""
    return paths.processed_dir() / f"{digest}-{hashes.table_code_hash()}"


def _table_path(name: str, digest: str) -> Path:
    return tables_dir(digest) / f"{name}.parquet"


def _shown(path: Path) -> str:
    """How a processed file is named in messages: ``data/processed/<digest>-<code>/<file>``."""
    return f"data/processed/{path.parent.name}/{path.name}"


def _stamp(digest: str) -> dict:
    path = tables_dir(digest) / STAMP
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return {}


def assemble(parsed: dict[str, object]) -> dict[str, pd.DataFrame]:
    """The processed tables from parsed raw files (``{catalog key: parser result}``).

    Shared by the build from raw and by the synthetic sample, so both have one schema.
    """
    by_source: dict[str, list[pd.Series]] = {"prices": [], "indices": [], "fred": []}
    for key, result in parsed.items():
        source = catalog.get(key).source
        if source in by_source:
            by_source[source].append(result.rename(key))

    def wide(series: list[pd.Series], source: str) -> pd.DataFrame:
        keys = [e.key for e in catalog.entries(source)]
        if not series:
            frame = pd.DataFrame(columns=keys, dtype=float, index=pd.DatetimeIndex([], name="date"))
        else:
            frame = pd.concat(series, axis=1, sort=True)
        order = [k for k in keys if k in frame.columns]
        frame = frame[order].astype(float)
        frame.index.name = "date"
        return frame

    tables = {source: wide(series, source) for source, series in by_source.items()}
    daily = []
    if "ff3_daily" in parsed:
        daily.append(parsed["ff3_daily"]["daily"])
    if "mom_daily" in parsed:
        daily.append(parsed["mom_daily"]["daily"])
    tables["factors_daily"] = pd.concat(daily, axis=1, sort=True) if daily else pd.DataFrame()
    ff5 = parsed.get("ff5_monthly", {})
    tables["factors_monthly"] = ff5.get("monthly", pd.DataFrame())
    tables["factors_annual"] = ff5.get("annual", pd.DataFrame())
    for name in ("factors_daily", "factors_monthly", "factors_annual"):
        tables[name].index.name = "date"
    tables["vintages"] = vintage_table(
        {key: result for key, result in parsed.items() if catalog.get(key).source == "alfred"}
    )
    return tables


def vintage_table(archives: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """ALFRED files (``{alfred key: observations by vintage dates}``) as the long ``vintages`` table: index
    ``date`` (observation), ``series`` (the FRED key), ``vintage``, ``value`` (the series' units); only the
    observations each vintage holds, sorted by series, vintage and date."""
    parts = []
    for key, frame in sorted(archives.items()):
        series = catalog.lookup([catalog.get(key).source_id], source="fred")[0].key
        grid = frame.to_numpy(dtype=float)
        columns, rows = np.nonzero(~np.isnan(grid.T))  # vintage by vintage, dates in order within each
        parts.append(
            pd.DataFrame(
                {"series": series, "vintage": frame.columns[columns], "value": grid[rows, columns]},
                index=frame.index[rows],
            )
        )
    if not parts:
        empty = pd.DataFrame(
            {
                "series": pd.Series(dtype=object),
                "vintage": pd.Series(dtype="datetime64[ns]"),
                "value": pd.Series(dtype=float),
            },
            index=pd.DatetimeIndex([], dtype="datetime64[ns]"),
        )
        parts = [empty]
    table = pd.concat(parts)
    table.index.name = "date"
    return table


def build(generation: Generation | None = None, parsed: dict | None = None) -> dict[str, pd.DataFrame]:
    """Build every processed table of a raw generation (default: the one in use), after verifying its checksums.

    ``parsed`` may hold parser results the caller already has (``{key: result}``, e.g. an import's new files);
    the other files are parsed here. Holds the writer lock; the tables appear together, renamed into place.
    """
    generation = generation or generations.current()
    held = generations.read_manifest(generation)
    problems = checksums.verify(held, generation)
    if problems:
        raise RawDataChangedError(problems)
    digest = manifest.digest(held)
    with lock.writer("build of data/processed"):
        results = {}
        for key, record in held["files"].items():
            if parsed is not None and key in parsed:
                results[key] = parsed[key]
            else:
                data = generation.path(record["path"]).read_bytes()
                results[key] = parse_file(catalog.get(key), data, generation.shown(record["path"]))
        tables = assemble(results)
        staging = paths.processed_dir() / f"{STAGING_PREFIX}{digest}-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        try:
            _write_tables(staging, tables, digest, generation)
            testhooks.checkpoint("tables-staged")
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)  # a full disk, an interrupt: no half-written folder left
            raise
        target = tables_dir(digest)
        if target.exists():  # a forced rebuild: move the old folder aside, then put the new one in its place
            aside = paths.processed_dir() / f"{STAGING_PREFIX}old-{digest}-{os.getpid()}"
            os.rename(target, aside)
            os.rename(staging, target)
            shutil.rmtree(aside, ignore_errors=True)
        else:
            os.rename(staging, target)
    return tables


def _write_tables(staging: Path, tables: dict[str, pd.DataFrame], digest: str, generation) -> None:
    """Every table as Parquet into ``staging``, then ``build.json`` with each table's sha256."""
    staging.mkdir(parents=True)
    for name, frame in tables.items():
        frame.to_parquet(staging / f"{name}.parquet", engine="pyarrow", compression="zstd")
    stamp = {
        "manifest_digest": digest,
        "code_version": hashes.table_code_hash(),
        "generation": generation and generation.name,
        "built_at": now_utc(),
        "tables": list(tables),
        "sha256": {name: sha256_file(staging / f"{name}.parquet") for name in tables},
    }
    (staging / STAMP).write_text(json.dumps(stamp, indent=1) + "\n", encoding="utf-8")


def table_problems(generation: Generation) -> dict[str, str]:
    """Damaged processed tables of a raw generation: ``{shown path: what is wrong and the fix}``.

    Tables not built yet are not damage (a loader builds them); a table missing from a built folder, a table
    whose sha256 differs from ``build.json``, or a ``build.json`` that cannot be read is."""
    folder = tables_dir(manifest.digest(generations.read_manifest(generation)))
    if not folder.is_dir():
        return {}
    fix = "rebuild with: make repair"
    try:
        recorded = json.loads((folder / STAMP).read_text(encoding="utf-8"))["sha256"]
    except (OSError, ValueError, KeyError, TypeError):
        return {_shown(folder / STAMP): f"missing or unreadable, so its tables cannot be checked; {fix}"}
    problems = {}
    for name in TABLES:
        path = folder / f"{name}.parquet"
        if not path.exists():
            problems[_shown(path)] = f"missing; {fix}"
        elif sha256_file(path) != recorded.get(name):
            problems[_shown(path)] = f"edited or truncated since it was built; {fix}"
    return problems


def bytes_to_build(base: Generation | None, raw_bytes: int) -> int:
    """What building the tables of a new generation writes into ``data/processed``: the size of the tables of
    ``base`` when they are built (the new ones are about as large), else ``raw_bytes`` (compressed Parquet
    is smaller than the CSV files it is built from)."""
    if base is not None:
        folder = tables_dir(manifest.digest(generations.read_manifest(base)))
        if folder.is_dir():
            return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    return raw_bytes


def tidy() -> list[str]:
    """Remove tables of generations no longer kept, staging leftovers and the old single-folder layout
    (call under the writer lock). Returns what was removed. When a kept generation's manifest cannot be read,
    which tables are its own is unknown: only staging leftovers are removed."""
    folder = paths.processed_dir()
    if not folder.is_dir():
        return []
    try:
        keep = store.kept_digests()
    except DamagedStoreError:
        keep = None
    removed = []
    for path in folder.iterdir():
        name = path.name
        if path.is_dir():
            stale = name.startswith(STAGING_PREFIX) or (
                keep is not None and len(name) == 33 and name[16] == "-" and name[:16] not in keep
            )
            if stale:
                shutil.rmtree(path, ignore_errors=True)
                removed.append(name)
        elif keep is not None and (
            name.endswith(".parquet") or name == STAMP or (name.startswith(".") and name.endswith(".tmp"))
        ):
            path.unlink(missing_ok=True)  # the old layout kept one set of tables at the top
            removed.append(name)
    return removed


def is_fresh(generation: Generation | None = None) -> bool:
    """True when the tables of the raw generation (default: the one in use) exist for the current code."""
    digest = manifest.digest(generations.read_manifest(generation or generations.current()))
    stamp = _stamp(digest)
    if stamp.get("manifest_digest") != digest or stamp.get("code_version") != hashes.table_code_hash():
        return False
    return all(_table_path(name, digest).exists() for name in TABLES)


def ensure(generation: Generation | None = None) -> str:
    """Make the processed tables of a raw generation (default: the one in use) current; returns its digest.

    Raw checksums are verified on every call (about 30 ms for the whole store),
    so an edited or truncated raw file is reported rather than silently used.
    """
    generation = generation or generations.current()
    held = generations.read_manifest(generation)
    problems = checksums.verify(held, generation)
    if problems:
        raise RawDataChangedError(problems)
    if not is_fresh(generation):
        with lock.writer("rebuild of data/processed for a reader"):
            if not is_fresh(generation):  # another writer may have built them while this one waited
                build(generation)
    return manifest.digest(held)


def read(name: str, digest: str | None = None) -> pd.DataFrame:
    """One processed table of the generation with this digest (default: the one in use; call :func:`ensure` first).

    A table that is not a readable Parquet file (truncated, garbled) raises :class:`DamagedStoreError`."""
    path = _table_path(name, digest or generations.in_use()[1])
    try:
        return pd.read_parquet(path, engine="pyarrow")
    except pa.ArrowException as exc:
        reason = str(exc).replace(f" '{path}'", "")  # no machine-specific path in the message
        problem = f"not a readable Parquet table ({reason}); rebuild with: make repair"
        raise DamagedStoreError({_shown(path): problem}) from None

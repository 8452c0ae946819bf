"""Processed tables: tidy, wide, fast-loading Parquet files rebuilt from the raw store.

``data/processed/`` holds one file per table plus ``build.json``, which records
the digest of the raw manifest the tables were built from. Loaders call
:func:`ensure`, which rebuilds when raw changed (a download, an import, a
deleted file) and refuses, naming the files and the fix, when a raw file no
longer matches its checksum. Each file is written atomically and the stamp is
written last, so an interrupted build is simply rebuilt.

Tables (all with a DatetimeIndex named ``date``):

* ``prices``: adjusted closes of ETFs and stocks, USD, one column per ticker
* ``indices``: index levels (points, no dividends), one column per index key
* ``fred``: every FRED series, one column each, in the catalog's units
* ``factors_daily``: Fama-French 3 factors and Mom, percent returns per day
* ``factors_monthly`` / ``factors_annual``: Fama-French 5 factors, percent returns
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pandas as pd

from . import catalog, paths, store
from .errors import RawDataChangedError
from .parsers import parse_file

TABLES = ("prices", "indices", "fred", "factors_daily", "factors_monthly", "factors_annual")
STAMP = "build.json"


def _table_path(name: str):
    return paths.processed_dir() / f"{name}.parquet"


def code_version() -> str:
    """Hash of the code that shapes the tables: a change rebuilds them even when raw did not change."""
    digest = hashlib.sha256()
    for module in ("processed.py", "parsers.py", "catalog.csv"):
        digest.update((Path(__file__).parent / module).read_bytes())
    return digest.hexdigest()[:16]


def _stamp() -> dict:
    path = paths.processed_dir() / STAMP
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
    return tables


def build() -> dict[str, pd.DataFrame]:
    """Rebuild every processed table from the raw store (after verifying its checksums)."""
    manifest = store.read_manifest()
    problems = store.verify(manifest)
    if problems:
        raise RawDataChangedError(problems)
    parsed = {}
    for key, record in manifest["files"].items():
        entry = catalog.get(key)
        data = (paths.raw_dir() / record["path"]).read_bytes()
        parsed[key] = parse_file(entry, data, f"data/raw/{record['path']}")
    tables = assemble(parsed)
    for name, frame in tables.items():
        buffer = io.BytesIO()
        frame.to_parquet(buffer, engine="pyarrow", compression="zstd")
        store.atomic_write_bytes(_table_path(name), buffer.getvalue())
    stamp = {"manifest_digest": store.manifest_digest(manifest), "code_version": code_version(),
             "built_at": store.now_utc(), "tables": list(tables)}
    store.atomic_write_bytes(paths.processed_dir() / STAMP, (json.dumps(stamp, indent=1) + "\n").encode())
    return tables


def is_fresh() -> bool:
    """True when the processed tables were built from the raw store as it is now."""
    stamp = _stamp()
    if stamp.get("manifest_digest") != store.manifest_digest() or stamp.get("code_version") != code_version():
        return False
    return all(_table_path(name).exists() for name in TABLES)


def ensure() -> str:
    """Make the processed tables current; returns the manifest digest they were built from.

    Raw checksums are verified on every call (about 30 ms for the whole store),
    so an edited or truncated raw file is reported rather than silently used.
    """
    manifest = store.read_manifest()
    problems = store.verify(manifest)
    if problems:
        raise RawDataChangedError(problems)
    if not is_fresh():
        build()
    return store.manifest_digest(manifest)


def read(name: str) -> pd.DataFrame:
    """One processed table as stored (call :func:`ensure` first)."""
    return pd.read_parquet(_table_path(name), engine="pyarrow")

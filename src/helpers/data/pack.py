"""Data packs: the data held, written as an import folder that ``make data FROM=DIR`` reads.

``make pack TO=DIR`` writes every raw file held, byte for byte, in the layout of
an import folder (``fred/<ID>.csv``, ``alfred/<ID>.csv``, ``prices/<TICKER>.csv``,
``indices/<NAME>.csv``, ``french/<dataset>.csv``) with a ``PROVENANCE.json`` giving each
file's sha256, origin and date range, so that a class imports identical data offline and the
import checks every checksum.

With an as-of date (``make pack TO=DIR AS_OF=2026-03-31``) each file is cut at
that date, line by line, keeping the source's own format (headers, footers,
CRLF line ends): an export "as it would have been downloaded then", which the
tests use to make older data from the snapshot. Monthly rows count once their
month has ended, annual rows once their year has; revisions are not undone, except
in ALFRED files, which lose the vintage columns dated after the as-of date (and the
observations no kept vintage holds at their end), as ALFRED served them then.

:func:`pack_digest` gives the manifest digest a store has once it holds exactly a
pack's files (the digest of the data in use after ``make data FROM=DIR`` into an empty
store), which ``make grade PACK=DIR`` compares with the data held.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from helpers.errors import DataFileError, HelpersError

from . import asof, catalog, generations, manifest, paths
from .files import now_utc, sha256_bytes
from .parsers import observation_range, parse_file

_KEY = re.compile(r'^\s*"?(\d{4}-\d{2}-\d{2}|\d{8}|\d{6}|\d{4})"?\s*$')


def _period_end(key: str) -> pd.Timestamp:
    """The last day of the period a row key stands for (a day, a month ``YYYYMM`` or a year ``YYYY``)."""
    if len(key) == 10:
        return pd.Timestamp(key)
    if len(key) == 8:
        return pd.Timestamp(f"{key[:4]}-{key[4:6]}-{key[6:]}")
    if len(key) == 6:
        return pd.Timestamp(f"{key[:4]}-{key[4:]}-01") + pd.offsets.MonthEnd(0)
    return pd.Timestamp(f"{key}-12-31")


def cut_lines(data: bytes, as_of) -> bytes:
    """``data`` (a CSV export) without the rows dated after ``as_of``; every other line is kept as it is.

    A row is a line whose first field is a date key (``YYYY-MM-DD``, ``YYYYMMDD``, ``YYYYMM`` or ``YYYY``).
    """
    cut = asof.parse(as_of)
    if cut is None:
        return data
    kept = []
    for line in data.splitlines(keepends=True):
        first = line.split(b",", 1)[0].decode("latin-1")
        match = _KEY.match(first) if b"," in line else None
        if match and _period_end(match.group(1)) > cut:
            continue
        kept.append(line)
    return b"".join(kept)


def _empty(field: bytes) -> bool:
    return field.strip().strip(b'"').strip() in (b"", b".")


def cut_vintages(data: bytes, as_of) -> bytes:
    """An ALFRED file (``observation_date,<ID>_<YYYYMMDD>,...``) as ALFRED served it on ``as_of``: without the
    vintage columns dated after it, the rows dated after it (:func:`cut_lines`) and the last rows no kept vintage
    holds; the kept fields and line ends as they were."""
    cut = asof.parse(as_of)
    if cut is None:
        return data
    lines = cut_lines(data, cut).splitlines(keepends=True)
    names = [cell.strip().strip(b'"').strip() for cell in lines[0].rstrip(b"\r\n").split(b",")]
    keep = [0] + [i for i, name in enumerate(names) if i and pd.Timestamp(name[-8:].decode("ascii")) <= cut]
    kept = []
    for line in lines:
        body = line.rstrip(b"\r\n")
        fields = body.split(b",")
        kept.append((b",".join(fields[i] for i in keep if i < len(fields)), line[len(body) :]))
    rows = [i for i, (body, _) in enumerate(kept) if i and body.strip()]
    unheld = set()
    while rows and all(_empty(field) for field in kept[rows[-1]][0].split(b",")[1:]):
        unheld.add(rows.pop())
    return b"".join(body + end for i, (body, end) in enumerate(kept) if i not in unheld)


def write_pack(folder: str | Path, as_of=None) -> dict:
    """Write the data held into ``folder`` as an import folder; returns the PROVENANCE.json content.

    Refuses when nothing is held (the synthetic sample is not data to hand out) and when ``folder``
    exists and is not empty, so a pack never mixes with other files.
    """
    folder = Path(folder)
    generation = generations.current()  # one generation, resolved once: a pack never mixes two imports
    held = generations.read_manifest(generation)["files"] if generation else {}
    if not held:
        raise HelpersError(
            "nothing is held in data/raw to pack (the synthetic sample is not market data); "
            "import or download data first: make data FROM=DIR or make data"
        )
    if folder.exists() and any(folder.iterdir()):
        raise HelpersError(f"{paths.display_path(folder)} is not empty; a pack is written into a new or empty folder")
    cut = asof.parse(as_of)
    files, skipped = {}, []
    for key, record in sorted(held.items()):
        entry = catalog.get(key)
        data = generation.path(record["path"]).read_bytes()
        if cut is not None:
            data = cut_vintages(data, cut) if entry.source == "alfred" else cut_lines(data, cut)
        shown = f"{paths.display_path(folder)}/{entry.relpath}"
        try:
            first, last, rows = observation_range(parse_file(entry, data, shown))
        except (DataFileError, ValueError):
            if cut is None:
                raise
            skipped.append(key)  # no observation on or before the as-of date: the series did not exist yet
            continue
        target = folder / entry.relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        files[entry.relpath] = {
            "from": record.get("origin", "unknown"),
            "retrieved_at": record.get("retrieved_at"),
            "range": [f"{first:%Y-%m-%d}", f"{last:%Y-%m-%d}", int(rows)],
            "sha256": sha256_bytes(data),
        }
    provenance = {
        "packed_at": now_utc(),
        "manifest_digest": manifest.digest(generations.read_manifest(generation)),
        "until": None if cut is None else f"{cut:%Y-%m-%d}",
        "not_yet_observed": skipped,
        "files": files,
    }
    (folder / "PROVENANCE.json").write_text(json.dumps(provenance, indent=1) + "\n", encoding="utf-8")
    return provenance


def read_provenance(folder: str | Path) -> dict:
    """The ``PROVENANCE.json`` of a pack (``folder`` is the pack's folder or that file itself)."""
    path = Path(folder)
    path = path / "PROVENANCE.json" if path.is_dir() else path
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise HelpersError(
            f"{paths.display_path(path)} not found: a class data pack (make pack TO=DIR) holds a PROVENANCE.json"
        ) from None
    except json.JSONDecodeError as exc:
        raise HelpersError(f"{paths.display_path(path)} is not valid JSON ({exc})") from None


def pack_digest(folder: str | Path) -> str:
    """The manifest digest of a store holding exactly the pack in ``folder``: the ``digest`` the data in use has once
    the pack is imported into an empty store (files the catalog does not know are not imported)."""
    known = catalog.by_relpath()
    files = read_provenance(folder).get("files", {})
    records = {"files": {known[rel].key: {"sha256": entry["sha256"]} for rel, entry in files.items() if rel in known}}
    return manifest.digest(records)

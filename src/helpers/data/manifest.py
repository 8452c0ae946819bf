"""A raw generation's manifest: what it holds, how each series was obtained, and its digest.

``manifest.json`` records, for each series, its source, id, retrieval time, origin, first and last date, rows,
sha256 and its ``parts`` (which dates came from which import or download); for ALFRED files also the range of
vintage dates. ``generation`` says when and by what the generation was made. It is written twice,
``manifest.json`` and ``manifest.copy.json`` (as file systems keep copies of their own metadata), so that one
damaged copy is restored from the other (:mod:`helpers.data.integrity`).

This module reads and writes the content; which generation's manifest is in use is :mod:`helpers.data.generations`.
"""

from __future__ import annotations

import hashlib
import json

from helpers.errors import DamagedStoreError

from . import catalog
from .files import now_utc, sha256_bytes
from .parsers import observation_range, vintage_range

VERSION = 2
NAME = "manifest.json"
COPY_NAME = "manifest.copy.json"
REPAIR = "make repair"


def empty() -> dict:
    """The manifest of a store that holds nothing."""
    return {"version": VERSION, "generation": {}, "files": {}}


def parse(data: bytes, shown: str) -> dict:
    """A manifest from its bytes; :class:`DamagedStoreError` naming ``shown`` and the fix when it is not one."""
    manifest, problem = check(data)
    if problem:
        raise DamagedStoreError({shown: f"{problem}; restore with: {REPAIR}"})
    return manifest


def check(data: bytes) -> tuple[dict | None, str | None]:
    """``(manifest, None)``, or ``(None, what is wrong)`` when the bytes are not a manifest (a table of files,
    each with its path and sha256): truncated, garbled, not JSON."""
    try:
        manifest = json.loads(data.decode("utf-8"))
        files = manifest["files"]
        if not all(isinstance(r, dict) and "path" in r and "sha256" in r for r in files.values()):
            raise TypeError("a file's record has no path or sha256")
    except UnicodeDecodeError:
        return None, "not text (garbled)"
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON ({exc.msg} at line {exc.lineno}): truncated or garbled"
    except (KeyError, TypeError, AttributeError):
        return None, "not a manifest (no table of files with their checksums)"
    manifest.setdefault("generation", {})
    return manifest, None


def encode(manifest: dict) -> bytes:
    """The bytes written to ``manifest.json`` (and its copy)."""
    return (json.dumps(manifest, indent=1) + "\n").encode("utf-8")


def digest(manifest: dict) -> str:
    """A short hash of the manifest's content checksums: changes whenever any raw file changes. It names the data a
    generation holds (``manifest_digest`` in published notebooks, the processed tables' folders)."""
    lines = [f"{k}:{r['sha256']}" for k, r in sorted(manifest["files"].items())]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


def last_observation(manifest: dict) -> str | None:
    """The latest last date of the series a manifest holds (ISO), or None when it holds none."""
    return max((record["last"] for record in manifest["files"].values() if record.get("last")), default=None)


def parts_of(record: dict) -> list[dict]:
    """The parts of a manifest record (a record of the old layout is one part)."""
    if record.get("parts"):
        return record["parts"]
    return [
        {
            "origin": record.get("origin", "?"),
            "first": record.get("first"),
            "last": record.get("last"),
            "retrieved_at": record.get("retrieved_at"),
        }
    ]


def make_record(
    entry: catalog.Series,
    data: bytes,
    parsed,
    origin: str,
    parts: list[dict],
    upstream: str | None = None,
    retrieved_at: str | None = None,
) -> dict:
    """The manifest record of a raw file about to be stored (for ALFRED vintages, with ``vintages``: the first and
    last vintage date and how many)."""
    first, last, rows = observation_range(parsed)
    record = {
        "source": entry.source,
        "id": entry.source_id,
        "path": entry.relpath,
        "retrieved_at": retrieved_at or now_utc(),
        "origin": origin,
        "first": first.date().isoformat(),
        "last": last.date().isoformat(),
        "rows": int(rows),
        "sha256": sha256_bytes(data),
        "parts": parts,
    }
    if entry.source == "alfred":
        first_vintage, last_vintage, count = vintage_range(parsed)
        record["vintages"] = [first_vintage.date().isoformat(), last_vintage.date().isoformat(), int(count)]
    if upstream:
        record["upstream"] = upstream
    return record

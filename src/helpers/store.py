"""The raw store: ``data/raw/<source>/<id>.csv`` and ``data/raw/manifest.json``.

Raw files are kept exactly as downloaded or imported. Every write is atomic (a
temporary file in the same folder, then a rename), so a failed download or
import never leaves a half-written file, and the manifest records for each
file its source, id, retrieval time, first and last date, rows and sha256. A
file whose checksum no longer matches is reported with the command that
restores it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from . import catalog, paths
from .parsers import observation_range

MANIFEST_VERSION = 1


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, 0o644)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def now_utc() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def read_manifest() -> dict:
    """The manifest as ``{"version": 1, "files": {key: record}}`` (empty when nothing is held)."""
    path = paths.manifest_path()
    if not path.exists():
        return {"version": MANIFEST_VERSION, "files": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def write_manifest(manifest: dict) -> None:
    manifest["files"] = dict(sorted(manifest["files"].items()))
    text = json.dumps(manifest, indent=1, sort_keys=False) + "\n"
    atomic_write_bytes(paths.manifest_path(), text.encode("utf-8"))


def held_keys() -> list[str]:
    """Keys of the series held in data/raw (according to the manifest)."""
    return list(read_manifest()["files"])


def store(entry: catalog.Series, data: bytes, parsed, origin: str, upstream: str | None = None) -> dict:
    """Write one validated raw file atomically and record it in the manifest.

    ``parsed`` is the parser's result for ``data`` (used for the date range);
    ``origin`` says where the bytes came from (``FRED API``, ``folder ../x``...).
    """
    first, last, rows = observation_range(parsed)
    atomic_write_bytes(paths.raw_dir() / entry.relpath, data)
    record = {
        "source": entry.source,
        "id": entry.source_id,
        "path": entry.relpath,
        "retrieved_at": now_utc(),
        "origin": origin,
        "first": first.date().isoformat(),
        "last": last.date().isoformat(),
        "rows": int(rows),
        "sha256": sha256_bytes(data),
    }
    if upstream:
        record["upstream"] = upstream
    manifest = read_manifest()
    manifest["files"][entry.key] = record
    write_manifest(manifest)
    return record


def fix_command(key: str, record: dict) -> str:
    """The command that restores a raw file, given how it was obtained."""
    origin = record.get("origin", "")
    if origin.startswith("folder "):
        return f"make data FROM={origin.removeprefix('folder ')} ONLY={key}"
    return f"python -m helpers data --only {key}"


def verify(manifest: dict | None = None) -> dict[str, str]:
    """Raw files that are missing or whose sha256 differs from the manifest.

    Returns ``{relative path: command that restores it}``; empty when all is well.
    """
    manifest = manifest or read_manifest()
    problems = {}
    for key, record in manifest["files"].items():
        path = paths.raw_dir() / record["path"]
        shown = f"data/raw/{record['path']}"
        if not path.exists():
            problems[shown] = f"missing; restore with: {fix_command(key, record)}"
        elif sha256_file(path) != record["sha256"]:
            problems[shown] = f"edited or truncated since it was stored; restore with: {fix_command(key, record)}"
    return problems


def manifest_digest(manifest: dict | None = None) -> str:
    """A short hash of the manifest's content checksums: changes whenever any raw file changes."""
    manifest = manifest or read_manifest()
    lines = [f"{k}:{r['sha256']}" for k, r in sorted(manifest["files"].items())]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]

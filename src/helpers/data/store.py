"""The raw store: whole generations of raw files, switched in one atomic step.

Layout of ``data/raw``::

    CURRENT                          the name of the generation in use (one line)
    generations/<name>/manifest.json what the generation holds, and how it was made
    generations/<name>/fred/DGS2.csv raw files, one per series (alfred/, prices/, indices/, french/ alike)

A write (an import or a download) never touches the generation in use. It
stages a new one in ``generations/.staging-<name>/``: files it does not change
are hard links to the current generation's (no copy), changed files are written
there, the manifest is written last and every checksum is verified; the
processed tables are built for it; then the folder is renamed and ``CURRENT``
is replaced with :func:`os.replace`: that one step is the switch. A reader
resolves ``CURRENT`` once and reads only that generation, so it sees the old
one or the new one, never a mix; a kill at any moment leaves ``CURRENT``
naming a complete generation. The previous generations are kept for readers in
flight (:data:`KEEP_GENERATIONS` in all); older ones and leftover staging
folders are removed by the next writer, under the writer lock.

The manifest records for each series its source, id, retrieval time, origin,
first and last date, rows, sha256 and its ``parts`` (which dates came from
which import or download). It is written twice, ``manifest.json`` and
``manifest.copy.json`` (as file systems keep copies of their own metadata), so
that one damaged copy is restored from the other. A data folder of the old
layout (files and ``manifest.json`` at the top of ``data/raw``) is read as it is
and moved into a first generation by the next writer.

Damage to the store's own records (a sync tool, a half-restored backup, a full
disk, a careless ``rm``) never costs data:

* :func:`current` raises :class:`~helpers.errors.DamagedStoreError` when
  ``CURRENT`` is missing or empty while generations are on disk, holds
  something that is not a generation's name, or names a generation that is not
  there; reading a manifest that is missing or not a manifest raises it too.
  Loaders and writers therefore refuse, naming ``make repair``; an import never
  builds a new store on top of a lost pointer.
* Nothing is deleted on a guess: :func:`tidy` removes generations only when the
  one in use verifies whole, and only those older than the ones kept.
* ``make verify`` / ``make repair`` (:mod:`helpers.data.integrity`) check the
  whole store and repair what can be proved: a manifest from its copy, the
  pointer to the newest generation that verifies whole, processed tables from
  raw. Raw files are never touched.
* A write checks the free space it needs before staging (:func:`ensure_free_space`);
  one that fails part-way (:func:`write_failed`) leaves the generation in use as it was.

The tests hold, kill or fail a writer at named points of a write (:func:`helpers.data.testhooks.checkpoint`) and
fake the free space; those hooks do nothing unless the tests' one switch, ``HELPERS_TEST_HOOKS``, is set.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime, timezone
from pathlib import Path

from . import catalog, paths, testhooks
from helpers import settings
from helpers.errors import DamagedStoreError, StoreWriteError
from .parsers import observation_range, vintage_range

MANIFEST_VERSION = 2
CURRENT = "CURRENT"
GENERATIONS = "generations"
STAGING_PREFIX = ".staging-"
MANIFEST = "manifest.json"
MANIFEST_COPY = "manifest.copy.json"
# A generation's name, as _new_name makes it: CURRENT holding anything else is damaged.
GENERATION_NAME = re.compile(r"\d{8}T\d{6}\.\d{6}Z")
REPAIR = "make repair"
# The generation in use and the two before it stay on disk (for readers that resolved them just before a switch).
KEEP_GENERATIONS = 3
SOURCE_FOLDERS = catalog.STORED_SOURCES  # one folder of raw files per stored source


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


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def now_utc() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


# ---------------------------------------------------------------- generations


@dataclass(frozen=True)
class Generation:
    """One complete set of raw files and its manifest. ``name`` is None for the old layout."""

    name: str | None
    folder: Path

    @property
    def manifest_path(self) -> Path:
        return self.folder / MANIFEST

    def path(self, relpath: str) -> Path:
        return self.folder / relpath

    def shown(self, relpath: str) -> str:
        """How a raw file is named in messages (relative to the data folder's parent: ``data/raw/...``)."""
        inside = f"{GENERATIONS}/{self.name}/{relpath}" if self.name else relpath
        return f"data/raw/{inside}"

    @property
    def copy_path(self) -> Path:
        return self.folder / MANIFEST_COPY

    @classmethod
    def named(cls, name: str) -> "Generation":
        """The generation ``name`` in ``data/raw/generations``."""
        return cls(name, generations_dir() / name)

    def manifest(self) -> dict:
        """The parsed manifest; :class:`DamagedStoreError` when it is missing or is not a manifest."""
        return parse_manifest(self.manifest_path.read_bytes(), self.shown(MANIFEST))


def parse_manifest(data: bytes, shown: str) -> dict:
    """A manifest from its bytes; :class:`DamagedStoreError` naming ``shown`` and the fix when it is not one."""
    manifest, problem = _parse_manifest(data)
    if problem:
        raise DamagedStoreError({shown: f"{problem}; restore with: {REPAIR}"})
    return manifest


def _parse_manifest(data: bytes) -> tuple[dict | None, str | None]:
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


def generations_dir() -> Path:
    return paths.raw_dir() / GENERATIONS


def _read_pointer() -> tuple[str, str | None]:
    """What ``CURRENT`` holds: ``(state, name)``, state one of ``missing``, ``empty``, ``garbled`` (name: what it
    holds, shortened) or ``ok``."""
    try:
        data = (paths.raw_dir() / CURRENT).read_bytes()
    except FileNotFoundError:
        return "missing", None
    except OSError as exc:
        return "garbled", f"unreadable: {exc.strerror}"
    text = data.decode("utf-8", errors="replace").strip()
    if not text:
        return "empty", None
    if not GENERATION_NAME.fullmatch(text):
        return "garbled", repr(text[:40])
    return "ok", text


def _resolve() -> tuple[Generation | None, dict[str, str]]:
    """The generation in use and, when ``CURRENT`` cannot be followed, ``{"data/raw/CURRENT": what is wrong}``."""
    fix = f"restore with: {REPAIR}"
    for attempt in range(2):
        state, name = _read_pointer()
        if state != "ok":
            break
        folder = generations_dir() / name
        if folder.is_dir():
            return Generation(name, folder), {}
        # a writer may have switched and removed it since CURRENT was read: read CURRENT once more
    if state == "ok":
        return None, {f"data/raw/{CURRENT}": f"names generation {name}, which is not in data/raw/{GENERATIONS}; {fix}"}
    if state == "garbled":
        return None, {f"data/raw/{CURRENT}": f"does not name a generation (it holds {name}); {fix}"}
    if (paths.raw_dir() / MANIFEST).exists():
        return Generation(None, paths.raw_dir()), {}
    names = kept_generations()
    if names:
        held = f"{len(names)} generation{'s are' if len(names) > 1 else ' is'} on disk (newest {names[-1]})"
        return None, {f"data/raw/{CURRENT}": f"{state}, but {held}; {fix}"}
    return None, {}


def current() -> Generation | None:
    """The generation in use: the one ``CURRENT`` names, else an old-layout store, else None (nothing held).

    Raises :class:`DamagedStoreError` when ``CURRENT`` cannot be followed: missing or empty while generations are
    on disk, garbled, or naming a generation that is not there. Nothing is guessed: ``make repair`` restores it.
    """
    generation, problem = _resolve()
    if problem:
        raise DamagedStoreError(problem)
    return generation


def pointer_problem() -> dict[str, str]:
    """``{"data/raw/CURRENT": what is wrong and the fix}``, or empty when ``CURRENT`` can be followed."""
    return _resolve()[1]


def empty_manifest() -> dict:
    return {"version": MANIFEST_VERSION, "generation": {}, "files": {}}


def read_manifest(generation: Generation | None = None) -> dict:
    """The manifest of ``generation`` (default: the one in use) as
    ``{"version", "generation": {...}, "files": {key: record}}``; empty when nothing is held.

    Each call returns a fresh dict; the parsed file is reused while its size and modification time stay the
    same (loaders ask for it on every call)."""
    generation = generation or current()
    if generation is None:
        return empty_manifest()
    try:
        info = generation.manifest_path.stat()
    except FileNotFoundError:
        return empty_manifest() if generation.name is None else _missing_manifest(generation)
    data = _manifest_bytes(str(generation.manifest_path), info.st_mtime_ns, info.st_size)
    return parse_manifest(data, generation.shown(MANIFEST))


def _missing_manifest(generation: Generation) -> dict:
    """A generation whose manifest is not there: retired while being read (its folder is gone too: the
    ``FileNotFoundError`` makes a reader resolve ``CURRENT`` again), or damaged."""
    if not generation.folder.is_dir():
        raise FileNotFoundError(generation.manifest_path)
    raise DamagedStoreError({generation.shown(MANIFEST): f"missing; restore with: {REPAIR}"})


@lru_cache(maxsize=8)
def _manifest_bytes(path: str, mtime_ns: int, size: int) -> bytes:
    return Path(path).read_bytes()


def _summary() -> tuple[tuple[str, ...], str]:
    """``(held keys, manifest digest)`` of the generation in use, parsed once per manifest file version:
    every load asks which data is in use, so this must not parse the manifest each time."""
    generation = current()
    if generation is None:
        return (), manifest_digest(empty_manifest())
    try:
        info = generation.manifest_path.stat()
    except FileNotFoundError:
        manifest = read_manifest(generation)
        return tuple(manifest["files"]), manifest_digest(manifest)
    return _summary_of(str(generation.manifest_path), info.st_mtime_ns, info.st_size, generation.shown(MANIFEST))


@lru_cache(maxsize=8)
def _summary_of(path: str, mtime_ns: int, size: int, shown: str) -> tuple[tuple[str, ...], str]:
    manifest = parse_manifest(_manifest_bytes(path, mtime_ns, size), shown)
    return tuple(manifest["files"]), manifest_digest(manifest)


def held_keys() -> list[str]:
    """Keys of the series held in the generation in use."""
    return list(_summary()[0])


def kept_generations() -> list[str]:
    """Names of the complete generations on disk, oldest first (folders named as generations are; staging
    folders and anything else put there are not generations)."""
    folder = generations_dir()
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and GENERATION_NAME.fullmatch(p.name))


def _new_name() -> str:
    """A generation name that sorts by time: ``20260701T120000.123456Z``."""
    while True:
        now = datetime.now(timezone.utc)
        name = now.strftime("%Y%m%dT%H%M%S.") + f"{now.microsecond:06d}Z"
        if not (generations_dir() / name).exists() and not (generations_dir() / f"{STAGING_PREFIX}{name}").exists():
            return name
        time.sleep(0.000_01)


def parts_of(record: dict) -> list[dict]:
    """The parts of a manifest record (a record of the old layout is one part)."""
    if record.get("parts"):
        return record["parts"]
    return [{"origin": record.get("origin", "?"), "first": record.get("first"), "last": record.get("last"),
             "retrieved_at": record.get("retrieved_at")}]


def make_record(entry: catalog.Series, data: bytes, parsed, origin: str, parts: list[dict],
                upstream: str | None = None, retrieved_at: str | None = None) -> dict:
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


def _link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links
        shutil.copy2(source, target)


class Stage:
    """A generation being made: starts as hard links to ``base``'s files; :meth:`put` replaces files.

    Nothing a reader uses changes until :func:`switch`.
    """

    def __init__(self, base: Generation | None, made_by: str, origin: str, needed_bytes: int = 0):
        ensure_free_space(needed_bytes, made_by)
        self.name = _new_name()
        self.folder = generations_dir() / f"{STAGING_PREFIX}{self.name}"
        base_manifest = read_manifest(base) if base is not None else empty_manifest()
        self.files: dict[str, dict] = dict(base_manifest["files"])
        self.changed: list[str] = []
        self.info = {"name": self.name, "made_at": None, "made_by": made_by, "origin": origin,
                     "previous": base.name if base is not None else None}
        self.folder.mkdir(parents=True)
        try:
            for record in self.files.values():
                source = base.path(record["path"])
                if source.exists():  # a file deleted by hand stays missing (and reported by status), not invented
                    _link_or_copy(source, self.folder / record["path"])
        except BaseException:
            self.discard()
            raise

    @property
    def generation(self) -> Generation:
        return Generation(self.name, self.folder)

    def put(self, key: str, data: bytes, record: dict) -> None:
        atomic_write_bytes(self.folder / record["path"], data)
        testhooks.checkpoint(f"put-{key}")
        self.files[key] = record
        self.changed.append(key)

    def finish(self) -> Generation:
        """Write the manifest and check every written file against it; the generation is then complete.

        Files carried over from the previous generation are the same files (hard links): one edited or deleted
        by hand stays as it was, and ``status`` keeps reporting it with its fix.
        """
        self.info["made_at"] = now_utc()
        self.info["changed"] = sorted(self.changed)
        manifest = {"version": MANIFEST_VERSION, "generation": self.info, "files": dict(sorted(self.files.items()))}
        data = (json.dumps(manifest, indent=1) + "\n").encode("utf-8")
        atomic_write_bytes(self.folder / MANIFEST_COPY, data)
        atomic_write_bytes(self.folder / MANIFEST, data)
        written = {"files": {key: manifest["files"][key] for key in self.changed}}
        problems = verify(written, self.generation)
        if problems:
            raise RuntimeError(f"the staged generation does not match its manifest: {problems}")
        for folder in [self.folder, *(self.folder / s for s in SOURCE_FOLDERS)]:
            if folder.is_dir():
                _fsync_dir(folder)
        return self.generation

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def switch(stage: Stage) -> Generation:
    """Make a finished stage the generation in use: rename its folder, then replace ``CURRENT`` (the switch).

    When ``CURRENT`` cannot be written (a full disk), the folder is renamed back to a staging folder, which the
    writer removes: no generation is left that was made but never switched to."""
    final = generations_dir() / stage.name
    os.rename(stage.folder, final)
    _fsync_dir(generations_dir())
    try:
        testhooks.checkpoint("renamed")
        point_at(Generation(stage.name, final))
    except OSError:
        os.rename(final, stage.folder)
        raise
    return Generation(stage.name, final)


def point_at(generation: Generation) -> None:
    """Replace ``CURRENT`` with the name of ``generation`` in one atomic step (under the writer lock)."""
    atomic_write_bytes(paths.raw_dir() / CURRENT, (generation.name + "\n").encode("ascii"))
    _fsync_dir(paths.raw_dir())


def migrate_old_layout() -> Generation | None:
    """Move an old-layout store (files and manifest.json at the top of data/raw) into a first generation.

    Call under the writer lock. The files are hard-linked into the generation, which is switched to, and only
    then are the old top-level files removed. Returns the new generation, or None when there was nothing to move.
    """
    old = current()
    if old is None or old.name is not None:
        return None
    stage = Stage(old, made_by="moved from the old layout of data/raw", origin="data/raw (old layout)")
    stage.info["previous"] = None
    generation = switch_finished(stage)
    manifest = read_manifest(old)
    (old.folder / MANIFEST).unlink(missing_ok=True)
    for record in manifest["files"].values():
        (old.folder / record["path"]).unlink(missing_ok=True)
    for name in SOURCE_FOLDERS:
        folder = old.folder / name
        if folder.is_dir():
            for leftover in folder.glob(".*.tmp"):
                leftover.unlink(missing_ok=True)
            if not any(folder.iterdir()):
                folder.rmdir()
    return generation


def switch_finished(stage: Stage) -> Generation:
    stage.finish()
    return switch(stage)


def tidy() -> list[str]:
    """Remove what interrupted writers left and generations no reader needs any more (under the writer lock).

    Nothing is removed on a guess. A damaged ``CURRENT`` raises :class:`DamagedStoreError` before anything is
    removed. Staging folders and temporary pointers are always removed (under the lock no writer is using them).
    Generations are removed only when the one in use verifies whole, and only those older than the ones kept
    (the one in use and the :data:`KEEP_GENERATIONS` - 1 before it); a generation newer than the one in use (made
    but never switched to, or ``CURRENT`` put back from an older copy) is kept. Returns what was removed.
    """
    using = current()
    removed = []
    folder = generations_dir()
    if folder.is_dir():
        for path in folder.glob(f"{STAGING_PREFIX}*"):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    for leftover in paths.raw_dir().glob(f".{CURRENT}.*.tmp"):
        leftover.unlink(missing_ok=True)
        removed.append(leftover.name)
    if using is None or using.name is None or not whole(using):
        return removed
    older = [n for n in kept_generations() if n <= using.name][:-KEEP_GENERATIONS]
    for name in older:
        shutil.rmtree(generations_dir() / name, ignore_errors=True)
        removed.append(name)
    return removed


def kept_digests() -> set[str]:
    """Manifest digests of the generations kept on disk (their processed tables are kept too).

    Raises :class:`DamagedStoreError` when a kept generation's manifest cannot be read: which tables are its
    own is then unknown, so none may be removed."""
    digests = set()
    for name in kept_generations():
        generation = Generation.named(name)
        try:
            digests.add(manifest_digest(read_manifest(generation)))
        except FileNotFoundError:
            continue  # removed since it was listed
    using = current()
    if using is not None and using.name is None:
        digests.add(manifest_digest(read_manifest(using)))
    return digests


# ---------------------------------------------------------------- checks


def fix_command(key: str, record: dict) -> str:
    """The command that restores a raw file, given how it was obtained."""
    origin = record.get("origin", "")
    if origin.startswith("folder "):
        return f"make data FROM={origin.removeprefix('folder ')} ONLY={key}"
    return f"python -m helpers data --only {key}"


def _verified_path(generation: Generation) -> Path:
    """Where the sizes and times of a generation's files last found intact are kept: the user's cache folder
    (``$XDG_CACHE_HOME`` or ``~/.cache``), outside the data folder, which only imports and builds write."""
    cache = settings.cache_home() / "great-rotation-helpers" / "verified"
    key = hashlib.sha256(str(generation.folder.resolve()).encode()).hexdigest()[:24]
    return cache / f"{key}.json"


def verify(manifest: dict | None = None, generation: Generation | None = None, rehash: bool = False,
           with_fix: bool = True) -> dict[str, str]:
    """Raw files of a generation (default: the one in use) that are missing or whose sha256 differs from the
    manifest. Returns ``{shown path: what is wrong and the command that restores it}`` (without the command when
    not ``with_fix``: it restores the file in a new generation, not in an older one); empty when all is well.

    A file is hashed again only when its size or modification time differ from the last time it was hashed
    and found intact (kept per generation in the user's cache folder), as git does with its index: an edit or
    truncation changes them, and a notebook kernel no longer reads the whole store to start. ``rehash`` hashes
    every file (``make verify``, ``make repair``).
    """
    generation = generation or current()
    if generation is None:
        return {}
    manifest = manifest or read_manifest(generation)
    try:
        known = {} if rehash else json.loads(_verified_path(generation).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    intact, problems = {}, {}
    for key, record in manifest["files"].items():
        path = generation.path(record["path"])
        shown = generation.shown(record["path"])
        try:
            info = path.stat()
        except FileNotFoundError:
            problems[shown] = f"missing; restore with: {fix_command(key, record)}" if with_fix else "missing"
            continue
        seen = [info.st_size, info.st_mtime_ns, record["sha256"]]
        if known.get(record["path"]) == seen or sha256_file(path) == record["sha256"]:
            intact[record["path"]] = seen
        else:
            problems[shown] = "edited or truncated since it was stored"
            problems[shown] += f"; restore with: {fix_command(key, record)}" if with_fix else ""
    if intact != known:
        try:
            atomic_write_bytes(_verified_path(generation), json.dumps(intact).encode())
        except OSError:
            pass  # no writable cache folder: everything is hashed again next time
    return problems


def manifest_digest(manifest: dict | None = None) -> str:
    """A short hash of the manifest's content checksums: changes whenever any raw file changes."""
    if manifest is None:
        return _summary()[1]
    lines = [f"{k}:{r['sha256']}" for k, r in sorted(manifest["files"].items())]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


def whole(generation: Generation, rehash: bool = False) -> bool:
    """True when the generation's manifest can be read and every raw file matches its checksum."""
    try:
        return not verify(generation=generation, rehash=rehash)
    except (DamagedStoreError, FileNotFoundError):
        return False


def newest_whole(rehash: bool = True) -> Generation | None:
    """The newest kept generation that verifies whole, or None."""
    for name in reversed(kept_generations()):
        if whole(Generation.named(name), rehash=rehash):
            return Generation.named(name)
    return None


@dataclass(frozen=True)
class _ManifestFile:
    """One of a generation's two manifest files: its bytes (None when missing), parsed (None when damaged)."""

    path: Path
    data: bytes | None
    parsed: dict | None
    problem: str | None


def _manifest_file(path: Path) -> _ManifestFile:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return _ManifestFile(path, None, None, "missing")
    return _ManifestFile(path, data, *_parse_manifest(data))


def manifest_problems(generation: Generation, in_use: bool = True) -> dict[str, str]:
    """What is wrong with a generation's manifest and its copy: ``{shown path: what is wrong and the fix}``.

    A generation made before manifests were written twice has no copy; that is not damage. A damaged manifest
    without a sound copy cannot be restored: for the generation in use, ``make repair`` goes back to the newest
    generation that verifies whole; one not in use goes once it is older than those kept."""
    main = _manifest_file(generation.manifest_path)
    copy = _manifest_file(generation.copy_path)
    if main.problem and copy.parsed is not None:
        return {generation.shown(MANIFEST): f"{main.problem}; restore with: {REPAIR} (from {MANIFEST_COPY})"}
    if main.problem:
        no_copy = "it has no copy" if copy.data is None else "its copy is damaged too"
        lost = f"{main.problem}; {no_copy}, so it cannot be restored"
        then = (f"{REPAIR} goes back to the newest generation that verifies whole, if there is one" if in_use else
                f"nothing reads it, and it goes once {KEEP_GENERATIONS} newer generations are kept")
        return {generation.shown(MANIFEST): f"{lost}; {then}"}
    if copy.data is not None and copy.data != main.data:
        return {generation.shown(MANIFEST_COPY): f"differs from {MANIFEST}; restore with: {REPAIR}"}
    return {}


def restore_manifest(generation: Generation) -> str | None:
    """Rewrite whichever of a generation's manifest and its copy is damaged from the sound one (under the writer
    lock); when both can be read but differ, the sound one is the one every raw file verifies against.
    Returns what was done, or None when there was nothing to do or no way to tell which is sound."""
    main = _manifest_file(generation.manifest_path)
    copy = _manifest_file(generation.copy_path)
    if copy.data is None or main.data == copy.data:
        return None
    sound = [f for f in (main, copy) if f.parsed is not None]
    if len(sound) == 2:
        sound = [f for f in sound if not verify(f.parsed, generation, rehash=True)]
    if len(sound) != 1:
        return None
    source, target = (main, copy) if sound[0] is main else (copy, main)
    atomic_write_bytes(target.path, source.data)
    _fsync_dir(generation.folder)
    was = target.problem or f"different from {source.path.name}"
    return f"{generation.shown(target.path.name)}: restored from {source.path.name} (it was {was})"


# ---------------------------------------------------------------- free space and failed writes

# Besides the files themselves, what a stage needs: two manifests, temporary files, directory entries.
STAGING_MARGIN_BYTES = 1 << 20


def free_bytes(folder: Path) -> int:
    """Free space on the disk holding ``folder`` (a test may set it: :func:`helpers.data.testhooks.free_bytes`)."""
    fake = testhooks.free_bytes()
    return fake if fake is not None else shutil.disk_usage(folder).free


def bytes_to_stage(base: Generation | None, incoming: dict[str, int | None]) -> int:
    """What staging a generation writes into ``data/raw``: for each series offered, the new file and the held
    one (a merge can write both histories; ``None``, a size not known before a download, counts as the held
    file's size again), plus :data:`STAGING_MARGIN_BYTES`. Unchanged files are hard links and cost nothing."""
    held = read_manifest(base)["files"] if base is not None else {}
    total = STAGING_MARGIN_BYTES
    for key, size in incoming.items():
        try:
            held_size = base.path(held[key]["path"]).stat().st_size if key in held else 0
        except FileNotFoundError:
            held_size = 0
        total += held_size + (held_size if size is None else size)
    return total


def ensure_free_space(needed: int, what: str) -> None:
    """Raise :class:`StoreWriteError` before anything is written when the disk holding ``data/`` has less than
    ``needed`` bytes free."""
    folder = paths.raw_dir()
    free = free_bytes(folder if folder.exists() else paths.data_dir())
    if free < needed:
        raise StoreWriteError(
            f"{what}: not started, not enough free space: it needs about {needed / 1e6:.1f} MB in "
            f"{paths.display_path(paths.data_dir())}/ (raw files and processed tables) and {free / 1e6:.1f} MB are "
            "free. Nothing was changed. Free some space, then run it again.")


def write_failed(exc: OSError, what: str, kept: Generation | None, staging: Path | None) -> StoreWriteError:
    """The error for a write that failed part-way: what failed, where (the file, else the ``staging`` folder being
    written), that nothing changed, and the fix."""
    where = exc.filename or staging
    where = f" ({paths.display_path(where)})" if where else ""
    fix = {errno.ENOSPC: "Free some space on the disk holding data/", errno.EDQUOT: "Free some of your disk quota",
           errno.EACCES: "Make data/ writable for this user", errno.EPERM: "Make data/ writable for this user",
           errno.EROFS: "Mount data/ read-write", errno.EFBIG: "Raise this shell's file-size limit (ulimit -f)",
           }.get(exc.errno, "Fix the cause")
    if kept is None:
        in_use = "nothing was held before and nothing is now"
    else:
        in_use = f"generation {kept.name} is still in use" if kept.name else "data/raw is still as it was"
    return StoreWriteError(f"{what}: failed part-way: {exc.strerror or exc}{where}. Nothing was changed: {in_use}, "
                           f"and what was staged was removed. {fix}, then run it again.")

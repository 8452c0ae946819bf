"""Making raw generations and switching between them: one atomic step per write, and tidying after writers.

A write (an import or a download) never touches the generation in use. It stages a new one in
``generations/.staging-<name>/`` (:class:`Stage`): files it does not change are hard links to the current
generation's (no copy), changed files are written there, the manifest is written last (twice:
:mod:`helpers.data.manifest`) and every checksum is verified; the processed tables are built for it; then the
folder is renamed and ``CURRENT`` is replaced with :func:`os.replace` (:func:`switch`): that one step is the switch.
A kill at any moment leaves ``CURRENT`` naming a complete generation (:mod:`helpers.data.generations` reads it). The
previous generations are kept for readers in flight (:data:`KEEP_GENERATIONS` in all); older ones and leftover
staging folders are removed by the next writer, under the writer lock (:func:`tidy`). A data folder of the old
layout is moved into a first generation by the next writer (:func:`migrate_old_layout`).

Damage to the store's own records never costs data: nothing is deleted on a guess (:func:`tidy` removes
generations only when the one in use verifies whole, and only those older than the ones kept); ``make verify`` and
``make repair`` (:mod:`helpers.data.integrity`) check the whole store and repair what can be proved. A write checks
the free space it needs before staging (:mod:`helpers.data.space`); one that fails part-way (:func:`write_failed`)
leaves the generation in use as it was.

The tests hold, kill or fail a writer at named points of a write (:func:`helpers.data.testhooks.checkpoint`); those
hooks do nothing unless the tests' one switch, ``HELPERS_TEST_HOOKS``, is set.
"""

from __future__ import annotations

import errno
import os
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

from helpers.errors import StoreWriteError

from . import catalog, generations, manifest, paths, testhooks
from .checksums import verify, whole
from .files import atomic_write_bytes, fsync_dir, now_utc
from .generations import CURRENT, STAGING_PREFIX, Generation, current, generations_dir, read_manifest
from .space import ensure_free_space

# The generation in use and the two before it stay on disk (for readers that resolved them just before a switch).
KEEP_GENERATIONS = 3
SOURCE_FOLDERS = catalog.STORED_SOURCES  # one folder of raw files per stored source


def _new_name() -> str:
    """A generation name that sorts by time: ``20260701T120000.123456Z``."""
    while True:
        now = datetime.now(UTC)
        name = now.strftime("%Y%m%dT%H%M%S.") + f"{now.microsecond:06d}Z"
        if not (generations_dir() / name).exists() and not (generations_dir() / f"{STAGING_PREFIX}{name}").exists():
            return name
        time.sleep(0.000_01)


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
        base_manifest = read_manifest(base) if base is not None else manifest.empty()
        self.files: dict[str, dict] = dict(base_manifest["files"])
        self.changed: list[str] = []
        self.info = {
            "name": self.name,
            "made_at": None,
            "made_by": made_by,
            "origin": origin,
            "previous": base.name if base is not None else None,
        }
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
        content = {"version": manifest.VERSION, "generation": self.info, "files": dict(sorted(self.files.items()))}
        data = manifest.encode(content)
        atomic_write_bytes(self.folder / manifest.COPY_NAME, data)
        atomic_write_bytes(self.folder / manifest.NAME, data)
        written = {"files": {key: content["files"][key] for key in self.changed}}
        problems = verify(written, self.generation)
        if problems:
            raise RuntimeError(f"the staged generation does not match its manifest: {problems}")
        for folder in [self.folder, *(self.folder / s for s in SOURCE_FOLDERS)]:
            if folder.is_dir():
                fsync_dir(folder)
        return self.generation

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def switch(stage: Stage) -> Generation:
    """Make a finished stage the generation in use: rename its folder, then replace ``CURRENT`` (the switch).

    When ``CURRENT`` cannot be written (a full disk), the folder is renamed back to a staging folder, which the
    writer removes: no generation is left that was made but never switched to."""
    final = generations_dir() / stage.name
    os.rename(stage.folder, final)
    fsync_dir(generations_dir())
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
    fsync_dir(paths.raw_dir())


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
    held = read_manifest(old)
    (old.folder / manifest.NAME).unlink(missing_ok=True)
    for record in held["files"].values():
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
    older = [n for n in generations.kept() if n <= using.name][:-KEEP_GENERATIONS]
    for name in older:
        shutil.rmtree(generations_dir() / name, ignore_errors=True)
        removed.append(name)
    return removed


def kept_digests() -> set[str]:
    """Manifest digests of the generations kept on disk (their processed tables are kept too).

    Raises :class:`DamagedStoreError` when a kept generation's manifest cannot be read: which tables are its
    own is then unknown, so none may be removed."""
    digests = set()
    for name in generations.kept():
        generation = Generation.named(name)
        try:
            digests.add(manifest.digest(read_manifest(generation)))
        except FileNotFoundError:
            continue  # removed since it was listed
    using = current()
    if using is not None and using.name is None:
        digests.add(manifest.digest(read_manifest(using)))
    return digests


def write_failed(exc: OSError, what: str, kept: Generation | None, staging: Path | None) -> StoreWriteError:
    """The error for a write that failed part-way: what failed, where (the file, else the ``staging`` folder being
    written), that nothing changed, and the fix."""
    where = exc.filename or staging
    where = f" ({paths.display_path(where)})" if where else ""
    fix = {
        errno.ENOSPC: "Free some space on the disk holding data/",
        errno.EDQUOT: "Free some of your disk quota",
        errno.EACCES: "Make data/ writable for this user",
        errno.EPERM: "Make data/ writable for this user",
        errno.EROFS: "Mount data/ read-write",
        errno.EFBIG: "Raise this shell's file-size limit (ulimit -f)",
    }.get(exc.errno, "Fix the cause")
    if kept is None:
        in_use = "nothing was held before and nothing is now"
    else:
        in_use = f"generation {kept.name} is still in use" if kept.name else "data/raw is still as it was"
    return StoreWriteError(
        f"{what}: failed part-way: {exc.strerror or exc}{where}. Nothing was changed: {in_use}, "
        f"and what was staged was removed. {fix}, then run it again."
    )

"""The store checked and repaired as a whole: ``make verify`` and ``make repair`` (``python -m helpers verify|repair``).

:func:`check` looks at everything the store keeps, as ``git fsck`` or SQLite's ``PRAGMA integrity_check`` do:
``data/raw/CURRENT``; every kept generation's manifest, its copy and the checksum of every raw file; the processed
tables built for each generation. It returns one line per problem, naming the file and the fix. Damage in a
generation that is not in use is reported too (loaders are unaffected by it).

:func:`repair` works under the writer lock, repairs only what the files on disk prove, in this order, and says what
it did:

1. a generation's manifest damaged while its copy is sound (or the other way round) is rewritten from the sound one;
2. when ``CURRENT`` cannot be followed, or names a generation whose manifest cannot be read, it is pointed at the
   newest generation that verifies whole. A readable generation in use that misses a raw file, or holds one that
   was altered, keeps the pointer: going back to an older generation would drop newer data, and the file is
   restored with the command shown instead;
3. damaged processed tables are rebuilt from raw, for every generation that verifies whole.

It never touches a raw file and never removes anything. When no generation verifies whole it says so and leaves
``CURRENT`` as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from helpers.errors import DamagedStoreError

from . import checksums, generations, lock, manifest, processed, store
from .files import atomic_write_bytes, fsync_dir
from .generations import Generation


@dataclass
class Findings:
    """What :func:`check` found: ``problems`` (``{shown path: what is wrong and the fix}``), what it looked at
    (one line each) and notes that are not damage (a generation newer than the one in use)."""

    problems: dict[str, str] = field(default_factory=dict)
    checked: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Repair:
    """What :func:`repair` did, what it could not do (and why), and the problems still there afterwards."""

    done: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    left: dict[str, str] = field(default_factory=dict)


# ----------------------------------------------------------------------------- a generation's two manifest files


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
    return _ManifestFile(path, data, *manifest.check(data))


def manifest_problems(generation: Generation, in_use: bool = True) -> dict[str, str]:
    """What is wrong with a generation's manifest and its copy: ``{shown path: what is wrong and the fix}``.

    A generation made before manifests were written twice has no copy; that is not damage. A damaged manifest
    without a sound copy cannot be restored: for the generation in use, ``make repair`` goes back to the newest
    generation that verifies whole; one not in use goes once it is older than those kept."""
    main = _manifest_file(generation.manifest_path)
    copy = _manifest_file(generation.copy_path)
    repair_ = manifest.REPAIR
    if main.problem and copy.parsed is not None:
        return {generation.shown(manifest.NAME): f"{main.problem}; restore with: {repair_} (from {manifest.COPY_NAME})"}
    if main.problem:
        no_copy = "it has no copy" if copy.data is None else "its copy is damaged too"
        lost = f"{main.problem}; {no_copy}, so it cannot be restored"
        then = (
            f"{repair_} goes back to the newest generation that verifies whole, if there is one"
            if in_use
            else f"nothing reads it, and it goes once {store.KEEP_GENERATIONS} newer generations are kept"
        )
        return {generation.shown(manifest.NAME): f"{lost}; {then}"}
    if copy.data is not None and copy.data != main.data:
        return {generation.shown(manifest.COPY_NAME): f"differs from {manifest.NAME}; restore with: {repair_}"}
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
        sound = [f for f in sound if not checksums.verify(f.parsed, generation, rehash=True)]
    if len(sound) != 1:
        return None
    source, target = (main, copy) if sound[0] is main else (copy, main)
    atomic_write_bytes(target.path, source.data)
    fsync_dir(generation.folder)
    was = target.problem or f"different from {source.path.name}"
    return f"{generation.shown(target.path.name)}: restored from {source.path.name} (it was {was})"


def _in_use() -> Generation | None:
    """The generation in use, or None when nothing is held or ``CURRENT`` cannot be followed."""
    return None if generations.pointer_problem() else generations.current()


def _generations(using: Generation | None) -> list[Generation]:
    """Every generation kept on disk, and an old-layout store in use."""
    kept = [Generation.named(name) for name in generations.kept()]
    return kept + ([using] if using is not None and using.name is None else [])


def _readable(generation: Generation) -> dict | None:
    """The generation's manifest, or None when it cannot be read."""
    try:
        return generations.read_manifest(generation)
    except (DamagedStoreError, FileNotFoundError):
        return None


def _generation_problems(generation: Generation, rehash: bool, in_use: bool) -> tuple[dict[str, str], int]:
    """Everything wrong with one generation (manifest and copy, raw files, processed tables) and how many raw
    files were checked. A raw file damaged in a generation not in use has no fix of its own: restoring it makes a
    new generation, and the damaged one goes once it is older than those kept."""
    problems = manifest_problems(generation, in_use=in_use)
    held = _readable(generation)
    if held is None:
        return problems, 0
    raw = checksums.verify(held, generation, rehash=rehash, with_fix=in_use)
    if not in_use:
        raw = {
            path: f"{text}; nothing reads it, and it goes once {store.KEEP_GENERATIONS} newer generations are kept"
            for path, text in raw.items()
        }
    problems |= raw | processed.table_problems(generation)
    return problems, len(held["files"])


def check(rehash: bool = False) -> Findings:
    """Check the whole store; ``rehash`` hashes every raw file instead of trusting unchanged sizes and times."""
    findings = Findings(problems=generations.pointer_problem())
    using = _in_use()
    if using is not None:
        pointer = f"names {using.name}" if using.name else "the old layout (no CURRENT)"
    else:
        pointer = "cannot be followed" if findings.problems else "none (nothing held)"
    kept = _generations(using)
    files = 0
    for generation in kept:
        aside = using is not None and generation != using
        problems, checked = _generation_problems(generation, rehash, in_use=not aside)
        files += checked
        if aside:
            problems = {path: f"not in use (loaders are unaffected): {text}" for path, text in problems.items()}
        findings.problems |= problems
    findings.checked = [
        f"data/raw/CURRENT: {pointer}",
        f"{len(kept)} generation{'s' if len(kept) != 1 else ''} kept: manifests and their copies, "
        f"{files} raw files {'hashed' if rehash else 'checked'} against their sha256, and their processed tables",
    ]
    if using is not None and using.name:
        findings.notes = [
            f"data/raw/generations/{name}: newer than the generation in use and never switched to "
            "(a write stopped just before its switch, or CURRENT was put back from an older copy); kept"
            for name in generations.kept()
            if name > using.name
        ]
    return findings


def _restore_pointer(repair_: Repair) -> None:
    """Point ``CURRENT`` at the newest generation that verifies whole when the generation in use cannot be read."""
    problem = generations.pointer_problem()
    using = None if problem else generations.current()
    if not problem and (using is None or _readable(using) is not None):
        return  # nothing held, or a readable generation in use: the pointer stays
    target = checksums.newest_whole()
    if target is None:
        repair_.refused.append(
            "data/raw/CURRENT: left as it is: no generation verifies whole, so none can be proved safe to use. Restore "
            "data/raw from a backup, or move data/raw/generations (and CURRENT) aside and import your exports again "
            "(make data FROM=DIR)."
        )
        return
    store.point_at(target)
    info = generations.read_manifest(target)["generation"]
    repair_.done.append(
        f"data/raw/CURRENT: now names {target.name} (made {info.get('made_at', '?')} by {info.get('made_by', '?')}; "
        f"{len(generations.read_manifest(target)['files'])} series), the newest generation that verifies whole"
    )


def _rebuild_tables(repair_: Repair) -> None:
    """Rebuild from raw the damaged processed tables of every generation that verifies whole, and build those of
    the generation in use when they are missing."""
    using = _in_use()
    for generation in _generations(using):
        if not checksums.whole(generation):
            continue
        damaged = processed.table_problems(generation)
        missing = generation == using and not damaged and not processed.is_fresh(generation)
        if damaged or missing:
            processed.build(generation)
            folder = processed.tables_dir(manifest.digest(generations.read_manifest(generation)))
            why = ", ".join(Path(path).name for path in damaged) + " damaged" if damaged else "not built yet"
            repair_.done.append(f"data/processed/{folder.name}/: rebuilt from raw ({why})")


def repair() -> Repair:
    """Repair what can be proved from what is on disk (see the module's docstring); never touches raw files and
    never removes anything. Returns what was done, what could not be, and the problems left."""
    result = Repair()
    with lock.writer("repair of the store"):
        result.done += [line for g in _generations(_in_use()) if (line := restore_manifest(g))]
        _restore_pointer(result)
        _rebuild_tables(result)
        result.left = check(rehash=True).problems
    return result

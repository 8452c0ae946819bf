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

from . import lock, processed, store
from helpers.errors import DamagedStoreError


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


def _in_use() -> store.Generation | None:
    """The generation in use, or None when nothing is held or ``CURRENT`` cannot be followed."""
    return None if store.pointer_problem() else store.current()


def _generations(using: store.Generation | None) -> list[store.Generation]:
    """Every generation kept on disk, and an old-layout store in use."""
    kept = [store.Generation.named(name) for name in store.kept_generations()]
    return kept + ([using] if using is not None and using.name is None else [])


def _readable(generation: store.Generation) -> dict | None:
    """The generation's manifest, or None when it cannot be read."""
    try:
        return store.read_manifest(generation)
    except (DamagedStoreError, FileNotFoundError):
        return None


def _generation_problems(generation: store.Generation, rehash: bool, in_use: bool) -> tuple[dict[str, str], int]:
    """Everything wrong with one generation (manifest and copy, raw files, processed tables) and how many raw
    files were checked. A raw file damaged in a generation not in use has no fix of its own: restoring it makes a
    new generation, and the damaged one goes once it is older than those kept."""
    problems = store.manifest_problems(generation, in_use=in_use)
    manifest = _readable(generation)
    if manifest is None:
        return problems, 0
    raw = store.verify(manifest, generation, rehash=rehash, with_fix=in_use)
    if not in_use:
        raw = {path: f"{text}; nothing reads it, and it goes once {store.KEEP_GENERATIONS} newer generations are kept"
               for path, text in raw.items()}
    problems |= raw | processed.table_problems(generation)
    return problems, len(manifest["files"])


def check(rehash: bool = False) -> Findings:
    """Check the whole store; ``rehash`` hashes every raw file instead of trusting unchanged sizes and times."""
    findings = Findings(problems=store.pointer_problem())
    using = _in_use()
    if using is not None:
        pointer = f"names {using.name}" if using.name else "the old layout (no CURRENT)"
    else:
        pointer = "cannot be followed" if findings.problems else "none (nothing held)"
    generations = _generations(using)
    files = 0
    for generation in generations:
        aside = using is not None and generation != using
        problems, checked = _generation_problems(generation, rehash, in_use=not aside)
        files += checked
        if aside:
            problems = {path: f"not in use (loaders are unaffected): {text}" for path, text in problems.items()}
        findings.problems |= problems
    findings.checked = [
        f"data/raw/CURRENT: {pointer}",
        f"{len(generations)} generation{'s' if len(generations) != 1 else ''} kept: manifests and their copies, "
        f"{files} raw files {'hashed' if rehash else 'checked'} against their sha256, and their processed tables",
    ]
    if using is not None and using.name:
        findings.notes = [f"data/raw/generations/{name}: newer than the generation in use and never switched to "
                          "(a write stopped just before its switch, or CURRENT was put back from an older copy); kept"
                          for name in store.kept_generations() if name > using.name]
    return findings


def _restore_pointer(repair_: Repair) -> None:
    """Point ``CURRENT`` at the newest generation that verifies whole when the generation in use cannot be read."""
    problem = store.pointer_problem()
    using = None if problem else store.current()
    if not problem and (using is None or _readable(using) is not None):
        return  # nothing held, or a readable generation in use: the pointer stays
    target = store.newest_whole()
    if target is None:
        repair_.refused.append(
            "data/raw/CURRENT: left as it is: no generation verifies whole, so none can be proved safe to use. Restore "
            "data/raw from a backup, or move data/raw/generations (and CURRENT) aside and import your exports again "
            "(make data FROM=DIR).")
        return
    store.point_at(target)
    info = store.read_manifest(target)["generation"]
    repair_.done.append(
        f"data/raw/CURRENT: now names {target.name} (made {info.get('made_at', '?')} by {info.get('made_by', '?')}; "
        f"{len(store.read_manifest(target)['files'])} series), the newest generation that verifies whole")


def _rebuild_tables(repair_: Repair) -> None:
    """Rebuild from raw the damaged processed tables of every generation that verifies whole, and build those of
    the generation in use when they are missing."""
    using = _in_use()
    for generation in _generations(using):
        if not store.whole(generation):
            continue
        damaged = processed.table_problems(generation)
        missing = generation == using and not damaged and not processed.is_fresh(generation)
        if damaged or missing:
            processed.build(generation)
            folder = processed.tables_dir(store.manifest_digest(store.read_manifest(generation)))
            why = ", ".join(Path(path).name for path in damaged) + " damaged" if damaged else "not built yet"
            repair_.done.append(f"data/processed/{folder.name}/: rebuilt from raw ({why})")


def repair() -> Repair:
    """Repair what can be proved from what is on disk (see the module's docstring); never touches raw files and
    never removes anything. Returns what was done, what could not be, and the problems left."""
    result = Repair()
    with lock.writer("repair of the store"):
        result.done += [line for g in _generations(_in_use()) if (line := store.restore_manifest(g))]
        _restore_pointer(result)
        _rebuild_tables(result)
        result.left = check(rehash=True).problems
    return result

"""Which raw generation is in use: the ``CURRENT`` pointer, the generations kept, and what the one in use holds.

Layout of ``data/raw``::

    CURRENT                          the name of the generation in use (one line)
    generations/<name>/manifest.json what the generation holds, and how it was made (helpers.data.manifest)
    generations/<name>/fred/DGS2.csv raw files, one per series (alfred/, prices/, indices/, french/ alike)

A reader resolves ``CURRENT`` once and reads only that generation, so it sees the old one or the new one, never a
mix, while a writer switches (:mod:`helpers.data.store` makes generations and switches between them). A data folder
of the old layout (files and ``manifest.json`` at the top of ``data/raw``) is read as it is.

Damage to the pointer never costs data: :func:`current` raises :class:`~helpers.errors.DamagedStoreError` when
``CURRENT`` is missing or empty while generations are on disk, holds something that is not a generation's name, or
names a generation that is not there; reading a manifest that is missing or not a manifest raises it too. Loaders
and writers therefore refuse, naming ``make repair``; nothing is guessed.

A manifest is parsed once per version of its file (:data:`helpers.caches.MANIFESTS`): every load asks which data
is in use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from helpers import caches
from helpers.errors import DamagedStoreError

from . import manifest, paths

CURRENT = "CURRENT"
GENERATIONS = "generations"
STAGING_PREFIX = ".staging-"
# A generation's name, as helpers.data.store makes it: CURRENT holding anything else is damaged.
GENERATION_NAME = re.compile(r"\d{8}T\d{6}\.\d{6}Z")


@dataclass(frozen=True)
class Generation:
    """One complete set of raw files and its manifest. ``name`` is None for the old layout."""

    name: str | None
    folder: Path

    @property
    def manifest_path(self) -> Path:
        return self.folder / manifest.NAME

    @property
    def copy_path(self) -> Path:
        return self.folder / manifest.COPY_NAME

    def path(self, relpath: str) -> Path:
        return self.folder / relpath

    def shown(self, relpath: str) -> str:
        """How a raw file is named in messages (relative to the data folder's parent: ``data/raw/...``)."""
        inside = f"{GENERATIONS}/{self.name}/{relpath}" if self.name else relpath
        return f"data/raw/{inside}"

    @classmethod
    def named(cls, name: str) -> Generation:
        """The generation ``name`` in ``data/raw/generations``."""
        return cls(name, generations_dir() / name)


def generations_dir() -> Path:
    return paths.raw_dir() / GENERATIONS


def kept() -> list[str]:
    """Names of the complete generations on disk, oldest first (folders named as generations are; staging
    folders and anything else put there are not generations)."""
    folder = generations_dir()
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and GENERATION_NAME.fullmatch(p.name))


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
    fix = f"restore with: {manifest.REPAIR}"
    for _attempt in range(2):
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
    if (paths.raw_dir() / manifest.NAME).exists():
        return Generation(None, paths.raw_dir()), {}
    names = kept()
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


class _Version:
    """One version of a manifest file, parsed once: its bytes, the series it holds, its digest, its last date."""

    def __init__(self, data: bytes, shown: str):
        parsed = manifest.parse(data, shown)
        self.data, self.keys = data, tuple(parsed["files"])
        self.digest, self.last = manifest.digest(parsed), manifest.last_observation(parsed)


def _version(generation: Generation) -> _Version | None:
    """The parsed version of a generation's manifest file, from :data:`helpers.caches.MANIFESTS`; None when the file
    is not there."""
    try:
        info = generation.manifest_path.stat()
    except FileNotFoundError:
        return None
    path = str(generation.manifest_path)
    return caches.MANIFESTS.get(
        (path, info.st_mtime_ns, info.st_size),
        lambda: _Version(Path(path).read_bytes(), generation.shown(manifest.NAME)),
    )


def read_manifest(generation: Generation | None = None) -> dict:
    """The manifest of ``generation`` (default: the one in use) as
    ``{"version", "generation": {...}, "files": {key: record}}``; empty when nothing is held.

    Each call returns a fresh dict; the file is read once per version (its size and modification time)."""
    generation = generation or current()
    if generation is None:
        return manifest.empty()
    version = _version(generation)
    if version is None:
        return manifest.empty() if generation.name is None else _missing_manifest(generation)
    return manifest.parse(version.data, generation.shown(manifest.NAME))


def _missing_manifest(generation: Generation) -> dict:
    """A generation whose manifest is not there: retired while being read (its folder is gone too: the
    ``FileNotFoundError`` makes a reader resolve ``CURRENT`` again), or damaged."""
    if not generation.folder.is_dir():
        raise FileNotFoundError(generation.manifest_path)
    raise DamagedStoreError({generation.shown(manifest.NAME): f"missing; restore with: {manifest.REPAIR}"})


def in_use() -> tuple[tuple[str, ...], str, str | None]:
    """``(keys stored, manifest digest, last observation)`` of the generation in use (``((), digest of the empty
    manifest, None)`` when nothing is held), from the parsed version of its manifest."""
    generation = current()
    if generation is None:
        return (), manifest.digest(manifest.empty()), None
    version = _version(generation)
    if version is None:
        parsed = read_manifest(generation)
        return tuple(parsed["files"]), manifest.digest(parsed), manifest.last_observation(parsed)
    return version.keys, version.digest, version.last


def stored_keys() -> list[str]:
    """Keys of the series the raw store holds in the generation in use (empty when it holds none: the sample is then
    in use; :func:`helpers.data.tables.keys_with_data` says which columns of a table hold data, sample or real)."""
    return list(in_use()[0])

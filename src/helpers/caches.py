"""Every cache of the package, in one place: what each keeps, the key it is valid for and what makes it stale.

A cache here is an object (:class:`Cache` in memory, :class:`DiskCache` in the user's cache folder) declared once
with its name, its key and its invalidation, in :data:`REGISTRY`; the module that fills it only calls it. No module
of the package keeps a cache of its own (no ``functools.lru_cache``, no memo dictionary: a unit test looks), and no
layer memoises another layer's results: the analysis layer declares its own memo of analysis results through
:meth:`Cache.memoise`, keyed by the data in use (:class:`helpers.data.identity.DataIdentity`).

Two kinds of in-memory cache:

* **content-addressed** caches are keyed by what determines their value (a manifest digest, a code hash, the
  data identity and the arguments): the same key always gives the same value, so no entry can go stale; they
  are only bounded in size;
* the others rest on the state of files on disk (a manifest's size and time, the raw files' sizes and times
  looked at every few seconds): :func:`clear` forgets them, as a test does after changing files behind a
  loader's back.

``docs/caches.md`` lists them all; a unit test checks that list against :data:`REGISTRY`.

May import: :mod:`helpers.settings` and :mod:`helpers.errors` only. Every layer may import it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from pathlib import Path

from helpers import settings

REGISTRY: dict[str, Cache | DiskCache] = {}
_MISSING = object()


class Cache:
    """One in-memory cache: ``name``, what its ``key`` is, what ``invalidated_by`` it, at most ``maxsize`` entries
    (the least recently used go first), and whether it is ``content_addressed`` (see the module's docstring)."""

    def __init__(
        self, name: str, key: str, invalidated_by: str, maxsize: int | None = None, content_addressed: bool = False
    ):
        if name in REGISTRY:
            raise ValueError(f"a cache named {name!r} is declared twice")
        self.name, self.key, self.invalidated_by = name, key, invalidated_by
        self.maxsize, self.content_addressed = maxsize, content_addressed
        self._entries: OrderedDict = OrderedDict()
        REGISTRY[name] = self

    def get(self, key, compute: Callable[[], object]):
        """The value kept for ``key``, else ``compute()`` kept for it (an exception keeps nothing)."""
        value = self._entries.get(key, _MISSING)
        if value is _MISSING:
            value = compute()
            self.put(key, value)
        elif self.maxsize is not None:
            self._entries.move_to_end(key)
        return value

    def peek(self, key, default=None):
        """The value kept for ``key`` (``default`` when none), without computing anything."""
        return self._entries.get(key, default)

    def put(self, key, value) -> None:
        self._entries[key] = value
        if self.maxsize is not None:
            self._entries.move_to_end(key)
            while len(self._entries) > self.maxsize:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)

    def memoise(self, fn=None, *, key: Callable[[], object] | None = None):
        """``fn`` computed once per arguments (and per ``key()``, when given: what else the result depends on, such
        as the data in use), then taken from this cache. Results are shared: callers must not change them in place
        (pandas' copy-on-write protects DataFrames). The wrapper's ``cache_clear`` empties the whole cache."""

        def decorate(function):
            name = (function.__module__, function.__qualname__)

            @wraps(function)
            def wrapper(*args, **kwargs):
                if args or kwargs or key is not None:
                    entry = (name, args, tuple(sorted(kwargs.items())), key() if key is not None else None)
                else:
                    entry = name  # the common case of a function of nothing: no key to build
                return self.get(entry, lambda: function(*args, **kwargs))

            wrapper.cache_clear = self.clear
            return wrapper

        return decorate(fn) if fn is not None else decorate


class DiskCache:
    """A cache kept as JSON files in the user's cache folder (``XDG_CACHE_HOME``, :mod:`helpers.settings`): one file
    per key, under ``great-rotation-helpers/<folder>/``, written atomically; a missing or unreadable file is an empty
    entry (everything is computed again)."""

    def __init__(self, name: str, folder: str, key: str, invalidated_by: str):
        if name in REGISTRY:
            raise ValueError(f"a cache named {name!r} is declared twice")
        self.name, self.folder_name, self.key, self.invalidated_by = name, folder, key, invalidated_by
        self.content_addressed = False
        REGISTRY[name] = self

    def folder(self) -> Path:
        return settings.cache_home() / "great-rotation-helpers" / self.folder_name

    def path(self, key: str) -> Path:
        """The file of ``key`` (its sha256, shortened: keys may be paths)."""
        return self.folder() / f"{hashlib.sha256(key.encode()).hexdigest()[:24]}.json"

    def read(self, key: str) -> dict:
        try:
            return json.loads(self.path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def write(self, key: str, value: dict) -> None:
        """Keep ``value`` for ``key``; a cache folder that cannot be written is no error (nothing is kept)."""
        path = self.path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(json.dumps(value))
            os.replace(tmp, path)
        except OSError:
            pass

    def clear(self) -> None:
        """Nothing: the files stay (their entries are checked against the files they describe when read)."""


def clear(everything: bool = False) -> None:
    """Forget what every in-memory cache resting on the state of files holds (the tests call it after changing
    files behind a loader's back); ``everything`` empties the content-addressed ones too."""
    for cache in REGISTRY.values():
        if everything or not cache.content_addressed:
            cache.clear()


def table() -> list[dict[str, str]]:
    """Every cache declared so far: name, where it lives, its key and what invalidates it (for docs/caches.md)."""
    rows = []
    for cache in REGISTRY.values():
        kind = (
            "disk"
            if isinstance(cache, DiskCache)
            else "memory, content-addressed"
            if cache.content_addressed
            else "memory"
        )
        rows.append({"name": cache.name, "kind": kind, "key": cache.key, "invalidated_by": cache.invalidated_by})
    return rows


# ----------------------------------------------------------------------------- the caches, declared once

RESTAT_SECONDS = 2.0

MANIFESTS = Cache(
    "manifest files",
    maxsize=8,
    key="a manifest file's path, modification time (ns) and size",
    invalidated_by="another version of the file (another time or size); a new generation is another path",
)
RAW_FILE_STATS = Cache(
    "raw file stats",
    maxsize=1,
    key="the generation in use (its folder) and its manifest's time and size",
    invalidated_by=f"{RESTAT_SECONDS:g} s after they were taken: every raw file's size and time are looked at again "
    "(an edit by hand is caught on the next load after that)",
)
VERIFIED_TABLES = Cache(
    "verified processed tables",
    maxsize=1,
    key="the size and time of the manifest and of every raw file of the generation in use",
    invalidated_by="any of them changing: the raw checksums are verified again and the processed tables built when "
    "missing (helpers.data.processed.ensure)",
)
PROCESSED_TABLES = Cache(
    "processed tables",
    maxsize=16,
    content_addressed=True,
    key="the table's name and the manifest digest of its generation",
    invalidated_by="nothing (a new import is another digest); the 16 least recently read are kept",
)
VINTAGE_ARCHIVES = Cache(
    "vintage archives",
    maxsize=1,
    content_addressed=True,
    key="the vintages table in use (the very frame the tables cache handed out)",
    invalidated_by="another vintages table (another generation, the sample)",
)
SAMPLE_TABLES = Cache(
    "sample tables",
    maxsize=1,
    content_addressed=True,
    key="none: the sample is generated by the package's own code, the same for the whole process",
    invalidated_by="nothing in a process (the generator is deterministic); on disk, data/processed/sample/ is "
    "regenerated when its version.txt differs",
)
SAMPLE_PARTS = Cache(
    "sample generator parts",
    content_addressed=True,
    key="the part (the daily factors, the parsed files): the generator is deterministic",
    invalidated_by="nothing in a process",
)
CATALOG = Cache(
    "catalog",
    content_addressed=True,
    key="none: catalog.csv is part of the installed package",
    invalidated_by="nothing in a process",
)
ENVIRONMENT_HASH = Cache(
    "environment hash",
    maxsize=1,
    content_addressed=True,
    key="none: the Python version and the distributions installed when the process started",
    invalidated_by="nothing in a process (a package installed meanwhile is seen by the next process)",
)
CHECKSUMS = DiskCache(
    "checksums of raw files",
    "verified",
    key="a generation's folder (its resolved path); per raw file, the size, time and sha256 last found intact",
    invalidated_by="a raw file whose size or time differ from those kept is hashed again; make verify and "
    "make repair hash every file",
)

"""Reading the whole tables of the data in use: the processed tables of the raw generation ``CURRENT`` names, or the
synthetic sample's when nothing is held. The loaders (:mod:`helpers.data.load`) cut them.

A table is read once per generation and kept (:data:`helpers.caches.PROCESSED_TABLES`); before handing one out, the
raw files of the generation in use are checked: their sizes and times every few seconds
(:data:`helpers.caches.RAW_FILE_STATS`), and on any change their checksums, which builds the tables when they are
missing (:func:`helpers.data.processed.ensure`, :data:`helpers.caches.VERIFIED_TABLES`). A table never mixes
generations: the generation is resolved once per read.

A loader never reads damaged data: a lost or garbled ``data/raw/CURRENT``, an unreadable manifest, a raw file that
no longer matches its checksum or a processed table that cannot be read raises
:class:`~helpers.errors.DamagedStoreError`, naming the file and the fix, never the sample in its place.
"""

from __future__ import annotations

import time
from functools import partial

import pandas as pd

from helpers import caches

from . import generations, identity, processed, sample, vintages


def _raw_stats(generation) -> tuple:
    """The generation's name and the size and modification time of its manifest and raw files: a cheap
    change detector (an import switches the generation; an edit in place changes a file's stats)."""
    items = [generation.manifest_path, *sorted(generation.folder.glob("*/*.csv"))]
    stats = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in items if p.exists())
    return (generation.name, stats)


def _current_stats(generation) -> tuple:
    """:func:`_raw_stats`, taken again once :data:`helpers.caches.RESTAT_SECONDS` have passed or the generation or
    its manifest changed (a notebook loads hundreds of times; each full look stats every raw file)."""
    manifest = generation.manifest_path.stat()
    key = (str(generation.folder), manifest.st_mtime_ns, manifest.st_size)
    entry = caches.RAW_FILE_STATS.peek(key)
    now = time.monotonic()
    if entry is None or now - entry[1] > caches.RESTAT_SECONDS:
        entry = (_raw_stats(generation), now)
        caches.RAW_FILE_STATS.put(key, entry)
    return entry[0]


def _real_table(name: str) -> pd.DataFrame:
    """A processed table of the generation in use, which is resolved once per call."""
    for attempt in range(3):
        generation = generations.current()
        try:
            stats = _current_stats(generation)
            digest = caches.VERIFIED_TABLES.get(stats, partial(processed.ensure, generation))
            return caches.PROCESSED_TABLES.get((name, digest), partial(processed.read, name, digest))
        except FileNotFoundError:
            # the generation was retired between resolving and reading it (a reader that slept through
            # several imports): resolve the generation in use again
            caches.RAW_FILE_STATS.clear()
            caches.VERIFIED_TABLES.clear()
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


@caches.SAMPLE_TABLES.memoise
def sample_tables() -> dict[str, pd.DataFrame]:
    """The synthetic sample's tables (:func:`helpers.data.sample.cached_tables`), once per process."""
    return sample.cached_tables()


def table(name: str, data: identity.DataIdentity | None = None) -> pd.DataFrame:
    """A whole table of the data in use (``data``, default :func:`helpers.data.identity.current`), not cut at the
    as-of date.

    The cached frame itself: pandas' copy-on-write (the default from pandas 3) copies it the moment a caller
    changes it, so handing it out is safe and saves copying a whole table on every load."""
    data = data or identity.current()
    if data.is_sample:
        return sample_tables()[name]
    return _real_table(name)


def keys_with_data(source: str) -> list[str]:
    """Keys of ``source`` (``prices``, ``indices``, ``fred``) with any observation in the data in use (real or
    sample); :func:`helpers.data.generations.stored_keys` lists what the raw store holds instead."""
    frame = table(source)
    return [key for key in frame.columns if frame[key].notna().any()]


def vintage_archive(data: identity.DataIdentity | None = None) -> vintages.Archive:
    """The ALFRED vintages of the data in use, indexed once per vintages table read
    (:data:`helpers.caches.VINTAGE_ARCHIVES`)."""
    frame = table("vintages", data)
    entry = caches.VINTAGE_ARCHIVES.peek("vintages")
    if entry is None or entry[0] is not frame:
        entry = (frame, vintages.Archive(frame))
        caches.VINTAGE_ARCHIVES.put("vintages", entry)
    return entry[1]

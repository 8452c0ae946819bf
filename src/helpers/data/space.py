"""Free space before a write: what staging a generation and building its tables needs, checked before anything is
written (a write that fails part-way anyway is :func:`helpers.data.store.write_failed`)."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers.errors import StoreWriteError

from . import generations, paths, testhooks
from .generations import Generation

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
    held = generations.read_manifest(base)["files"] if base is not None else {}
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
            "free. Nothing was changed. Free some space, then run it again."
        )

"""Do a generation's raw files still match their manifest? Every loader, writer and ``make verify`` asks here.

A file is hashed again only when its size or modification time differ from the last time it was hashed and found
intact (kept per generation in the user's cache folder, :data:`helpers.caches.CHECKSUMS`), as git does with its
index: an edit or truncation changes them, and a notebook kernel does not read the whole store to start.
``make verify`` and ``make repair`` hash every file.
"""

from __future__ import annotations

from helpers import caches
from helpers.errors import DamagedStoreError

from . import generations
from .files import sha256_file
from .generations import Generation


def fix_command(key: str, record: dict) -> str:
    """The command that restores a raw file, given how it was obtained."""
    origin = record.get("origin", "")
    if origin.startswith("folder "):
        return f"make data FROM={origin.removeprefix('folder ')} ONLY={key}"
    return f"python -m helpers data --only {key}"


def verify(
    manifest: dict | None = None, generation: Generation | None = None, rehash: bool = False, with_fix: bool = True
) -> dict[str, str]:
    """Raw files of a generation (default: the one in use) that are missing or whose sha256 differs from the
    manifest. Returns ``{shown path: what is wrong and the command that restores it}`` (without the command when
    not ``with_fix``: it restores the file in a new generation, not in an older one); empty when all is well.

    ``rehash`` hashes every file instead of trusting unchanged sizes and times (``make verify``, ``make repair``).
    """
    generation = generation or generations.current()
    if generation is None:
        return {}
    manifest = manifest or generations.read_manifest(generation)
    cache_key = str(generation.folder.resolve())
    known = {} if rehash else caches.CHECKSUMS.read(cache_key)
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
        caches.CHECKSUMS.write(cache_key, intact)  # no writable cache folder: everything is hashed again next time
    return problems


def whole(generation: Generation, rehash: bool = False) -> bool:
    """True when the generation's manifest can be read and every raw file matches its checksum."""
    try:
        return not verify(generation=generation, rehash=rehash)
    except (DamagedStoreError, FileNotFoundError):
        return False


def newest_whole(rehash: bool = True) -> Generation | None:
    """The newest kept generation that verifies whole, or None."""
    for name in reversed(generations.kept()):
        if whole(Generation.named(name), rehash=rehash):
            return Generation.named(name)
    return None

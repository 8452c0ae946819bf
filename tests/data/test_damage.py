"""Issue 19: damage to the store's own records never costs data (real files, commands run as `make` runs them).

Each test holds a small store of two generations (an old export, then a newer one, cut from the snapshot or made
up when it is absent), damages it the way a sync tool, a half-restored backup, a full disk or a careless `rm`
would, then runs `make status`, a loader, an import of a partial folder (IWM's last 40 rows), `make verify` and
`make repair` as subprocesses, and checks that nothing held was deleted or shrunk and what each one said.

Write failures are simulated: a fault hook (``DIR/<point>.fail`` in ``HELPERS_TEST_HOOKS``) raises the OSError a
full disk (``ENOSPC``) or a read-only folder (``EACCES``) raises at a named point of the write, and
``DIR/free-bytes`` fakes the free space. The tests run as root, which ignores permission bits, so a folder made
read-only would not stop the writer here; the hook raises exactly what a non-root writer gets. One test hits a
real kernel error instead: a file-size limit (``RLIMIT_FSIZE``) makes a write fail with ``EFBIG``.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from faults import Writer, vintage

from conftest import cut_rows, generation_folder, tree_digest, write_folder
from helpers.data import checksums, generations, identity, integrity, processed, refresh

pytestmark = pytest.mark.slow  # runs the commands as subprocesses on real stores: left out of make unit

LOAD = "import helpers as h; print('IWM rows:', len(h.load_prices(['IWM'])))"


@pytest.fixture
def two_generations(data_dir, cuts) -> list[str]:
    """The store holding the old export, then the new one (in use): the names of its two generations."""
    for name in ("old", "new"):
        assert refresh.import_folder(cuts[name], progress=False).ok
    return generations.kept()


@pytest.fixture
def partial(cuts, tmp_path) -> Path:
    """An import folder holding only IWM's last 40 rows (what shrank the store in the issue)."""
    text = (cuts["new"] / "prices/IWM.csv").read_text()
    return write_folder(tmp_path / "partial", {"prices/IWM.csv": cut_rows(text, tail=40)})


def run(data_dir: Path, tmp_path: Path, *args: str, **options) -> tuple[int, str]:
    """``python -m helpers ARGS`` (or ``python -c script``) as a user runs it: exit code and output."""
    writer = Writer(list(args), data_dir, tmp_path / "logs", **options)
    return writer.wait(), writer.output()


def commands(data_dir: Path, tmp_path: Path, partial: Path) -> tuple[dict[str, tuple[int, str]], bool]:
    """status, a load, an import of the partial folder, verify and repair, in that order: each one's exit code and
    output, and whether the import changed any file of the data folder."""
    out = {"status": run(data_dir, tmp_path, "status"), "load": run(data_dir, tmp_path, script=LOAD)}
    before = tree_digest(data_dir)
    out["import"] = run(data_dir, tmp_path, "data", "--from", str(partial), "--quiet")
    import_changed = tree_digest(data_dir) != before
    for command in ("verify", "repair"):
        out[command] = run(data_dir, tmp_path, command)
    return out, import_changed


def assert_whole(data_dir: Path, cuts, kept: list[str], export: str = "new") -> None:
    """History intact: every generation still on disk, the whole store verifies (as `make verify` checks it) and
    holds ``export``."""
    assert set(kept) <= set(generations.kept())
    assert vintage(data_dir, cuts) == export
    assert integrity.check(rehash=True).problems == {}


POINTER_DAMAGE = {
    "removed (a careless rm)": lambda pointer: pointer.unlink(),
    "emptied (a full disk)": lambda pointer: pointer.write_bytes(b""),
    "garbled (a sync tool)": lambda pointer: pointer.write_bytes(b"\x00\x93<<<<<<< conflict\n"),
    "naming a missing generation (a half-restored backup)": lambda p: p.write_text("20250101T000000.000000Z\n"),
}


@pytest.mark.parametrize("damage", list(POINTER_DAMAGE))
def test_a_damaged_pointer_is_named_refused_and_repaired_to_the_newest_whole_generation(
    data_dir, cuts, two_generations, partial, tmp_path, damage
):
    POINTER_DAMAGE[damage](data_dir / "raw" / "CURRENT")
    out, import_changed = commands(data_dir, tmp_path, partial)
    code, text = out["status"]
    assert code == 1 and "SYNTHETIC SAMPLE" not in text and "Traceback" not in text, text
    assert "Data in use: NONE READABLE" in text and "data/raw/CURRENT: " in text and "restore with: make repair" in text
    code, text = out["load"]
    assert code == 1 and "helpers.errors.DamagedStoreError: the data store is damaged" in text and "make repair" in text
    code, text = out["import"]
    assert code == 2 and "refused: building on a damaged store would drop the history it holds" in text, text
    assert not import_changed and generations.kept() == two_generations
    code, text = out["verify"]
    assert code == 1 and "data/raw/CURRENT: " in text, text
    code, text = out["repair"]
    assert code == 0 and f"repaired: data/raw/CURRENT: now names {two_generations[-1]}" in text, text
    assert_whole(data_dir, cuts, two_generations)


def test_a_truncated_manifest_in_use_is_restored_from_its_copy(data_dir, cuts, two_generations, partial, tmp_path):
    manifest = generation_folder(data_dir) / "manifest.json"
    manifest.write_bytes(manifest.read_bytes()[:500])
    shown = f"data/raw/generations/{two_generations[-1]}/manifest.json"
    out, import_changed = commands(data_dir, tmp_path, partial)
    code, text = out["status"]
    assert code == 1 and f"{shown}: not valid JSON" in text and "JSONDecodeError" not in text, text
    code, text = out["load"]
    assert code == 1 and "DamagedStoreError" in text and shown in text and "make repair" in text, text
    assert out["import"][0] == 2 and not import_changed
    assert out["verify"][0] == 1 and shown in out["verify"][1]
    code, text = out["repair"]
    assert code == 0 and f"repaired: {shown}: restored from manifest.copy.json" in text, text
    assert_whole(data_dir, cuts, two_generations)


def test_with_both_manifests_damaged_repair_goes_back_to_the_newest_whole_generation(
    data_dir, cuts, two_generations, partial, tmp_path
):
    newest = generation_folder(data_dir)
    for name in ("manifest.json", "manifest.copy.json"):
        (newest / name).write_text('{"files": {"IWM": ')
    out, _ = commands(data_dir, tmp_path, partial)
    assert out["status"][0] == 1 and out["load"][0] == 1 and out["import"][0] == 2
    code, text = out["repair"]
    assert code == 1 and f"repaired: data/raw/CURRENT: now names {two_generations[0]}" in text, text
    # the damaged generation is kept, and still reported
    assert "not in use (loaders are unaffected): not valid JSON" in text and "its copy is damaged too" in text
    assert set(generations.kept()) == set(two_generations)
    assert vintage(data_dir, cuts) == "old"


def test_a_damaged_manifest_in_an_older_generation_stops_no_loader(data_dir, cuts, two_generations, partial, tmp_path):
    older = data_dir / "raw" / "generations" / two_generations[0]
    (older / "manifest.json").write_bytes(b"\xff\xfe garbled by a sync tool")
    shown = f"data/raw/generations/{two_generations[0]}/manifest.json"
    out, _ = commands(data_dir, tmp_path, partial)
    code, text = out["status"]
    assert code == 1 and "Data in use: real (10 series" in text and f"{shown}: not in use" in text, text
    code, text = out["load"]
    assert code == 0 and "IWM rows:" in text, text
    code, text = out["import"]
    assert code == 0 and "stored 1 series" in text, text
    assert out["verify"][0] == 1 and shown in out["verify"][1]
    code, text = out["repair"]
    assert code == 0 and f"repaired: {shown}: restored from manifest.copy.json" in text, text
    assert set(two_generations) <= set(generations.kept()) and checksums.verify() == {}


RAW_DAMAGE = {
    "deleted": lambda path: path.unlink(),
    "altered": lambda path: path.write_text(path.read_text().rstrip("\n") + "1\n"),  # the last close, x10
}


@pytest.mark.parametrize("damage", list(RAW_DAMAGE))
def test_a_missing_or_altered_raw_file_is_named_with_its_fix_and_never_rolled_back(
    data_dir, cuts, two_generations, partial, tmp_path, damage
):
    RAW_DAMAGE[damage](generation_folder(data_dir) / "prices/SPY.csv")
    out, _ = commands(data_dir, tmp_path, partial)
    code, text = out["status"]
    assert code == 1 and "prices/SPY.csv: " in text and "ONLY=SPY" in text, text
    code, text = out["load"]
    assert code == 1 and "RawDataChangedError" in text and "SPY.csv" in text and "make repair" in text, text
    code, text = out["import"]
    assert code == 1 and "DAMAGED (1)" in text, text  # IWM is stored; SPY is carried over as it is, and reported
    assert out["verify"][0] == 1 and "prices/SPY.csv" in out["verify"][1]
    in_use = (data_dir / "raw" / "CURRENT").read_text()
    code, text = out["repair"]
    assert code == 1 and "STILL DAMAGED" in text and "ONLY=SPY" in text, text
    assert (data_dir / "raw" / "CURRENT").read_text() == in_use  # going back a generation would drop newer data
    assert set(two_generations) <= set(generations.kept())
    assert run(data_dir, tmp_path, "data", "--from", str(cuts["new"]), "--only", "SPY", "--quiet")[0] == 0  # its fix
    assert vintage(data_dir, cuts) == "new" and two_generations[-1] in generations.kept()
    code, text = run(data_dir, tmp_path, "verify")  # the generations made while SPY was damaged stay as they are
    left = [line for line in text.splitlines() if line.startswith("  data/")]
    assert code == 1 and left and all("not in use (loaders are unaffected)" in line for line in left), text


def test_a_truncated_processed_table_is_refused_then_rebuilt_from_raw(data_dir, cuts, two_generations, tmp_path):
    table = processed.tables_dir(identity.current().digest) / "prices.parquet"
    table.write_bytes(table.read_bytes()[:1000])
    shown = f"data/processed/{table.parent.name}/prices.parquet"
    code, text = run(data_dir, tmp_path, "status")
    assert code == 1 and f"{shown}: edited or truncated since it was built; rebuild with: make repair" in text, text
    code, text = run(data_dir, tmp_path, script=LOAD)
    assert code == 1 and f"{shown}: not a readable Parquet table" in text and "make repair" in text, text
    assert str(data_dir) not in text  # no machine-specific path
    assert run(data_dir, tmp_path, "verify")[0] == 1
    code, text = run(data_dir, tmp_path, "repair")
    assert code == 0 and f"data/processed/{table.parent.name}/: rebuilt from raw (prices.parquet damaged)" in text, text
    assert_whole(data_dir, cuts, two_generations)


def test_nothing_is_repaired_when_no_generation_verifies_whole(data_dir, small_folder, tmp_path):
    assert refresh.import_folder(small_folder, progress=False).ok
    folder = generation_folder(data_dir)
    for name in ("manifest.json", "manifest.copy.json"):
        (folder / name).write_text("")
    (data_dir / "raw" / "CURRENT").unlink()
    before = tree_digest(data_dir)
    code, text = run(data_dir, tmp_path, "repair")
    assert code == 1 and "NOT REPAIRED: data/raw/CURRENT: left as it is: no generation verifies whole" in text, text
    assert "manifest.json: not valid JSON" in text and "its copy is damaged too, so it cannot be restored" in text
    assert tree_digest(data_dir) == before and (folder / "prices/IWM.csv").exists()


# ---------------------------------------------------------------- writes that fail part-way

FAILURES = {
    "series-3": "ENOSPC",  # three series staged, the disk fills
    "tables-staged": "EACCES",  # the processed tables written, data/processed made read-only
    "renamed": "ENOSPC",  # the generation renamed, CURRENT cannot be written
}


@pytest.mark.parametrize("point", list(FAILURES))
def test_a_write_failing_part_way_leaves_the_previous_generation_in_use(data_dir, cuts, tmp_path, point):
    assert refresh.import_folder(cuts["old"], progress=False).ok
    before = tree_digest(data_dir)
    pause = tmp_path / "faults"
    pause.mkdir()
    (pause / f"{point}.fail").write_text(FAILURES[point])
    code, text = run(data_dir, tmp_path, "data", "--from", str(cuts["new"]), "--quiet", pause_dir=pause)
    strerror = os.strerror(getattr(errno, FAILURES[point]))
    assert code == 2 and f"failed part-way: {strerror} (" in text and ". Nothing was changed: generation " in text, text
    assert "Traceback" not in text
    assert tree_digest(data_dir) == before and vintage(data_dir, cuts) == "old"
    assert not [p for p in (data_dir / "raw" / "generations").iterdir() if p.name.startswith(".")]
    assert not [p for p in (data_dir / "processed").iterdir() if p.name.startswith(".")]
    assert run(data_dir, tmp_path, "data", "--from", str(cuts["new"]), "--quiet")[0] == 0  # the fault gone
    assert vintage(data_dir, cuts) == "new"


def test_an_import_without_the_free_space_it_needs_does_not_start(data_dir, cuts, tmp_path):
    assert refresh.import_folder(cuts["old"], progress=False).ok
    before = tree_digest(data_dir)
    pause = tmp_path / "faults"
    pause.mkdir()
    (pause / "free-bytes").write_text("50000")
    code, text = run(data_dir, tmp_path, "data", "--from", str(cuts["new"]), "--quiet", pause_dir=pause)
    assert code == 2 and "not started, not enough free space: it needs about " in text, text
    assert "and 0.1 MB are free. Nothing was changed." in text
    assert tree_digest(data_dir) == before


def test_a_real_write_error_part_way_changes_nothing(data_dir, cuts, tmp_path):
    """No hook: the kernel refuses to write a file larger than the process's limit (EFBIG), the way a full disk
    refuses a write, once some files are staged."""
    assert refresh.import_folder(cuts["old"], progress=False).ok
    before = tree_digest(data_dir)
    limit = min((cuts["new"] / relpath).stat().st_size for relpath in ("prices/IWM.csv", "prices/SPY.csv")) - 1
    code, text = run(data_dir, tmp_path, "data", "--from", str(cuts["new"]), "--quiet", file_size_limit=limit)
    assert code == 2 and f"failed part-way: {os.strerror(errno.EFBIG)} (" in text and "Traceback" not in text, text
    assert tree_digest(data_dir) == before and vintage(data_dir, cuts) == "old"

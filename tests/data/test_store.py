import os

import pytest

from conftest import raw_file, read_manifest, tree_digest
from helpers import caches
from helpers.data import checksums, files, generations, load, processed, refresh
from helpers.errors import RawDataChangedError


def test_atomic_write_replaces_whole_file(tmp_path):
    target = tmp_path / "a" / "file.csv"
    files.atomic_write_bytes(target, b"old")
    files.atomic_write_bytes(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert [p.name for p in target.parent.iterdir()] == ["file.csv"]  # no temporary left behind


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "file.csv"
    files.atomic_write_bytes(target, b"good data")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        files.atomic_write_bytes(target, b"half")
    assert target.read_bytes() == b"good data"
    assert [p.name for p in tmp_path.iterdir()] == ["file.csv"]


def test_manifest_records_each_stored_file(data_dir, small_folder):
    refresh.import_folder(small_folder, progress=False)
    held = read_manifest(data_dir)["files"]
    record = held["DGS2"]
    assert record["source"] == "fred" and record["id"] == "DGS2"
    assert record["path"] == "fred/DGS2.csv"
    assert (record["first"], record["last"], record["rows"]) == ("2024-01-02", "2024-01-05", 4)
    assert record["sha256"] == files.sha256_file(raw_file(data_dir, "fred/DGS2.csv"))
    assert record["retrieved_at"].endswith("Z")
    assert held["ff5_monthly"]["last"] == "2024-01-31"


def test_an_edited_raw_file_is_reported_with_its_fix(data_dir, small_folder):
    refresh.import_folder(small_folder, progress=False)
    processed.build()
    before = tree_digest(data_dir / "processed")
    raw = raw_file(data_dir, "prices/IWM.csv")
    raw.write_bytes(raw.read_bytes()[:40])  # truncated
    problems = checksums.verify()
    ((shown, fix),) = problems.items()
    assert shown == f"data/raw/generations/{generations.current().name}/prices/IWM.csv"
    assert "make data FROM=" in fix and "ONLY=IWM" in fix
    caches.clear()
    with pytest.raises(RawDataChangedError, match="prices/IWM.csv"):
        load.load_prices(["IWM"])
    assert tree_digest(data_dir / "processed") == before  # nothing rebuilt from the bad file


def test_a_deleted_raw_file_is_reported(data_dir, small_folder):
    refresh.import_folder(small_folder, progress=False)
    raw_file(data_dir, "fred/DFF.csv").unlink()
    assert "missing" in checksums.verify()[generations.current().shown("fred/DFF.csv")]


def test_downloaded_files_are_fixed_by_the_download_command():
    record = {"origin": "FRED API"}
    assert checksums.fix_command("DGS2", record) == "python -m helpers data --only DGS2"

"""Generations of the raw store: the layout, the old layout read and moved, what is kept and cleaned, status."""

import json
import os
import shutil

import pandas as pd

from conftest import SMALL_FOLDER, generation_folder, read_manifest, write_folder
from helpers import cli, hashes, settings
from helpers.data import checksums, generations, identity, load, refresh, status, store
from helpers.data.files import sha256_bytes


def _old_layout(data_dir, files: dict[str, str]) -> None:
    """A data folder as the code before generations left it: files and manifest.json at the top of data/raw,
    processed tables at the top of data/processed."""
    from helpers.data import catalog
    from helpers.data.parsers import observation_range, parse_file

    records = {}
    for relpath, text in files.items():
        entry = catalog.by_relpath()[relpath]
        (data_dir / "raw" / relpath).parent.mkdir(parents=True, exist_ok=True)
        (data_dir / "raw" / relpath).write_text(text)
        first, last, rows = observation_range(parse_file(entry, text.encode(), relpath))
        records[entry.key] = {
            "source": entry.source,
            "id": entry.source_id,
            "path": relpath,
            "retrieved_at": "2026-07-01T09:00:00Z",
            "origin": "folder ../old",
            "first": f"{first:%Y-%m-%d}",
            "last": f"{last:%Y-%m-%d}",
            "rows": rows,
            "sha256": sha256_bytes(text.encode()),
        }
    (data_dir / "raw" / "manifest.json").write_text(json.dumps({"version": 1, "files": records}))
    (data_dir / "processed" / "prices.parquet").write_bytes(b"old table")
    (data_dir / "processed" / "build.json").write_text("{}")


def test_an_import_makes_a_generation_named_by_current(data_dir, small_folder):
    report = refresh.import_folder(small_folder, progress=False)
    name = (data_dir / "raw" / "CURRENT").read_text().strip()
    assert report.generation == name and generation_folder(data_dir).name == name
    info = read_manifest(data_dir)["generation"]
    assert info["made_by"].startswith("import from") and info["previous"] is None
    assert sorted(info["changed"]) == sorted(report.stored)
    digest = identity.current().digest
    assert sorted(p.name for p in (data_dir / "processed").iterdir()) == [f"{digest}-{hashes.table_code_hash()}"]


def test_unchanged_files_are_hard_links_to_the_previous_generation(data_dir, small_folder, tmp_path):
    refresh.import_folder(small_folder, progress=False)
    first = generation_folder(data_dir)
    newer = write_folder(tmp_path / "newer", {"prices/IWM.csv": "Date,Adj Close\n2024-01-05,194.1\n2024-01-08,199.0\n"})
    refresh.import_folder(newer, progress=False)
    second = generation_folder(data_dir)
    assert second != first
    assert os.path.samefile(first / "fred/DGS2.csv", second / "fred/DGS2.csv")
    assert not os.path.samefile(first / "prices/IWM.csv", second / "prices/IWM.csv")
    assert read_manifest(data_dir)["generation"]["changed"] == ["IWM"]


def test_three_generations_are_kept_and_their_tables_only(data_dir, small_folder, tmp_path):
    refresh.import_folder(small_folder, progress=False)
    for day in range(8, 13):
        newer = write_folder(
            tmp_path / f"n{day}",
            {"prices/IWM.csv": f"Date,Adj Close\n2024-01-05,194.1\n2024-01-{day:02d},{190 + day}.0\n"},
        )
        assert refresh.import_folder(newer, progress=False).ok
    kept = generations.kept()
    assert len(kept) == store.KEEP_GENERATIONS and kept[-1] == generations.current().name
    tables = sorted(p.name[:16] for p in (data_dir / "processed").iterdir() if p.is_dir())
    assert tables == sorted(store.kept_digests())
    assert load.load_prices(["IWM"])["IWM"].index[-1] == pd.Timestamp("2024-01-12")


def test_the_next_writer_cleans_what_killed_writers_left(data_dir, small_folder, tmp_path):
    """Staging folders and temporary pointers are removed; a whole generation newer than the one in use (made but
    never switched to, or CURRENT put back from an older copy) is not removed on a guess: it is kept, and noted."""
    from helpers.data import integrity

    refresh.import_folder(small_folder, progress=False)
    kept = data_dir / "raw" / "generations"
    (kept / ".staging-20990101T000000.000000Z" / "prices").mkdir(parents=True)
    (kept / ".staging-20990101T000000.000000Z" / "prices" / "IWM.csv").write_text("half")
    shutil.copytree(generation_folder(data_dir), kept / "20990101T000000.000000Z")  # made, never switched to
    (data_dir / "raw" / ".CURRENT.x1y2.tmp").write_text("2099")
    (data_dir / "processed" / ".staging-abc-123").mkdir()
    newer = write_folder(
        tmp_path / "newer", {"fred/DFF.csv": "observation_date,DFF\n2024-01-03,5.33\n2024-01-04,5.32\n"}
    )
    assert refresh.import_folder(newer, progress=False).ok
    assert [p.name for p in kept.iterdir() if p.name.startswith(".") or p.name.startswith("2099")] == [
        "20990101T000000.000000Z"
    ]
    assert not list((data_dir / "raw").glob(".CURRENT*"))
    assert not [p for p in (data_dir / "processed").iterdir() if p.name.startswith(".")]
    assert checksums.verify() == {}
    (note,) = integrity.check().notes
    assert note.startswith("data/raw/generations/20990101T000000.000000Z: newer than the generation in use")


def test_generations_are_removed_only_while_the_one_in_use_verifies_whole(data_dir, small_folder, tmp_path):
    """With a raw file missing from the generation in use, writers keep every generation (none is proved
    unneeded); once it is restored, the next write removes those older than the ones kept."""
    refresh.import_folder(small_folder, progress=False)
    (generation_folder(data_dir) / "fred/DFF.csv").unlink()
    for day in range(8, 13):
        text = f"Date,Adj Close\n2024-01-05,194.1\n2024-01-{day:02d},{190 + day}.0\n"
        newer = write_folder(tmp_path / f"n{day}", {"prices/IWM.csv": text})
        refresh.import_folder(newer, progress=False)
    assert len(generations.kept()) == 6
    assert refresh.import_folder(small_folder, only=["DFF"], progress=False).ok
    assert len(generations.kept()) == store.KEEP_GENERATIONS and checksums.verify() == {}


def test_an_old_layout_is_read_as_it_is_then_moved_by_the_next_write(data_dir, tmp_path, capsys):
    _old_layout(data_dir, SMALL_FOLDER)
    assert identity.current().is_real
    assert load.load_prices(["IWM"])["IWM"].iloc[-1] == 194.1
    assert status.data_status().loc["IWM", "check"] == "ok"
    assert "the old layout" in status.generation_line()
    newer = write_folder(tmp_path / "newer", {"prices/IWM.csv": "Date,Adj Close\n2024-01-05,194.1\n2024-01-08,199.0\n"})
    assert cli.main(["data", "--from", str(newer), "--quiet"]) == 0
    assert not (data_dir / "raw" / "manifest.json").exists() and not (data_dir / "raw" / "prices").exists()
    assert not (data_dir / "processed" / "prices.parquet").exists()
    moved, made = generations.kept()
    moved_manifest = generations.read_manifest(generations.Generation(moved, data_dir / "raw" / "generations" / moved))
    assert moved_manifest["generation"]["made_by"] == "moved from the old layout of data/raw"
    files = read_manifest(data_dir)["files"]
    assert files["DGS2"]["sha256"] == sha256_bytes(SMALL_FOLDER["fred/DGS2.csv"].encode())
    assert [p["origin"] for p in files["IWM"]["parts"]] == ["folder ../old", files["IWM"]["origin"]]
    iwm = load.load_prices(["IWM"])["IWM"]
    assert (iwm.index[0], iwm.index[-1], len(iwm)) == (pd.Timestamp("2024-01-02"), pd.Timestamp("2024-01-08"), 5)
    assert checksums.verify() == {}


def test_status_names_the_generation_and_flags_lagging_series(data_dir, tmp_path, capsys):
    folder = write_folder(
        tmp_path / "exports",
        {
            "prices/IWM.csv": "Date,Adj Close\n2024-03-01,200.0\n2024-03-28,205.0\n",
            "prices/SPY.csv": "Date,Adj Close\n2024-03-01,500.0\n2024-03-05,505.0\n",
            "prices/QQQ.csv": "Date,Adj Close\n2024-03-01,430.0\n2024-03-27,440.0\n",
        },
    )
    report = refresh.import_folder(folder, progress=False)
    assert cli.main(["status"]) == 0
    out = capsys.readouterr().out
    assert f"Generation in use: {report.generation}, made " in out and "by import from" in out
    assert "Lagging (1)" in out and "SPY: ends 23 days before the latest prices daily series (2024-03-28)" in out
    table = status.data_status()
    assert table.loc["SPY", "lag"].startswith("ends 23 days") and table.loc["QQQ", "lag"] == ""
    assert table.loc["IWM", "parts"] == 1


def test_the_lock_says_who_holds_it_and_is_reentrant(data_dir, monkeypatch):
    from helpers.data import lock

    with lock.writer("import from somewhere"):
        info = lock.holder()
        assert info["pid"] == os.getpid() and info["what"] == "import from somewhere" and info["since"].endswith("UTC")
        with lock.writer("build of data/processed"):  # the same process re-enters its own lock
            assert lock.holder() == info
        assert lock.holder() == info  # leaving the inner writer keeps the outer one's lock
    assert lock.holder() == {}
    monkeypatch.setenv("HELPERS_LOCK_TIMEOUT", "soon")
    import pytest

    with pytest.raises(Exception, match="HELPERS_LOCK_TIMEOUT='soon' is not a number"):
        settings.lock_timeout()


def test_a_file_deleted_by_hand_does_not_stop_an_import_of_others_and_stays_reported(data_dir, small_folder, tmp_path):
    from conftest import raw_file

    refresh.import_folder(small_folder, progress=False)
    raw_file(data_dir, "fred/DFF.csv").unlink()
    newer = write_folder(tmp_path / "newer", {"prices/IWM.csv": "Date,Adj Close\n2024-01-05,194.1\n2024-01-08,199.0\n"})
    report = refresh.import_folder(newer, progress=False)
    assert report.stored == ["IWM"] and not report.ok and "DAMAGED (1)" in report.summary()
    ((shown, problem),) = checksums.verify().items()
    assert shown.endswith("fred/DFF.csv") and problem.startswith("missing; restore with: make data FROM=")
    assert refresh.import_folder(small_folder, only=["DFF"], progress=False).ok  # the fix it names works
    assert checksums.verify() == {}

"""No write shrinks history: one rule per kind of series (helpers.data.merge), for folder imports and downloads.

The rules on tiny series first, then each partial-export case of issue 9 made from a cut of the real
snapshot inside the test (skipped when ../shared/data/snapshot is not beside the project).
"""

import numpy as np
import pandas as pd
import pytest

from conftest import FRENCH_FF3, cut_rows, cut_snapshot, raw_file, read_manifest, tree_digest, write_folder
from helpers import cli
from helpers.data import catalog, checksums, load, manifest, merge, refresh
from helpers.data.parsers import parse_file

# ---------------------------------------------------------------- the rules on tiny series


def _file(key: str, text: str):
    entry = catalog.get(key)
    data = text.encode()
    return entry, data, parse_file(entry, data, f"{entry.relpath}")


def _held(key: str, text: str, origin="folder old") -> merge.Held:
    entry, data, parsed = _file(key, text)
    first, last, _ = merge._range(parsed)
    record = manifest.make_record(
        entry,
        data,
        parsed,
        origin,
        [{"origin": origin, "first": f"{first:%Y-%m-%d}", "last": f"{last:%Y-%m-%d}", "retrieved_at": "then"}],
    )
    return merge.Held(record, data, parsed)


def _combine(key, held_text, new_text, replace=False):
    entry, data, parsed = _file(key, new_text)
    held = _held(key, held_text) if held_text else None
    return merge.combine(entry, data, parsed, "folder new", "now", held, replace=replace)


def test_fred_merge_adds_new_dates_takes_revisions_and_keeps_older_history():
    held = "observation_date,DGS2\n2024-01-02,4.33\n2024-01-03,4.30\n2024-01-04,\n"
    new = "observation_date,DGS2\n2024-01-03,4.35\n2024-01-04,4.31\n2024-01-05,4.38\n"
    out = _combine("DGS2", held, new)
    assert out.action == "merged"
    assert out.parsed.to_dict() == {
        pd.Timestamp("2024-01-02"): 4.33,
        pd.Timestamp("2024-01-03"): 4.35,
        pd.Timestamp("2024-01-04"): 4.31,
        pd.Timestamp("2024-01-05"): 4.38,
    }
    assert out.new_rows == 1 and out.revisions == 1  # a filled missing value is not a revision
    assert out.largest_revision == (pd.Timestamp("2024-01-03"), 4.30, 4.35)
    assert out.data.decode().splitlines()[0] == "observation_date,DGS2"
    assert [p["origin"] for p in out.parts] == ["folder old", "folder new"]
    assert out.parts[0]["last"] == "2024-01-02" and out.parts[1]["first"] == "2024-01-03"
    line = merge.describe(catalog.get("DGS2"), out)
    assert "1 new rows, 1 revised (largest +0.05 percent on 2024-01-03: 4.3 -> 4.35)" in line


def test_a_fred_file_that_covers_all_held_dates_is_stored_as_given():
    held = "observation_date,DFF\n2024-01-02,5.33\n"
    new = "DATE,DFF\n2024-01-01,5.33\n2024-01-02,5.32\n2024-01-03,.\n"  # FRED's older layout
    out = _combine("DFF", held, new)
    assert out.action == "merged" and out.data == new.encode() and out.revisions == 1


def test_prices_are_rebased_at_the_first_common_date():
    held = "Date,Adj Close\n2024-01-02,100.0\n2024-01-03,110.0\n2024-01-04,121.0\n"
    new = "Date,Adj Close\n2024-01-04,60.5\n2024-01-05,66.55\n"  # re-based by the vendor: half the old level
    out = _combine("IWM", held, new)
    assert out.action == "joined" and out.rebased_at == pd.Timestamp("2024-01-04") and out.ratio == pytest.approx(0.5)
    assert out.parsed.tolist() == pytest.approx([50.0, 55.0, 60.5, 66.55])
    assert out.new_rows == 1
    assert out.parts[0]["rebased"] == [{"at": "2024-01-04", "ratio": pytest.approx(0.5)}]
    assert "re-based by x0.500000" in merge.describe(catalog.get("IWM"), out)


def test_prices_without_a_common_date_are_refused_with_the_reason():
    out = _combine("IWM", "Date,Adj Close\n2024-01-02,100.0\n", "Date,Adj Close\n2024-01-05,60.0\n")
    assert out.refused and "no date in common" in out.note and "--replace" in out.note


def test_an_older_export_is_refused_for_every_kind_and_replace_takes_it():
    held = "Date,Close\n2024-01-02,2000.0\n2024-01-03,2010.0\n"
    older = "Date,Close\n2023-12-29,1990.0\n2024-01-02,2001.0\n"
    out = _combine("RUT", held, older)
    assert out.refused and "an older export" in out.note and "ends on 2024-01-02" in out.note
    taken = _combine("RUT", held, older, replace=True)
    assert taken.action == "as given" and taken.data == older.encode() and taken.parts[0]["replace"] is True
    assert "held 2024-01-02 to 2024-01-03 set aside on request" in taken.note


def test_french_files_are_replaced_only_when_they_reach_back_as_far():
    later = FRENCH_FF3.replace("20240102,     -0.71,      0.77,      0.52,     0.021\n", "")
    out = _combine("ff3_daily", FRENCH_FF3, later)
    assert out.refused and "starts on 2024-01-03 but the held one on 2024-01-02" in out.note
    revised = FRENCH_FF3.replace("-0.71", "-0.70")
    out = _combine("ff3_daily", FRENCH_FF3, revised)
    assert out.action == "replaced" and out.data == revised.encode()


def test_a_damaged_held_file_is_replaced_by_the_new_one():
    entry, data, parsed = _file("IWM", "Date,Adj Close\n2024-01-05,60.0\n")
    held = merge.Held({"sha256": "00", "path": entry.relpath}, b"garbage", None)
    out = merge.combine(entry, data, parsed, "folder new", "now", held)
    assert out.action == "replaced" and "checksum" in out.note


# ---------------------------------------------------------------- through the import, on tiny folders


def test_an_identical_import_changes_nothing(data_dir, small_folder):
    first = refresh.import_folder(small_folder, progress=False)
    before = tree_digest(data_dir)
    again = refresh.import_folder(small_folder, progress=False)
    assert again.ok and again.stored == [] and sorted(again.unchanged) == sorted(first.stored)
    assert again.generation is None and "the store is unchanged" in again.summary()
    assert tree_digest(data_dir) == before


def test_the_manifest_records_the_parts_of_a_joined_series(data_dir, small_folder, tmp_path):
    refresh.import_folder(small_folder, progress=False)
    newer = write_folder(tmp_path / "newer", {"prices/IWM.csv": "Date,Adj Close\n2024-01-05,388.2\n2024-01-08,390.0\n"})
    report = refresh.import_folder(newer, progress=False)
    assert report.ok and report.stored == ["IWM"]
    record = read_manifest(data_dir)["files"]["IWM"]
    assert [p["origin"].split("/")[-1] for p in record["parts"]] == ["exports", "newer"]
    assert record["parts"][0]["rebased"][0] == {"at": "2024-01-05", "ratio": 2.0}
    assert (record["first"], record["last"], record["rows"]) == ("2024-01-02", "2024-01-08", 5)
    assert load.load_prices(["IWM"])["IWM"].iloc[0] == 391.0  # 195.5 x 2
    assert checksums.verify() == {}


def test_replace_on_the_command_line_stores_the_file_as_given(data_dir, small_folder, tmp_path, capsys):
    refresh.import_folder(small_folder, progress=False)
    older = write_folder(tmp_path / "older", {"prices/IWM.csv": "Date,Adj Close\n2024-01-02,195.5\n2024-01-03,192.0\n"})
    assert cli.main(["data", "--from", str(older), "--quiet"]) == 1
    out = capsys.readouterr().out
    assert "REFUSED (1)" in out and "an older export" in out
    assert load.load_prices(["IWM"])["IWM"].index[-1] == pd.Timestamp("2024-01-05")
    assert cli.main(["data", "--from", str(older), "--quiet", "--replace"]) == 0
    assert "stored as given (--replace)" in capsys.readouterr().out
    assert raw_file(data_dir, "prices/IWM.csv").read_bytes() == (older / "prices/IWM.csv").read_bytes()


# ---------------------------------------------------------------- issue 9's partial exports, cut from the snapshot

IWM = "prices/IWM.csv"
DGS2 = "fred/DGS2.csv"


def _snapshot_series(snapshot, relpath):
    entry = catalog.by_relpath()[relpath]
    return parse_file(entry, (snapshot / relpath).read_bytes(), relpath)


def test_the_last_40_rows_of_a_newer_iwm_export_join_the_held_history(data_dir, snapshot, tmp_path, capsys):
    full = _snapshot_series(snapshot, IWM)
    refresh.import_folder(cut_snapshot(snapshot, tmp_path / "held", [IWM], until="2026-05-29"), progress=False)
    assert load.load_prices(["IWM"])["IWM"].index[-1] == pd.Timestamp("2026-05-29")
    # the newer export, of which only the last 40 rows are in the folder, was re-based by the vendor (x1.02)
    newer = write_folder(tmp_path / "newer", {IWM: cut_rows((snapshot / IWM).read_text(), tail=40, scale=1.02)})
    assert cli.main(["data", "--from", str(newer), "--quiet"]) == 0
    out = capsys.readouterr().out
    join = full.index[-40]
    assert f"IWM: joined: held history before {join:%Y-%m-%d} re-based by x1.020000" in out
    iwm = load.load_prices(["IWM"])["IWM"]
    assert (iwm.index[0], iwm.index[-1], len(iwm)) == (pd.Timestamp("2000-05-26"), pd.Timestamp("2026-06-30"), 6561)
    assert iwm.index.equals(full.index)
    assert np.allclose(iwm / full, 1.02, rtol=1e-12)  # one re-basing: every return is the snapshot's
    parts = read_manifest(data_dir)["files"]["IWM"]["parts"]
    assert [p["first"] for p in parts] == ["2000-05-26", f"{join:%Y-%m-%d}"]
    assert checksums.verify() == {}


def test_three_new_dgs2_rows_are_added_and_a_revision_reported(data_dir, snapshot, tmp_path):
    full = _snapshot_series(snapshot, DGS2)
    held_until = f"{full.index[-4]:%Y-%m-%d}"
    refresh.import_folder(cut_snapshot(snapshot, tmp_path / "held", [DGS2], until=held_until), progress=False)
    new_text = cut_rows((snapshot / DGS2).read_text(), tail=4)
    lines = new_text.splitlines()
    date, value = lines[1].split(",")
    lines[1] = f"{date},{float(value) + 0.05:.2f}"  # FRED revised the last held day
    report = refresh.import_folder(write_folder(tmp_path / "new", {DGS2: "\n".join(lines) + "\n"}), progress=False)
    assert report.ok and report.stored == ["DGS2"]
    assert f"3 new rows, 1 revised (largest +0.05 percent on {date}" in report.details["DGS2"]
    dgs2 = load.load_fred(["DGS2"])["DGS2"].dropna()
    assert dgs2.index[0] == pd.Timestamp("1976-06-01") and dgs2.index[-1] == pd.Timestamp("2026-06-30")
    assert len(dgs2) == len(full.dropna())
    assert dgs2.loc[date] == pytest.approx(float(value) + 0.05)
    assert dgs2.drop(pd.Timestamp(date)).equals(full.dropna().drop(pd.Timestamp(date)))


def test_a_french_file_starting_later_is_refused(data_dir, snapshot, tmp_path):
    ff3 = "french/F-F_Research_Data_Factors_daily.csv"
    refresh.import_folder(cut_snapshot(snapshot, tmp_path / "held", [ff3]), progress=False)
    before = tree_digest(data_dir)
    text = (snapshot / ff3).read_text().splitlines()
    later = [line for line in text if not (line[:4].isdigit() and line[:10] < "2000-01-01")]
    report = refresh.import_folder(write_folder(tmp_path / "later", {ff3: "\n".join(later) + "\n"}), progress=False)
    ((where, reason),) = report.refused.items()
    assert where.endswith(ff3) and "starts on 2000-01-03 but the held one on 1926-07-01" in reason
    assert tree_digest(data_dir) == before
    assert load.load_factors("daily").index[0] == pd.Timestamp("1926-07-01")


def test_prices_with_no_common_date_are_refused_and_history_kept(data_dir, snapshot, tmp_path, capsys):
    refresh.import_folder(cut_snapshot(snapshot, tmp_path / "held", [IWM], until="2026-05-29"), progress=False)
    before = tree_digest(data_dir)
    later = cut_snapshot(snapshot, tmp_path / "later", [IWM], since="2026-06-01")
    assert cli.main(["data", "--from", str(later), "--quiet"]) == 1
    out = capsys.readouterr().out
    assert "REFUSED (1)" in out and "no date in common with the held IWM (held 2000-05-26 to 2026-05-29" in out
    assert tree_digest(data_dir) == before


def test_an_older_snapshot_export_keeps_the_newer_history_unless_replace(data_dir, snapshot, tmp_path):
    keys = [IWM, DGS2, "indices/RUT.csv"]
    refresh.import_folder(cut_snapshot(snapshot, tmp_path / "new", keys), progress=False)
    older = cut_snapshot(snapshot, tmp_path / "old", keys, until="2026-03-31")
    report = refresh.import_folder(older, progress=False)
    assert len(report.refused) == 3 and all("an older export" in r for r in report.refused.values())
    assert load.load_prices(["IWM"]).index[-1] == pd.Timestamp("2026-06-30")
    report = refresh.import_folder(older, only=["IWM"], progress=False, replace=True)
    assert report.ok and load.load_prices(["IWM"]).index[-1] == pd.Timestamp("2026-03-31")
    assert load.load_fred(["DGS2"]).index[-1] == pd.Timestamp("2026-06-30")  # only IWM went back, on request

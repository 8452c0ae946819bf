"""Data packs: the data held written as an import folder; cut at a date, keeping each source's own format."""

import json

import pytest

from conftest import read_manifest
from helpers.data import identity, pack, refresh
from helpers.errors import HelpersError


def test_cut_lines_keeps_headers_footers_and_line_ends():
    french = (
        b"Header text, with a comma.\r\n\r\n,Mkt-RF,SMB\r\n202512,  1.0, 2.0\r\n202601,  3.0, 4.0\r\n"
        b"202602,  5.0, 6.0\r\n\r\n Annual Factors: January-December \r\n,Mkt-RF,SMB\r\n  2024, 1, 2\r\n"
        b"  2025, 3, 4\r\n  2026, 5, 6\r\n\r\nCopyright\r\n"
    )
    cut = pack.cut_lines(french, "2026-01-31")
    assert b"202601" in cut and b"202602" not in cut
    assert b"  2025, 3, 4" in cut and b"  2026, 5, 6" not in cut  # a year counts once complete
    assert cut.startswith(b"Header text, with a comma.\r\n") and cut.endswith(b"Copyright\r\n")
    fred = b"observation_date,DGS2\n2026-01-30,3.5\n2026-02-02,\n"
    assert pack.cut_lines(fred, "2026-01-31") == b"observation_date,DGS2\n2026-01-30,3.5\n"
    assert pack.cut_lines(fred, None) == fred


# the whole snapshot packed and imported again takes seconds: slow tier; the small folder keeps it in make unit
@pytest.mark.parametrize("held", ["small folder", pytest.param("snapshot", marks=pytest.mark.slow)])
def test_a_pack_round_trips_through_the_import(held, request, data_dir, small_folder, tmp_path, monkeypatch):
    """Pack the data held, import the pack into a clean data folder: the same files, byte for byte (a class's
    data pack, ``make pack TO=DIR`` then ``make data FROM=DIR``)."""
    if held == "snapshot":
        folder = request.getfixturevalue("real_data")
    else:
        refresh.import_folder(small_folder, progress=False)
        folder = data_dir
    before = read_manifest(folder)["files"]
    provenance = pack.write_pack(tmp_path / "class")
    assert set(provenance["files"]) == {r["path"] for r in before.values()}
    assert json.loads((tmp_path / "class" / "PROVENANCE.json").read_text())["files"] == provenance["files"]
    assert pack.pack_digest(tmp_path / "class") == provenance["manifest_digest"] == identity.current().digest
    clean = tmp_path / "student-data"
    (clean / "raw").mkdir(parents=True)
    monkeypatch.setenv("HELPERS_DATA_DIR", str(clean))
    report = refresh.import_folder(tmp_path / "class", progress=False)
    assert report.ok, report.summary()
    after = read_manifest(clean)["files"]
    assert {k: r["sha256"] for k, r in after.items()} == {k: r["sha256"] for k, r in before.items()}
    assert all(r["origin"].startswith("folder") for r in after.values())
    assert identity.current().digest == pack.pack_digest(tmp_path / "class" / "PROVENANCE.json")


def test_a_cut_pack_drops_later_rows_and_series_not_yet_observed(data_dir, small_folder, tmp_path):
    refresh.import_folder(small_folder, progress=False)
    provenance = pack.write_pack(tmp_path / "cut", as_of="2024-01-03")
    assert provenance["until"] == "2024-01-03"
    assert provenance["files"]["prices/IWM.csv"]["range"] == ["2024-01-02", "2024-01-03", 2]
    assert "2024-01-04" not in (tmp_path / "cut" / "fred" / "DGS2.csv").read_text()
    assert provenance["files"]["french/F-F_Research_Data_5_Factors_2x3.csv"]["range"][1] == "2023-12-31"


def test_a_cut_packs_digest_is_that_of_the_data_a_class_imports_from_it(data_dir, small_folder, tmp_path, monkeypatch):
    """``make grade PACK=DIR`` compares the data held with the pack's digest: for a cut pack that is the digest of
    the cut files once imported, not that of the store the pack was cut from."""
    refresh.import_folder(small_folder, progress=False)
    full = identity.current().digest
    pack.write_pack(tmp_path / "cut", as_of="2024-01-03")
    clean = tmp_path / "student-data"
    (clean / "raw").mkdir(parents=True)
    monkeypatch.setenv("HELPERS_DATA_DIR", str(clean))
    refresh.import_folder(tmp_path / "cut", progress=False)
    assert pack.pack_digest(tmp_path / "cut") == identity.current().digest != full
    with pytest.raises(HelpersError, match="PROVENANCE.json"):
        pack.pack_digest(tmp_path / "no-pack-here")


def test_pack_refuses_the_sample_and_a_non_empty_folder(data_dir, small_folder, tmp_path):
    with pytest.raises(HelpersError, match="nothing is held"):
        pack.write_pack(tmp_path / "x")
    refresh.import_folder(small_folder, progress=False)
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    with pytest.raises(HelpersError, match="not empty"):
        pack.write_pack(tmp_path / "busy")

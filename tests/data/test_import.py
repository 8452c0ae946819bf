import pytest

from conftest import FRED_DGS2, SMALL_FOLDER, generation_folder, raw_file, read_manifest, tree_digest, write_folder
from helpers import cli
from helpers.data import identity, load, processed, refresh


def test_import_stores_every_file_and_builds_tables(data_dir, small_folder):
    report = refresh.import_folder(small_folder, progress=False)
    assert report.ok, report.summary()
    assert sorted(report.stored) == sorted(["DGS2", "DFF", "IWM", "RUT", "ff3_daily", "ff5_monthly", "mom_daily"])
    for name, text in SMALL_FOLDER.items():
        assert raw_file(data_dir, name).read_bytes() == text.encode()  # byte for byte
    processed.build()
    assert identity.current().is_real
    assert load.load_prices(["IWM"])["IWM"].iloc[-1] == 194.1
    factors = load.load_factors("daily")
    assert list(factors.columns) == ["Mkt-RF", "SMB", "HML", "RF", "Mom"]


@pytest.mark.parametrize(
    "name, content, line, words",
    [
        ("fred/DGS2.csv", "observation_date,DGS10\n2024-01-02,4\n", 1, "expected the column 'DGS2'"),
        ("fred/DGS2.csv", "observation_date\n2024-01-02\n", 1, "expected the header"),
        ("prices/IWM.csv", "Date,Close\n2024-01-02,4\n", 1, "missing the column 'Adj Close'"),
        ("prices/IWM.csv", "Date,Adj Close\n2024-01-02,4\n2024-01-03,four\n", 3, "'four' is not a number"),
        ("prices/IWM.csv", "Date,Adj Close\n2024-01-02,4\n2024-01-02,4\n", 3, "appears twice"),
        ("prices/IWM.csv", "Date,Adj Close\n2024-01-03,4\n2024-01-02,4\n", 3, "not in increasing order"),
        ("fred/DGS2.csv", "", None, "the file is empty"),
    ],
)
def test_a_bad_file_is_named_with_its_line_and_nothing_is_written(data_dir, tmp_path, name, content, line, words):
    folder = write_folder(tmp_path / "exports", {name: content})
    before = tree_digest(data_dir)
    report = refresh.import_folder(folder, progress=False)
    assert not report.ok
    ((where, reason),) = report.failed.items()
    assert where.endswith(name)
    assert words in reason
    if line:
        assert f"(line {line})" in reason
    assert tree_digest(data_dir) == before  # data/raw and data/processed unchanged


def test_one_bad_file_among_good_ones(data_dir, small_folder, capsys):
    (small_folder / "fred" / "DGS2.csv").write_text(FRED_DGS2.replace("4.38", "4,38"))
    code = cli.main(["data", "--from", str(small_folder), "--quiet"])
    out = capsys.readouterr().out
    assert code == 1
    assert "DGS2.csv" in out and "line 5" in out
    files = read_manifest(data_dir)["files"]
    assert "DGS2" not in files and "DFF" in files and "IWM" in files
    assert not raw_file(data_dir, "fred/DGS2.csv").exists()


def test_an_unknown_file_is_reported_and_the_rest_imported(data_dir, small_folder):
    write_folder(small_folder, {"prices/NOPE.csv": "Date,Adj Close\n2024-01-02,1\n"})
    report = refresh.import_folder(small_folder, progress=False)
    ((where, reason),) = report.failed.items()
    assert where.endswith("prices/NOPE.csv") and "unknown file" in reason and "prices/IWM.csv" in reason
    assert "IWM" in report.stored
    assert not raw_file(data_dir, "prices/NOPE.csv").exists()


def test_a_refresh_replaces_an_imported_file_and_tables_follow(data_dir, small_folder, tmp_path):
    refresh.import_folder(small_folder, progress=False)
    assert load.load_prices(["IWM"])["IWM"].iloc[-1] == 194.1
    newer = write_folder(tmp_path / "newer", {"prices/IWM.csv": "Date,Adj Close\n2024-01-02,195.5\n2024-01-08,199.0\n"})
    refresh.import_folder(newer, progress=False)
    assert load.load_prices(["IWM"])["IWM"].iloc[-1] == 199.0  # processed rebuilt because raw changed


def test_only_limits_the_import_and_reports_a_missing_file(data_dir, small_folder):
    report = refresh.import_folder(small_folder, only=["IWM", "IWB"], progress=False)
    assert report.stored == ["IWM"]
    assert list(report.failed.values()) == ["not in the folder"]


def test_unknown_key_in_only_lists_the_valid_keys(data_dir, small_folder, capsys):
    code = cli.main(["data", "--from", str(small_folder), "--only", "IWM", "NOTAKEY", "--quiet"])
    err = capsys.readouterr().err
    assert code == 2
    assert "NOTAKEY" in err and "DGS2" in err and "IWM" in err
    assert generation_folder(data_dir) is None


def test_a_missing_folder_is_a_clear_error(data_dir, tmp_path, capsys):
    assert cli.main(["data", "--from", str(tmp_path / "nowhere"), "--quiet"]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_a_file_that_differs_from_the_folders_provenance_is_refused(data_dir, small_folder):
    (small_folder / "PROVENANCE.json").write_text('{"files": {"prices/IWM.csv": {"sha256": "00ff", "from": "x"}}}')
    report = refresh.import_folder(small_folder, progress=False)
    assert "PROVENANCE.json" in report.failed[next(k for k in report.failed if k.endswith("prices/IWM.csv"))]
    assert "IWM" not in read_manifest(data_dir)["files"]

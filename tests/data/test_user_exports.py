"""Users' own exports are imported as they are: yfinance's to_csv of one ticker, Yahoo's website download,
FRED's older DATE header with '.' for missing. Anything else is refused, naming file and line."""

import pandas as pd
import pytest

from conftest import raw_file, read_manifest, tree_digest, write_folder
from helpers import cli
from helpers.data import load, refresh

# What `yfinance.download("IWM").to_csv()` writes (auto_adjust=True, yfinance's default: Close is adjusted).
YFINANCE_IWM = (
    "Price,Close,High,Low,Open,Volume\n"
    "Ticker,IWM,IWM,IWM,IWM,IWM\n"
    "Date,,,,,\n"
    "2024-01-02,195.5,196.1,193.8,195.0,41200000\n"
    "2024-01-03,192.25,194.0,191.9,193.9,38800000\n"
    "2024-01-04,193.0,193.9,191.5,192.0,30100000\n"
)
# The same with auto_adjust=False: both columns, the adjusted one is used.
YFINANCE_SPY_UNADJUSTED = (
    "Price,Adj Close,Close,High,Low,Open,Volume\n"
    "Ticker,SPY,SPY,SPY,SPY,SPY,SPY\n"
    "Date,,,,,,\n"
    "2024-01-02,466.1,472.65,473.67,470.49,472.16,123623700\n"
    "2024-01-03,462.3,468.79,471.19,468.17,470.43,103585900\n"
)
# yfinance for an index: the ticker row holds Yahoo's symbol.
YFINANCE_RUT = (
    "Price,Close,High,Low,Open,Volume\n"
    "Ticker,^RUT,^RUT,^RUT,^RUT,^RUT\n"
    "Date,,,,,\n"
    "2024-01-02,2022.1,2030.0,2010.5,2025.0,0\n"
    "2024-01-03,1979.3,2015.0,1975.2,2012.1,0\n"
)
# Yahoo Finance's website download: Close is split-adjusted only, Adj Close also for dividends; null on holidays.
YAHOO_WEBSITE_QQQ = (
    "Date,Open,High,Low,Close,Adj Close,Volume\n"
    "2024-01-02,405.0,406.2,400.1,402.5,398.9,60000000\n"
    "2024-01-03,null,null,null,null,null,null\n"
    "2024-01-04,399.0,401.3,396.6,397.3,393.8,51000000\n"
)
FRED_OLD_LAYOUT = "DATE,DGS10\n2024-01-01,.\n2024-01-02,3.95\n2024-01-03,3.91\n"


def test_each_users_export_is_imported_with_the_right_column(data_dir, tmp_path):
    folder = write_folder(
        tmp_path / "mine",
        {
            "prices/IWM.csv": YFINANCE_IWM,
            "prices/SPY.csv": YFINANCE_SPY_UNADJUSTED,
            "indices/RUT.csv": YFINANCE_RUT,
            "prices/QQQ.csv": YAHOO_WEBSITE_QQQ,
            "fred/DGS10.csv": FRED_OLD_LAYOUT,
        },
    )
    report = refresh.import_folder(folder, progress=False)
    assert report.ok, report.summary()
    assert sorted(report.stored) == ["DGS10", "IWM", "QQQ", "RUT", "SPY"]
    prices = load.load_prices(["IWM", "SPY", "QQQ"])
    assert prices["IWM"].dropna().tolist() == [195.5, 192.25, 193.0]
    assert prices["SPY"].dropna().tolist() == [466.1, 462.3]  # Adj Close, not Close
    assert prices["QQQ"].dropna().to_dict() == {pd.Timestamp("2024-01-02"): 398.9, pd.Timestamp("2024-01-04"): 393.8}
    assert load.load_indices(["RUT"])["RUT"].tolist() == [2022.1, 1979.3]
    dgs10 = load.load_fred(["DGS10"])["DGS10"]
    assert dgs10.loc["2024-01-02"] == 3.95 and pd.isna(dgs10.get(pd.Timestamp("2024-01-01"), float("nan")))
    assert raw_file(data_dir, "prices/IWM.csv").read_text() == YFINANCE_IWM  # raw kept as exported
    assert read_manifest(data_dir)["files"]["QQQ"]["rows"] == 2


def test_a_yfinance_export_joins_a_held_series_like_any_other(data_dir, small_folder, tmp_path):
    refresh.import_folder(small_folder, progress=False)  # IWM 2024-01-02 .. 2024-01-05
    newer = (
        YFINANCE_IWM.replace("2024-01-02", "2024-01-05")
        .replace("2024-01-03", "2024-01-08")
        .replace("2024-01-04", "2024-01-09")
    )
    report = refresh.import_folder(write_folder(tmp_path / "mine", {"prices/IWM.csv": newer}), progress=False)
    assert report.ok and "joined" in report.details["IWM"]
    assert load.load_prices(["IWM"])["IWM"].index[-1] == pd.Timestamp("2024-01-09")


@pytest.mark.parametrize(
    "text, line, words",
    [
        (
            YFINANCE_IWM.replace("Ticker,IWM,IWM,IWM,IWM,IWM", "Ticker,SPY,SPY,SPY,SPY,SPY"),
            2,
            "the Ticker row names 'SPY' but this file is for 'IWM'",
        ),
        (YFINANCE_IWM.replace("Ticker,IWM,IWM,IWM,IWM,IWM", "Ticker,IWM,IWM,SPY,SPY,IWM"), 2, "several tickers"),
        (YFINANCE_IWM.replace("Ticker,", "Symbol,"), 2, "expected yfinance's second header row"),
        (YFINANCE_IWM.replace("Date,,,,,", "Date,1,,,,"), 3, "expected yfinance's third header row"),
        (YFINANCE_IWM.replace("192.25", "n/a"), 5, "'n/a' is not a number"),
        (YAHOO_WEBSITE_QQQ.replace("Adj Close", "AdjClose"), 1, "missing the column 'Adj Close'"),
        ("date;adj close\n2024-01-02;4\n", 1, "expected the header 'Date,Adj Close'"),
    ],
)
def test_other_layouts_are_refused_naming_file_and_line(data_dir, tmp_path, text, line, words):
    folder = write_folder(tmp_path / "mine", {"prices/IWM.csv": text})
    before = tree_digest(data_dir)
    report = refresh.import_folder(folder, progress=False)
    ((where, reason),) = report.failed.items()
    assert where.endswith("prices/IWM.csv") and words in reason and f"(line {line})" in reason
    assert tree_digest(data_dir) == before


def test_the_issue_yfinance_export_is_imported_from_the_command_line(data_dir, tmp_path, capsys):
    folder = write_folder(tmp_path / "mine", {"prices/IWM.csv": YFINANCE_IWM})
    assert cli.main(["data", "--from", str(folder), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "expected the header" not in out and "IWM: new: now 2024-01-02 to 2024-01-04, 3 rows" in out

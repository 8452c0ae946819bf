import pandas as pd
import pytest

from helpers.data import catalog
from helpers.errors import UnknownSeriesError


def test_every_row_is_complete_and_keys_are_unique():
    table = catalog.table()
    assert table.index.is_unique
    assert set(table["source"]) == set(catalog.SOURCES)
    for column in ("source_id", "frequency", "units", "description", "start"):
        assert (table[column].str.len() > 0).all(), column
    assert pd.to_datetime(table["start"], format="%Y-%m-%d").notna().all()


def test_catalog_names_every_series_the_story_needs():
    keys = set(catalog.table().index)
    for key in [
        "IWM",
        "IWB",
        "IWC",
        "XLG",
        "IJR",
        "SPY",
        "QQQ",
        "KRE",
        "XLI",
        "XES",
        "OIH",
        "XBI",
        "GRC",
        "ESOA",
        "ARWR",
        "ALMS",
        "NVDA",
        "AAPL",
        "MSFT",
        "RUT",
        "SPX",
        "IXIC",
        "DFF",
        "DFEDTARU",
        "DFEDTARL",
        "DGS2",
        "DGS10",
        "T10Y2Y",
        "BAMLH0A0HYM2",
        "ff3_daily",
        "ff5_monthly",
        "mom_daily",
        "fomc_decisions",
    ]:
        assert key in keys, key


def test_lookup_accepts_source_ids_and_any_case():
    assert catalog.get("^RUT").key == "RUT"
    assert catalog.get("iwm").key == "IWM"
    assert catalog.get("F-F_Research_Data_Factors_daily").key == "ff3_daily"


def test_unknown_keys_are_listed_with_the_valid_ones():
    with pytest.raises(UnknownSeriesError) as info:
        catalog.lookup(["IWM", "NOPE", "ZZZ"], source="prices")
    message = str(info.value)
    assert "NOPE" in message and "ZZZ" in message
    assert "IWB" in message and "QQQ" in message  # the valid tickers are listed
    assert "DGS2" not in message  # only tickers, since a ticker was asked for


def test_a_key_from_another_source_is_unknown_there():
    with pytest.raises(UnknownSeriesError):
        catalog.lookup(["DGS2"], source="prices")


def test_raw_paths_follow_the_snapshot_layout():
    assert catalog.get("DGS2").relpath == "fred/DGS2.csv"
    assert catalog.get("IWM").relpath == "prices/IWM.csv"
    assert catalog.get("RUT").relpath == "indices/RUT.csv"
    assert catalog.get("ff5_monthly").relpath == "french/F-F_Research_Data_5_Factors_2x3.csv"

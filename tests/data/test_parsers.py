import numpy as np
import pandas as pd
import pytest

from conftest import FRED_DGS2, FRENCH_FF3, FRENCH_FF5, FRENCH_MOM, INDEX_RUT, PRICES_IWM
from helpers.data import catalog
from helpers.data.parsers import (
    observation_range,
    parse_file,
    parse_fred_csv,
    parse_french_csv,
    parse_price_csv,
)
from helpers.errors import DataFileError


def test_fred_csv_with_a_gap():
    series = parse_fred_csv(FRED_DGS2, "fred/DGS2.csv", "DGS2")
    assert list(series.index) == list(pd.to_datetime(["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"]))
    assert series.loc["2024-01-05"] == 4.38
    assert np.isnan(series.loc["2024-01-04"])
    assert isinstance(series.index, pd.DatetimeIndex)


def test_fred_old_layout_and_dot_for_missing():
    series = parse_fred_csv("DATE,DGS2\n2024-01-02,4.33\n2024-01-03,.\n", "x.csv", "DGS2")
    assert series.isna().sum() == 1 and len(series) == 2


def test_fred_crlf_and_byte_order_mark():
    data = "\ufeffobservation_date,DFF\r\n2024-01-01,5.33\r\n2024-01-02,5.31\r\n".encode()
    series = parse_file(catalog.get("DFF"), data, "fred/DFF.csv")
    assert series.iloc[-1] == 5.31


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("observation_date,DGS10\n2024-01-02,4.0\n", 1, "expected the column 'DGS2'"),
        ("date,value\n2024-01-02,4.0\n", 1, "expected the header"),
        ("observation_date,DGS2\n2024-01-02,4.0\n2024-01-03,abc\n", 3, "'abc' is not a number"),
        ("observation_date,DGS2\n2024-01-02,4.0\n2024-01-02,4.1\n", 3, "appears twice"),
        ("observation_date,DGS2\n2024-01-03,4.0\n2024-01-02,4.1\n", 3, "not in increasing order"),
        ("observation_date,DGS2\n2024-01-02,4.0\n2024-13-02,4.1\n", 3, "is not a date"),
        ("observation_date,DGS2\n2024-01-02,4.0,9\n", 2, "expected 2 comma-separated fields"),
    ],
)
def test_fred_errors_name_the_file_and_line(text, line, words):
    with pytest.raises(DataFileError) as info:
        parse_fred_csv(text, "fred/DGS2.csv", "DGS2")
    assert info.value.line == line
    assert words in str(info.value)
    assert str(info.value).startswith(f"fred/DGS2.csv, line {line}:")


@pytest.mark.parametrize("text", ["", "\n\n", "observation_date,DGS2\n"])
def test_empty_files_are_errors(text):
    with pytest.raises(DataFileError, match="empty|no observations"):
        parse_fred_csv(text, "fred/DGS2.csv", "DGS2")


def test_price_csv_adjusted_and_index_close():
    prices = parse_price_csv(PRICES_IWM, "prices/IWM.csv", "Adj Close", "IWM")
    assert prices.iloc[1] == 192.25 and prices.name == "IWM"
    levels = parse_price_csv(INDEX_RUT, "indices/RUT.csv", "Close", "RUT")
    assert levels.iloc[0] == 2022.1


def test_price_csv_reads_a_full_vendor_export():
    text = "Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,1,2,0.5,1.5,1.4,100\n2024-01-03,1,2,0.5,1.6,1.5,90\n"
    prices = parse_price_csv(text, "p.csv", "Adj Close", "X")
    assert list(prices) == [1.4, 1.5]


def test_price_csv_needs_its_column():
    with pytest.raises(DataFileError, match="missing the column 'Adj Close'") as info:
        parse_price_csv("Date,Close\n2024-01-02,5\n", "prices/IWM.csv", "Adj Close", "IWM")
    assert info.value.line == 1


def test_price_csv_rejects_a_negative_price():
    with pytest.raises(DataFileError, match="not a positive price") as info:
        parse_price_csv("Date,Adj Close\n2024-01-02,5\n2024-01-03,-1\n", "p.csv", "Adj Close", "X")
    assert info.value.line == 3


def test_french_daily_yyyymmdd_with_header_and_footer():
    tables = parse_french_csv(FRENCH_FF3, "ff3.csv", ["Mkt-RF", "SMB", "HML", "RF"])
    daily = tables["daily"]
    assert list(tables) == ["daily"]
    assert daily.index[0] == pd.Timestamp("2024-01-02")
    assert daily.loc["2024-01-03", "SMB"] == -0.35
    assert daily.loc["2024-01-04", "RF"] == 0.021


def test_french_monthly_and_annual_sections_crlf():
    tables = parse_french_csv(FRENCH_FF5, "ff5.csv", ["Mkt-RF", "SMB", "HML", "RMW", "CMA", "RF"])
    monthly, annual = tables["monthly"], tables["annual"]
    assert monthly.index[0] == pd.Timestamp("2023-11-30")  # YYYYMM -> month end
    assert monthly.loc["2023-12-31", "SMB"] == 7.32
    assert list(annual.index) == [pd.Timestamp("2022-12-31"), pd.Timestamp("2023-12-31")]
    assert annual.loc["2023-12-31", "CMA"] == -11.69


def test_french_iso_dates_and_missing_marker():
    daily = parse_french_csv(FRENCH_MOM, "mom.csv", ["Mom"])["daily"]
    assert daily["Mom"].iloc[0] == 1.2
    assert np.isnan(daily["Mom"].iloc[-1])  # -99.99 is missing


def test_french_renamed_column_names_the_header_line():
    text = FRENCH_FF3.replace("SMB", "SIZE")
    with pytest.raises(DataFileError, match="missing \\['SMB'\\]") as info:
        parse_french_csv(text, "ff3.csv", ["Mkt-RF", "SMB", "HML", "RF"])
    assert info.value.line == 4


def test_french_bad_value_names_its_line():
    text = FRENCH_FF3.replace("-0.35", "n/a")
    with pytest.raises(DataFileError, match="SMB: 'n/a' is not a number") as info:
        parse_french_csv(text, "ff3.csv", ["Mkt-RF", "SMB", "HML", "RF"])
    assert info.value.line == 6


def test_french_file_without_a_table():
    with pytest.raises(DataFileError, match="no table"):
        parse_french_csv("just text\nmore text\n", "x.csv", ["Mom"])


def test_observation_range_skips_missing_values_but_counts_rows():
    series = parse_fred_csv("observation_date,DGS2\n2024-01-01,\n2024-01-02,4.0\n2024-01-03,\n", "x", "DGS2")
    first, last, rows = observation_range(series)
    assert (first, last, rows) == (pd.Timestamp("2024-01-02"), pd.Timestamp("2024-01-02"), 3)


def test_a_file_where_every_value_is_missing_is_an_error():
    with pytest.raises(DataFileError, match="every value is missing"):
        parse_fred_csv("observation_date,DGS2\n2024-01-01,\n", "x", "DGS2")

import pandas as pd
import pytest

import helpers
from helpers.data import asof, refresh, sample
from helpers.errors import MissingDataError, UnknownSeriesError


def test_with_nothing_held_the_sample_is_used_and_labelled(data_dir):
    assert helpers.data_identity().is_sample
    prices = helpers.load_prices(["IWM", "IWB"])
    assert prices.attrs["data"] == sample.LABEL == "SYNTHETIC SAMPLE — not market data"
    assert isinstance(prices.index, pd.DatetimeIndex) and prices.index.is_monotonic_increasing
    assert helpers.load_fred(["DGS2"]).attrs["data"] == sample.LABEL
    status = helpers.data_status()
    assert set(status.loc[~status["source"].isin(["curated", "alfred"]), "data"]) == {"sample"}
    assert set(status.loc[status["source"] == "alfred", "data"]) == {"missing"}  # the sample has no vintages


def test_loaders_return_the_requested_columns_in_their_units(data_dir, small_folder):
    refresh.import_folder(small_folder, progress=False)
    prices = helpers.load_prices(["IWM"])
    assert list(prices.columns) == ["IWM"] and prices.attrs["data"] == "real data"
    assert prices.attrs["units"] == {"IWM": "USD, adjusted close"}
    assert helpers.load_indices(["^RUT"]).columns.tolist() == ["RUT"]
    rates = helpers.load_fred(["DGS2", "DFF"])
    assert rates.attrs["units"]["DGS2"] == "percent"
    assert rates.index[0] == pd.Timestamp("2024-01-01")  # union of both series' dates
    monthly = helpers.load_factors("monthly")
    assert monthly.index[-1] == pd.Timestamp("2024-01-31")
    annual = helpers.load_factors("annual", columns="SMB")
    assert annual["SMB"].tolist() == [-6.45, -3.62]


def test_unknown_ticker_lists_valid_ones(data_dir):
    with pytest.raises(UnknownSeriesError, match="unknown ticker: IWMM.*IWM"):
        helpers.load_prices(["IWMM"])


def test_a_series_not_held_says_how_to_get_it(data_dir, small_folder):
    refresh.import_folder(small_folder, progress=False)
    with pytest.raises(MissingDataError, match="not held in data/raw: IWB.*--only IWB"):
        helpers.load_prices(["IWM", "IWB"])


def test_as_of_each_loader_returns_what_was_published_by_then(data_dir, small_folder, monkeypatch):
    refresh.import_folder(small_folder, progress=False)
    assert helpers.load_prices(["IWM"], as_of="2024-01-03").index[-1] == pd.Timestamp("2024-01-03")  # closes: same day
    helpers.set_as_of("2024-01-03")
    assert helpers.load_fred(["DGS2"]).index[-1] == pd.Timestamp("2024-01-02")  # FRED daily: the next business day
    assert helpers.load_factors("daily").empty  # French files: a month's days come in the update after next
    helpers.set_as_of("2024-02-10")
    assert helpers.load_factors("daily").empty
    assert helpers.load_factors("monthly").index[-1] == pd.Timestamp("2023-12-31")  # December's, out on 7 February
    assert helpers.load_factors("annual").index[-1] == pd.Timestamp("2023-12-31")
    helpers.set_as_of("2024-03-08")
    assert helpers.load_factors("daily").index[-1] == pd.Timestamp("2024-01-04")
    helpers.set_as_of(None)
    monkeypatch.setenv("HELPERS_AS_OF", "2024-01-02")
    assert helpers.load_indices(["RUT"]).index[-1] == pd.Timestamp("2024-01-02")
    assert helpers.fomc_decisions().empty  # no announcement on or before 2024-01-02


def test_as_of_the_articles_date_the_latest_cpi_is_novembers(real_data):
    helpers.set_as_of("2026-01-06")
    try:
        fred = helpers.load_fred(["CPIAUCSL", "GDPC1", "DGS2"])
        assert fred["CPIAUCSL"].dropna().index[-1] == pd.Timestamp(
            "2025-11-01"
        )  # December's CPI came out on 13 January
        assert fred["GDPC1"].dropna().index[-1] == pd.Timestamp(
            "2025-07-01"
        )  # the fourth quarter's at the end of January
        assert fred["DGS2"].dropna().index[-1] == pd.Timestamp("2026-01-05")
        assert helpers.load_factors("daily").index[-1] <= pd.Timestamp("2025-11-30")
    finally:
        helpers.set_as_of(None)


def test_fomc_decisions_carry_sources_and_ranges(data_dir):
    fomc = helpers.fomc_decisions()
    assert fomc.loc["2025-09-17", "decision"] == "cut"
    assert (fomc.loc["2025-12-10", ["lower", "upper"]] == [3.50, 3.75]).all()
    assert fomc["source"].str.len().gt(10).all()
    assert (fomc.loc[fomc["decision"] == "cut", "change_bp"] < 0).all()


def test_scheduled_meetings_are_filled_from_the_target_range(data_dir, tmp_path):
    from conftest import write_folder

    rows = ["observation_date,{0}"] + [f"2026-07-{d:02d},{{1}}" for d in range(27, 31)]
    upper = "\n".join(rows).format("DFEDTARU", "3.75").splitlines()
    lower = "\n".join(rows).format("DFEDTARL", "3.50").splitlines()
    upper[-1], lower[-1] = "2026-07-30,3.50", "2026-07-30,3.25"  # a cut effective the day after 07-29
    folder = write_folder(
        tmp_path / "x", {"fred/DFEDTARU.csv": "\n".join(upper) + "\n", "fred/DFEDTARL.csv": "\n".join(lower) + "\n"}
    )
    refresh.import_folder(folder, progress=False)
    row = helpers.fomc_decisions().loc["2026-07-29"]
    assert (row["decision"], row["change_bp"], row["lower"], row["upper"]) == ("cut", -25, 3.25, 3.5)
    assert helpers.fomc_decisions().loc["2026-09-16", "decision"] == "scheduled"


def test_valuations_and_cycles_are_curated_tables(data_dir):
    values = helpers.valuations()
    assert {"published", "article claim"} == set(values["kind"])
    assert values["source"].notna().all()
    assert pd.Timestamp("2024-09-18") in helpers.easing_cycles().index


def test_loaded_frames_are_copies(data_dir):
    a = helpers.load_prices(["IWM"])
    a.iloc[:, :] = 0.0
    assert helpers.load_prices(["IWM"])["IWM"].iloc[-1] != 0.0


def test_as_of_env_and_session_precedence(monkeypatch):
    monkeypatch.setenv("HELPERS_AS_OF", "2026-01-16")
    asof.set_as_of(None)
    assert asof.get_as_of() == pd.Timestamp("2026-01-16")
    asof.set_as_of("2025-12-31")
    assert asof.get_as_of() == pd.Timestamp("2025-12-31")
    assert asof.get_as_of("2024-05-01") == pd.Timestamp("2024-05-01")
    asof.set_as_of(None)

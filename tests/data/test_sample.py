import numpy as np
import pandas as pd

from helpers.data import catalog, curated, sample


def test_the_sample_is_deterministic():
    first = sample.tables()
    sample.parsed_sample.cache_clear()
    sample._factors.cache_clear()
    second = sample.tables()  # generated again from scratch
    for name in first:
        pd.testing.assert_frame_equal(first[name], second[name])


def test_every_catalog_series_is_in_the_sample_from_its_start():
    tables = sample.tables()
    for entry in catalog.entries():
        if entry.source in ("prices", "indices", "fred"):
            series = tables[entry.source][entry.key].dropna()
            assert abs((series.index[0] - pd.Timestamp(entry.start)).days) <= 4, entry.key
            assert series.index[-1] <= sample.END
    assert list(tables["factors_daily"].columns) == ["Mkt-RF", "SMB", "HML", "RF", "Mom"]
    assert list(tables["factors_monthly"].columns) == ["Mkt-RF", "SMB", "HML", "RMW", "CMA", "RF"]
    assert all(frame.attrs["data"] == sample.LABEL for frame in tables.values())


def test_sample_volatilities_are_plausible():
    tables = sample.tables()
    returns = tables["prices"][["SPY", "IWM", "NVDA", "SHY"]].pct_change(fill_method=None)
    annual_vol = returns.std() * np.sqrt(252)
    assert 0.10 < annual_vol["SPY"] < 0.30
    assert annual_vol["IWM"] > annual_vol["SPY"]
    assert annual_vol["NVDA"] > 0.35
    assert annual_vol["SHY"] < 0.05
    smb = tables["factors_daily"]["SMB"]
    assert 0.3 < smb.std() < 1.0  # percent per day


def test_sample_policy_rate_follows_the_real_fomc_calendar():
    fred = sample.tables()["fred"]
    decisions = curated.read_fomc_decisions().dropna(subset=["upper"])
    for day, row in decisions.iterrows():
        after = fred.loc[day + pd.Timedelta(days=1), ["DFEDTARL", "DFEDTARU"]].tolist()
        assert after == [row["lower"], row["upper"]], day


def test_the_cached_copy_is_identical_and_refreshed_when_stale(data_dir):
    fresh = sample.tables()
    first = sample.cached_tables()  # generates and saves
    folder = data_dir / "processed" / "sample"
    assert (folder / "version.txt").exists() and (folder / "prices.parquet").exists()
    second = sample.cached_tables()  # reads the saved copy
    for name in fresh:
        pd.testing.assert_frame_equal(second[name], fresh[name], check_freq=False)
        assert second[name].attrs["data"] == sample.LABEL
    (folder / "version.txt").write_text("stale")
    sample.cached_tables()
    assert (folder / "version.txt").read_text() == sample.version()
    assert first.keys() == second.keys()

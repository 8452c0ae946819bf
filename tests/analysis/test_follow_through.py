"""Notebook 07's follow-through test on constructed data: the registered rule as committed, horizons pending until the
data reach them and filled in by newer data with no edit, moves read against their band at the one standard, and the
comparison with the strongest past openings from the event's trading day of the year."""

import dataclasses

import numpy as np
import pandas as pd
import pytest

from helpers.analysis import follow_through as ft
from helpers.analysis.ledger import CONTRADICTED, NOT_SHOWN, NOT_YET, STANDARD, SUPPORTED
from helpers.analysis.ledger.claims import Part
from helpers.data import curated, load

PAIR = Part(("IWM",), "IWB")


def the_rule(**changes) -> ft.Rule:
    rule = next(r for r in ft.read_rules() if r.id == "IWM_IWB")
    return dataclasses.replace(rule, **changes)


def walks(days, seed=1, sd=0.006) -> pd.DataFrame:
    """IWB and IWM as random walks (IWM's daily moves IWB's plus independent noise of ``sd``)."""
    rng = np.random.default_rng(seed)
    iwb = 100 * np.exp(np.cumsum(rng.normal(0, 0.01, len(days))))
    iwm = iwb * np.exp(np.cumsum(rng.normal(0, sd, len(days))))
    return pd.DataFrame({"IWM": iwm, "IWB": iwb}, index=days)


# ----------------------------------------------------------------------------- the registered rule


def test_the_registered_rule_is_the_one_committed_before_its_horizons_were_judged():
    """The table is the registration: changing a row after its horizons are seen is tuning, and fails here."""
    table = curated.read_follow_through()
    assert list(table.index) == ["IWM_IWB", "RUT_SPX", "SMB"]
    assert (table["event"] == "2026-01-06").all() and (table["registered"] == "2026-11-27").all()
    assert (table["horizons_months"] == "1; 3; 6; 9; 12").all() and (table["band"] == "standard").all()
    assert table.loc["IWM_IWB", ["opening_days", "openings_since", "strong_share"]].tolist() == [10, 2001, 0.2]
    assert table.loc["SMB", ["opening_days", "openings_since", "strong_share"]].tolist() == [10, 1927, 0.2]
    assert table.loc["RUT_SPX", ["opening_days", "openings_since", "strong_share"]].isna().all()
    assert (table["data_through"] <= table["registered"]).all()
    assert table["reason"].str.len().gt(40).all()


def test_the_rules_read_with_their_horizons_and_what_was_seen_at_registration():
    rules = {r.id: r for r in ft.read_rules()}
    rule = rules["IWM_IWB"]
    assert rule.part == PAIR and rule.horizons == (1, 3, 6, 9, 12) and rule.as_registered
    assert rule.horizon_end(1) == pd.Timestamp("2026-02-06") and rule.horizon_end(12) == pd.Timestamp("2027-01-06")
    assert [rule.seen_at_registration(m) for m in rule.horizons] == [True, True, False, False, False]
    assert rules["SMB"].part == Part(("SMB",)) and not rules["RUT_SPX"].compares
    other = {r.id: r for r in ft.read_rules(horizons=[1, 2])}
    assert other["IWM_IWB"].horizons == (1, 2) and not other["IWM_IWB"].as_registered
    assert all(r.as_registered for r in ft.read_rules(event="2026-01-06"))


def test_a_band_rule_other_than_the_standard_is_refused(monkeypatch):
    table = curated.read_follow_through()
    table.loc["SMB", "band"] = "my own"
    monkeypatch.setattr(curated, "read_follow_through", lambda: table)
    with pytest.raises(ValueError, match="SMB: band 'my own'"):
        ft.read_rules()


# ----------------------------------------------------------------------------- the horizons


def test_horizons_are_pending_until_the_data_reach_them_and_a_newer_export_fills_them_without_an_edit():
    rule = the_rule()
    held = walks(pd.bdate_range("2024-06-03", "2027-03-31"))
    early = ft.horizons(rule, held.loc[:"2026-06-30"])  # the snapshot's reach
    assert list(early["status"]) == ["observed", "observed", "pending", "pending", "pending"]
    assert early.loc[6, "verdict"] == NOT_YET and pd.isna(early.loc[6, "move"])
    later = ft.horizons(rule, held)  # an export that reaches past January 2027, same rule, same code
    assert (later["status"] == "observed").all()
    assert later.loc[1:3, "move"].tolist() == pytest.approx(early.loc[1:3, "move"].tolist())  # seen horizons unchanged
    expected = ft.spread_return(held, PAIR, "2026-01-06", "2027-01-06")
    assert later.loc[12, "move"] == pytest.approx(expected)
    assert later.loc[12, "through"] == pd.Timestamp("2027-01-06")
    assert later.loc[9, "through"] == pd.Timestamp("2026-10-06")


def test_a_move_is_read_against_its_band_at_the_one_standard():
    rule = the_rule(horizons=(1,))
    days = pd.bdate_range("2024-06-03", "2026-03-31")
    base = walks(days, seed=3)
    after = pd.Series(np.arange(len(days)) - days.get_loc(pd.Timestamp("2026-01-06")), index=days).clip(lower=0)
    cases = (
        (0.004, SUPPORTED, "ahead beyond its band"),
        (-0.004, CONTRADICTED, "behind beyond its band"),
        (0.0, NOT_SHOWN, "inside its band"),
    )
    for daily, verdict, reading in cases:
        frame = base.assign(IWM=base["IWM"] * np.exp(daily * after))
        row = ft.horizons(rule, frame).loc[1]
        assert (row["verdict"], row["reading"]) == (verdict, reading), daily
        daily_sd = np.log(frame["IWM"] / frame["IWB"]).diff().loc[:"2026-01-05"].iloc[-STANDARD.band_days :].std()
        assert row["band"] == pytest.approx(STANDARD.z * daily_sd * np.sqrt(row["days"]), rel=0.05)


def test_so_far_and_the_funnel():
    rule = the_rule()
    frame = walks(pd.bdate_range("2024-06-03", "2026-03-31"))
    found = ft.so_far(rule, frame)
    assert found.end == pd.Timestamp("2026-03-31") and found.move == pytest.approx(
        ft.spread_return(frame, PAIR, "2026-01-06", "2026-03-31")
    )
    assert ft.funnel(found, found.days) == pytest.approx(STANDARD.z * found.sd)
    assert ft.funnel(found, 4 * found.days) == pytest.approx(2 * STANDARD.z * found.sd)
    assert ft.so_far(rule, frame.loc[:"2026-01-06"]) is None  # no close after the event


def test_spread_path_starts_at_zero_and_is_the_difference_of_returns():
    days = pd.bdate_range("2026-01-05", periods=4)
    frame = pd.DataFrame({"IWM": [100.0, 110.0, 121.0, 110.0], "IWB": [50.0, 50.0, 55.0, 55.0]}, index=days)
    path = ft.spread_path(frame, PAIR, "2026-01-06")
    assert path.tolist() == pytest.approx([0.0, 0.1 - 0.1, 0.0 - 0.1])
    assert ft.spread_return(frame, PAIR, "2026-01-05", "2026-01-08") == pytest.approx(0.10 - 0.10)


def test_smb_enters_as_a_growth_index_of_its_daily_returns(monkeypatch):
    days = pd.bdate_range("2026-01-02", periods=3)
    monkeypatch.setattr(load, "load_factors", lambda *a, **k: pd.DataFrame({"SMB": [1.0, -2.0, 3.0]}, index=days))
    level = ft.smb_level()
    assert level["SMB"].iloc[-1] / level["SMB"].iloc[0] - 1 == pytest.approx(0.98 * 1.03 - 1)


# ----------------------------------------------------------------------------- past openings


@pytest.mark.parametrize(
    "date, day", [("2026-01-06", 3), ("2021-01-06", 3), ("2023-01-05", 3), ("2024-01-22", 14), ("2026-01-02", 1)]
)
def test_the_trading_day_of_the_year_skips_new_year_and_king_day(date, day):
    assert ft.trading_day_of_year(date) == day


def openings_frame() -> pd.DataFrame:
    """IWB flat; IWM flat except for a jump on the 5th trading day of some years and a drift after their 3rd day."""
    days = pd.bdate_range("2015-01-01", "2026-03-31")
    days = days[~((days.month == 1) & (days.day == 1))]
    iwm = pd.Series(0.0, index=days)
    jumps = {2016: 0.08, 2018: 0.05, 2020: 0.03, 2022: -0.04}
    for year, jump in jumps.items():
        iwm.loc[days[days.year == year][4]] += np.log1p(jump)
    return pd.DataFrame({"IWM": 100 * np.exp(iwm.cumsum()), "IWB": 100.0}, index=days)


def test_the_strongest_openings_and_what_followed_them():
    frame = openings_frame()
    openings = ft.opening_moves(frame, PAIR, 10, 2016, 2025)
    assert openings.loc[2016] == pytest.approx(0.08) and openings.loc[2017] == pytest.approx(0.0)
    strong = ft.strongest(openings, 0.2)  # ten years: the top two
    assert list(strong.index) == [2016, 2018]
    assert list(ft.strongest(openings, 0.01).index) == [2016]  # at least one year
    followed = ft.what_followed(frame, PAIR, [2016, 2018, 2025], 3, [1, 15])
    assert followed.loc[2016, "anchor"] == pd.Timestamp("2016-01-06")  # the 3rd trading day, New Year's Day off
    assert followed.loc[2016, 1] == pytest.approx(0.08)  # the jump on the 5th day comes after the anchor
    assert pd.isna(followed.loc[2025, 15])  # fifteen months run past the data
    assert followed.loc[2025, 1] == pytest.approx(0.0)
    # anchored at the 10th day, the opening's jump is behind the anchor
    assert ft.what_followed(frame, PAIR, [2016], 10, [1]).loc[2016, 1] == pytest.approx(0.0)


def test_this_year_is_placed_among_what_followed_the_strong_openings():
    table = pd.DataFrame({"move": [0.05, np.nan]}, index=pd.Index([1, 3], name="months"))
    followed = pd.DataFrame(
        {"anchor": pd.NaT, 1: [0.02, 0.06, -0.01, 0.00], 3: [0.1, np.nan, 0.2, 0.0]},
        index=pd.Index([2001, 2002, 2003, 2004], name="year"),
    )
    compared = ft.compare(table, followed, [2001, 2002, 2003])
    assert compared.loc[1, "n"] == 3 and compared.loc[1, "median"] == pytest.approx(0.02)
    assert compared.loc[1, "percentile"] == pytest.approx(2 / 3)  # at or above two of the three
    assert compared.loc[1, "share ahead"] == pytest.approx(2 / 3)
    assert compared.loc[1, "median, all years"] == pytest.approx(0.01)
    assert compared.loc[3, "n"] == 2 and pd.isna(compared.loc[3, "percentile"])  # pending: no percentile


def test_a_run_on_constructed_data_ranks_this_years_opening():
    frame = openings_frame()
    frame.loc["2026-01-07":, "IWM"] *= 1.06  # 2026 opens strongly, after the event
    result = ft.run(the_rule(openings_since=2016, horizons=(1,)), frame)
    assert result.opening_rank == 2 and list(result.strong.index) == [2016, 2018]
    assert result.observed == [1] and result.pending == []
    assert result.comparison.loc[1, "move"] == pytest.approx(0.06)
    band_only = ft.run(the_rule(opening_days=None, horizons=(1,)), frame)
    assert band_only.strong.empty and band_only.comparison.empty and band_only.opening_rank is None

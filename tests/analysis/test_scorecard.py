"""The forecasts' scorecard on constructed data: pending before anything can be graded, on track or off track by the
stated rule before the horizon, met or missed only once the data cover it."""

import dataclasses

import numpy as np
import pandas as pd
import pytest

from helpers.analysis import scorecard as sc
from helpers.analysis.ledger import claims as claims_table
from helpers.data import curated, load
from helpers.errors import MissingDataError

PUBLISHED = pd.Timestamp("2026-01-06")


@pytest.fixture
def fake(monkeypatch):
    """Constructed prices, index levels, FRED series and FOMC decisions for the graders' loaders."""
    held = {"prices": pd.DataFrame(), "indices": pd.DataFrame(), "fred": pd.DataFrame(), "fomc": pd.DataFrame()}

    def serve(kind):
        def loader(keys=None, **_):
            keys = [keys] if isinstance(keys, str) else list(keys)
            missing = [k for k in keys if k not in held[kind].columns]
            if missing:
                raise MissingDataError(f"not held: {missing}")
            return held[kind][keys].dropna(how="all")

        return loader

    monkeypatch.setattr(load, "load_prices", serve("prices"))
    monkeypatch.setattr(load, "load_indices", serve("indices"))
    monkeypatch.setattr(load, "load_fred", serve("fred"))
    monkeypatch.setattr(load, "fomc_decisions", lambda **_: held["fomc"])
    return held


def claim(claim_id: str, **changes):
    return dataclasses.replace(claims_table.read()[claim_id], **changes)


def grade(claim_id: str, grader: str, **changes) -> sc.Grade:
    return sc.GRADERS[grader](claim(claim_id, **changes), sc.STANDARD, PUBLISHED)


def test_the_scorecard_names_claims_and_graders_that_exist():
    table = curated.read_scorecard()
    assert set(table["grader"]) <= set(sc.GRADERS)
    assert set(table.index) <= set(claims_table.read())
    assert (table["registered"] == "2026-11-27").all() and (table["data_through"] <= table["registered"]).all()


def test_the_even_path_compounds_per_calendar_day_and_stops_at_the_target():
    dates = pd.to_datetime(["2026-01-01", "2026-01-11", "2026-02-01"])
    path = sc.even_path(100.0, 121.0, "2026-01-01", "2026-01-21", dates)
    assert path.tolist() == pytest.approx([100.0, 110.0, 121.0])


def test_a_year_end_target_is_on_or_off_its_path_before_the_year_end_and_met_or_missed_only_at_it(fake):
    days = pd.bdate_range("2025-12-01", "2026-12-31")
    level = pd.Series(2500.0, index=days)
    fake["indices"] = pd.DataFrame({"RUT": level.loc[:"2026-01-06"]})
    assert grade("JEF_TARGET_2825", "target_level").status == sc.PENDING  # nothing after the articles' date
    fake["indices"] = pd.DataFrame({"RUT": level.loc[:"2026-06-30"]})
    assert grade("JEF_TARGET_2825", "target_level").status == sc.OFF_TRACK  # flat: below the path to 2,825
    ahead = level.copy()
    ahead.loc["2026-02-01":] = 2800.0
    fake["indices"] = pd.DataFrame({"RUT": ahead.loc[:"2026-06-30"]})
    graded = grade("JEF_TARGET_2825", "target_level")
    assert graded.status == sc.ON_TRACK and graded.figures["needed"] == pytest.approx(2825 / 2800 - 1)
    fake["indices"] = pd.DataFrame({"RUT": ahead})
    assert grade("JEF_TARGET_2825", "target_level").status == sc.MISSED  # the year closed below the target
    ahead.loc["2026-12-31"] = 2825.0
    fake["indices"] = pd.DataFrame({"RUT": ahead})
    assert grade("JEF_TARGET_2825", "target_level").status == sc.MET


def decisions(rows: dict) -> pd.DataFrame:
    table = pd.DataFrame([{"decision": d} for d in rows.values()], index=pd.to_datetime(list(rows)))
    return table.rename_axis("announcement")


def test_cuts_are_graded_at_the_even_pace_over_the_scheduled_meetings(fake):
    upper = pd.Series(3.75, index=pd.bdate_range("2025-12-01", "2026-12-31"))
    fake["fred"] = pd.DataFrame({"DFEDTARU": upper.loc[:"2026-01-20"]})
    fake["fomc"] = decisions({})
    assert grade("TWO_CUTS_2026", "cuts_count").status == sc.PENDING  # no decision of the year yet
    fake["fred"] = pd.DataFrame({"DFEDTARU": upper.loc[:"2026-05-01"]})
    fake["fomc"] = decisions({"2026-01-28": "hold", "2026-03-18": "hold", "2026-04-29": "hold"})
    graded = grade("TWO_CUTS_2026", "cuts_count")
    assert graded.figures["scheduled"] == 8 and graded.figures["pace"] == 0  # 2 x 3/8 rounds down to 0
    assert graded.status == sc.ON_TRACK
    fake["fred"] = pd.DataFrame({"DFEDTARU": upper.loc[:"2026-06-30"]})
    fake["fomc"] = decisions({"2026-01-28": "hold", "2026-03-18": "hold", "2026-04-29": "hold", "2026-06-17": "hold"})
    assert grade("TWO_CUTS_2026", "cuts_count").status == sc.OFF_TRACK  # 2 x 4/8: one cut due by mid-year
    year = {
        "2026-01-28": "hold",
        "2026-03-18": "cut",
        "2026-04-29": "hold",
        "2026-06-17": "hold",
        "2026-07-29": "hold",
        "2026-09-16": "hold",
        "2026-10-28": "hold",
        "2026-12-09": "cut",
    }
    fake["fomc"] = decisions(year)
    fake["fred"] = pd.DataFrame({"DFEDTARU": upper.loc[:"2026-12-10"]})
    assert grade("TWO_CUTS_2026", "cuts_count").status == sc.ON_TRACK  # two cuts, but the year is not over
    fake["fred"] = pd.DataFrame({"DFEDTARU": upper})
    assert grade("TWO_CUTS_2026", "cuts_count").status == sc.MET
    fake["fomc"] = decisions({**year, "2026-12-09": "hold"})
    assert grade("TWO_CUTS_2026", "cuts_count").status == sc.MISSED


def test_a_first_half_caution_against_the_median_first_half(fake):
    days = pd.bdate_range("2000-12-01", "2026-12-31")
    steady = pd.Series(np.exp(0.0002 * np.arange(len(days))) * 100, index=days)  # about +2.5% every first half
    fake["prices"] = pd.DataFrame({"IWM": steady.loc[:"2026-06-30"]})
    assert grade("JPM_LIMITED_H1", "first_half_caution").status == sc.MET  # an ordinary half: the upside was limited
    fast = steady.copy()
    fast.loc["2026-01-02":] *= 1.2
    fake["prices"] = pd.DataFrame({"IWM": fast.loc[:"2026-03-31"]})
    graded = grade("JPM_LIMITED_H1", "first_half_caution")
    assert graded.status == sc.OFF_TRACK and graded.figures["return"] > graded.figures["median"]
    fake["prices"] = pd.DataFrame({"IWM": fast})
    assert grade("JPM_LIMITED_H1", "first_half_caution").status == sc.MISSED


def test_the_year_of_the_small_caps_is_a_lead_beyond_its_band(fake):
    days = pd.bdate_range("2024-06-03", "2026-12-31")
    rng = np.random.default_rng(4)
    iwb = pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.01, len(days)))), index=days)
    iwm = iwb * np.exp(np.cumsum(rng.normal(0, 0.004, len(days))))
    fake["prices"] = pd.DataFrame({"IWM": iwm.loc[:"2026-06-30"], "IWB": iwb.loc[:"2026-06-30"]})
    assert grade("LEADERSHIP_2026", "year_lead").status in (sc.OFF_TRACK, sc.ON_TRACK)
    after = pd.Series(np.maximum(0, np.arange(len(days)) - days.get_loc(pd.Timestamp("2025-12-31"))), index=days)
    ahead = pd.DataFrame({"IWM": iwm * np.exp(0.003 * after), "IWB": iwb})
    fake["prices"] = ahead
    assert grade("LEADERSHIP_2026", "year_lead").status == sc.MET
    fake["prices"] = ahead.loc[:"2026-06-30"]
    assert grade("LEADERSHIP_2026", "year_lead").status == sc.ON_TRACK
    fake["prices"] = pd.DataFrame({"IWM": iwm * np.exp(-0.003 * after), "IWB": iwb})
    assert grade("LEADERSHIP_2026", "year_lead").status == sc.MISSED


def test_nothing_is_graded_before_the_articles_date(fake):
    fake["prices"] = pd.DataFrame({"IWM": pd.Series(100.0, index=pd.bdate_range("2025-01-01", "2026-01-05"))})
    assert grade("JPM_LIMITED_H1", "first_half_caution").status == sc.PENDING
    assert grade("JPM_LIMITED_H1", "first_half_caution").rule.startswith("met (the upside was limited)")

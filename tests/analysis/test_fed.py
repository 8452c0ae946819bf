"""helpers.analysis.fed on constructed decisions and returns (nothing to show before the first decision or cut, never
another period's), the FOMC check before the curated calendar begins, and the cycle windows passed through specs."""

import numpy as np
import pandas as pd
import pytest

from helpers.analysis import checks, fed, robustness as rb, specs
from helpers.data import asof

DAYS = pd.bdate_range("2024-06-03", "2025-12-31")
DECIDED = pd.DataFrame(
    {
        "decision": ["hold", "cut", "cut", "hold", "cut"],
        "change_bp": [0, -50, -25, 0, -25],
        "lower": [5.25, 4.75, 4.5, 4.5, 4.25],
        "upper": [5.5, 5.0, 4.75, 4.75, 4.5],
    },
    index=pd.DatetimeIndex(["2024-07-31", "2024-09-18", "2024-11-07", "2025-06-18", "2025-09-17"]),
)


def daily() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    frame = pd.DataFrame(rng.normal(0, 0.01, (len(DAYS), 2)), index=DAYS, columns=["IWM", "IWB"])
    frame.loc["2024-09-18", "IWM"] = 0.05  # the day of the first cut
    return frame


def test_small_against_large_around_each_decision():
    returns = daily()
    around = fed.around_decisions(returns, returns["IWM"].rename("SMB"), DECIDED, [(0, 0), (0, 5)])
    assert list(around.columns) == ["window", "decision", "IWM - IWB", "SMB"] and len(around) == 10
    first = around.loc[(around.index == "2024-09-18") & (around["window"] == "(+0, +0)")].iloc[0]
    assert first["IWM - IWB"] == pytest.approx(0.05 - returns.loc["2024-09-18", "IWB"])
    week = fed.after_cuts(around, fed.WEEK_AFTER)
    assert list(week.index) == list(fed.cuts_of(DECIDED).index)
    assert list(fed.after_cuts(around).columns) == ["(+0, +0)", "(+0, +5)"]
    assert set(fed.by_decision(around).index.get_level_values("decision")) == {"cut", "hold"}


def test_nothing_before_the_first_decision_or_cut():
    returns = daily()
    none = fed.around_decisions(returns, returns["IWM"], DECIDED.iloc[0:0], [(0, 1)])
    assert none.empty and list(none.columns) == ["window", "decision", "IWM - IWB", "SMB"]
    assert fed.after_cuts(none).empty and fed.after_cuts(none, fed.WEEK_AFTER).empty
    rates = pd.DataFrame({"DFF": np.linspace(5.3, 4.3, len(DAYS))}, index=DAYS)
    assert fed.rates_around(rates, None) is None
    table = fed.rates_around(rates, pd.Timestamp("2024-09-18"))
    assert table.loc["DFF", "change (pp)"] == pytest.approx(4.3 - rates.loc["2024-09-17", "DFF"])
    assert fed.rates_around(rates.loc[:"2024-09-17"], pd.Timestamp("2024-09-18")) is None  # the cut's day not held
    assert fed.resumption(fed.cuts_of(DECIDED.loc[:"2025-06-30"]), "2025-09-17", returns, 20) is None


def test_the_resumption_and_its_pause():
    found = fed.resumption(fed.cuts_of(DECIDED), "2025-09-17", daily(), 20)
    assert found.previous_cut == pd.Timestamp("2024-11-07") and found.pause_months == 10
    assert set(found.returns) == {"IWM", "IWB"} and found.returns["IWM"] is not None
    assert fed.resumption(fed.cuts_of(DECIDED), "2025-09-17", daily(), 200).returns["IWM"] is None  # not held yet


def test_a_year_of_cuts_only_once_it_is_over():
    calendar = pd.concat([DECIDED, pd.DataFrame({"decision": ["scheduled"]}, index=pd.DatetimeIndex(["2026-01-28"]))])
    assert len(fed.cuts_between(calendar, "2025-01-01", "2025-12-31")) == 1
    assert fed.cuts_between(calendar, "2025-01-01", "2025-12-31", as_of="2025-12-20") is None
    assert fed.cuts_between(calendar.loc[:"2025-06-30"], "2025-01-01", "2025-12-31") is None


def test_the_fomc_check_before_the_calendar_begins_is_empty_with_its_columns(data_dir):
    with asof.at_most("2019-06-28"):
        table = checks.fomc_vs_target()
    assert table.empty and list(table.columns) == checks.COLUMNS
    assert DECIDED.join(table[["fred_range", "agrees"]])["agrees"].isna().all()  # notebook 02's table, nothing agrees


def test_cycle_windows_hold_the_claims_months_and_name_the_rest():
    assert specs.cycle_windows([[6, 12], [0, 6]]) == ((0, 6), (6, 12))
    assert specs.window_name(specs.CYCLE_WINDOWS) == "the rest of the first two years"
    assert specs.window_name([(0, 6), (6, 12), (12, 18)]) == "the rest of months 0-18"
    with pytest.raises(ValueError, match="claim's months"):
        specs.cycle_windows([(0, 6), (12, 18)])


def test_the_notebooks_cycle_windows_reach_the_robustness_table(data_dir):
    default = specs.cycle_robustness(draws=50)
    shorter = specs.cycle_robustness(draws=50, windows=[(0, 6), (6, 12), (12, 18)])
    head, other = (table.loc[table["headline"]].iloc[0] for table in (default, shorter))
    assert head["spec"] == "SMB: months 6-12 minus the rest of the first two years"
    assert other["spec"] == "SMB: months 6-12 minus the rest of months 0-18" and other["coef"] != head["coef"]
    assert rb.row(shorter, "SMB: months 6-12 minus 18-24") is None

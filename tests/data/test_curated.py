"""The curated FOMC calendar against FRED's target range, on the real snapshot."""

import pandas as pd

import helpers
from helpers.analysis import checks
from helpers.data import curated, fomc


def test_every_decision_matches_dfedtaru_and_dfedtarl(real_data):
    table = checks.fomc_vs_target()
    decided = fomc.decided(curated.read_fomc_decisions())
    assert list(table.index) == list(decided.index)  # every decision 2024-2026 is covered
    assert table["agrees"].all(), table.loc[~table["agrees"]]
    assert (table["fred_effective"] - table.index == pd.Timedelta(days=1)).all()


def test_the_check_catches_a_wrong_row(real_data, monkeypatch):
    wrong = curated.read_fomc_decisions()
    wrong.loc["2025-10-29", "upper"] = 4.25
    monkeypatch.setattr(curated, "read_fomc_decisions", lambda: wrong)
    table = checks.fomc_vs_target()
    assert list(table.index[~table["agrees"]]) == [pd.Timestamp("2025-10-29")]


def test_recent_first_cuts_are_where_the_target_range_first_falls(real_data):
    target = helpers.load_fred(["DFEDTARU"])["DFEDTARU"].dropna()
    for first_cut in ["2019-07-31", "2024-09-18"]:
        day = pd.Timestamp(first_cut)
        window = target.loc[day - pd.Timedelta(days=365) : day + pd.Timedelta(days=2)]
        falls = window.index[window.diff() < 0]
        assert falls[0] == day + pd.Timedelta(days=1), first_cut


def test_curated_rows_all_have_sources():
    for table in (curated.read_fomc_decisions(), curated.read_easing_cycles(), curated.read_valuations()):
        assert table["source"].notna().all() and (table["source"].str.len() > 10).all()

"""A year's opening (notebook 04): the window and what it holds, day-by-day paths from the year-end close, the
ranking against past openings, the calendar-month table; each says when the year is not (or not wholly) held."""

import numpy as np
import pandas as pd
import pytest

from helpers.analysis import january
from helpers.errors import ClaimError, NotYetObservableError

# Three openings: 2024 and 2025 whole, 2026 cut after its third trading day (2 January 2026 is a Friday).
DAYS = pd.bdate_range("2023-12-20", "2026-01-06")
DAYS = DAYS[
    ~DAYS.isin(pd.to_datetime(["2023-12-25", "2024-01-01", "2024-12-25", "2025-01-01", "2025-12-25", "2026-01-01"]))
]


def prices(small_growth: dict[int, float], large_growth: float = 0.0) -> pd.DataFrame:
    """IWM growing by ``small_growth[year]`` a day in January of that year, IWB by ``large_growth``, flat otherwise."""
    january_of = {year: (DAYS.year == year) & (DAYS.month == 1) for year in small_growth}
    small = np.ones(len(DAYS))
    for year, growth in small_growth.items():
        small = np.where(january_of[year], 1 + growth, small)
    large = np.where(DAYS.month == 1, 1 + large_growth, 1.0)
    return pd.DataFrame({"IWM": 100 * np.cumprod(small), "IWB": 50 * np.cumprod(large)}, index=DAYS)


def test_a_whole_window_starts_from_the_last_close_of_the_year_before():
    opening = january.window(DAYS, 2025, 3)
    assert opening.complete and opening.why() == ""
    assert opening.base == pd.Timestamp("2024-12-31")
    assert list(opening.dates) == list(pd.to_datetime(["2025-01-02", "2025-01-03", "2025-01-06"]))
    assert opening.end == pd.Timestamp("2025-01-06") and opening.day_number("2025-01-03") == 2


def test_a_window_the_data_do_not_hold_says_so_and_never_falls_back_to_another_year():
    before = january.window(DAYS[DAYS <= "2025-12-15"], 2026, 10)
    assert not before.complete and before.held == 0 and before.end is None
    assert before.why() == "January 2026 is not in the data (the last close held is 2025-12-15)"
    partial = january.window(DAYS, 2026, 10)
    assert partial.held == 3 and not partial.complete
    assert partial.why().startswith("only 3 of the 10 trading days of 2026's window")
    assert "before 2023 is not in the data" in january.window(DAYS, 2023, 2).why()
    with pytest.raises(NotYetObservableError, match="only 3 of the 10"):
        partial.require()
    assert january.window(DAYS, 2025, 3).require().complete
    with pytest.raises(ValueError):
        january.window(DAYS, 2025, 0)


def test_paths_are_returns_from_the_base_close_day_by_day():
    frame = prices({2025: 0.01}, large_growth=0.002)
    opening = january.window(DAYS, 2025, 3)
    path = january.paths(frame, opening)
    assert list(path.index) == list(opening.dates)
    assert path["IWM"].tolist() == pytest.approx([1.01 - 1, 1.01**2 - 1, 1.01**3 - 1])
    assert path["IWB"].iloc[-1] == pytest.approx(1.002**3 - 1)
    assert january.window_return(frame["IWM"], opening) == pytest.approx(1.01**3 - 1)
    empty = january.paths(frame.loc[:"2025-12-15"], january.window(DAYS[DAYS <= "2025-12-15"], 2026, 10))
    assert empty.empty and list(empty.columns) == ["IWM", "IWB"]


def test_a_window_not_wholly_held_has_no_return_and_no_ranking():
    frame = prices({2024: 0.01, 2025: 0.02, 2026: 0.03})
    partial = january.window(DAYS, 2026, 10)
    assert january.window_return(frame, partial) is None
    assert january.ranking(frame, partial, 2024) is None
    assert len(january.paths(frame, partial)) == 3  # the days held can still be shown


def test_return_to_a_date_after_the_last_close_is_not_observable():
    frame = prices({2026: 0.01})
    assert january.return_to(frame["IWM"], "2025-12-31", "2026-01-06") == pytest.approx(1.01**3 - 1)
    assert january.return_to(frame.loc[:"2026-01-05"], "2025-12-31", "2026-01-06") is None


def test_the_ranking_places_the_year_among_the_same_opening_days_of_every_year():
    frame = prices({2024: 0.01, 2025: 0.02, 2026: 0.005})
    opening = january.window(DAYS, 2026, 3)
    found = january.ranking(frame, opening, 2024)
    assert found.excess.index.tolist() == [2024, 2025, 2026]
    assert found.value == pytest.approx(1.005**3 - 1) and found.rank == 3 and found.years == 3
    assert found.first_year == 2024
    assert january.rank_of(found.excess, 2025) == 1 and january.rank_of(found.excess, 2023) is None
    assert january.excess_openings(frame, 3, 2030, 2031).empty


def test_the_calendar_month_table_in_fractions_january_first():
    months = pd.date_range("2000-01-31", periods=24, freq="ME")
    monthly = pd.Series(np.where(months.month == 1, 0.02, -0.001), index=months)
    table = january.by_calendar_month(monthly)
    assert table.index[0] == "January" and len(table) == 12
    assert table.loc["January", "mean"] == pytest.approx(0.02) and table.loc["March", "count"] == 2


def test_the_claimed_move_comes_from_the_claims_table(data_dir):
    move = january.claimed_move("IWM_6PCT_JAN6")
    assert move.subject == "IWM" and move.move == pytest.approx(0.062)
    assert move.day == pd.Timestamp("2026-01-06") and move.start == pd.Timestamp("2025-12-31")
    with pytest.raises(ClaimError):
        january.claimed_move("JANUARY_EFFECT")


def test_the_first_day_at_a_move_is_read_only_in_a_complete_window():
    frame = prices({2025: 0.01, 2026: 0.03})
    opening = january.window(DAYS, 2025, 3)
    path = january.paths(frame, opening)["IWM"]
    assert january.first_day_reaching(path, opening, 0.015) == pd.Timestamp("2025-01-03")
    assert january.first_day_reaching(path, opening, 0.05) is None
    partial = january.window(DAYS, 2026, 10)
    assert january.first_day_reaching(january.paths(frame, partial)["IWM"], partial, 0.01) is None

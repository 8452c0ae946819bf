"""A period as the data hold it (helpers.analysis.returns): None before it, the part held so far while it runs, the
whole of it once the data reach its end; a reading on a date only once the data reach that date."""

import pandas as pd
import pytest

from helpers.analysis import returns


def closes(start="2024-12-02", end="2025-12-31", step=0.001) -> pd.Series:
    days = pd.bdate_range(start, end)
    return pd.Series([100 * (1 + step) ** i for i in range(len(days))], index=days)


def test_a_period_after_the_data_is_none_not_the_last_days_held():
    held = closes(end="2024-12-31")
    assert returns.held_period(held.index, "2025-01-01", "2025-12-31") is None
    assert returns.covered_return(held, "2025-12-01", "2025-12-31") is None
    # what the plain lookup does at such a date: the last close against itself, a quiet zero
    assert returns.period_return(held, "2025-11-30", "2025-12-31") == 0


def test_a_period_running_is_held_so_far_and_not_complete():
    held = closes(end="2025-06-30")
    period = returns.held_period(held.index, "2025-01-01", "2025-12-31")
    assert period.base == pd.Timestamp("2024-12-31") and period.end == pd.Timestamp("2025-06-30")
    assert not period.complete
    assert returns.covered_return(held, "2025-01-01", "2025-12-31") is None


def test_a_complete_period_gives_the_calendar_return():
    held = closes()
    period = returns.held_period(held.index, "2025-12-01", "2025-12-31")
    assert period.complete and period.base == pd.Timestamp("2025-11-28") and period.end == pd.Timestamp("2025-12-31")
    expected = returns.period_return(held, "2025-11-30", "2025-12-31")
    assert returns.covered_return(held, "2025-12-01", "2025-12-31") == pytest.approx(expected)
    both = returns.covered_return(pd.concat([held, held * 2], axis=1, keys=["a", "b"]), "2025-12-01", "2025-12-31")
    assert list(both.index) == ["a", "b"] and both["a"] == pytest.approx(expected)


def test_a_period_starting_before_the_data_is_none():
    assert returns.held_period(closes(start="2025-03-03").index, "2025-01-01", "2025-12-31") is None


def test_a_date_is_reached_only_when_the_data_get_there():
    held = closes(end="2025-12-30")
    assert returns.date_reached(held.index, "2025-12-31") is None
    assert returns.date_reached(held.index, "2025-12-28") == pd.Timestamp("2025-12-26")  # a Sunday: the Friday's close
    assert returns.date_reached(pd.DatetimeIndex([]), "2025-12-31") is None

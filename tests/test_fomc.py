import numpy as np
import pandas as pd
import pytest

import helpers
from helpers import curated, events, fomc


def test_changes_in_the_upper_limit_reveal_announcements_the_day_before():
    days = pd.to_datetime(["2015-12-15", "2015-12-16", "2015-12-17", "2020-03-15", "2020-03-16", "2020-03-17"])
    upper = pd.Series([0.25, 0.25, 0.50, 0.50, 0.25, 0.25], index=days)
    table = fomc.announcements_from_target(upper)
    assert list(table.index.strftime("%Y-%m-%d")) == ["2015-12-16", "2020-03-15"]
    assert list(table["decision"]) == ["hike", "cut"] and list(table["change_bp"]) == [25, -25]


def test_combined_calendar_keeps_curated_rows_and_adds_earlier_moves():
    decisions = curated.read_fomc_decisions()
    upper = pd.Series([1.0, 0.75, 0.75, 5.5], index=pd.to_datetime(["2019-07-31", "2019-08-01", "2023-12-31", "2024-01-01"]))
    table = fomc.combined_calendar(decisions, upper)
    assert table.index[0] == pd.Timestamp("2019-07-31") and table.iloc[0]["decision"] == "cut"
    assert "scheduled" not in set(table["decision"])
    assert (table.loc["2024-01-31":, "source"].str.startswith("Federal Reserve")).all()


def test_calendar_from_the_real_target_range(real_data):
    table = helpers.fomc_calendar()
    hikes = table.loc[:"2023-12-31"].query("decision == 'hike'")
    cuts = table.loc[:"2023-12-31"].query("decision == 'cut'")
    assert len(hikes) == 20  # 9 in 2015-2018, 7 in 2022, 4 in 2023
    assert hikes.loc["2022", "change_bp"].tolist() == [25, 50, 75, 75, 75, 75, 50]
    assert list(cuts.index.strftime("%Y-%m-%d")) == ["2019-07-31", "2019-09-18", "2019-10-30", "2020-03-03", "2020-03-15"]


def test_announcement_day_change_is_read_by_date_across_missing_days():
    days = pd.to_datetime(["2024-09-16", "2024-09-17", "2024-09-18", "2024-09-19", "2024-11-04", "2024-11-05",
                           "2024-11-07", "2024-11-08"])
    dgs2 = pd.Series([3.55, 3.60, 3.61, 3.59, 4.20, 4.25, 4.21, 4.26], index=days)
    dgs2.loc["2024-11-06"] = np.nan  # a missing observation the day before an announcement
    table = events.announcement_day_change(dgs2.sort_index(), ["2024-09-18", "2024-11-07", "2024-12-18", "2024-09-14",
                                                             "2024-11-02"])
    assert table.loc["2024-09-18", "change_pp"] == pytest.approx(0.01)
    row = table.loc["2024-11-07"]
    assert row["before"] == pd.Timestamp("2024-11-05") and row["change_pp"] == pytest.approx(-0.04)
    assert pd.Timestamp("2024-12-18") not in table.index  # beyond the data
    assert pd.Timestamp("2024-09-14") not in table.index  # no observation before its day 0
    assert table.loc["2024-11-02", "day0"] == pd.Timestamp("2024-11-04")  # a weekend maps to the next observation

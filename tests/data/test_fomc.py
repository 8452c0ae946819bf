import pandas as pd

import helpers
from helpers.data import curated, fomc


def test_changes_in_the_upper_limit_reveal_announcements_the_day_before():
    days = pd.to_datetime(["2015-12-15", "2015-12-16", "2015-12-17", "2020-03-15", "2020-03-16", "2020-03-17"])
    upper = pd.Series([0.25, 0.25, 0.50, 0.50, 0.25, 0.25], index=days)
    table = fomc.announcements_from_target(upper)
    assert list(table.index.strftime("%Y-%m-%d")) == ["2015-12-16", "2020-03-15"]
    assert list(table["decision"]) == ["hike", "cut"] and list(table["change_bp"]) == [25, -25]


def test_decided_meetings_are_filtered_one_way():
    table = curated.read_fomc_decisions()
    assert set(fomc.decided(table)["decision"]) <= set(fomc.DECIDED) and "scheduled" in set(table["decision"])
    assert len(fomc.decided(table)) == len(table) - (table["decision"] == "scheduled").sum()


def test_combined_calendar_keeps_curated_rows_and_adds_earlier_moves():
    decisions = fomc.decided(curated.read_fomc_decisions())
    upper = pd.Series(
        [1.0, 0.75, 0.75, 5.5], index=pd.to_datetime(["2019-07-31", "2019-08-01", "2023-12-31", "2024-01-01"])
    )
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
    assert list(cuts.index.strftime("%Y-%m-%d")) == [
        "2019-07-31",
        "2019-09-18",
        "2019-10-30",
        "2020-03-03",
        "2020-03-15",
    ]

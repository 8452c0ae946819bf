"""The shared robustness sets on the real snapshot (the numbers the notebooks and the ledger quote) and on any data."""

import pandas as pd
import pytest

from helpers.analysis import robustness as rb, specs


def test_the_rate_finding_depends_on_the_credit_control(real_data):
    table = specs.rate_robustness()
    full = table.loc[table["sample"] == "full sample"].set_index("spec")
    assert full.loc["market", "coef"] == pytest.approx(-0.34, abs=0.01) and full.loc["market", "p"] > 0.3
    assert full.loc["all controls", "coef"] == pytest.approx(-1.16, abs=0.01) and full.loc["all controls", "p"] < 0.05
    assert full.loc["no controls", "p"] > 0.5
    early = table.loc[(table["spec"] == "market") & (table["sample"] == "2015-2019")].iloc[0]
    assert early["coef"] > 0 and early["p"] < 0.05  # the other sign before Covid
    reading = rb.read(table, expected_sign=-1)
    assert reading.label == "depends on the high-yield spread control" and not reading.headline_significant


def test_regional_banks_turn_on_march_2023(real_data):
    table = specs.curve_robustness()
    reading = rb.read(table, expected_sign=1)
    assert "depends on March 2023" in reading.sentence
    without = table.loc[(table["spec"] == "market") & (table["sample"] == "without March 2023")].iloc[0]
    assert without["p"] < 0.01 and not reading.headline_significant


def test_the_cycle_and_january_sets(real_data):
    cycles = specs.cycle_robustness(draws=200)
    head = cycles.loc[cycles["headline"]].iloc[0]
    assert head["n"] == 17 and head["p"] == pytest.approx(0.199, abs=0.005)
    assert set(cycles.attrs["classes"]["kind"]) == {"recession", "insurance"}
    january = specs.january_robustness()
    assert january.loc[january["headline"], "p"].item() < 0.001
    assert rb.read(january, expected_sign=1).outcome != rb.HOLDS  # not since 2000


def test_fomc_surprises_and_the_2026_attribution(real_data):
    events = specs.fomc_surprises()
    assert len(events) == 45 and events["ΔDGS2 (pp)"].abs().max() < 0.3
    surprise = specs.fomc_surprise_robustness(events)
    assert surprise.loc[surprise["headline"], "p"].item() > 0.05  # no detectable surprise effect
    table = specs.size_attribution(2026)
    assert table.attrs["end"] == pd.Timestamp("2026-04-30")  # the factor files end before prices
    spread = specs.spread_data("daily", None)["IWM-IWB (%)"].loc["2026-01-01":"2026-04-30"].sum()
    assert table.loc["total", "contribution"] == pytest.approx(spread)
    assert table.drop(index="total")["contribution"].sum() == pytest.approx(spread)


def test_the_sets_run_on_any_data(data_dir):
    for table in (specs.rate_robustness(), specs.curve_robustness(), specs.credit_robustness(),
                  specs.balance_sheet_robustness(), specs.cycle_robustness(draws=50), specs.january_robustness(),
                  specs.fomc_surprise_robustness()):
        assert list(table.columns) == rb.COLUMNS and table["headline"].sum() == 1
        assert rb.read(table).outcome in rb.OUTCOMES
    attribution = specs.size_attribution(2025)
    assert attribution.loc["total", "contribution"] == pytest.approx(attribution.drop(index="total")["contribution"].sum())

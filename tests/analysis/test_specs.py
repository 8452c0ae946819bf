"""The shared robustness sets on the real snapshot (the numbers the notebooks and the ledger quote) and on any data."""

import pandas as pd
import pytest

from helpers.analysis import attribution, robustness as rb, specs


def test_the_rate_finding_is_not_established_and_regime_dependent(real_data):
    table = specs.rate_robustness()
    full = table.loc[table["sample"] == "full sample"].set_index("spec")
    assert full.loc["market", "coef"] == pytest.approx(-0.34, abs=0.01) and full.loc["market", "p"] > 0.3
    assert full.loc["all controls", "coef"] == pytest.approx(-1.16, abs=0.01) and full.loc["all controls", "p"] < 0.05
    reading = rb.read(table, claimed_sign=-1)
    assert reading.outcome == rb.NOT_ESTABLISHED and reading.regime_dependent
    assert "2015-2019" in reading.regimes and "opposite signs" in reading.regimes  # +1.47 then -1.83 since the 2024 cut
    assert any("high-yield spread" in d for d in reading.depends)
    # March 2023's p of 0.042, the lowest of the episode rows, does not survive the false-discovery control
    assert not any("March 2023" in d for d in reading.depends)


def test_regional_banks_turn_on_march_2023_and_on_the_regime(real_data):
    reading = rb.read(specs.curve_robustness(), claimed_sign=1)
    assert reading.outcome == rb.NOT_ESTABLISHED and reading.regime_dependent
    assert any(d.startswith("depends on March 2023") for d in reading.depends)


def test_the_cycle_and_january_sets(real_data):
    cycles = specs.cycle_robustness(draws=200)
    head = cycles.loc[cycles["headline"]].iloc[0]
    assert head["spec"] == "SMB: months 6-12 minus the rest of the first two years"
    assert head["n"] == 16 and head["coef"] == pytest.approx(0.031, abs=0.001)  # cycles with two complete years
    assert set(cycles.attrs["classes"]["kind"]) == {"recession", "insurance"}
    reading = rb.read(cycles, claimed_sign=1, fmt="{:+.1%}")
    assert reading.outcome == rb.NOT_ESTABLISHED and not reading.depends  # no single cycle decides it beyond chance
    january = specs.january_robustness()
    assert january.loc[january["headline"], "p"].item() < 0.001
    century = rb.read(january, claimed_sign=1, fmt="{:+.1%}")
    assert century.outcome == rb.ESTABLISHED and century.regime_dependent  # strong before 1983, gone since
    modern = rb.read(january, claimed_sign=1, estimand=("SMB (daily file)", "from 2000"), fmt="{:+.1%}")
    assert modern.outcome == rb.NOT_ESTABLISHED and not modern.depends  # episodes speak to the full sample only


def test_volatility_holds_everywhere(real_data):
    reading = rb.read(specs.volatility_robustness(), claimed_sign=1)
    assert reading.outcome == rb.ESTABLISHED and not reading.regime_dependent  # different sizes, one conclusion


def test_fomc_surprises_and_the_2026_attribution_under_both_windows(real_data):
    events = specs.fomc_surprises()
    assert len(events) == 45 and events["ΔDGS2 (pp)"].abs().max() < 0.3
    surprise = specs.fomc_surprise_robustness(events)
    assert surprise.loc[surprise["headline"], "p"].item() > 0.05  # no detectable surprise effect
    assert specs.latest_attribution_year() == 2026
    before, within = specs.size_attribution(2026), specs.size_attribution(2026, in_sample=True)
    assert before.attrs["end"] == pd.Timestamp("2026-04-30")  # the factor files end before prices
    spread = specs.spread_data("daily", None)["IWM-IWB (%)"].loc["2026-01-01":"2026-04-30"].sum()
    assert before.loc["total", "contribution"] == pytest.approx(spread)
    assert before.drop(index=["total", "explained"])["contribution"].sum() == pytest.approx(spread)
    both = attribution.under_both(before, within)
    assert both.loc["value (HML)", "holds under both"] == "yes" and both.loc["momentum", "holds under both"] == "no"
    assert before.loc["momentum", "contribution"] < 0 < within.loc["momentum", "contribution"]


def test_the_event_studies_by_decision(real_data):
    table, studies = specs.fomc_event_studies()
    assert {"cut", "hike"} <= set(table.index.get_level_values("decision"))
    assert studies[((0, 1), "cut")].n == table.loc[("(+0, +1)", "cut"), "events"]


def test_the_sets_run_on_any_data(data_dir):
    for table in (
        specs.rate_robustness(),
        specs.curve_robustness(),
        specs.credit_robustness(),
        specs.balance_sheet_robustness(),
        specs.cycle_robustness(draws=50),
        specs.january_robustness(),
        specs.fomc_surprise_robustness(),
        specs.volatility_robustness(),
    ):
        assert list(table.columns) == rb.COLUMNS and table["headline"].sum() == 1
        assert rb.read(table).outcome in rb.OUTCOMES
    result = specs.size_attribution(2025)
    assert result.loc["total", "contribution"] == pytest.approx(
        result.drop(index=["total", "explained"])["contribution"].sum()
    )

"""Units are what the docstrings and claims.csv say: a wrong unit (percent read as a fraction, a spread's move called
a percent return) shows here as a number a hundred times off or a column that does not match its rule."""

import numpy as np
import pandas as pd
import pytest

from helpers.analysis import attribution, regression as reg, specs
from helpers.analysis.ledger import claims as ledger_claims
from helpers.analysis.ledger.rules.regularities import TABLES
from helpers.data import load

DAYS = pd.bdate_range("2025-03-03", periods=5)


@pytest.fixture
def ten_percent_day(monkeypatch):
    """SMB of 10 (the French file is in percent a day) on one day, and IWM up 10% that day while IWB is flat."""
    smb = pd.DataFrame({"SMB": [0.0, 10.0, 0.0, 0.0, 0.0]}, index=DAYS)
    prices = pd.DataFrame({"IWM": [100.0, 110.0, 110.0, 110.0, 110.0], "IWB": [50.0] * 5}, index=DAYS)
    monkeypatch.setattr(load, "load_factors", lambda frequency, columns=None: smb[columns] if columns else smb)
    monkeypatch.setattr(load, "load_prices", lambda tickers, **kw: prices[list(tickers)])


def test_cycle_returns_are_fractions(ten_percent_day):
    returns = specs.cycle_returns()
    assert returns.loc[DAYS[1], "SMB"] == pytest.approx(0.10)  # not 10 (percent) and not 0.001
    assert returns.loc[DAYS[1], "IWM-IWB"] == pytest.approx(0.10)


def test_regression_inputs_are_percent_and_percentage_points():
    prices = pd.DataFrame({"IWM": [100.0, 110.0]}, index=DAYS[:2])
    assert reg.returns_at(prices)["IWM (%)"].iloc[-1] == pytest.approx(10.0)
    yields = pd.DataFrame({"DGS2": [4.00, 3.75]}, index=DAYS[:2])
    assert reg.changes_at(yields)["ΔDGS2 (pp)"].iloc[-1] == pytest.approx(-0.25)


def test_an_attribution_sums_percent_returns_into_percentage_points():
    rng = np.random.default_rng(3)
    days = pd.bdate_range("2024-01-01", periods=400)
    factor = pd.DataFrame({"Mkt-RF": rng.normal(0, 1.0, len(days))}, index=days)  # percent a day
    y = (0.5 * factor["Mkt-RF"] + rng.normal(0, 0.1, len(days))).rename("y")  # percent a day
    window = (str(days[300].date()), str(days[-1].date()))
    table = attribution.factor_attribution(y, factor, window, (str(days[0].date()), str(days[299].date())))
    in_window = y.loc[window[0] : window[1]]
    assert table.loc["total", "contribution"] == pytest.approx(in_window.sum())  # percentage points: a sum of percents
    assert table.attrs["compounded"] == pytest.approx(((1 + in_window / 100).prod() - 1) * 100)  # percent


# The unit of each claim's figure (claimed and measured, the ledger's ``measured`` being in the claim's units),
# by the rule that measures it. A movement part that is a spread moves in percentage points; a single series in percent.
FIXED_UNITS = {
    "stated_return": "percent",
    "target_upside": "percent",
    "discount": "percent",
    "inflation": "percent",
    "gdp_path": "percent",
    "first_half_path": "percent",
    "level_reached": "index points",
    "target_path": "index points",
    "pe_pair": "times",
    "fed_cuts": "percent (midpoint)",
    "cuts_path": "cuts",
    "opening_rank": "rank",
    "easing_start": "date",
    "trend": "percentage points",
}
REGULARITY_UNITS = {
    "rates": "percent per percentage point",
    "curve": "percent per percentage point",
    "cycles": "percentage points",
    "january": "percentage points",
    "volatility": "%² per day",
}
PART_UNITS = ("movement", "outperformed_for_years", "leadership_path")


def test_every_claim_states_the_unit_its_rule_measures_in():
    wrong = []
    for claim in ledger_claims.read().values():
        if claim.method in FIXED_UNITS:
            expected = FIXED_UNITS[claim.method]
        elif claim.method == "regularity":
            expected = REGULARITY_UNITS[claim.param("table")]
        elif claim.method in PART_UNITS:
            units = ["percentage points" if part.short else "percent" for part in claim.parts]
            expected = "; ".join(dict.fromkeys(units))
        elif claim.method == "new_high":
            expected = "percent" if len(claim.parts) == 1 else ""  # one series: how far above the earlier high
        else:
            assert claim.claimed_value is None or claim.units, f"{claim.id}: a stated figure without its unit"
            continue
        if claim.units != expected:
            wrong.append(f"{claim.id} ({claim.method}): units {claim.units!r}, its rule measures in {expected!r}")
    assert not wrong, "\n".join(wrong)


def test_the_regularity_tables_scale_fractions_to_percentage_points():
    assert TABLES["cycles"].scale == TABLES["january"].scale == 100.0  # tables of fractions, claims in pp
    assert TABLES["rates"].scale == TABLES["curve"].scale == TABLES["volatility"].scale == 1.0

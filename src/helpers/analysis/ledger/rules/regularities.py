"""Standing regularities, judged on the estimand row of their robustness table (:mod:`helpers.analysis.specs`).

The claim names its table (``table=`` in ``params``), the row that is its
estimand (``spec``: specification and sample, chosen from the wording) and the
sign it predicts. :func:`helpers.analysis.robustness.read` decides at the
standard; the rest of the table is robustness, read as many tests, and a row
without the power to see the effect cannot veto it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from helpers.data import load

from ... import robustness as rb, specs
from ..claims import Claim
from ..standard import CONTRADICTED, NOT_SHOWN, PARTLY, REGIME_DEPENDENT, SUPPORTED, Finding, Standard
from .registry import rule


@dataclass(frozen=True)
class Table:
    """A robustness set the ledger reads: how to build it for a claim, and how its coefficients are shown."""

    build: Callable[[Claim], pd.DataFrame]
    what: str
    fmt: str = "{:+.2f}"
    scale: float = 1.0  # to the claim's units (100 for differences of returns held as fractions)


def _start(claim: Claim) -> str:
    return f"{claim.period_start:%Y-%m-%d}"


TABLES = {
    "rates": Table(
        lambda c: specs.rate_robustness(_start(c)),
        "HAC regressions of daily IWM minus IWB on the change in the 2-year yield (notebook 05)",
    ),
    "curve": Table(
        lambda c: specs.curve_robustness(_start(c)),
        "HAC regressions of daily KRE minus SPY on the change in the 10y-2y slope (notebook 05)",
    ),
    "cycles": Table(
        lambda c: specs.cycle_robustness(),
        "SMB after each first cut since 1954, paired across cycles (notebook 02's rule and curated dates)",
        "{:+.1%}",
        100.0,
    ),
    "january": Table(
        lambda c: specs.january_robustness(),
        "Welch t-tests of January against the other months (notebook 04)",
        "{:+.1%}",
        100.0,
    ),
    "volatility": Table(
        lambda c: specs.volatility_robustness(_start(c)),
        "the mean difference of squared daily returns (IWM minus IWB, %², HAC errors)",
        "{:+.2f}",
    ),
}


def verdict_of(reading: rb.Reading) -> str:
    """The verdict a reading gives: established and not undercut, supported; undercut by an informative row, partly;
    significant the other way, contradicted; not established, not shown."""
    return {rb.ESTABLISHED: SUPPORTED, rb.FRAGILE: PARTLY, rb.OPPOSITE: CONTRADICTED, rb.NOT_ESTABLISHED: NOT_SHOWN}[
        reading.outcome
    ]


def _balance_sheet(claim: Claim, standard: Standard) -> str:
    table = specs.balance_sheet_robustness(_start(claim))
    reading = rb.read(table, alpha=standard.alpha, claimed_sign=1, power=standard.power)
    head = reading.estimand
    return (
        f"Direct test, IJR (profitable S&P 600) minus IWM on ΔDGS2: {head['coef']:+.2f} (p {head['p']:.3f}), "
        f"{reading.label}; IJR and IWM also differ in sectors. Debt structure itself is not in this data"
    )


def _tenors(claim: Claim, standard: Standard) -> str:
    ends = specs.bank_curve_regression("daily", _start(claim), True).table
    return (
        f"By tenor: Δ10-year {ends.loc['ΔDGS10 (pp)', 'coef']:+.2f} (p {ends.loc['ΔDGS10 (pp)', 'p']:.3f}), "
        f"Δ2-year {ends.loc['ΔDGS2 (pp)', 'coef']:+.2f} (p {ends.loc['ΔDGS2 (pp)', 'p']:.2f})"
    )


def _volatilities(claim: Claim, standard: Standard) -> str:
    from ...returns import TRADING_DAYS_PER_YEAR, daily_returns

    returns = daily_returns(load.load_prices(["IWM", "IWB"]).loc[_start(claim) :]).dropna()
    vol = returns.std() * TRADING_DAYS_PER_YEAR**0.5
    return (
        f"Annualised volatility of daily returns since {returns.index[0]:%Y}: "
        f"IWM {vol['IWM']:.1%}, IWB {vol['IWB']:.1%} "
        f"(ratio {vol['IWM'] / vol['IWB']:.2f})"
    )


CONTEXT = {"rates": _balance_sheet, "curve": _tenors, "volatility": _volatilities}


@rule("standard")
def regularity(claim: Claim, standard: Standard) -> Finding:
    """The estimand row of the claim's robustness table at the standard, the other rows read as robustness."""
    name = claim.param("table")
    table_kind = TABLES[name]
    if claim.spec is None or claim.claimed_sign is None:
        raise ValueError(f"claim {claim.id}: a regularity needs spec and claimed_sign in claims.csv")
    table = table_kind.build(claim)
    reading = rb.read(
        table,
        alpha=standard.alpha,
        claimed_sign=claim.claimed_sign,
        estimand=claim.spec,
        fmt=table_kind.fmt,
        power=standard.power,
    )
    head = reading.estimand
    context = CONTEXT.get(name)
    reason = reading.sentence + (f". {context(claim, standard)}" if context else "")
    return Finding(
        float(head["coef"]) * table_kind.scale,
        verdict_of(reading),
        reason,
        f"{table_kind.what}; the estimand is '{claim.spec[0]}' on '{claim.spec[1]}'. "
        + rb.rule_text(standard.alpha, claim.claimed_sign, claim.spec, power=standard.power),
        standard.evidence(),
        REGIME_DEPENDENT if reading.regime_dependent else "",
    )

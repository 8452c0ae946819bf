"""Valuation claims: published forward multiples dated on or before the claim (or carried to it by price)."""

from __future__ import annotations

from helpers.errors import NotYetObservableError
from ... import valuation
from ...returns import relative_strength
from ...stats import percentile_rank
from ..claims import Claim
from ..evidence import covered_until, levels
from ..standard import CONTRADICTED, NOT_TESTABLE, PARTLY, SUPPORTED, VERDICTS, Finding, Standard, graded
from .registry import rule


@rule("tolerance")
def pe_pair(claim: Claim, standard: Standard) -> Finding:
    """Two stated multiples (the claimed one for the large index, ``small=`` for ``small_index=``): the latest
    published pair dated on or before the claim, carried to its date by price; each within the rounding."""
    small_index = claim.param("small_index")
    at = valuation.published_pairs_at(claim.period_end)
    at = at.loc[(at["small"] == small_index) & (at.index <= claim.period_end)]
    if at.empty:
        raise NotYetObservableError(f"no published S&P 500 / {small_index} pair dated on or before the claim")
    row = at.iloc[-1]
    gaps = (row["large P/E at"] - claim.claimed_value, row["small P/E at"] - claim.param("small", float))
    grades = [graded(g, standard.multiple_rounding) for g in gaps]
    verdict = CONTRADICTED if CONTRADICTED in grades else PARTLY if PARTLY in grades else SUPPORTED
    return Finding(float(row["large P/E at"]), verdict,
                   f"published on {at.index[-1]:%Y-%m-%d}: S&P 500 {row['large P/E']:.1f}x, {small_index} "
                   f"{row['small P/E']:.1f}x ({row['source']}); {row['how']} to {claim.period_end:%Y-%m-%d}: "
                   f"{row['large P/E at']:.1f}x and {row['small P/E at']:.1f}x (index levels and adjusted closes; "
                   "forward earnings held fixed)",
                   f"the latest published pair dated on or before the claim, carried to its date by price; each multiple "
                   f"within ±{standard.multiple_rounding:g}x of the claim, partly within ±{2 * standard.multiple_rounding:g}x",
                   f"rounding ±{standard.multiple_rounding:g}x")


@rule("tolerance")
def discount(claim: Claim, standard: Standard) -> Finding:
    """A stated discount of small to large caps, the article naming no index: for each published pair, whether the
    claim lies in the range the multiples' rounding allows; the best-fitting index's figure is the measured one."""
    at = valuation.published_pairs_at(claim.period_end)
    if at.empty:
        raise NotYetObservableError("no published pair of multiples by the as-of date")
    claimed = claim.claimed_value / 100
    rows, grades = [], {}
    for day, row in at.iterrows():
        low, high = valuation.discount_range(row["small P/E at"], row["large P/E at"], standard.multiple_rounding)
        wide_low, wide_high = valuation.discount_range(row["small P/E at"], row["large P/E at"], 2 * standard.multiple_rounding)
        grades[row["small"]] = SUPPORTED if low <= claimed <= high else PARTLY if wide_low <= claimed <= wide_high else CONTRADICTED
        rows.append(f"{row['small']} against the S&P 500: {row['discount at']:.1%} on {claim.period_end:%Y-%m-%d} "
                    f"(published {day:%Y-%m-%d} at {row['discount']:.1%}, {row['how']}; {low:.1%} to {high:.1%} "
                    "with the multiples' rounding)")
    best = min(grades.values(), key=VERDICTS.index)
    matching = [s for s, g in grades.items() if g == best]
    later = [d for d in at.index if d > claim.period_end]
    measured = at.loc[at["small"] == matching[0], "discount at"].iloc[0]
    return Finding(float(measured) * 100, best,
                   "; ".join(rows) + f". The article names no index; {', '.join(matching)} fits best"
                   + (f"; figures published after the claim are rolled back by price ({', '.join(f'{d:%Y-%m-%d}' for d in later)})"
                      if later else ""),
                   "discount 1 - small/large from published forward P/Es dated on or before the claim, or carried to its "
                   "date by the indexes' prices (forward earnings held fixed); supported if the claim lies in the range "
                   f"the multiples' rounding (±{standard.multiple_rounding:g}x) allows for an index, partly in twice that",
                   f"rounding ±{standard.multiple_rounding:g}x")


@rule()
def relative_price_context(claim: Claim, standard: Standard) -> Finding:
    """A claim about the history of valuations: not testable without a history of multiples; the relative price of
    the claim's ``series`` (a spread of two funds) is shown for context only."""
    (part,) = claim.parts
    prices = levels(part.keys)
    end = covered_until(prices, claim.period_end)
    ratio = relative_strength(prices[part.long[0]], prices[part.short])["ratio"].loc[:end]
    rank = percentile_rank(ratio, ratio.iloc[-1])
    return Finding(None, NOT_TESTABLE,
                   f"a claim about valuation needs a history of multiples, which this data does not hold. For context only: "
                   f"{part.long[0]}/{part.short} on {end:%Y-%m-%d} stood at the {rank:.1%} percentile of its relative-price "
                   f"history since {ratio.index[0]:%Y}, a record of returns, not of valuations",
                   "prices are not valuations (notebook 03); the relative price is context, never the evidence",
                   "no history of multiples in the data")


@rule()
def needs_earnings(claim: Claim, standard: Standard) -> Finding:
    return Finding(None, NOT_TESTABLE, "needs earnings estimates for the companies in question, which this data does not hold",
                   "no earnings data in the collection", "no earnings data")

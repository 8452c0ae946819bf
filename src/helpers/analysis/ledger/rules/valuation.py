"""Valuation claims: published forward multiples dated on or before the claim (or carried to it by price)."""

from __future__ import annotations

import pandas as pd

from helpers.errors import NotYetObservableError

from ... import valuation
from ...returns import relative_strength
from ...stats import percentile_rank
from ..claims import Claim
from ..evidence import covered_until, levels
from ..standard import CONTRADICTED, NOT_TESTABLE, PARTLY, SUPPORTED, Finding, Standard, graded
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
    return Finding(
        float(row["large P/E at"]),
        verdict,
        f"published on {at.index[-1]:%Y-%m-%d}: S&P 500 {row['large P/E']:.1f}x, {small_index} "
        f"{row['small P/E']:.1f}x ({row['source']}); {row['how']} to {claim.period_end:%Y-%m-%d}: "
        f"{row['large P/E at']:.1f}x and {row['small P/E at']:.1f}x (index levels and adjusted closes; "
        "forward earnings held fixed)",
        f"the latest published pair dated on or before the claim, carried to its date by price; each multiple "
        f"within ±{standard.multiple_rounding:g}x of the claim, partly within ±{2 * standard.multiple_rounding:g}x",
        f"rounding ±{standard.multiple_rounding:g}x",
    )


@rule("tolerance")
def discount(claim: Claim, standard: Standard) -> Finding:
    """A stated discount of small to large caps, for the index pair the claim names (``small_index``): the latest
    published pair for it, carried to the claim's date by price, and the range of discounts the published multiples'
    own rounding allows; the claim within the return tolerance of that range, supported, within twice, partly."""
    small_index = claim.param("small_index")
    at = valuation.published_pairs_at(claim.period_end)
    at = at.loc[at["small"] == small_index]
    if at.empty:
        raise NotYetObservableError(f"no published {small_index} / S&P 500 pair of forward multiples by the as-of date")
    on_or_before = at.loc[at.index <= claim.period_end]
    day = (
        on_or_before.index[-1] if len(on_or_before) else at.index[0]
    )  # the nearest published pair, later if none before
    row = at.loc[day] if isinstance(at.loc[day], pd.Series) else at.loc[day].iloc[0]
    low, high = valuation.discount_range(
        row["small P/E at"], row["large P/E at"], row["small rounding"], row["large rounding"]
    )
    claimed = claim.claimed_value
    distance = max(low * 100 - claimed, claimed - high * 100, 0.0)
    return Finding(
        float(row["discount at"]) * 100,
        graded(distance, standard.return_tolerance_pp),
        f"{small_index} against the S&P 500: {row['discount at']:.1%} on {claim.period_end:%Y-%m-%d} (published "
        f"{day:%Y-%m-%d} at {row['small P/E']:g}x and {row['large P/E']:g}x, {row['discount']:.1%}; {row['how']}); "
        f"{low:.1%} to {high:.1%} with the published multiples' rounding ({row['source']})",
        "discount 1 - small/large from the published forward P/Es of the index pair the claim names, dated on "
        "or before the claim (or the nearest later one) and carried to its date by the indexes' prices "
        "(forward earnings held fixed); the claim within the return tolerance "
        f"(±{standard.return_tolerance_pp:g} pp) of the range the multiples' rounding allows, supported; "
        "within twice, partly",
        f"tolerance ±{standard.return_tolerance_pp:g} pp of the range",
    )


@rule()
def relative_price_context(claim: Claim, standard: Standard) -> Finding:
    """A claim about the history of valuations: not testable without a history of multiples; the relative price of
    the claim's ``series`` (a spread of two funds) is shown for context only."""
    (part,) = claim.parts
    prices = levels(part.keys)
    end = covered_until(prices, claim.period_end)
    ratio = relative_strength(prices[part.long[0]], prices[part.short])["ratio"].loc[:end]
    rank = percentile_rank(ratio, ratio.iloc[-1])
    return Finding(
        None,
        NOT_TESTABLE,
        f"a claim about valuation needs a history of multiples, which this data does not hold. For context only: "
        f"{part.long[0]}/{part.short} on {end:%Y-%m-%d} stood at the {rank:.1%} percentile of its relative-price "
        f"history since {ratio.index[0]:%Y}, a record of returns, not of valuations",
        "prices are not valuations (notebook 03); the relative price is context, never the evidence",
        "no history of multiples in the data",
    )


@rule()
def needs_earnings(claim: Claim, standard: Standard) -> Finding:
    return Finding(
        None,
        NOT_TESTABLE,
        "needs earnings estimates for the companies in question, which this data does not hold",
        "no earnings data in the collection",
        "no earnings data",
    )

"""Views the articles report (a bank's target, strategists' expectations, market pricing, a forecast, flows).

Whether a view was reported accurately cannot be checked with this data, so
each is "not testable" against the article; what followed goes to ``next``
("what happened next"), never against the article. Each comparison is like
for like: total returns against total returns, an index level against its own
history.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.data import load
from helpers.errors import NotYetObservableError

from ...returns import last_on_or_before, period_complete, period_return
from ..claims import Claim, Part
from ..evidence import Move, covered_until, levels, move, pct
from ..standard import CONTRADICTED, NOT_TESTABLE, SUPPORTED, Finding, Standard, parts_verdict
from .registry import rule

TEST = (
    "whether it was reported accurately cannot be checked with this data; what followed is in 'what happened next', "
    "not held against the article"
)


def _reported(claim: Claim, next_text: str = "", next_value: float | None = None) -> Finding:
    return Finding(
        None,
        NOT_TESTABLE,
        f"a reported view: {claim.param('not_held')} not in this data",
        TEST,
        "a reported view",
        next=next_text,
        next_value=next_value,
    )


@rule()
def reported_view(claim: Claim, standard: Standard) -> Finding:
    """A view with nothing in the data to follow it (``follow=`` says what would be needed)."""
    return _reported(claim, f"no {claim.param('follow')} in the collection to follow it")


@rule()
def target_path(claim: Claim, standard: Standard) -> Finding:
    """A year-end target: where the index closed the year, or stands so far, against it."""
    key = claim.parts[0].long[0]
    series = levels([key])[key].dropna()
    target, last_day = claim.claimed_value, series.index[-1]
    if period_complete(last_day, claim.period_end):
        final = last_on_or_before(series, claim.period_end)
        return _reported(
            claim,
            f"{key} closed {claim.period_end:%Y} at {final:,.0f}, {final / target - 1:+.1%} from the "
            f"{target:,.0f} target",
            final,
        )
    first = series.loc[claim.period_start :].loc[lambda s: s >= target]
    reached = f"; first close at or above it on {first.index[0]:%Y-%m-%d}" if len(first) else ""
    return _reported(
        claim,
        f"on {last_day:%Y-%m-%d}, before the target date, {key} stood at {series.iloc[-1]:,.0f}, "
        f"{series.iloc[-1] / target - 1:+.1%} from the target{reached}",
        float(series.iloc[-1]),
    )


@rule()
def cuts_path(claim: Claim, standard: Standard) -> Finding:
    """Priced cuts: the decisions taken so far in the window."""
    decisions = load.fomc_decisions(decided_only=True)
    window = decisions.loc[claim.period_start : claim.period_end]
    cuts = int((window["decision"] == "cut").sum())
    last = decisions.index[-1] if len(decisions) else None
    through = f" through {last:%Y-%m-%d}" if last is not None else ""
    return _reported(
        claim, f"{cuts} cut(s) in {len(window)} decisions of {claim.period_start:%Y}{through}", float(cuts)
    )


@dataclass(frozen=True)
class Lead:
    """A spread's lead over a window so far, read against its band at the standard."""

    move: Move
    reading: str  # "ahead beyond its band", "inside its band" or "behind beyond its band"
    complete: bool  # the window is over in the data

    def text(self, standard: Standard) -> str:
        long, short = self.move.part.long[0], self.move.part.short
        return (
            f"{long} {pct(self.move.returns[long])} against {short} {pct(self.move.returns[short])} "
            f"({pct(self.move.move)}, "
            f"{self.reading} ±{standard.z * self.move.sd * 100:.1f}%)"
        )


AHEAD, INSIDE, BEHIND = "ahead beyond its band", "inside its band", "behind beyond its band"


def band_reading(z: float, standard: Standard) -> str:
    """A spread's move (its z against the band) read at the standard: ahead beyond its band, inside it, or behind
    beyond it."""
    verdict = parts_verdict([z], 1, standard)
    return {SUPPORTED: AHEAD, CONTRADICTED: BEHIND}.get(verdict, INSIDE)


def lead_so_far(part: Part, start, end, standard: Standard) -> Lead:
    """``part`` (a spread) from the ``start`` close to ``end`` or the last day held, against its band."""
    frame = levels(part.keys)
    last_day = frame.dropna().index[-1]
    found = move(part, start, min(last_day, pd.Timestamp(end)), standard, frame)
    return Lead(found, band_reading(found.z, standard), period_complete(last_day, end))


@rule("standard")
def leadership_path(claim: Claim, standard: Standard) -> Finding:
    """Expected leadership: the spread (``series``, e.g. ``IWM-IWB``) over the window so far, against its band at the
    standard: ahead beyond it, inside it, or behind beyond it."""
    (part,) = claim.parts
    lead = lead_so_far(part, claim.period_start, claim.period_end, standard)
    span = (
        f"over {claim.period_end:%Y}"
        if lead.complete
        else f"from {claim.period_start:%Y-%m-%d} to {lead.move.end:%Y-%m-%d} (the year is not over)"
    )
    return _reported(claim, f"{lead.text(standard)} {span}", lead.move.move * 100)


def first_halves(series: pd.Series, since: int, before: int) -> pd.Series:
    """``series``' return (fraction) in the first half of each year from ``since`` to the year before ``before``:
    from the last close of the previous year to the last close of June."""
    return pd.Series(
        {year: float(period_return(series, f"{year - 1}-12-31", f"{year}-06-30")) for year in range(since, before)},
        dtype=float,
    )


@rule()
def first_half_path(claim: Claim, standard: Standard) -> Finding:
    """A caution for a half-year: the fund's total return in it against its own first halves since ``since`` (like
    for like), and the index level's price return beside it."""
    fund, index = claim.parts[0].long[0], claim.parts[1].long[0]
    frame = levels([fund, index])
    try:
        end = covered_until(frame[fund], claim.period_end)
    except NotYetObservableError as exc:
        return _reported(claim, f"the half-year is not over in the data ({exc})")
    realised = float(period_return(frame[fund], claim.period_start, end))
    price = float(period_return(frame[index], claim.period_start, end))
    halves = first_halves(frame[fund], claim.param("since", int), claim.period_end.year)
    median, upper = float(np.median(halves)), float(np.quantile(halves, 0.75))
    where = (
        "above the upper quartile"
        if realised > upper
        else "above the median"
        if realised > median
        else "at or below the median"
    )
    return _reported(
        claim,
        f"{fund} {pct(realised)} (total return) in the first half of {end.year}, {where} of its first "
        f"halves since {halves.index[0]} (median {pct(median)}, upper quartile {pct(upper)}); the "
        f"{index} level {pct(price)}",
        realised * 100,
    )


@rule()
def gdp_path(claim: Claim, standard: Standard) -> Finding:
    """A growth forecast: real GDP from the fourth quarter before the year to the latest quarter of it held."""
    key = claim.parts[0].long[0]
    gdp = load.load_fred([key])[key].dropna()
    year = claim.period_start.year
    base = pd.Timestamp(year=year - 1, month=10, day=1)
    in_year = gdp.loc[gdp.index.year == year]
    if base not in gdp.index or in_year.empty:
        return _reported(
            claim, f"no quarter of {year} published yet" if base in gdp.index else "the base quarter is not in the data"
        )
    last = in_year.index[-1]
    quarters = (last.to_period("Q") - base.to_period("Q")).n
    annualised = ((gdp.loc[last] / gdp.loc[base]) ** (4 / quarters) - 1) * 100
    what = "Q4 on Q4" if quarters == 4 else f"{quarters} quarter(s), annualised"
    return _reported(
        claim,
        f"real GDP {annualised:+.1f}% ({what}, {base:%Y} Q4 to {last.year} Q{last.quarter}) against the "
        f"reported {claim.claimed_value:g}%",
        annualised,
    )

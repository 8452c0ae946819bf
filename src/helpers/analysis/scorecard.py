"""The forecasts the articles report, graded only at their horizons.

Which forecasts are graded, and by which rule, is a committed table (``data/raw/curated/scorecard.csv``); each
forecast's figure, window and series are its row of ``claims.csv`` (read as a
:class:`~helpers.analysis.ledger.claims.Claim`), so no forecast's number lives here. Every forecast has one status
as of the data held (:data:`STATUSES`):

* **pending**: the data hold nothing to grade yet (the articles' date, or the forecast's window, has not come);
* **on track** / **off track**: before the horizon, by the rule's reading of the data so far;
* **met** / **missed**: once the data cover the horizon, and only then.

The graders (:data:`GRADERS`, each stated in words in the :class:`Grade` it returns): a year-end level
(:func:`target_level`), a number of cuts in a year (:func:`cuts_count`), a caution for a half-year
(:func:`first_half_caution`) and a spread's lead over a year (:func:`year_lead`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from helpers.data import curated, load

from .ledger import claims as claims_table
from .ledger.claims import Claim
from .ledger.evidence import levels, pct
from .ledger.rules.reported import AHEAD, first_halves, lead_so_far
from .ledger.runner import article_date
from .ledger.standard import STANDARD, Standard
from .returns import last_on_or_before, period_complete, period_return

PENDING, ON_TRACK, OFF_TRACK, MET, MISSED = "pending", "on track", "off track", "met", "missed"
STATUSES = {
    PENDING: "nothing to grade yet: the articles' date or the forecast's window has not come in the data",
    ON_TRACK: "before the horizon, the data so far read the way the forecast needs, by its rule",
    OFF_TRACK: "before the horizon, the data so far do not read the way the forecast needs, by its rule",
    MET: "the data cover the horizon and the forecast came true, by its rule",
    MISSED: "the data cover the horizon and the forecast did not come true, by its rule",
}


@dataclass(frozen=True)
class Grade:
    """A forecast's status as of the data held, the rule that decides it, and the figures it was decided from."""

    claim: str
    forecast: str
    horizon: pd.Timestamp
    status: str
    rule: str
    detail: str  # the deciding figures in words
    through: pd.Timestamp | None  # the last observation graded
    figures: dict = field(default_factory=dict)  # named figures (fractions, levels, counts) for the key figures


GRADERS: dict = {}


def grader(fn):
    """Register a grader under its function's name (the ``grader`` column of ``scorecard.csv``)."""
    GRADERS[fn.__name__] = fn
    return fn


def _status(complete: bool, holds: bool) -> str:
    return (MET if holds else MISSED) if complete else (ON_TRACK if holds else OFF_TRACK)


def _pending(claim: Claim, rule: str, why: str, through=None) -> Grade:
    return Grade(claim.id, claim.claim, claim.period_end, PENDING, rule, why, through)


def even_path(first: float, target: float, start, horizon, dates) -> pd.Series:
    """The level that compounds evenly per calendar day from ``first`` on ``start`` to ``target`` on ``horizon``, on
    each of ``dates`` (held at the target after the horizon)."""
    dates = pd.DatetimeIndex(dates)
    total = (pd.Timestamp(horizon) - pd.Timestamp(start)).days
    elapsed = np.clip(np.asarray((dates - pd.Timestamp(start)).days, dtype=float) / total, 0.0, 1.0)
    return pd.Series(first * (target / first) ** elapsed, index=dates)


@grader
def target_level(claim: Claim, standard: Standard, published: pd.Timestamp) -> Grade:
    """A year-end level: met when the index's last close of the horizon's year is at or above the target."""
    key, target = claim.parts[0].long[0], float(claim.claimed_value)
    start, horizon = claim.period_start, claim.period_end
    rule = (
        f"met when {key} closes {horizon:%Y} at or above {target:,.0f}, missed below it; before the year's end, on "
        f"track when the last close is at or above the path compounding evenly (per calendar day) from the "
        f"{start:%Y-%m-%d} close to the target on {horizon:%Y-%m-%d}, off track below it"
    )
    series = levels([key])[key].dropna()
    if series.empty or series.index[-1] <= max(start, published):
        return _pending(claim, rule, f"no close of {key} after {max(start, published):%Y-%m-%d} yet")
    last_day, first = series.index[-1], float(last_on_or_before(series, start))
    complete = period_complete(last_day, horizon)
    level = float(last_on_or_before(series, horizon)) if complete else float(series.iloc[-1])
    path = float(even_path(first, target, start, horizon, [min(last_day, horizon)]).iloc[0])
    holds = level >= target if complete else level >= path
    figures = {
        "level": level,
        "start_level": first,
        "progress": level / first - 1,
        "needed": target / level - 1,
        "path": path,
    }
    detail = (
        f"{key} {level:,.0f} on {min(last_day, horizon):%Y-%m-%d}, {pct(level / first - 1)} since the "
        f"{start:%Y-%m-%d} close ({first:,.0f}); {pct(target / level - 1)} still needed to reach {target:,.0f}"
        + ("" if complete else f"; the even path stands at {path:,.0f}")
    )
    return Grade(claim.id, claim.claim, horizon, _status(complete, holds), rule, detail, last_day, figures)


@grader
def cuts_count(claim: Claim, standard: Standard, published: pd.Timestamp) -> Grade:
    """A number of cuts in a window: met when the window's decisions include at least that many cuts."""
    wanted, start, horizon = int(claim.claimed_value), claim.period_start, claim.period_end
    rule = (
        f"met when the FOMC's decisions from {start:%Y-%m-%d} to {horizon:%Y-%m-%d} include at least {wanted} "
        f"cuts, missed with fewer; before then, on track when the cuts so far are at least the whole number the "
        f"even pace asks for ({wanted} × meetings decided / meetings scheduled, rounded down), off track below it"
    )
    decided = load.fomc_decisions(decided_only=True).loc[start:horizon]
    upper = load.load_fred(["DFEDTARU"])["DFEDTARU"].dropna()
    if decided.empty or upper.index[-1] < published:
        return _pending(claim, rule, f"no FOMC decision in the window by {upper.index[-1]:%Y-%m-%d}", upper.index[-1])
    scheduled = max(len(curated.read_fomc_decisions().loc[start:horizon]), len(decided))
    cuts = int((decided["decision"] == "cut").sum())
    pace = math.floor(wanted * len(decided) / scheduled)
    complete = period_complete(upper.index[-1], horizon)
    change = float(upper.iloc[-1] - last_on_or_before(upper, start - pd.Timedelta(days=1)))
    figures = {"cuts": cuts, "decisions": len(decided), "scheduled": scheduled, "pace": pace, "upper_change": change}
    detail = (
        f"{cuts} cut(s) in {len(decided)} decision(s) of the {scheduled} meetings scheduled, through "
        f"{upper.index[-1]:%Y-%m-%d}; the pace asks for {pace}; the target range's upper limit moved "
        f"{change * 100:+.0f} bp since {start:%Y-%m-%d}"
    )
    holds = cuts >= wanted if complete else cuts >= pace
    return Grade(claim.id, claim.claim, horizon, _status(complete, holds), rule, detail, upper.index[-1], figures)


@grader
def first_half_caution(claim: Claim, standard: Standard, published: pd.Timestamp) -> Grade:
    """'Limited upside' in a half-year: met when the fund's total return over it is at or below the median of its
    first halves since ``since``."""
    fund, since = claim.parts[0].long[0], claim.param("since", int)
    start, horizon = claim.period_start, claim.period_end
    rule = (
        f"met (the upside was limited) when {fund}'s total return from {start:%Y-%m-%d} to {horizon:%Y-%m-%d} is "
        f"at or below the median of its first halves since {since}, missed above it; before then, on track while "
        "the return so far is at or below that median, off track above it"
    )
    series = levels([fund])[fund].dropna()
    if series.empty or series.index[-1] <= max(start, published):
        return _pending(claim, rule, f"no close of {fund} after {max(start, published):%Y-%m-%d} yet")
    last_day = series.index[-1]
    halves = first_halves(series, since, horizon.year)
    median, upper = float(halves.median()), float(halves.quantile(0.75))
    realised = float(period_return(series, start, min(last_day, horizon)))
    complete = period_complete(last_day, horizon)
    figures = {"return": realised, "median": median, "upper_quartile": upper, "halves": len(halves)}
    detail = (
        f"{fund} {pct(realised)} from {start:%Y-%m-%d} to {min(last_day, horizon):%Y-%m-%d} against a median "
        f"first half of {pct(median)} ({since}-{horizon.year - 1}; upper quartile {pct(upper)})"
    )
    return Grade(claim.id, claim.claim, horizon, _status(complete, realised <= median), rule, detail, last_day, figures)


@grader
def year_lead(claim: Claim, standard: Standard, published: pd.Timestamp) -> Grade:
    """A spread's lead over a window: met when it ends the window ahead beyond its band at the standard."""
    part, start, horizon = claim.parts[0], claim.period_start, claim.period_end
    rule = (
        f"met when {part.name} from the {start:%Y-%m-%d} close to the last close of {horizon:%Y-%m-%d} is {AHEAD} "
        f"(the ledger's standard, {standard.evidence()}), missed otherwise; before then, on track while the lead "
        f"so far is {AHEAD}, off track otherwise"
    )
    frame = levels(part.keys).dropna()
    if frame.empty or frame.index[-1] <= max(start, published):
        return _pending(claim, rule, f"no close of {part.name} after {max(start, published):%Y-%m-%d} yet")
    lead = lead_so_far(part, start, horizon, standard)
    figures = {"move": lead.move.move, "band": standard.z * lead.move.sd, "reading": lead.reading}
    status = _status(lead.complete, lead.reading == AHEAD)
    return Grade(claim.id, claim.claim, horizon, status, rule, lead.text(standard), lead.move.end, figures)


def grade(claim: Claim, name: str, standard: Standard = STANDARD) -> Grade:
    """``claim`` graded by the grader ``name`` as of the data held."""
    return GRADERS[name](claim, standard, article_date())


def scorecard(standard: Standard = STANDARD) -> list[Grade]:
    """Every forecast of ``scorecard.csv``, graded as of the data held, in the table's order."""
    claims = claims_table.read()
    return [grade(claims[claim_id], row["grader"], standard) for claim_id, row in curated.read_scorecard().iterrows()]


def table(grades: list[Grade]) -> pd.DataFrame:
    """The grades as a table (index: claim): forecast, horizon, status, the deciding figures and the rule."""
    rows = [
        {
            "claim": g.claim,
            "forecast": g.forecast,
            "horizon": g.horizon,
            "status": g.status,
            "as of": g.through,
            "figures": g.detail,
            "rule": g.rule,
        }
        for g in grades
    ]
    columns = ["claim", "forecast", "horizon", "status", "as of", "figures", "rule"]
    return pd.DataFrame(rows, columns=columns).set_index("claim")

"""A claimed trend ("steepening", "rising"), judged on its path rather than on one move against a random-walk band.

A persistent drift is exactly what a band built from daily noise cannot
confirm: the band grows with the square root of the days while a trend grows
with the days, and a slow steady rise hides inside it. The path is the
evidence: the monthly averages over the claim's window (whole months only),
tested for a monotone trend by Mann-Kendall at the standard, with the change
from the first to the last observation reported beside it.
"""

from __future__ import annotations

import pandas as pd

from helpers.data import catalog, load
from helpers.errors import TooLittleDataError
from ...returns import last_on_or_before
from ..claims import Claim
from ..evidence import covered_until
from ..standard import Finding, Standard, mann_kendall, trend_verdict
from .registry import rule


def monthly_path(series: pd.Series, start, end) -> pd.Series:
    """Monthly averages of ``series`` over the calendar months lying wholly between ``start`` and ``end``."""
    series = series.dropna()
    means = series.groupby(series.index.to_period("M")).mean()
    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    keep = [m for m in means.index if m.start_time >= start and m.end_time.normalize() <= end]
    out = means.loc[keep]
    out.index = out.index.to_timestamp("M")
    return out


@rule("standard")
def trend(claim: Claim, standard: Standard) -> Finding:
    """The monthly path of the series over the window: Mann-Kendall at the standard, in the claimed direction."""
    (part,) = claim.parts
    key = part.long[0]
    entry = catalog.get(key)
    series = load.load_fred([entry.key])[entry.key].dropna()
    end = covered_until(series, claim.period_end)
    path = monthly_path(series, claim.period_start, end)
    if len(path) < 3:
        raise TooLittleDataError(f"{len(path)} whole month(s) of {key} in the window: a path needs three")
    s, p = mann_kendall(path.to_numpy())
    verdict = trend_verdict(s, p, claim.claimed_sign or 1, standard)
    first, last = last_on_or_before(series, claim.period_start), last_on_or_before(series, end)
    steps = ", ".join(f"{d:%b %Y} {v:.2f}" for d, v in path.items())
    return Finding(float(last - first), verdict,
                   f"{key} {first:.2f} on {claim.period_start:%Y-%m-%d}, {last:.2f} on {end:%Y-%m-%d} ({last - first:+.2f} pp); "
                   f"monthly averages {steps}: Mann-Kendall S {s:+.0f} of a possible ±{len(path) * (len(path) - 1) // 2}, "
                   f"p {p:.3f}",
                   f"the path of {key}'s monthly averages over the window's whole months, Mann-Kendall (exact to eight "
                   "months) at the standard; the change from start to end beside it",
                   standard.evidence())

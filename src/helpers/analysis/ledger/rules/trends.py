"""A claimed trend ("steepening", "rising"): a description of a path that happened, judged as a fact.

A persistent series such as the yield-curve slope has no valid test of "no
trend" without a model of its persistence: a band built from daily noise
cannot confirm a steady drift (it grows with the square root of the days), and
a rank test on monthly averages rejects far too often for a random walk. The
claim describes what the path did, so the rule reads the path: the change from
the window's first to its last observation, against a materiality stated in the
claim's ``params`` before looking (``material``, in the series' units), and the
monthly averages of the window's whole months moving the same way (the move is
not an artefact of two end points).
"""

from __future__ import annotations

import pandas as pd

from helpers.data import catalog, load
from helpers.errors import TooLittleDataError

from ...returns import last_on_or_before
from ..claims import Claim
from ..evidence import covered_until
from ..standard import CONTRADICTED, NOT_SHOWN, PARTLY, SUPPORTED, Finding, Standard
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


def path_verdict(change: float, path_change: float, sign: int, material: float) -> str:
    """The change over the window at least ``material`` in the claimed direction and the monthly path the same way,
    supported; one of the two, partly; the change at least ``material`` the other way with the path agreeing,
    contradicted; else not shown (a change smaller than the materiality)."""
    big, along = sign * change >= material, sign * path_change > 0
    if big and along:
        return SUPPORTED
    if big or sign * path_change >= material:
        return PARTLY
    if -sign * change >= material and -sign * path_change > 0:
        return CONTRADICTED
    return NOT_SHOWN


@rule()
def trend(claim: Claim, standard: Standard) -> Finding:
    """The path of the series over the window: its change against the stated materiality, and its monthly averages."""
    (part,) = claim.parts
    key = part.long[0]
    entry = catalog.get(key)
    series = load.load_fred([entry.key])[entry.key].dropna()
    period_end = pd.Timestamp(claim.period_end)
    last_whole_month = (
        period_end if (period_end + pd.Timedelta(days=1)).day == 1 else period_end.replace(day=1) - pd.Timedelta(days=1)
    )
    covered_until(series, last_whole_month)  # the path needs the window's whole months, not its last day
    end = series.loc[:period_end].index[-1]
    path = monthly_path(series, claim.period_start, min(end, last_whole_month))
    if len(path) < 2:
        raise TooLittleDataError(f"{len(path)} whole month(s) of {key} in the window: a path needs two")
    material, sign = claim.param("material", float), claim.claimed_sign or 1
    first, last = last_on_or_before(series, claim.period_start), last_on_or_before(series, end)
    verdict = path_verdict(last - first, path.iloc[-1] - path.iloc[0], sign, material)
    steps = ", ".join(f"{d:%b %Y} {v:.2f}" for d, v in path.items())
    return Finding(
        float(last - first),
        verdict,
        f"{key} {first:.2f} on {claim.period_start:%Y-%m-%d}, {last:.2f} on {end:%Y-%m-%d} ({last - first:+.2f}); "
        f"monthly averages {steps} ({path.iloc[-1] - path.iloc[0]:+.2f} from the first whole month to the last)",
        f"a description of the path, judged as a fact: the change over the window at least {material:g} "
        f"({entry.units}) in the claimed direction and the monthly averages moving the same way, supported; "
        "one of the two, partly; the opposite, contradicted; a smaller change, not shown",
        f"a fact on the path (materiality {material:g})",
    )

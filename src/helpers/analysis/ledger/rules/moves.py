"""Claimed movements without a figure (flat, soared, favoured, led, stalled, a catch-up), against their band.

A part's move over the claim's window counts as established when it is at least
the standard's critical value (1.96) times the standard deviation of a move of
that length: the band. Inside the band the data cannot tell the move from an
ordinary one of that length, so a claimed move inside it is *not shown*, not
contradicted; only a move established the other way contradicts.
"""

from __future__ import annotations

import pandas as pd

from helpers.data import load

from ...returns import period_return
from ..claims import Claim
from ..evidence import band_rule, levels, move, pct
from ..standard import PARTLY, SUPPORTED, Finding, Standard, flat_verdict, parts_verdict
from .registry import rule

DIRECTION = {
    1: "a rise (or a lead over the second leg)",
    -1: "a fall (or a lag behind the second leg)",
    0: "no move ('flat')",
}


@rule("standard")
def movement(claim: Claim, standard: Standard) -> Finding:
    """Every part of the claim (``series``) against its band, in the claimed direction (``claimed_sign``); parts
    combined by :func:`~helpers.analysis.ledger.standard.parts_verdict`. ``context=KEY ...`` lists series shown
    beside the evidence but not tested (e.g. a large-cap fund where the claim names small caps)."""
    sign = claim.claimed_sign
    if sign is None:
        raise ValueError(f"claim {claim.id}: a movement claim needs claimed_sign")
    keys = [k for part in claim.parts for k in part.keys]
    context = claim.params.get("context", "").split()
    frame = levels([*keys, *context])
    moves = [move(part, claim.period_start, claim.period_end, standard, frame) for part in claim.parts]
    if sign == 0:
        margin = claim.param("margin", float) / 100
        verdict = flat_verdict([m.move for m in moves], [m.sd for m in moves], margin, standard)
    else:
        verdict = parts_verdict([m.z for m in moves], sign, standard)
    untested = claim.params.get("untested")
    if untested and verdict == SUPPORTED:
        verdict = PARTLY  # a named part the data cannot test: the claim is partly borne out at best
    end = moves[0].end
    text = "; ".join(m.text(standard) for m in moves)
    if context:
        shown = period_return(frame[context], claim.period_start, end)
        text += "; not tested, shown for context: " + ", ".join(f"{k} {pct(v)}" for k, v in shown.items())
    if untested:
        text += f"; {untested}: not testable with the data held"
    return Finding(
        float(sum(m.move for m in moves) / len(moves)) * 100,
        verdict,
        f"{text} ({claim.period_start:%Y-%m-%d} close to {end:%Y-%m-%d}, {moves[0].days} trading days)",
        (
            f"'flat' as an equivalence: each part's interval (move ± {_one_sided(standard):.2f} sd of a move of the "
            f"window's length) within ±{claim.params.get('margin', '?')}%: every part, supported; every interval "
            "beyond it, contradicted; some, partly; else not shown"
            if sign == 0
            else f"each part's move against its band, claimed: {DIRECTION[sign]}; {band_rule(standard)}; every part "
            "established (Holm across parts), supported; some, partly; none and some the other way, contradicted; "
            "else not shown"
        ),
        standard.evidence(),
    )


@rule("standard")
def outperformed_for_years(claim: Claim, standard: Standard) -> Finding:
    """Outperformance "for years": the lead over the whole window against its band (the daily sd within the window:
    the funds may start inside it), and a lead in most complete calendar years. Both, supported; the lead
    established but not in most years, partly; otherwise as the band says."""
    (part,) = claim.parts
    frame = levels(part.keys)
    start = max(frame[part.keys].dropna().index[0], pd.Timestamp(claim.period_start))
    found = move(part, start, claim.period_end, standard, frame, band_from="window")
    yearly = frame.loc[start : found.end].resample("YE").last()
    yearly = (yearly / yearly.shift(1) - 1).dropna()
    long, short = part.long[0], part.short
    wins = int((yearly[long] > yearly[short]).sum())
    lead = parts_verdict([found.z], claim.claimed_sign or 1, standard)
    verdict = (PARTLY if wins <= len(yearly) / 2 else SUPPORTED) if lead == SUPPORTED else lead
    factors = load.load_factors("monthly", columns=["SMB", "HML"]).loc[claim.period_start : found.end] / 100
    premium = (1 + factors).prod() - 1
    return Finding(
        found.move * 100,
        verdict,
        f"{found.text(standard)}: {long} {pct(found.returns[long])} against {short} {pct(found.returns[short])} "
        f"from {start:%Y-%m-%d} to {found.end:%Y-%m-%d}, ahead in {wins} of {len(yearly)} complete calendar years; "
        f"for the whole window from {claim.period_start:%Y-%m}, "
        f"SMB {pct(premium['SMB'])} and HML {pct(premium['HML'])}",
        f"the lead over the window against its band ({standard.z:.2f} sd of a move of its length, from the "
        "daily sd within the window) and in most calendar years; both, supported; the lead established but not "
        "in most years, partly",
        standard.evidence(),
    )


def _one_sided(standard: Standard) -> float:
    from scipy import stats as sp_stats

    return float(sp_stats.norm.ppf(1 - standard.alpha))

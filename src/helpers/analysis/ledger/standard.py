"""The ledger's verdict scale and its one standard of evidence.

**The scale** (:data:`SCALE` gives each verdict in one line):

* ``supported``: the data establish what the claim says at the standard, or a
  stated figure lies within its tolerance;
* ``partly supported``: a stated part of the claim holds and another does not,
  a stated figure lies within twice its tolerance, or an established regularity
  is weaker in an informative robustness row;
* ``not shown``: the claimed sign (or a claimed event) is not established at the
  standard, and neither is its opposite: absence of evidence, not contradiction;
* ``contradicted``: a stated figure lies outside twice its tolerance, or the
  opposite of the claim is established at the standard;
* ``not testable``: the data cannot test the claim (earnings, flows, someone's
  view), or hold too little for the test (:class:`~helpers.errors.TooLittleDataError`);
* ``not yet observable``: the claim's window ends after the data held or the
  as-of date (:class:`~helpers.errors.NotYetObservableError`).

A verdict may carry the qualifier ``regime-dependent``: estimates of disjoint
periods differ beyond chance (:func:`helpers.analysis.robustness.read`).

**The standard** is one significance level, two-sided ``alpha`` = 5%
(:data:`helpers.analysis.significance.ALPHA`, the collection's one level), the same
for every claim of movement, "favoured", "led", a trend and a regularity:

* a claimed move over a window counts as established when it is at least
  ``z(1 - alpha/2)`` (1.96) standard deviations of a move of that length (the sd
  of daily moves over the ``band_days`` before the window, times the square root
  of the days): the **band** is 1.96 sd;
* a trend ("steepening") describes a path that happened: it is judged as a fact,
  its change over the window against a materiality stated in advance and its
  monthly averages moving the same way (a persistent series has no valid test
  of "no trend" without a model of its persistence);
* a regularity is judged on the row of its robustness table the claim names (its
  estimand), at ``alpha``; the other rows are robustness, read as many tests;
* a claim with several parts is supported when every part is established, and
  partly when some part is, each after Holm's correction across the parts;
* a claim of "flat" is an equivalence: the move's interval within a stated margin.

Stated figures are not effects to detect but numbers to match: a return, or a
level as the return that reaches it, within ``return_tolerance_pp``; rates within
``rate_tolerance_pp``; forward multiples within their rounding.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
from scipy import stats as sp_stats

from ..significance import ALPHA, POWER

SUPPORTED, PARTLY, NOT_SHOWN, CONTRADICTED = "supported", "partly supported", "not shown", "contradicted"
NOT_TESTABLE, NOT_YET = "not testable", "not yet observable"
VERDICTS = (SUPPORTED, PARTLY, NOT_SHOWN, CONTRADICTED, NOT_TESTABLE, NOT_YET)
REGIME_DEPENDENT = "regime-dependent"
SCALE = {
    SUPPORTED: "the data establish what the claim says at the standard, or a stated figure is within its tolerance",
    PARTLY: "part of the claim holds and part does not, or a stated figure is within twice its tolerance",
    NOT_SHOWN: (
        "neither the claim nor its opposite is established at the standard: absence of evidence, not contradiction"
    ),
    CONTRADICTED: (
        "a stated figure is beyond twice its tolerance, or the opposite of the claim is established at the standard"
    ),
    NOT_TESTABLE: "the collection's data cannot test the claim, or hold too little for the test",
    NOT_YET: "the claim's window ends after the last observation held (or the as-of date)",
}


@dataclass(frozen=True)
class Standard:
    """The ledger's standard of evidence and its tolerances for stated figures, in one place."""

    alpha: float = ALPHA  # two-sided significance level for every claimed effect, move, trend and regularity
    power: float = POWER  # the power a robustness row needs against the effect in question before it can veto
    band_days: int = 252  # trading days before a window whose daily moves set the band
    return_tolerance_pp: float = 0.5  # a stated return; a level as the return that reaches it
    proxy_allowance_pp: float = 0.5  # added when an ETF's calendar-year total return stands in for an index
    rate_tolerance_pp: float = 0.1  # a stated rate (inflation), quoted to a tenth
    multiple_rounding: float = 0.5  # a multiple quoted as "22x" stands for 21.5-22.5
    variant: str = field(default="the standard", compare=False)

    @property
    def z(self) -> float:
        """The critical value of a two-sided test at ``alpha`` (1.96 at 5%)."""
        return float(sp_stats.norm.ppf(1 - self.alpha / 2))

    def scaled(self, tolerance: float = 1.0, alpha: float | None = None, name: str | None = None) -> Standard:
        """The standard with every tolerance times ``tolerance`` and, if given, another level ``alpha``."""
        return replace(
            self,
            return_tolerance_pp=self.return_tolerance_pp * tolerance,
            proxy_allowance_pp=self.proxy_allowance_pp * tolerance,
            rate_tolerance_pp=self.rate_tolerance_pp * tolerance,
            multiple_rounding=self.multiple_rounding * tolerance,
            alpha=self.alpha if alpha is None else alpha,
            variant=name or self.variant,
        )

    def evidence(self) -> str:
        """The standard for effects, moves, trends and regularities, in words."""
        return f"two-sided {self.alpha:.0%} (|z| ≥ {self.z:.2f})"

    def describe(self) -> str:
        return (
            f"claimed effects, moves, trends and regularities at {self.evidence()}, the band of a move being "
            f"{self.z:.2f} sd of moves of its length (from the {self.band_days} trading days before); robustness "
            f"rows read with the false-discovery rate and {self.power:.0%} power; stated returns within "
            f"±{self.return_tolerance_pp:g} pp (+{self.proxy_allowance_pp:g} pp for an ETF proxy over a year), "
            f"rates within ±{self.rate_tolerance_pp:g} pp, multiples ±{self.multiple_rounding:g}x, partly within "
            "twice that"
        )


STANDARD = Standard()


@dataclass
class Finding:
    """What the data say about one claim: the measured figure (in the claim's units), the verdict, the evidence, the
    rule that judged it and the standard it was judged by; for reported views, what happened next."""

    measured: float | None
    verdict: str
    reason: str
    test: str
    standard: str = ""
    qualifier: str = ""  # "regime-dependent" or empty
    next: str = ""
    next_value: float | None = None


def graded(gap: float, tolerance: float) -> str:
    """A stated figure: supported within ``tolerance`` of the claim, partly within twice it, else contradicted."""
    gap = abs(gap)
    return SUPPORTED if gap <= tolerance + 1e-12 else PARTLY if gap <= 2 * tolerance + 1e-12 else CONTRADICTED


def by_count(hits: int, total: int) -> str:
    """Parts of a factual claim (each measured, not estimated): all hold, supported; some, partly; none, not shown."""
    return SUPPORTED if hits == total else PARTLY if hits else NOT_SHOWN


def two_sided_p(z: float) -> float:
    return float(2 * sp_stats.norm.sf(abs(z)))


def holm(p_values) -> np.ndarray:
    """Holm-adjusted p-values, in the order given."""
    p = np.asarray(p_values, dtype=float)
    order = np.argsort(p)
    adjusted = np.minimum(1.0, np.maximum.accumulate(p[order] * (len(p) - np.arange(len(p)))))
    out = np.empty_like(adjusted)
    out[order] = adjusted
    return out


def parts_verdict(z_scores, sign: int, standard: Standard = STANDARD) -> str:
    """A claimed movement of one or more parts, each a z-score against its band, with Holm's correction across the
    parts (so more evidence never gives a weaker verdict): every part established with the claimed ``sign``
    (+1 or -1), supported; some, partly; none, and some established the other way, contradicted; else not shown."""
    z = np.asarray(z_scores, dtype=float)
    p = holm([two_sided_p(v) for v in z])
    established = p < standard.alpha
    if (established & (np.sign(z) == sign)).all():
        return SUPPORTED
    if (established & (np.sign(z) == sign)).any():
        return PARTLY
    if (established & (np.sign(z) == -sign)).any():
        return CONTRADICTED
    return NOT_SHOWN


def flat_verdict(moves, sds, margin: float, standard: Standard = STANDARD) -> str:
    """A claim of no move ("flat"), judged as an equivalence: a part is flat when its whole interval (two one-sided
    tests at the standard: move ± z(1 - alpha) sd) lies within ±``margin``, and moved when the interval lies wholly
    beyond it. Every part flat, supported; every part moved, contradicted; some flat, partly; else not shown (the
    data cannot tell flat from a move of the margin's size)."""
    from scipy import stats as sp_stats

    z = float(sp_stats.norm.ppf(1 - standard.alpha))
    moves, sds = np.abs(np.asarray(moves, dtype=float)), np.asarray(sds, dtype=float)
    flat, moved = moves + z * sds <= margin, moves - z * sds > margin
    if flat.all():
        return SUPPORTED
    if moved.all():
        return CONTRADICTED
    return PARTLY if flat.any() else NOT_SHOWN

"""The claims ledger: every checkable claim of the two seed articles, tested against the data held.

The claims are a committed table (``data/raw/curated/claims.csv``, read by
:mod:`.claims`): a paraphrase, the article, the claimed figure and sign, and the
claim's **estimand** (the series, the specification and the window its wording
names, with the reason), chosen before looking at the result. Each claim names
the **rule** that tests it (:mod:`.rules`, grouped by kind). Every rule applies
one **standard of evidence** (:mod:`.standard`): two-sided 5% for every claimed
effect, move, trend and regularity, and stated tolerances for stated figures.

The verdicts: *supported*, *partly supported*, *not shown* (the claim is not
established, and neither is its opposite), *contradicted* (a stated figure
outside its tolerance, or the opposite established), *not testable* and *not
yet observable*; a verdict may be *regime-dependent*. :data:`SCALE` gives each
in one line. Views the articles only *report* (a bank's target, market pricing)
are never held against them: what followed them goes to "what happened next".

:func:`build` runs every claim (through :mod:`.runner`); :func:`sensitivity`
re-runs each under another standard, other tolerances and the other readings of
its estimand (``claim_alternatives.csv``). Too little data is the one condition
that becomes a verdict; any other error fails the run, naming the claim.
"""

from .aftermath import Aftermath, aftermath
from .claims import Claim, parse_parts
from .rules import METHODS, USES
from .rules.reported import Lead, lead_so_far
from .runner import (
    OUTCOME,
    REPORTED,
    VARIANTS,
    article_date,
    beside,
    build,
    estimand_text,
    evaluate,
    flip_counts,
    sensitivity,
    verdict_counts,
    what_happened_next,
)
from .standard import (
    CONTRADICTED,
    NOT_SHOWN,
    NOT_TESTABLE,
    NOT_YET,
    PARTLY,
    REGIME_DEPENDENT,
    SCALE,
    STANDARD,
    SUPPORTED,
    VERDICTS,
    Finding,
    Standard,
)

__all__ = [
    "Aftermath",
    "aftermath",
    "Claim",
    "Lead",
    "lead_so_far",
    "parse_parts",
    "METHODS",
    "USES",
    "OUTCOME",
    "REPORTED",
    "VARIANTS",
    "article_date",
    "beside",
    "build",
    "estimand_text",
    "evaluate",
    "flip_counts",
    "sensitivity",
    "verdict_counts",
    "what_happened_next",
    "CONTRADICTED",
    "NOT_SHOWN",
    "NOT_TESTABLE",
    "NOT_YET",
    "PARTLY",
    "REGIME_DEPENDENT",
    "SCALE",
    "STANDARD",
    "SUPPORTED",
    "VERDICTS",
    "Finding",
    "Standard",
]

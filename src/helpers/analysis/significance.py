"""The collection's one standard of evidence: the significance level every test is read at, in one place.

Every reading of significance reads :data:`ALPHA`: the robustness rule (:mod:`helpers.analysis.robustness`), the
ledger's :class:`~helpers.analysis.ledger.standard.Standard` (its default), the intervals of regressions, rolling
betas and attributions (``1 - ALPHA``, 95%), the figures and the notebooks' wording. A variant says so by passing
another level (the ledger's 1% and 10% sensitivity rows). Plain Python, no statsmodels or scipy: the figure style
reads it too.
"""

from statistics import NormalDist

ALPHA = 0.05  # two-sided significance level for every claimed effect, move, trend and regularity
POWER = 0.80  # the power a robustness row needs against the effect in question before it can veto
Z = NormalDist().inv_cdf(1 - ALPHA / 2)  # the two-sided critical value at ALPHA (1.96): intervals are ± Z se
INTERVAL = f"{1 - ALPHA:.0%} interval"  # how tables, figures and key figures name the ± Z se interval

"""The analysis: the computations behind the notebooks' findings, each unit-tested on constructed data.

Modules: ``returns`` (period, calendar and rolling returns, lookups by date), ``events`` (trading-day windows
around dated events, the announcement-day surprise), ``regression`` (HAC OLS, rolling betas, event studies,
break tests), ``significance`` (the one significance level, :data:`~helpers.analysis.significance.ALPHA`, and the
power a robustness row needs), ``robustness`` (one estimate across specifications and samples, and the rule that
reads it),
``specs`` (the standard regressions and robustness sets), ``attribution`` (a spread's return split into factor
exposures), ``cycles`` (easing cycles by a stated rule), ``stats``, ``valuation``, ``universe`` (named groups of
tickers), ``checks`` (curated facts against the data), ``ledger`` (the claims ledger and its rules);
for notebook 07, ``follow_through`` (the pre-registered test of the lead after the articles), ``legs`` (a
spread's legs and breadth against their bands), ``rate_check`` (05's rate betas against a later window) and
``scorecard`` (the reported forecasts graded at their horizons).

May import: :mod:`helpers.data`, the bottom modules (:mod:`helpers.errors`, ``settings``, ``caches``, ``hashes``)
and this package. Never notebook display code or publishing: results are pandas objects, and showing them is
:mod:`helpers.notebook`'s job.
"""

"""The ledger's rules, grouped by kind of claim; each is named in the claims table's ``method`` column.

* :mod:`.figures`: stated returns and levels, new highs, ranks (tolerances for stated figures);
* :mod:`.moves`: claimed movements without a figure, against their band at the standard;
* :mod:`.trends`: a claimed trend, on its path;
* :mod:`.regularities`: standing regularities, on the estimand row of their robustness table;
* :mod:`.policy`: the Fed's decisions and inflation;
* :mod:`.valuation`: multiples and discounts;
* :mod:`.reported`: views the articles report (never held against them; what happened next).

A rule takes a :class:`~helpers.analysis.ledger.claims.Claim` and a
:class:`~helpers.analysis.ledger.standard.Standard` and returns a
:class:`~helpers.analysis.ledger.standard.Finding`. It raises
:class:`~helpers.errors.TooLittleDataError` (or :class:`~helpers.errors.NotYetObservableError`)
when the data cannot give its measure; any other error is a defect and fails the ledger.
"""

from __future__ import annotations

from . import figures, moves, policy, regularities, reported, trends, valuation  # noqa: F401  (they register)
from .registry import METHODS, USES, rule

__all__ = ["METHODS", "USES", "rule"]

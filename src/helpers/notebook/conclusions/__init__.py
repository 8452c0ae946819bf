"""Each notebook's key figures and conclusion, built by tested code instead of long notebook cells.

A module per notebook records its headline figures in a
:class:`~helpers.notebook.keyfigures.KeyFigures` (``record``) from the results
the notebook computed, and writes its conclusion (``summary``) from that record
alone, so the prose, the landing page and the changes report quote the same
figures. The shared wording lives here.
"""

from __future__ import annotations

import pandas as pd

from ..keyfigures import KeyFigures


def not_yet(what: str, through) -> str:
    """The one line a cell prints instead of a table or a figure when its subject lies after the data:
    ``not_yet("December 2025", "2025-11-28")`` -> "December 2025 is not in the data, which end on 2025-11-28: not
    yet observable." (``through``: the last observation held, or the as-of date)."""
    return f"{what} is not in the data, which end on {pd.Timestamp(through):%Y-%m-%d}: not yet observable."


def estimate(key: KeyFigures, name: str, p_name: str | None = None) -> str:
    """A recorded coefficient with its recorded p-value: ``-0.34 (p = 0.420)``; "n/a" when missing."""
    p_name = p_name or f"{name}_p"
    return f"{key.text(name)} ({key.text(p_name)})" if p_name in key else key.text(name)

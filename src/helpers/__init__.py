"""helpers: data loading, analysis and figure style for the Great Rotation notebook collection.

The notebook API::

    import helpers as h
    ctx = h.setup_notebook(as_of=AS_OF)        # style, as-of date, data banner
    prices = h.load_prices(["IWM", "IWB"])     # adjusted closes, USD
    rates = h.load_fred(["DGS2", "DGS10"])     # percent
    factors = h.load_factors("daily")          # percent returns
    fomc = h.fomc_decisions()                  # curated FOMC calendar
    h.data_status()                            # what data is in use
"""

from .asof import get_as_of, set_as_of
from .catalog import table as catalog_table
from .load import (
    claims,
    data_label,
    data_mode,
    easing_cycles,
    fomc_calendar,
    fomc_decisions,
    load_factors,
    load_fred,
    load_indices,
    load_prices,
    valuations,
)
from .notebook import NotebookContext, setup_notebook, show_table
from .provenance import show_provenance
from .status import coverage, data_status

__all__ = [
    "NotebookContext",
    "catalog_table",
    "claims",
    "coverage",
    "data_label",
    "data_mode",
    "data_status",
    "easing_cycles",
    "fomc_calendar",
    "fomc_decisions",
    "get_as_of",
    "load_factors",
    "load_fred",
    "load_indices",
    "load_prices",
    "set_as_of",
    "setup_notebook",
    "show_provenance",
    "show_table",
    "valuations",
]

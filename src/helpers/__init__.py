"""helpers: data loading, analysis and figure style for the Great Rotation notebook collection.

The notebook API::

    import helpers as h
    ctx = h.setup_notebook(as_of=AS_OF)        # style, as-of date, data banner
    prices = h.load_prices(["IWM", "IWB"])     # adjusted closes, USD
    rates = h.load_fred(["DGS2", "DGS10"])     # percent
    factors = h.load_factors("daily")          # percent returns
    fomc = h.fomc_decisions()                  # curated FOMC calendar
    h.data_status()                            # what data is in use
    key = h.KeyFigures()                       # headline figures, recorded once before the conclusion

Names are imported on first use, so the command line (``python -m helpers``)
does not pay for matplotlib and seaborn.
"""

from importlib import import_module

_EXPORTS = {
    "get_as_of": "asof",
    "set_as_of": "asof",
    "catalog_table": ("catalog", "table"),
    "check": "exercises",
    "claims": "load",
    "data_label": "load",
    "data_mode": "load",
    "easing_cycles": "load",
    "fomc_calendar": "load",
    "fomc_decisions": "load",
    "load_factors": "load",
    "load_fred": "load",
    "load_indices": "load",
    "load_prices": "load",
    "valuations": "load",
    "KeyFigures": "keyfigures",
    "NotebookContext": "notebook",
    "setup_notebook": "notebook",
    "show_ledger": "tables",
    "show_robustness": "tables",
    "show_table": "tables",
    "show_provenance": "provenance",
    "coverage": "status",
    "data_status": "status",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    target = _EXPORTS.get(name)
    if target is None:
        raise AttributeError(f"module 'helpers' has no attribute {name!r}")
    module, attribute = (target, name) if isinstance(target, str) else target
    value = getattr(import_module(f"helpers.{module}"), attribute)
    globals()[name] = value
    return value


def __dir__():
    return sorted(list(globals()) + __all__)

"""helpers: data, analysis and publishing for the Great Rotation notebook collection.

Four subpackages, each depending only on the ones before it:

* :mod:`helpers.data` — the data layer: the catalog, parsers, the raw store (generations, the writer lock, the
  merge rules), processed tables, imports and downloads, the synthetic sample, the loaders notebooks call.
* :mod:`helpers.analysis` — the analysis: returns, event windows, regressions and robustness tables, easing
  cycles, statistics, valuation arithmetic, the claims ledger.
* :mod:`helpers.notebook` — what a notebook calls around the analysis: its setup and banner, tables, the one
  figure style, key figures, exercises and the provenance cell.
* :mod:`helpers.publish` — running and publishing: execution and its cache, the book, the changes report, text
  twins, the student edition, grading.

``helpers.errors`` (the exceptions every layer raises), ``helpers.settings`` (every environment variable),
``helpers.caches`` (every cache) and ``helpers.hashes`` (every hash of code and notebooks) sit below them;
``helpers.cli`` (``python -m helpers``) above.

The notebook API::

    import helpers as h
    ctx = h.setup_notebook(as_of=AS_OF)        # style, as-of date, data banner
    prices = h.load_prices(["IWM", "IWB"])     # adjusted closes, USD
    rates = h.load_fred(["DGS2", "DGS10"])     # percent
    factors = h.load_factors("daily")          # percent returns
    fomc = h.fomc_decisions()                  # curated FOMC calendar
    h.data_status()                            # what data is held, series by series
    h.data_identity().label                    # which data is in use: real or the sample, digest, as-of date
    key = h.KeyFigures()                       # headline figures, recorded once before the conclusion

Names are imported on first use, so the command line (``python -m helpers``)
does not pay for matplotlib and seaborn.
"""

from importlib import import_module

_EXPORTS = {
    "get_as_of": "data.asof",
    "set_as_of": "data.asof",
    "catalog_table": ("data.catalog", "table"),
    "check": "notebook.exercises",
    "claims": "data.load",
    "DataIdentity": "data.identity",
    "data_identity": ("data.identity", "current"),
    "easing_cycles": "data.load",
    "fomc_calendar": "data.load",
    "fomc_decisions": "data.load",
    "load_factors": "data.load",
    "load_fred": "data.load",
    "load_indices": "data.load",
    "load_prices": "data.load",
    "observable": "notebook.exercises",
    "valuations": "data.load",
    "KeyFigures": "notebook.keyfigures",
    "NotebookContext": "notebook.setup",
    "setup_notebook": "notebook.setup",
    "show_ledger": "notebook.tables",
    "show_robustness": "notebook.tables",
    "show_table": "notebook.tables",
    "show_provenance": "notebook.provenance",
    "coverage": "data.status",
    "data_status": "data.status",
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

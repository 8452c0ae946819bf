"""What a notebook calls around the analysis: setup, tables, figures, key figures, exercises, provenance.

Modules: ``setup`` (``h.setup_notebook``: the as-of date, the style, the data banner), ``tables`` (the one styled
table, and the robustness and ledger views), ``figures`` (the one figure style, event markers, captions),
``keyfigures`` (headline figures recorded once per notebook), ``exercises`` (``h.check`` and the expected answers),
``provenance`` (the closing cell: what was loaded, from where, with which code).

May import: :mod:`helpers.analysis`, :mod:`helpers.data`, the bottom modules (:mod:`helpers.errors`, ``settings``,
``caches``, ``hashes``) and this package; never :mod:`helpers.publish` (running notebooks is not something a notebook
does).
"""

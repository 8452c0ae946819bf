"""The data layer: where every series comes from, how it is stored, and how notebooks load it.

Modules: ``paths`` (where files live), ``catalog`` (+ ``catalog.csv``: every series), ``parsers`` (strict readers
of FRED, price-vendor and Kenneth French exports), ``store`` (raw generations switched in one step), ``lock``
(one writer at a time), ``merge`` (the rule per kind of series that keeps history), ``processed`` (Parquet tables
per generation), ``refresh`` (folder imports and downloads; ``sources/`` holds one downloader per source),
``sample`` (the synthetic sample), ``curated`` (hand-written tables of published facts), ``fomc`` (the FOMC
calendar read off the target range), ``asof`` (the as-of date), ``load`` (the loaders notebooks call),
``status`` (what is held), ``integrity`` (``make verify`` and ``make repair``), ``pack`` (the data held as an
import folder).

May import: :mod:`helpers.errors` and this package only. It never imports analysis, notebook or publishing code.
"""

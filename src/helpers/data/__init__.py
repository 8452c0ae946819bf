"""The data layer: where every series comes from, how it is stored, and how notebooks load it.

Modules: ``paths`` (where files live), ``catalog`` (+ ``catalog.csv``: every series), ``parsers`` (strict readers
of FRED, price-vendor and Kenneth French exports). The raw store: ``files`` (atomic writes, checksums of files),
``manifest`` (what a generation holds, its digest), ``generations`` (which generation ``CURRENT`` names, what it
holds), ``checksums`` (do the raw files match their manifest), ``space`` (free space before a write), ``store``
(making generations and switching between them), ``lock`` (one writer at a time), ``testhooks`` (the tests' fault
hooks, behind one switch). Filling it: ``merge`` (the rule per kind of series that keeps history), ``refresh``
(folder imports and downloads; ``sources/`` holds one downloader per source), ``processed`` (Parquet tables per
generation), ``sample`` (the synthetic sample), ``curated`` (hand-written tables of published facts), ``fomc``
(the FOMC calendar read off the target range). Reading it: ``identity`` (which data is in use:
``DataIdentity``), ``asof`` (the as-of date), ``tables`` (whole tables of the data in use), ``load`` (the
loaders notebooks call), ``usage`` (what was handed out, for the provenance cell), ``status`` (what is held),
``integrity`` (``make verify`` and ``make repair``), ``pack`` (the data held as an import folder).

May import: :mod:`helpers.errors`, :mod:`helpers.settings`, :mod:`helpers.caches`, :mod:`helpers.hashes` and this
package only. It never imports analysis, notebook or publishing code.
"""

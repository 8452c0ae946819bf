"""The catalog: every series the collection uses, in one table (``catalog.csv``).

Each row has a ``key`` (what notebooks and the CLI use), the ``source``
(``fred``, ``alfred``, ``prices``, ``indices``, ``french``, ``curated``), the id at that
source, frequency, units, a group for display, the first date expected
(``start``, also where the synthetic sample begins), its release rule (``release``:
when an observation becomes public, :mod:`helpers.data.release`) and a one-line
description.
Every other module reads the catalog through this file.

The ``alfred`` rows are the vintage archives of FRED's revised series (CPIAUCSL, PCEPILFE, GDPC1, UNRATE,
FEDFUNDS): key ``<ID>_vintages``, file ``alfred/<ID>.csv``, the same id, frequency, units and first observation as
the FRED row, and the release rule ``vintage date`` (a vintage is what was public on its date). Loaders never
return them under their own key: :func:`helpers.data.load.load_fred` reads them for the FRED series under an
as-of date (:mod:`helpers.data.vintages`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

import pandas as pd

from helpers import caches
from helpers.errors import UnknownSeriesError

SOURCES = ("fred", "alfred", "prices", "indices", "french", "curated")
# Each source's provider, where a series is found, and its terms in one line (data/raw/README.md has more).
PROVIDERS = {
    "fred": (
        "FRED, Federal Reserve Bank of St. Louis",
        "https://fred.stlouisfed.org/series/{id}",
        "credit FRED and the original source; some series are owned by third parties (the ICE BofA spread: "
        "ICE Data Indices) and carry their own limits; the API key is never shared",
    ),
    "alfred": (
        "ALFRED, the archive of FRED's vintages (Federal Reserve Bank of St. Louis)",
        "https://alfred.stlouisfed.org/series?seid={id}",
        "as for FRED: credit ALFRED and the original source; each vintage is the series as published on its date",
    ),
    "prices": (
        "Yahoo Finance, through yfinance",
        "https://finance.yahoo.com/quote/{id}",
        "personal and research use; Yahoo's terms do not allow redistributing the data",
    ),
    "indices": (
        "Yahoo Finance, through yfinance",
        "https://finance.yahoo.com/quote/{id}",
        "as for prices; the index levels are data and trademarks of their providers (FTSE Russell, S&P Dow "
        "Jones Indices, Nasdaq)",
    ),
    "french": (
        "Kenneth R. French Data Library",
        "https://mba.tuck.dartmouth.edu/pages/faculty/ken.french/data_library.html",
        "free for research and teaching; built from CRSP data; cite Fama and French and the library",
    ),
    "curated": (
        "hand-written tables of published facts, with a source per row",
        "",
        "each row names its publication; the tables are the project's, under its content licence",
    ),
}
# Sources held as files in data/raw/<source>/ and refreshed by `helpers data`.
STORED_SOURCES = ("fred", "alfred", "prices", "indices", "french")
# The key of a FRED series' vintage archive (the ``alfred`` row): CPIAUCSL -> CPIAUCSL_vintages.
VINTAGES_SUFFIX = "_vintages"


@dataclass(frozen=True)
class Series:
    """One catalog row."""

    key: str
    source: str
    source_id: str
    frequency: str
    units: str
    group: str
    start: str
    release: str  # when an observation becomes public (helpers.data.release)
    description: str

    @property
    def file_stem(self) -> str:
        """File name (without .csv) in data/raw/<source>/ and in an import folder."""
        return self.key if self.source == "indices" else self.source_id

    @property
    def relpath(self) -> str:
        """Path of the raw file relative to data/raw (and to an import folder)."""
        return f"{self.source}/{self.file_stem}.csv"


@caches.CATALOG.memoise
def _entries() -> tuple[Series, ...]:
    with resources.files("helpers.data").joinpath("catalog.csv").open("r", encoding="utf-8") as fh:
        table = pd.read_csv(fh, dtype=str, keep_default_na=False)
    entries = tuple(Series(**row) for row in table.to_dict("records"))
    keys = [e.key for e in entries]
    if len(set(keys)) != len(keys):
        raise RuntimeError("catalog.csv has duplicate keys")
    bad = {e.source for e in entries} - set(SOURCES)
    if bad:
        raise RuntimeError(f"catalog.csv has unknown sources: {sorted(bad)}")
    fred_ids = {e.source_id for e in entries if e.source == "fred"}
    misnamed = [
        e.key
        for e in entries
        if e.source == "alfred" and (e.key != e.source_id + VINTAGES_SUFFIX or e.source_id not in fred_ids)
    ]
    if misnamed:
        raise RuntimeError(
            f"catalog.csv: alfred rows must be keyed <ID>{VINTAGES_SUFFIX} after a FRED row's id: {misnamed}"
        )
    return entries


def entries(source: str | None = None) -> list[Series]:
    """All catalog rows, optionally only those of one source."""
    return [e for e in _entries() if source is None or e.source == source]


def table() -> pd.DataFrame:
    """The catalog as a table indexed by key."""
    return pd.DataFrame([e.__dict__ for e in _entries()]).set_index("key")


def _aliases() -> dict[str, str]:
    """Lookup from every accepted spelling (key, source id, any case) to the key."""
    out: dict[str, str] = {}
    for e in _entries():
        for name in {e.key, e.source_id, e.file_stem}:
            out.setdefault(name.upper(), e.key)
    return out


def get(key: str) -> Series:
    """The catalog row for ``key`` (also accepts the source id, e.g. ``^RUT``)."""
    return lookup([key])[0]


def lookup(keys: Iterable[str], source: str | tuple[str, ...] | None = None) -> list[Series]:
    """Catalog rows for ``keys``; raises one error listing every unknown key and the valid ones.

    ``source`` restricts the valid keys (e.g. ``"prices"`` for tickers).
    """
    keys = list(keys)
    sources = (source,) if isinstance(source, str) else source
    valid = [e.key for e in _entries() if sources is None or e.source in sources]
    aliases = _aliases()
    found, unknown = [], []
    for k in keys:
        key = aliases.get(str(k).upper())
        if key is None or key not in valid:
            unknown.append(str(k))
        else:
            found.append(next(e for e in _entries() if e.key == key))
    if unknown:
        what = "ticker" if sources == ("prices",) else "series key"
        raise UnknownSeriesError(unknown, valid, what=what)
    return found


def vintages_for(entry: Series) -> Series | None:
    """The ``alfred`` row holding the vintages of the FRED series ``entry``, or None when none is catalogued."""
    if entry.source != "fred":
        return None
    return next((e for e in _entries() if e.source == "alfred" and e.source_id == entry.source_id), None)


def by_relpath() -> dict[str, Series]:
    """Map ``<source>/<file>.csv`` to catalog row, for stored sources."""
    return {e.relpath: e for e in _entries() if e.source in STORED_SOURCES}


def link(entry: Series) -> str:
    """Where a series is found at its provider (empty for curated tables)."""
    template = PROVIDERS[entry.source][1]
    return template.format(id=entry.source_id) if template else ""

"""The notebook API for data: small functions returning pandas objects with a DatetimeIndex.

Every loader reads a whole table of the data in use (:mod:`helpers.data.tables`: the processed tables, or the
synthetic sample when nothing has been imported or downloaded), keeps what was published by the as-of date in force
(:mod:`helpers.data.asof`; each series' release rule, :mod:`helpers.data.release`; for a revised FRED series, the
ALFRED vintage in force when one is held, :mod:`helpers.data.vintages`) and tags its result:
``result.attrs["data"]`` is the label of the data in use (:attr:`helpers.data.identity.DataIdentity.label`),
``result.attrs["units"]`` the units. Each load is recorded for the provenance cell (:mod:`helpers.data.usage`).

A loader never reads damaged data: it refuses, naming the file and the fix (:mod:`helpers.data.tables`).
"""

from __future__ import annotations

import pandas as pd

from helpers.errors import MissingDataError

from . import asof, catalog, curated, generations, identity, release, tables, usage, vintages
from .fomc import combined_calendar, decided, decision_from_target


def _missing_message(keys: list[str]) -> str:
    return (
        f"not held in data/raw: {', '.join(keys)}. Fetch them with "
        f"`python -m helpers data --only {' '.join(keys)}` (network and FRED_API_KEY), or import a "
        "folder of exports with `make data FROM=DIR`; `python -m helpers status` lists what is held."
    )


def _choices(
    entries: list[catalog.Series], frame: pd.DataFrame, cut: pd.Timestamp | None, data: identity.DataIdentity
) -> dict[str, vintages.Choice]:
    """For each revised FRED series among ``entries`` (``frame``: the whole ``fred`` table), which values a load as
    of ``cut`` uses (:func:`vintages.choose`); empty without an as-of date."""
    revised = {e.key: catalog.vintages_for(e) for e in entries}
    revised = {key: archive for key, archive in revised.items() if archive is not None}
    if cut is None or not revised:
        return {}
    held = set(generations.stored_keys()) if data.is_real else set()
    if not held & {archive.key for archive in revised.values()}:
        return {key: vintages.Choice(None, "no ALFRED vintage held") for key in revised}
    archive = tables.vintage_archive(data)
    unheld = pd.Series(dtype=float)  # a revised series whose today's values are not held: no release to expect
    return {
        e.key: vintages.choose(archive, e, cut, frame[e.key] if e.key in frame else unheld)
        for e in entries
        if e.key in revised
    }


def _in_vintages(
    out: pd.DataFrame, choices: dict[str, vintages.Choice], start, end, data: identity.DataIdentity
) -> pd.DataFrame:
    """``out`` with the column of each series that has a vintage in force replaced by that vintage's values
    (between ``start`` and ``end``); rows are the union of the observation dates."""
    chosen = {key: choice.vintage for key, choice in choices.items() if choice.vintage is not None}
    if not chosen:
        return out
    archive = tables.vintage_archive(data)
    columns = {}
    for key in out.columns:
        series = archive.values(key, chosen[key]) if key in chosen else out[key]
        if start is not None:
            series = series.loc[series.index >= pd.Timestamp(start)]
        if end is not None:
            series = series.loc[series.index <= pd.Timestamp(end)]
        columns[key] = series
    joined = pd.concat(columns, axis=1).sort_index()
    joined.index.name = "date"
    return joined


def _select(name: str, entries: list[catalog.Series], start, end, as_of) -> pd.DataFrame:
    data = identity.current()
    frame = tables.table(name, data)
    keys = [e.key for e in entries]
    missing = [k for k in keys if k not in frame.columns]
    if missing:
        raise MissingDataError(_missing_message(missing))
    out = frame[keys]
    if start is not None:
        out = out.loc[out.index >= pd.Timestamp(start)]
    if end is not None:
        out = out.loc[out.index <= pd.Timestamp(end)]
    cut = asof.get_as_of(as_of)
    out = release.published(out, entries, cut)
    choices = _choices(entries, frame, cut, data) if name == "fred" else {}
    out = _in_vintages(out, choices, start, end, data).dropna(how="all")
    out.attrs = {"data": data.label, "units": {e.key: e.units for e in entries}}
    usage.record(keys, out, cut, choices)
    return out


def vintage_choices(as_of=None) -> dict[str, vintages.Choice]:
    """For each revised FRED series (those with an ALFRED row in the catalog), which values a load as of ``as_of``
    (default: the as-of date in force) would use: the ALFRED vintage in force, or None and why for today's values
    cut by the release rule. Empty without an as-of date. Records nothing; for the notebook banner."""
    entries = [e for e in catalog.entries("fred") if catalog.vintages_for(e) is not None]
    data = identity.current()
    return _choices(entries, tables.table("fred", data), asof.get_as_of(as_of), data)


def load_prices(tickers=None, start=None, end=None, as_of=None) -> pd.DataFrame:
    """Daily adjusted closes (USD, adjusted for splits and dividends: a total-return price).

    ``tickers``: ETF or stock tickers from the catalog (default: all). Columns are
    prices, not returns; a ticker's rows before its first trade are NaN.
    """
    entries = catalog.lookup(_listify(tickers), source="prices") if tickers is not None else catalog.entries("prices")
    return _select("prices", entries, start, end, as_of)


def load_indices(names=None, start=None, end=None, as_of=None) -> pd.DataFrame:
    """Daily index levels (points, price only, no dividends): ``RUT``, ``SPX``, ``IXIC``.

    Yahoo symbols (``^RUT``, ``^GSPC``, ``^IXIC``) are accepted too.
    """
    entries = catalog.lookup(_listify(names), source="indices") if names is not None else catalog.entries("indices")
    return _select("indices", entries, start, end, as_of)


def load_fred(series=None, start=None, end=None, as_of=None) -> pd.DataFrame:
    """FRED series in their own units (rates, yields and spreads in percent).

    Rows are the union of the requested series' observation dates; a monthly
    series is dated on the first day of its month, as FRED dates it.
    """
    entries = catalog.lookup(_listify(series), source="fred") if series is not None else catalog.entries("fred")
    return _select("fred", entries, start, end, as_of)


FACTOR_TABLES = {"daily": "factors_daily", "monthly": "factors_monthly", "annual": "factors_annual"}
FACTOR_KEYS = {"daily": ["ff3_daily", "mom_daily"], "monthly": ["ff5_monthly"], "annual": ["ff5_monthly"]}
# Where each French file's observations sit: (frequency of its table, a column only that file fills)
FRENCH_SERIES = {"ff3_daily": ("daily", "Mkt-RF"), "mom_daily": ("daily", "Mom"), "ff5_monthly": ("monthly", "RMW")}


def load_factors(frequency: str = "daily", columns=None, start=None, end=None, as_of=None) -> pd.DataFrame:
    """Fama-French factor returns in percent per period.

    ``daily``: Mkt-RF, SMB, HML, RF (3-factor file) and Mom, since 1926.
    ``monthly``: Mkt-RF, SMB, HML, RMW, CMA, RF (5-factor file), dated at month end, since 1963-07.
    ``annual``: the 5 factors per calendar year, dated at year end.
    """
    if frequency not in FACTOR_TABLES:
        raise ValueError(f"frequency must be one of {sorted(FACTOR_TABLES)}, not {frequency!r}")
    data = identity.current()
    frame = tables.table(FACTOR_TABLES[frequency], data)
    if frame.empty:
        raise MissingDataError(_missing_message(FACTOR_KEYS[frequency]))
    if columns is not None:
        columns = _listify(columns)
        unknown = [c for c in columns if c not in frame.columns]
        if unknown:
            raise MissingDataError(
                f"factor columns {unknown} are not in the {frequency} table; it has {list(frame.columns)}"
            )
        frame = frame[columns]
    if start is not None:
        frame = frame.loc[frame.index >= pd.Timestamp(start)]
    if end is not None:
        frame = frame.loc[frame.index <= pd.Timestamp(end)]
    # what the library had published by the as-of date: its files' release rule
    entry = catalog.get(FACTOR_KEYS[frequency][0])
    cut = asof.get_as_of(as_of)
    out = release.published(frame, [entry] * frame.shape[1], cut).dropna(how="all")
    out.attrs = {"data": data.label, "units": "percent return per period"}
    usage.record(FACTOR_KEYS[frequency], out, cut)
    return out


def _listify(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def fomc_decisions(as_of=None, fill_from_data: bool = True, decided_only: bool = False) -> pd.DataFrame:
    """FOMC announcements (curated, 2024-2026): decision, change in bp, target range after (percent).

    Rows marked ``scheduled`` get their decision from DFEDTARU/DFEDTARL when
    the data covers the day after the announcement. Rows after the as-of date are dropped;
    ``decided_only`` keeps the meetings that have happened (cut, hold or hike).
    """
    table_ = curated.read_fomc_decisions()
    cut = asof.get_as_of(as_of)
    if cut is not None:
        table_ = table_.loc[table_.index <= cut]
    pending = table_.index.difference(decided(table_).index)  # meetings not decided in the curated table
    if fill_from_data and len(pending):
        try:
            target = load_fred(["DFEDTARL", "DFEDTARU"], as_of=as_of).dropna()
        except MissingDataError:
            target = None
        if target is not None and not target.empty:
            for day in pending:
                read = decision_from_target(target, day)
                if read is None:
                    continue
                table_.loc[day, ["decision", "change_bp", "lower", "upper"]] = [
                    read["decision"],
                    read["change_bp"],
                    read["lower"],
                    read["upper"],
                ]
                table_.loc[day, "source"] = "read from FRED DFEDTARU/DFEDTARL (day after the announcement)"
    if decided_only:
        table_ = decided(table_)
    table_.attrs = {
        "data": "curated (published facts)",
        "units": {"lower": "percent", "upper": "percent", "change_bp": "basis points"},
    }
    usage.record(["fomc_decisions"], table_, cut)
    return table_


def fomc_calendar(as_of=None) -> pd.DataFrame:
    """Every FOMC decision this collection can date: the curated 2024-2026 calendar, extended back to
    2008-12 with the cuts and hikes DFEDTARU reveals (holds before 2024 are not recoverable)."""
    upper = load_fred(["DFEDTARU"], as_of=as_of)["DFEDTARU"]
    table = combined_calendar(fomc_decisions(as_of=as_of, decided_only=True), upper)
    table.attrs = {"data": identity.current().label}
    return table


def easing_cycles() -> pd.DataFrame:
    """First cuts of past easing cycles (curated, with sources); those after the as-of date are dropped."""
    table_ = asof.truncate(curated.read_easing_cycles())
    usage.record(["easing_cycles"], table_, asof.get_as_of())
    return table_


def valuations(as_of=None) -> pd.DataFrame:
    """Dated forward P/E figures and the articles' valuation claims (curated, with sources)."""
    table_ = asof.truncate(curated.read_valuations(), as_of)
    usage.record(["valuations"], table_, asof.get_as_of(as_of))
    return table_


def claims() -> pd.DataFrame:
    """The seed articles' checkable claims (curated paraphrases, with the method that tests each).

    Not cut at the as-of date: the claims are what is being tested, not observations.
    """
    usage.record_basis("claims", "the claims as written (not cut at the as-of date)")
    return curated.read_claims()

"""The notebook API for data: small functions returning pandas objects with a DatetimeIndex.

Every loader reads the processed tables (or, when nothing has been imported or
downloaded, the synthetic sample), keeps what was published by the as-of date in
force (:mod:`helpers.data.asof`; each series' release rule, :mod:`helpers.data.release`;
for a revised FRED series, the ALFRED vintage in force when one is held, :mod:`helpers.data.vintages`)
and tags its result: ``result.attrs["data"]`` is
``"real data"`` or the sample label, ``result.attrs["units"]`` the units. Each load is recorded
(:func:`used_series`, :func:`used_bases`) for the provenance cell.

A loader never reads damaged data: a lost or garbled ``data/raw/CURRENT``, an unreadable manifest, a raw file
that no longer matches its checksum or a processed table that cannot be read raises
:class:`~helpers.errors.DamagedStoreError`, naming the file and the fix (``make repair``, or the command that
restores a raw file), never the sample in its place.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache, wraps

import pandas as pd

from . import asof, catalog, curated, paths, processed, release, sample, store, testhooks, vintages
from helpers.errors import MissingDataError
from .fomc import DECIDED, combined_calendar, decision_from_target

REAL = "real data"


@dataclass
class _Use:
    """One series handed out in this process: the last observation returned, and every basis its values rested
    on (in the order first used: "today's values", "ALFRED vintage of 2026-01-13", ...; :func:`vintages.basis`)."""

    last: pd.Timestamp
    bases: dict[str, None] = field(default_factory=dict)


# Series handed out in this process (for the provenance cell); the tests' hooks may also audit every load.
_used: dict[str, _Use] = {}


def _record(keys, frame: pd.DataFrame | pd.Series, cut: pd.Timestamp | None,
            choices: dict[str, vintages.Choice] | None = None) -> None:
    """Note a load of ``keys`` as of ``cut`` returning ``frame``, and which values each key got (``choices``: the
    revised FRED series' vintages; :func:`vintages.basis`)."""
    last = frame.index.max() if len(frame) else pd.NaT
    bases = {key: vintages.basis(catalog.get(key), cut, (choices or {}).get(key)) for key in keys}
    for key in keys:
        use = _used.setdefault(key, _Use(last))
        if pd.notna(last) and (pd.isna(use.last) or last > use.last):
            use.last = last
        use.bases[bases[key]] = None
    if testhooks.active():
        session = asof.get_as_of()
        testhooks.record_load({"keys": list(keys), "last": None if pd.isna(last) else f"{last:%Y-%m-%d}",
                               "as_of": None if session is None else f"{session:%Y-%m-%d}", "bases": bases})


def used_series() -> dict[str, pd.Timestamp]:
    """Catalog keys loaded so far in this process, with the last observation handed out for each."""
    return {key: use.last for key, use in _used.items()}


def used_bases() -> dict[str, tuple[str, ...]]:
    """Catalog keys loaded so far in this process, with the values each load rested on, in words: "today's values"
    (no as-of date), "ALFRED vintage of <date>", or today's values cut by the release rule (and why no vintage)."""
    return {key: tuple(use.bases) for key, use in _used.items()}


def data_mode() -> str:
    """``"real"`` when the raw store holds any series, else ``"sample"``."""
    return "real" if store.held_keys() else "sample"


def data_identity() -> tuple:
    """Which data a result computed now comes from: the data folder and its manifest digest, or the sample."""
    if data_mode() == "real":
        return (str(paths.raw_dir()), store.manifest_digest())
    return ("sample", str(paths.data_dir()))


def cached_by_data(fn):
    """``fn`` computed once per arguments, as-of date and data held (:func:`data_identity`), then reused.

    For analysis building blocks that several notebooks' cells, the ledger and its sensitivity table ask for
    again and again (``specs.spread_data``, the robustness sets). A new import, another data folder or another
    as-of date computes afresh. Results are shared, so callers must not change them in place (pandas'
    copy-on-write protects DataFrames).
    """
    memo: dict = {}

    @wraps(fn)
    def wrapper(*args, **kwargs):
        key = (args, tuple(sorted(kwargs.items())), asof.get_as_of(), data_identity())
        if key not in memo:
            if len(memo) >= 64:
                memo.clear()
            memo[key] = fn(*args, **kwargs)
        return memo[key]

    wrapper.cache_clear = memo.clear
    return wrapper


def data_label() -> str:
    """What to print on tables and figures: ``real data`` or the synthetic-sample label."""
    return REAL if data_mode() == "real" else sample.LABEL


def _raw_stats(generation) -> tuple:
    """The generation's name and the size and modification time of its manifest and raw files: a cheap
    change detector (an import switches the generation; an edit in place changes a file's stats)."""
    items = [generation.manifest_path, *sorted(generation.folder.glob("*/*.csv"))]
    stats = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in items if p.exists())
    return (generation.name, stats)


_verified: dict = {}
# How often a session looks at every raw file's size and time again (an edit by hand is caught on the next load
# after this); the generation in use and its manifest are looked at on every load.
RESTAT_SECONDS = 2.0


def _current_stats(generation) -> tuple:
    """:func:`_raw_stats`, reused for :data:`RESTAT_SECONDS` while the generation and its manifest are unchanged
    (a notebook loads hundreds of times; each full look stats every raw file)."""
    manifest = generation.manifest_path.stat()
    quick = (str(generation.folder), manifest.st_mtime_ns, manifest.st_size)
    now = time.monotonic()
    if _verified.get("quick") != quick or now - _verified.get("looked", 0.0) > RESTAT_SECONDS:
        _verified["full"] = _raw_stats(generation)
        _verified["quick"], _verified["looked"] = quick, now
    return _verified["full"]


def _real_table(name: str) -> pd.DataFrame:
    """A processed table of the generation in use, which is resolved once per call: a table never mixes
    generations, even while an import switches to a new one."""
    for attempt in range(3):
        generation = store.current()
        try:
            stats = _current_stats(generation)
            if _verified.get("stats") != stats:
                _verified["digest"] = processed.ensure(generation)
                _verified["stats"] = stats
            return _read_processed(name, _verified["digest"])
        except FileNotFoundError:
            # the generation was retired between resolving and reading it (a reader that slept through
            # several imports): resolve the generation in use again
            _verified.clear()
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


@lru_cache(maxsize=16)
def _read_processed(name: str, digest: str) -> pd.DataFrame:
    return processed.read(name, digest)


@lru_cache(maxsize=1)
def _sample_tables() -> dict[str, pd.DataFrame]:
    return sample.cached_tables()


def _table(name: str) -> pd.DataFrame:
    """A whole processed table, from the raw store or the sample, not cut at the as-of date.

    The cached frame itself: pandas' copy-on-write (the default from pandas 3) copies it the moment a caller
    changes it, so handing it out is safe and saves copying a whole table on every load."""
    if data_mode() == "sample":
        return _sample_tables()[name]
    return _real_table(name)


def held_keys(source: str) -> list[str]:
    """Keys of ``source`` (``prices``, ``indices``, ``fred``) with any observation in the data in use."""
    frame = _table(source)
    return [key for key in frame.columns if frame[key].notna().any()]


def _missing_message(keys: list[str]) -> str:
    return (
        f"not held in data/raw: {', '.join(keys)}. Fetch them with "
        f"`python -m helpers data --only {' '.join(keys)}` (network and FRED_API_KEY), or import a "
        "folder of exports with `make data FROM=DIR`; `python -m helpers status` lists what is held."
    )


_archives: dict = {}


def _archive() -> vintages.Archive:
    """The ALFRED vintages of the data in use, indexed once per processed table read."""
    table = _table("vintages")
    if _archives.get("table") is not table:
        _archives.update(table=table, archive=vintages.Archive(table))
    return _archives["archive"]


def _choices(entries: list[catalog.Series], frame: pd.DataFrame,
             cut: pd.Timestamp | None) -> dict[str, vintages.Choice]:
    """For each revised FRED series among ``entries`` (``frame``: the whole ``fred`` table), which values a load as
    of ``cut`` uses (:func:`vintages.choose`); empty without an as-of date."""
    revised = {e.key: catalog.vintages_for(e) for e in entries}
    revised = {key: archive for key, archive in revised.items() if archive is not None}
    if cut is None or not revised:
        return {}
    held = set(store.held_keys()) if data_mode() == "real" else set()
    if not held & {archive.key for archive in revised.values()}:
        return {key: vintages.Choice(None, "no ALFRED vintage held") for key in revised}
    archive = _archive()
    unheld = pd.Series(dtype=float)  # a revised series whose today's values are not held: no release to expect
    return {e.key: vintages.choose(archive, e, cut, frame[e.key] if e.key in frame else unheld)
            for e in entries if e.key in revised}


def _in_vintages(out: pd.DataFrame, choices: dict[str, vintages.Choice], start, end) -> pd.DataFrame:
    """``out`` with the column of each series that has a vintage in force replaced by that vintage's values
    (between ``start`` and ``end``); rows are the union of the observation dates."""
    chosen = {key: choice.vintage for key, choice in choices.items() if choice.vintage is not None}
    if not chosen:
        return out
    archive = _archive()
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
    frame = _table(name)
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
    choices = _choices(entries, frame, cut) if name == "fred" else {}
    out = _in_vintages(out, choices, start, end).dropna(how="all")
    out.attrs = {"data": data_label(), "units": {e.key: e.units for e in entries}}
    _record(keys, out, cut, choices)
    return out


def vintage_choices(as_of=None) -> dict[str, vintages.Choice]:
    """For each revised FRED series (those with an ALFRED row in the catalog), which values a load as of ``as_of``
    (default: the as-of date in force) would use: the ALFRED vintage in force, or None and why for today's values
    cut by the release rule. Empty without an as-of date. Records nothing; for the notebook banner."""
    entries = [e for e in catalog.entries("fred") if catalog.vintages_for(e) is not None]
    return _choices(entries, _table("fred"), asof.get_as_of(as_of))


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
    frame = _table(FACTOR_TABLES[frequency])
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
    out.attrs = {"data": data_label(), "units": "percent return per period"}
    _record(FACTOR_KEYS[frequency], out, cut)
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
    pending = table_.index[table_["decision"] == "scheduled"]
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
                    read["decision"], read["change_bp"], read["lower"], read["upper"]]
                table_.loc[day, "source"] = "read from FRED DFEDTARU/DFEDTARL (day after the announcement)"
    if decided_only:
        table_ = table_.loc[table_["decision"].isin(DECIDED)]
    table_.attrs = {"data": "curated (published facts)", "units": {"lower": "percent", "upper": "percent", "change_bp": "basis points"}}
    _record(["fomc_decisions"], table_, cut)
    return table_


def fomc_calendar(as_of=None) -> pd.DataFrame:
    """Every FOMC decision this collection can date: the curated 2024-2026 calendar, extended back to
    2008-12 with the cuts and hikes DFEDTARU reveals (holds before 2024 are not recoverable)."""
    upper = load_fred(["DFEDTARU"], as_of=as_of)["DFEDTARU"]
    table = combined_calendar(fomc_decisions(as_of=as_of), upper)
    table.attrs = {"data": data_label()}
    return table


def easing_cycles() -> pd.DataFrame:
    """First cuts of past easing cycles (curated, with sources); those after the as-of date are dropped."""
    table_ = asof.truncate(curated.read_easing_cycles())
    _record(["easing_cycles"], table_, asof.get_as_of())
    return table_


def valuations(as_of=None) -> pd.DataFrame:
    """Dated forward P/E figures and the articles' valuation claims (curated, with sources)."""
    table_ = asof.truncate(curated.read_valuations(), as_of)
    _record(["valuations"], table_, asof.get_as_of(as_of))
    return table_


def claims() -> pd.DataFrame:
    """The seed articles' checkable claims (curated paraphrases, with the method that tests each).

    Not cut at the as-of date: the claims are what is being tested, not observations.
    """
    _used.setdefault("claims", _Use(pd.NaT, {"the claims as written (not cut at the as-of date)": None}))
    return curated.read_claims()

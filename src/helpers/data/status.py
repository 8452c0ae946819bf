"""What data is in use: one row per catalog series, for ``data_status()`` and ``python -m helpers status``."""

from __future__ import annotations

import re

import pandas as pd

from helpers.errors import AsOfDateError, MissingDataError

from . import catalog, checksums, curated, generations, identity, load, manifest, tables

# The series every notebook needs, and the history before an as-of date they need of them (a year of trading days
# for noise bands and rolling estimates): the earliest as-of date the collection can run at.
AS_OF_NEEDS = ("IWM", "IWB", "SPY", "RUT", "DGS2", "T10Y2Y")
AS_OF_HISTORY = pd.DateOffset(years=1)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A series lags when its last date is this many days before the latest of its source and frequency.
LAG_DAYS = {"daily": 5, "weekly": 10, "monthly": 45, "quarterly": 100, "annual": 400}


def _sample_ranges() -> dict[str, tuple]:
    sample_tables = tables.sample_tables()
    ranges = {}
    for entry in catalog.entries():
        if entry.source == "french":
            frequency, column = load.FRENCH_SERIES[entry.key]
            series = sample_tables[load.FACTOR_TABLES[frequency]][column].dropna()
        elif entry.source in ("prices", "indices", "fred"):
            series = sample_tables[entry.source][entry.key].dropna()
        else:
            continue
        ranges[entry.key] = (series.index[0], series.index[-1], len(series))
    return ranges


def _curated_ranges() -> dict[str, tuple]:
    tables = {
        "fomc_decisions": curated.read_fomc_decisions(),
        "easing_cycles": curated.read_easing_cycles(),
        "valuations": curated.read_valuations(),
        "claims": curated.read_claims().assign(date=lambda t: t["period_end"]).set_index("date"),
    }
    return {k: (t.index.min(), t.index.max(), len(t)) for k, t in tables.items()}


def data_status(today=None) -> pd.DataFrame:
    """Every catalog series with source, first and last date, rows, age and whether it is real.

    ``data`` is ``real``, ``sample`` (synthetic, not market data), ``missing``
    (not held: real data held for other series but not this one, or ALFRED vintages, which the sample
    does not have) or ``curated``.
    ``check`` is ``ok`` or says how to restore a raw file whose checksum changed.
    ``age_days`` counts calendar days from the last observation to ``today``.
    ``lag`` says when a held series ends well before the others of its source and frequency
    (e.g. ``ends 25 days before the latest prices daily series (2026-06-30)``); ``parts`` counts the
    imports or downloads its file was put together from (see the manifest for each part's origin).
    For ALFRED files (source ``alfred``) ``first`` and ``last`` are the range of observations and
    ``vintages`` the range of vintage dates and their number (``2024-01-01 to 2026-06-11, 31``).
    """
    today = pd.Timestamp.today().normalize() if today is None else pd.Timestamp(today)
    data = identity.current()
    generation = generations.current()
    held = generations.read_manifest(generation)
    problems = checksums.verify(held, generation) if data.is_real else {}
    sample_ranges = _sample_ranges() if data.is_sample else {}
    curated_ranges = _curated_ranges()
    rows = []
    for entry in catalog.entries():
        record = held["files"].get(entry.key)
        row = {"key": entry.key, "source": entry.source, "source_id": entry.source_id, "frequency": entry.frequency}
        if entry.source == "curated":
            first, last, n = curated_ranges[entry.key]
            row.update(first=first, last=last, rows=n, data="curated", origin="data/raw/curated", retrieved_at=None)
        elif record is not None:
            row.update(
                first=pd.Timestamp(record["first"]),
                last=pd.Timestamp(record["last"]),
                rows=record["rows"],
                data="real",
                origin=record.get("origin"),
                retrieved_at=record.get("retrieved_at"),
                parts=len(manifest.parts_of(record)),
                vintages=_vintage_span(record),
            )
        elif data.is_sample and entry.key in sample_ranges:
            first, last, n = sample_ranges[entry.key]
            row.update(
                first=first,
                last=last,
                rows=n,
                data="sample",
                origin="synthetic (helpers.data.sample)",
                retrieved_at=None,
            )
        else:
            row.update(first=pd.NaT, last=pd.NaT, rows=0, data="missing", origin=None, retrieved_at=None)
        shown = generation.shown(entry.relpath) if generation is not None else ""
        row["check"] = problems.get(shown, "ok" if row["data"] == "real" else "")
        rows.append(row)
    table = pd.DataFrame(rows).set_index("key")
    table["age_days"] = (today - table["last"]).dt.days.astype("Int64")
    table["parts"] = table["parts"].astype("Int64") if "parts" in table else pd.array([pd.NA] * len(table), "Int64")
    table["lag"] = lags(table)
    table["vintages"] = table["vintages"].fillna("") if "vintages" in table else ""
    table.attrs = {"data": data.label}
    columns = [
        "source",
        "source_id",
        "frequency",
        "first",
        "last",
        "rows",
        "age_days",
        "data",
        "check",
        "origin",
        "retrieved_at",
        "parts",
        "vintages",
        "lag",
    ]
    return table[columns]


def _vintage_span(record: dict) -> str:
    """An ALFRED file's vintage dates from its manifest record: ``first to last, count`` ("" for other files)."""
    if "vintages" not in record:
        return ""
    first, last, count = record["vintages"]
    return f"{first} to {last}, {count}"


def lags(table: pd.DataFrame) -> pd.Series:
    """For each real series, how far its last date trails the latest of its source and frequency ("" if not)."""
    out = pd.Series("", index=table.index, dtype=object)
    real = table[table["data"] == "real"]
    for (source, frequency), group in real.groupby(["source", "frequency"]):
        latest = group["last"].max()
        limit = LAG_DAYS.get(frequency, 5)
        for key, last in group["last"].items():
            behind = (latest - last).days
            if behind > limit:
                out[key] = f"ends {behind} days before the latest {source} {frequency} series ({latest:%Y-%m-%d})"
    return out


def generation_line() -> str:
    """The generation in use, for ``python -m helpers status``: its name, when and how it was made."""
    generation = generations.current()
    if generation is None:
        return "Generation: none (nothing held)."
    if generation.name is None:
        return (
            "Generation: the old layout (files at the top of data/raw); the next import or download moves it "
            "into a generation."
        )
    info = generations.read_manifest(generation).get("generation", {})
    kept = len(generations.kept())
    return (
        f"Generation in use: {generation.name}, made {info.get('made_at', '?')} by {info.get('made_by', '?')}"
        f" ({len(info.get('changed', []))} series changed; {kept} generation{'s' if kept != 1 else ''} kept "
        "in data/raw/generations)."
    )


def coverage(as_of=None) -> pd.DataFrame:
    """First and last date with a value, and the number of observations, of every stored series.

    Read through the loaders, so it honours the as-of date and works on the
    sample as on real data. Series not held are left out.
    """
    loaders = {"prices": load.load_prices, "indices": load.load_indices, "fred": load.load_fred}
    series_by_key: dict[str, pd.Series] = {}
    for source, loader in loaders.items():
        with_data = tables.keys_with_data(source)
        if with_data:
            frame = loader(with_data, as_of=as_of)
            series_by_key.update({k: frame[k] for k in with_data})
    for key, (frequency, column) in load.FRENCH_SERIES.items():
        try:
            series_by_key[key] = load.load_factors(frequency, columns=[column], as_of=as_of)[column]
        except MissingDataError:
            continue
    rows = []
    for entry in catalog.entries():
        series = series_by_key.get(entry.key)
        if series is None or series.dropna().empty:
            continue
        series = series.dropna()
        rows.append(
            {
                "key": entry.key,
                "source": entry.source,
                "group": entry.group,
                "frequency": entry.frequency,
                "first": series.index[0],
                "last": series.index[-1],
                "observations": len(series),
            }
        )
    result = pd.DataFrame(rows).set_index("key")
    result.attrs = {"data": identity.current().label}
    return result


def as_of_bounds() -> tuple[pd.Timestamp, pd.Timestamp]:
    """The earliest and latest as-of dates the collection can run at on the data held: a year after the latest first
    observation of the series every notebook needs (:data:`AS_OF_NEEDS`), and the last close held. Read from the
    manifest (or the sample's ranges), not through the loaders: checking a date is not part of the run."""
    if identity.current().is_real:
        files = generations.read_manifest()["files"]
        ranges = {
            key: (pd.Timestamp(files[key]["first"]), pd.Timestamp(files[key]["last"]))
            for key in AS_OF_NEEDS
            if key in files
        }
    else:
        ranges = {key: value[:2] for key, value in _sample_ranges().items() if key in AS_OF_NEEDS}
    missing = [key for key in AS_OF_NEEDS if key not in ranges]
    if missing:
        raise MissingDataError(
            f"{', '.join(missing)} not held: the collection cannot run (make data FROM=DIR or make data)"
        )
    closes = [ranges[key][1] for key in AS_OF_NEEDS if catalog.get(key).source in ("prices", "indices")]
    return max(first for first, _ in ranges.values()) + AS_OF_HISTORY, max(closes)


def parse_as_of(value) -> pd.Timestamp | None:
    """``value`` written as ``YYYY-MM-DD`` as a date, or :class:`~helpers.errors.AsOfDateError`; None and ""
    mean none."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    if not _DATE.match(text):
        raise AsOfDateError(f"AS_OF={text!r} is not a date: write it as YYYY-MM-DD (e.g. 2025-12-15)")
    try:
        return pd.Timestamp(text)
    except ValueError:
        raise AsOfDateError(
            f"AS_OF={text!r} is not a calendar date (YYYY-MM-DD: month 01-12, a day the month has)"
        ) from None


def check_as_of(value) -> pd.Timestamp | None:
    """``value`` (``YYYY-MM-DD``) as a date the collection can run at, or one clear error before anything runs:
    not a date, before the data the collection needs, or after the data held. None and "" mean all data."""
    date = parse_as_of(value)
    if date is None:
        return None
    text = f"{date:%Y-%m-%d}"
    earliest, latest = as_of_bounds()
    if date < earliest:
        raise AsOfDateError(
            f"AS_OF={text} is before the data the collection needs: {', '.join(AS_OF_NEEDS)} all begin by "
            f"{earliest - AS_OF_HISTORY:%Y-%m-%d} and the notebooks need a year of history, so the earliest "
            f"as-of date on the data held is {earliest:%Y-%m-%d}"
        )
    if date > latest:
        raise AsOfDateError(
            f"AS_OF={text} is after the data held (the last close is {latest:%Y-%m-%d}): an as-of date "
            "can only look back; leave AS_OF unset to use everything held, or import newer data first"
        )
    return date

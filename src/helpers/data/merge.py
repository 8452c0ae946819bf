"""How a new file joins the history already held: one rule per kind of series, for downloads and imports alike.

* FRED series and index levels (``fred``, ``indices``): **merge**. Dates new to the store are added, dates in
  both take the new value (a revision: counted, the largest reported), everything held outside the file stays.
* Adjusted closes (``prices``): the vendor re-bases the whole adjusted series at every dividend or split, so
  held history before the first date the two have in common is **re-based** by the ratio of the two closes on
  that date and joined to the new file. With no common date the file is **refused** (nothing to re-base on).
* Kenneth French files (``french``): **replaced** when the new file reaches back at least as far as the held
  one (the library revises its whole history each month); otherwise refused.
* ALFRED vintages (``alfred``): **united**. A vintage records what was published on its date and never changes,
  so the file's vintages (columns) and observations (rows) are added to those held and no held vintage is ever
  dropped; a file with fewer vintages keeps the held ones (and one that adds nothing leaves the held file as it
  is). A vintage both hold with a different value for an observation both have (or a value in one and none in
  the other) is a revision of the archive itself: one of the two files is wrong and the store cannot tell which,
  so the file is **refused** whole, naming the first difference, and the held file kept; ``--replace`` takes the
  new file instead. A union in which an observation would vanish from a later vintage is refused likewise.
* Any other kind: a file that **ends before** the held series (an older export) is refused, so no write shortens
  history; a file identical to the held one is left as it is.
* ``replace=True`` (``--replace``, ``make data REPLACE=1``) stores the file exactly as given: the way to go
  back to an older export on purpose.

Each stored series records its ``parts``: which dates came from which import or download, when, and by which
factor older parts were re-based.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import catalog
from .manifest import parts_of
from .parsers import first_withdrawn, observation_range, vintage_range


@dataclass
class Held:
    """What the store holds for a series: its manifest record, bytes and parsed form (None when damaged)."""

    record: dict
    data: bytes
    parsed: object | None


@dataclass
class Outcome:
    """What :func:`combine` decided for one series."""

    # "new", "replaced", "merged", "joined", "as given", "kept" (nothing new: the held file unchanged), "refused"
    action: str
    data: bytes | None = None
    parsed: object = None
    parts: list[dict] = field(default_factory=list)
    new_rows: int = 0
    new_vintages: int = 0
    revisions: int = 0
    largest_revision: tuple | None = None  # (date, held value, new value)
    rebased_at: pd.Timestamp | None = None
    ratio: float | None = None  # new close / held close on rebased_at
    note: str = ""  # why refused, or what was kept or dropped

    @property
    def refused(self) -> bool:
        return self.action == "refused"


def _day(stamp) -> str:
    return f"{pd.Timestamp(stamp):%Y-%m-%d}"


def _range(parsed) -> tuple[pd.Timestamp, pd.Timestamp, int]:
    return observation_range(parsed)


# ---------------------------------------------------------------- writing merged files


def fred_csv_bytes(series: pd.Series) -> bytes:
    """A series in FRED's CSV download layout (``observation_date,<ID>``, empty = missing)."""
    lines = [f"observation_date,{series.name}"]
    lines += [f"{date:%Y-%m-%d},{'' if pd.isna(value) else repr(float(value))}" for date, value in series.items()]
    return ("\n".join(lines) + "\n").encode("ascii")


def price_csv_bytes(series: pd.Series, column: str) -> bytes:
    """A series as the price vendor's ``Date,<column>`` CSV (``Adj Close`` or ``Close``); missing values dropped."""
    lines = [f"Date,{column}"]
    lines += [f"{date:%Y-%m-%d},{float(value)!r}" for date, value in series.dropna().items()]
    return ("\n".join(lines) + "\n").encode("ascii")


def alfred_csv_bytes(frame: pd.DataFrame, series_id: str) -> bytes:
    """Vintages (observations by vintage dates) in ALFRED's download layout: ``observation_date``, then one
    ``<ID>_<YYYYMMDD>`` column per vintage; an empty cell is an observation not in that vintage."""
    lines = [",".join(["observation_date", *(f"{series_id}_{vintage:%Y%m%d}" for vintage in frame.columns)])]
    for date, row in zip(frame.index, frame.to_numpy(dtype=float), strict=True):
        cells = ["" if np.isnan(value) else repr(float(value)) for value in row]
        lines.append(f"{date:%Y-%m-%d}," + ",".join(cells))
    return ("\n".join(lines) + "\n").encode("ascii")


def _render(entry: catalog.Series, series: pd.Series) -> bytes:
    if entry.source == "fred":
        return fred_csv_bytes(series.rename(entry.source_id))
    return price_csv_bytes(series, "Adj Close" if entry.source == "prices" else "Close")


# ---------------------------------------------------------------- parts


def _clip_parts(
    parts: list[dict], before: pd.Timestamp, ratio: float | None = None, at: pd.Timestamp | None = None
) -> list[dict]:
    """Held parts cut to the dates before ``before``; re-based by ``ratio`` on ``at`` when given."""
    kept = []
    limit = before - pd.Timedelta(days=1)
    for part in parts:
        if part.get("first") is None or pd.Timestamp(part["first"]) >= before:
            continue
        part = dict(part)
        if part.get("last") and pd.Timestamp(part["last"]) > limit:
            part["last"] = _day(limit)
        if ratio is not None:
            part["rebased"] = part.get("rebased", []) + [{"at": _day(at), "ratio": ratio}]
        kept.append(part)
    return kept


# ---------------------------------------------------------------- the rules


def _revisions(held: pd.Series, new: pd.Series) -> tuple[int, tuple | None]:
    """Dates in both whose values differ: how many, and the largest change (date, held, new)."""
    common = held.index.intersection(new.index)
    old, fresh = held.reindex(common), new.reindex(common)
    both = old.notna() & fresh.notna()
    change = (fresh - old)[both]
    moved = change[np.abs(change) > 1e-12 + 1e-9 * np.abs(old[both])]
    if moved.empty:
        return 0, None
    date = moved.abs().idxmax()
    return len(moved), (date, float(old[date]), float(fresh[date]))


def _merge_levels(entry, held: Held, new_data: bytes, new: pd.Series, new_part: dict) -> Outcome:
    old = held.parsed
    revisions, largest = _revisions(old, new)
    kept = old[~old.index.isin(new.index)]
    added = int(new.index.difference(old.index).size)
    if kept.empty:  # every held date is in the file: the file is the merge
        data, merged = new_data, new
    else:
        merged = pd.concat([kept, new]).sort_index().rename(new.name)
        data = _render(entry, merged)
    new_first = _range(new)[0]
    parts = _clip_parts(parts_of(held.record), new_first) + [new_part]
    return Outcome("merged", data, merged, parts, new_rows=added, revisions=revisions, largest_revision=largest)


def _join_prices(entry, held: Held, new: pd.Series, new_part: dict) -> Outcome:
    old = held.parsed
    common = old.index.intersection(new.index)
    old_first, old_last, _ = _range(old)
    new_first, new_last, _ = _range(new)
    if common.empty:
        return Outcome(
            "refused",
            note=(
                f"no date in common with the held {entry.key} (held {_day(old_first)} to {_day(old_last)}, "
                f"file {_day(new_first)} to {_day(new_last)}): "
                "an adjusted close is re-based by the vendor at every dividend "
                "or split, so two exports can only be joined on a date both have. Kept the held file. Import an export "
                "that overlaps the held one, or store this one as given with --replace (make data REPLACE=1)"
            ),
        )
    at = common[0]
    ratio = float(new[at] / old[at])
    older = old[old.index < at] * ratio
    merged = pd.concat([older, new]).sort_index().rename(new.name)
    added = int(new.index.difference(old.index).size)
    parts = _clip_parts(parts_of(held.record), at, ratio, at) + [new_part]
    return Outcome("joined", _render(entry, merged), merged, parts, new_rows=added, rebased_at=at, ratio=ratio)


def _vintage_part(new_part: dict, parsed: pd.DataFrame) -> dict:
    """A part of an ALFRED file, with its vintage dates: first, last and how many."""
    first, last, count = vintage_range(parsed)
    return {**new_part, "vintages": [_day(first), _day(last), count]}


def _vintage_conflict(held: pd.DataFrame, new: pd.DataFrame) -> tuple | None:
    """The first cell of a vintage both files hold, for an observation both have, that differs:
    ``(observation date, vintage date, held value, new value)`` (NaN: not in that vintage), or None."""
    vintages, dates = held.columns.intersection(new.columns), held.index.intersection(new.index)
    if vintages.empty or dates.empty:
        return None
    old = held.loc[dates, vintages].to_numpy(dtype=float)
    fresh = new.loc[dates, vintages].to_numpy(dtype=float)
    same = (np.isnan(old) & np.isnan(fresh)) | (np.abs(fresh - old) <= 1e-12 + 1e-9 * np.abs(old))
    rows, columns = np.nonzero(~same)
    if not rows.size:
        return None
    row, column = rows[0], columns[0]
    return dates[row], vintages[column], float(old[row, column]), float(fresh[row, column])


def _shown_value(value: float) -> str:
    return "absent" if np.isnan(value) else f"{value:.6g}"


def _unite_vintages(entry, held: Held, new_data: bytes, new: pd.DataFrame, new_part: dict) -> Outcome:
    old = held.parsed
    keep = "Kept the held file; to take this file's vintages instead, use --replace (make data REPLACE=1)"
    conflict = _vintage_conflict(old, new)
    if conflict is not None:
        date, vintage, was, now = conflict
        return Outcome(
            "refused",
            note=(
                f"vintage {_day(vintage)} differs from the held one: "
                f"observation {_day(date)} is {_shown_value(was)} in the held file "
                f"and {_shown_value(now)} in this one. "
                "A vintage records what was published on its date and never changes, "
                f"so one of the two files is wrong and the store cannot tell which. {keep}"
            ),
        )
    merged = new.combine_first(old).sort_index().sort_index(axis=1)
    merged.index.name, merged.columns.name = "date", "vintage"
    withdrawn = first_withdrawn(merged.to_numpy(dtype=float))
    if withdrawn is not None:
        row, column = withdrawn
        return Outcome(
            "refused",
            note=(
                f"the file and the held one disagree on observation {_day(merged.index[row])}: "
                f"one has it in vintage {_day(merged.columns[column])}, "
                f"the other not in the later vintage {_day(merged.columns[column + 1])}. "
                f"{keep}"
            ),
        )
    new_vintages = int(new.columns.difference(old.columns).size)
    new_rows = int(new.index.difference(old.index).size)
    if merged.shape == old.shape:
        return Outcome("kept", note="held vintages kept: the file adds no vintage and no observation")
    data = new_data if merged.shape == new.shape else alfred_csv_bytes(merged, entry.source_id)
    parts = parts_of(held.record) + [_vintage_part(new_part, new)]
    return Outcome("merged", data, merged, parts, new_rows=new_rows, new_vintages=new_vintages)


def combine(
    entry: catalog.Series,
    new_data: bytes,
    new_parsed,
    origin: str,
    retrieved_at: str,
    held: Held | None,
    replace: bool = False,
) -> Outcome:
    """Apply the rule of ``entry``'s kind to a validated new file and what is held (None when nothing is)."""
    new_first, new_last, _ = _range(new_parsed)
    new_part = {"origin": origin, "first": _day(new_first), "last": _day(new_last), "retrieved_at": retrieved_at}
    if entry.source == "alfred":
        new_part = _vintage_part(new_part, new_parsed)
    if held is None:
        return Outcome("new", new_data, new_parsed, [new_part])
    if held.parsed is None:
        return Outcome(
            "replaced",
            new_data,
            new_parsed,
            [new_part],
            note="the held file no longer matched its checksum; replaced by this file",
        )
    old_first, old_last, _ = _range(held.parsed)
    if replace:
        dropped = (
            f"held {_day(old_first)} to {_day(old_last)} set aside on request"
            if (new_first > old_first or new_last < old_last)
            else ""
        )
        return Outcome("as given", new_data, new_parsed, [{**new_part, "replace": True}], note=dropped)
    if entry.source == "alfred":
        return _unite_vintages(entry, held, new_data, new_parsed, new_part)
    if new_last < old_last:
        return Outcome(
            "refused",
            note=(
                f"the file ends on {_day(new_last)} but the held {entry.key} on {_day(old_last)}: an older export. "
                "Kept the held file (history is never shortened); to go back to this export on purpose, use --replace "
                "(make data REPLACE=1)"
            ),
        )
    if entry.source in ("fred", "indices"):
        return _merge_levels(entry, held, new_data, new_parsed, new_part)
    if entry.source == "prices":
        if new_first <= old_first:
            return Outcome(
                "replaced",
                new_data,
                new_parsed,
                [new_part],
                new_rows=int(new_parsed.index.difference(held.parsed.index).size),
            )
        return _join_prices(entry, held, new_parsed, new_part)
    if entry.source == "french":
        if new_first <= old_first:
            return Outcome("replaced", new_data, new_parsed, [new_part])
        return Outcome(
            "refused",
            note=(
                f"the file starts on {_day(new_first)} but the held one on {_day(old_first)}: replacing it would drop "
                "history. Kept the held file; import the library's full file, or use --replace (make data REPLACE=1)"
            ),
        )
    raise ValueError(f"{entry.key}: no merge rule for source {entry.source!r}")


def describe(entry: catalog.Series, outcome: Outcome) -> str:
    """One line for the import summary: what happened to the series."""
    if outcome.action == "kept":
        return outcome.note
    first, last, rows = _range(outcome.parsed)
    now = f"now {_day(first)} to {_day(last)}, {rows:,} rows"
    if entry.source == "alfred":
        first_vintage, last_vintage, count = vintage_range(outcome.parsed)
        now += f", {count:,} vintages {_day(first_vintage)} to {_day(last_vintage)}"
    if outcome.action == "new":
        return f"new: {now}"
    if outcome.action == "as given":
        return f"stored as given (--replace): {now}" + (f"; {outcome.note}" if outcome.note else "")
    if outcome.action == "replaced":
        note = outcome.note or "the file reaches back at least as far as the held one"
        return f"replaced ({note}): {now}"
    if outcome.action == "merged" and entry.source == "alfred":
        return f"merged: {outcome.new_vintages:,} new vintages, {outcome.new_rows:,} new rows; {now}"
    if outcome.action == "merged":
        text = f"merged: {outcome.new_rows:,} new rows, {outcome.revisions:,} revised"
        if outcome.largest_revision:
            date, old, new = outcome.largest_revision
            text += f" (largest {new - old:+.6g} {entry.units} on {_day(date)}: {old:.6g} -> {new:.6g})"
        return f"{text}; {now}"
    if outcome.action == "joined":
        return (
            f"joined: held history before {_day(outcome.rebased_at)} re-based by x{outcome.ratio:.6f} (ratio of "
            f"the two closes that day), {outcome.new_rows:,} new rows; {now}"
        )
    return outcome.note

"""Strict parsers for the four export formats the collection reads.

* FRED's CSV download: ``observation_date,<ID>`` (or the older ``DATE,<ID>``);
  an empty value or ``.`` is a missing observation. Values in the series' units.
* ALFRED's vintage download ("Observations by Vintage Date", all observations):
  ``observation_date`` (or ``DATE``), then one column per vintage named
  ``<ID>_<YYYYMMDD>``, its vintage date; a cell is the value of that
  observation as published in that vintage, in the series' units, and an empty
  cell or ``.`` means the observation was not in that vintage. Vintages must
  increase from left to right, each once. A value held in one vintage and
  missing in the next is refused: that is how ALFRED's "New and Revised
  Observations Only" output looks (unchanged values left empty), which would
  read as values withdrawn.
* Price-vendor CSVs: ``Date,Adj Close`` (ETFs and stocks, adjusted for splits and
  dividends) or ``Date,Close`` (index levels); other columns are ignored, so Yahoo's
  website download (``Date,Open,High,Low,Close,Adj Close,Volume``, ``null`` for a
  missing value) is read as it is. yfinance's ``to_csv`` of one ticker has three
  header rows (``Price,...`` / ``Ticker,...`` / ``Date,,...``); its ticker row must
  name the file's ticker, and without an ``Adj Close`` column (yfinance's default
  ``auto_adjust=True``) its ``Close`` is the adjusted close.
* Kenneth French library CSVs, with their header and footer text, keys as
  ``YYYYMMDD``, ISO dates, ``YYYYMM`` or annual ``YYYY``, CRLF or LF line ends.
  Values are percent returns; -99.99 and -999 mean missing.

Every problem raises :class:`DataFileError` naming the file and the line, so a
bad file is reported and nothing from it is stored.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from helpers.errors import DataFileError

from .catalog import Series

FRENCH_COLUMNS = {
    "ff3_daily": ["Mkt-RF", "SMB", "HML", "RF"],
    "ff5_monthly": ["Mkt-RF", "SMB", "HML", "RMW", "CMA", "RF"],
    "mom_daily": ["Mom"],
}
FRENCH_MISSING = (-99.99, -999.0)
_MISSING_TOKENS = {"", "."}
_PRICE_MISSING_TOKENS = {"", ".", "null"}  # Yahoo's website download writes null


def decode(data: bytes) -> str:
    """Bytes of a downloaded file as text (UTF-8 with or without BOM, else Latin-1)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _cells(line: str) -> list[str]:
    return [c.strip().strip('"').strip() for c in line.split(",")]


def _body_rows(lines: list[str], path: str, width: int, first_line: int) -> list[list[str]]:
    """Split data lines into cells; trailing blank lines are allowed, others are errors."""
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    rows = []
    for offset, line in enumerate(lines):
        cells = _cells(line)
        if len(cells) != width:
            raise DataFileError(
                path, first_line + offset, f"expected {width} comma-separated fields, found {len(cells)}"
            )
        rows.append(cells)
    return rows


def _dates(strings: list[str], path: str, first_line: int, fmt: str) -> pd.DatetimeIndex:
    dates = pd.to_datetime(pd.Series(strings, dtype=object), format=fmt, errors="coerce")
    bad = np.flatnonzero(dates.isna().to_numpy())
    if bad.size:
        i = int(bad[0])
        raise DataFileError(path, first_line + i, f"{strings[i]!r} is not a date ({fmt})")
    index = pd.DatetimeIndex(dates)
    _check_order(index, path, first_line)
    return index


def _check_order(index: pd.DatetimeIndex, path: str, first_line: int) -> None:
    if len(index) < 2:
        return
    steps = np.diff(index.asi8)
    dup = np.flatnonzero(steps == 0)
    back = np.flatnonzero(steps < 0)
    if dup.size and (not back.size or dup[0] < back[0]):
        i = int(dup[0]) + 1
        raise DataFileError(path, first_line + i, f"date {index[i].date()} appears twice")
    if back.size:
        i = int(back[0]) + 1
        raise DataFileError(
            path, first_line + i, f"dates are not in increasing order ({index[i - 1].date()} then {index[i].date()})"
        )


def _to_floats(strings: list[str], tokens: set[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cells as floats: the values (NaN where missing), the missing mask, and the positions of cells that are
    neither a number nor one of the missing ``tokens``."""
    raw = pd.Series(strings, dtype=object)
    missing = raw.isin(tokens)
    values = pd.to_numeric(raw.where(~missing, None), errors="coerce").to_numpy(dtype=float)
    missing = missing.to_numpy()
    return values, missing, np.flatnonzero(np.isnan(values) & ~missing)


def _numbers(
    strings: list[str], path: str, first_line: int, column: str, allow_missing: bool, tokens: set[str] = _MISSING_TOKENS
) -> np.ndarray:
    values, missing, bad = _to_floats(strings, tokens)
    if bad.size:
        i = int(bad[0])
        raise DataFileError(path, first_line + i, f"{column}: {strings[i]!r} is not a number")
    if not allow_missing and missing.any():
        i = int(np.flatnonzero(missing)[0])
        raise DataFileError(path, first_line + i, f"{column}: missing value")
    return values


def _lines(text: str, path: str) -> list[str]:
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise DataFileError(path, None, "the file is empty")
    return lines


def parse_fred_csv(text: str, path: str, series_id: str) -> pd.Series:
    """A FRED CSV download as a float Series (NaN for missing) named ``series_id``."""
    lines = _lines(text, path)
    header = _cells(lines[0])
    if len(header) != 2 or header[0] not in ("observation_date", "DATE"):
        raise DataFileError(path, 1, f"expected the header 'observation_date,{series_id}', found {lines[0].strip()!r}")
    if header[1] != series_id:
        raise DataFileError(path, 1, f"expected the column {series_id!r}, found {header[1]!r}")
    rows = _body_rows(lines[1:], path, 2, first_line=2)
    if not rows:
        raise DataFileError(path, None, "no observations after the header")
    index = _dates([r[0] for r in rows], path, 2, "%Y-%m-%d")
    values = _numbers([r[1] for r in rows], path, 2, series_id, allow_missing=True)
    if np.isnan(values).all():
        raise DataFileError(path, None, "every value is missing")
    out = pd.Series(values, index=index, name=series_id)
    out.index.name = "date"
    return out


_VINTAGE_COLUMN = re.compile(r"^(?P<id>.+)_(?P<date>\d{8})$")


def _vintage_dates(columns: list[str], path: str, series_id: str) -> pd.DatetimeIndex:
    """The vintage dates an ALFRED header names (``<ID>_<YYYYMMDD>`` each), checked to increase, each once."""
    dates = []
    for column in columns:
        match = _VINTAGE_COLUMN.match(column)
        if not match:
            raise DataFileError(path, 1, f"expected vintage columns named {series_id}_YYYYMMDD, found {column!r}")
        if match["id"] != series_id:
            raise DataFileError(path, 1, f"the column {column!r} is a vintage of {match['id']}, not of {series_id}")
        stamp = pd.to_datetime(match["date"], format="%Y%m%d", errors="coerce")
        if pd.isna(stamp):
            raise DataFileError(path, 1, f"the column {column!r}: {match['date']} is not a date (YYYYMMDD)")
        dates.append(stamp)
    vintages = pd.DatetimeIndex(dates, name="vintage")
    steps = np.flatnonzero(np.diff(vintages.asi8) <= 0)
    if steps.size:
        i = int(steps[0]) + 1
        problem = "appears twice" if vintages[i] == vintages[i - 1] else f"comes after {vintages[i - 1].date()}"
        raise DataFileError(
            path, 1, f"vintage {vintages[i].date()} {problem}: vintage columns must increase, each once"
        )
    return vintages


def first_withdrawn(grid: np.ndarray) -> tuple[int, int] | None:
    """In a grid of observations (rows) by vintages (columns), the first ``(row, column)`` where an observation has
    a value and none in the next vintage, or None. ALFRED's archives never withdraw a published observation."""
    present = ~np.isnan(grid)
    rows, columns = np.nonzero(present[:, :-1] & ~present[:, 1:])
    return (int(rows[0]), int(columns[0])) if rows.size else None


def parse_alfred_csv(text: str, path: str, series_id: str) -> pd.DataFrame:
    """ALFRED's vintage download as a float table: one row per observation date (index ``date``), one column per
    vintage date (columns ``vintage``), in the series' units; NaN where the observation was not in that vintage."""
    lines = _lines(text, path)
    header = _cells(lines[0])
    if header[0] not in ("observation_date", "DATE") or len(header) < 2:
        raise DataFileError(
            path,
            1,
            f"expected the header 'observation_date,{series_id}_YYYYMMDD,...' (ALFRED's "
            f"observations by vintage date), found {lines[0].strip()[:80]!r}",
        )
    vintages = _vintage_dates(header[1:], path, series_id)
    width = len(vintages)
    rows = _body_rows(lines[1:], path, width + 1, first_line=2)
    if not rows:
        raise DataFileError(path, None, "no observations after the header")
    index = _dates([r[0] for r in rows], path, 2, "%Y-%m-%d")
    cells = [cell for row in rows for cell in row[1:]]
    values, _, bad = _to_floats(cells, _MISSING_TOKENS)
    if bad.size:
        i = int(bad[0])
        raise DataFileError(path, 2 + i // width, f"{header[1 + i % width]}: {cells[i]!r} is not a number")
    grid = values.reshape(len(rows), width)
    if np.isnan(grid).all():
        raise DataFileError(path, None, "every value is missing")
    withdrawn = first_withdrawn(grid)
    if withdrawn is not None:
        row, column = withdrawn
        raise DataFileError(
            path,
            2 + row,
            (
                f"{index[row].date()} has a value in vintage {vintages[column].date()} and none in the next, "
                f"{vintages[column + 1].date()}: ALFRED's 'New and Revised Observations Only' output leaves unchanged "
                "values empty like this; download 'Observations by Vintage Date, All Observations'"
            ),
        )
    frame = pd.DataFrame(grid, index=index, columns=vintages)
    frame.index.name = "date"
    return frame


def _yfinance_header(lines: list[str], path: str, symbols: tuple[str, ...]) -> list[str]:
    """Check yfinance's three header rows (``Price`` / ``Ticker`` / ``Date``); returns ``Date`` and the prices."""
    prices = _cells(lines[0])[1:]
    if len(lines) < 3:
        raise DataFileError(path, None, "a yfinance export needs three header rows (Price, Ticker, Date)")
    tickers = _cells(lines[1])
    if tickers[0] != "Ticker" or len(tickers) != len(prices) + 1:
        raise DataFileError(path, 2, f"expected yfinance's second header row 'Ticker,...', found {lines[1].strip()!r}")
    named = sorted(set(tickers[1:]))
    if len(named) != 1:
        raise DataFileError(
            path, 2, f"the export holds several tickers ({', '.join(named)}); export one ticker per file"
        )
    if symbols and named[0] not in symbols:
        raise DataFileError(path, 2, f"the Ticker row names {named[0]!r} but this file is for {symbols[0]!r}")
    dates = _cells(lines[2])
    if dates[0] != "Date" or any(dates[1:]):
        raise DataFileError(path, 3, f"expected yfinance's third header row 'Date,,...', found {lines[2].strip()!r}")
    return ["Date", *prices]


def parse_price_csv(text: str, path: str, column: str, name: str, symbols: tuple[str, ...] = ()) -> pd.Series:
    """A ``Date,<column>`` CSV (``Adj Close`` or ``Close``) as a float Series named ``name``.

    Also reads Yahoo's website download and yfinance's ``to_csv`` of one ticker (whose ticker row must be
    one of ``symbols`` when given). Empty or ``null`` values (vendor holidays) are dropped; any other
    non-number, or a price that is not positive, is an error.
    """
    lines = _lines(text, path)
    header = _cells(lines[0])
    body_start = 1
    if header and header[0] == "Price":
        header = _yfinance_header(lines, path, symbols)
        body_start = 3
        if column == "Adj Close" and column not in header and "Close" in header:
            column = "Close"  # auto_adjust=True (yfinance's default): Close is adjusted for splits and dividends
    elif not header or header[0] != "Date":
        raise DataFileError(path, 1, f"expected the header 'Date,{column}', found {lines[0].strip()!r}")
    if column not in header:
        raise DataFileError(path, 1, f"missing the column {column!r} (header is {lines[0].strip()!r})")
    col = header.index(column)
    first_line = body_start + 1
    rows = _body_rows(lines[body_start:], path, len(header), first_line=first_line)
    if not rows:
        raise DataFileError(path, None, "no observations after the header")
    index = _dates([r[0] for r in rows], path, first_line, "%Y-%m-%d")
    values = _numbers(
        [r[col] for r in rows], path, first_line, column, allow_missing=True, tokens=_PRICE_MISSING_TOKENS
    )
    nonpositive = np.flatnonzero(values <= 0)
    if nonpositive.size:
        i = int(nonpositive[0])
        raise DataFileError(path, first_line + i, f"{column}: {values[i]} is not a positive price")
    out = pd.Series(values, index=index, name=name).dropna()
    if out.empty:
        raise DataFileError(path, None, "every value is missing")
    out.index.name = "date"
    return out


_KEY_FORMATS = [
    (re.compile(r"^\d{8}$"), "%Y%m%d", "daily"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "%Y-%m-%d", "daily"),
    (re.compile(r"^\d{6}$"), "%Y%m", "monthly"),
    (re.compile(r"^\d{4}$"), "%Y", "annual"),
]


def _key_format(key: str) -> tuple[str, str] | None:
    for pattern, fmt, freq in _KEY_FORMATS:
        if pattern.match(key):
            return fmt, freq
    return None


def parse_french_csv(text: str, path: str, columns: list[str]) -> dict[str, pd.DataFrame]:
    """A Kenneth French CSV as ``{"daily"|"monthly"|"annual": DataFrame}`` of percent returns.

    Header and footer text is skipped; each table starts at a line whose first
    cell is empty or ``Date`` and ends at a blank line. Monthly rows are dated at
    the month end, annual rows at the year end.
    """
    lines = _lines(text, path)
    sections: dict[str, pd.DataFrame] = {}
    i = 0
    n = len(lines)
    while i < n:
        cells = _cells(lines[i])
        is_header = len(cells) > 1 and cells[0] in ("", "Date") and any(cells[1:])
        if not is_header:
            i += 1
            continue
        header_line = i + 1
        found = cells[1:]
        if found != columns:
            missing = [c for c in columns if c not in found]
            detail = f"missing {missing}" if missing else "unexpected columns"
            raise DataFileError(path, header_line, f"expected the columns {columns}, found {found} ({detail})")
        start = i + 1
        end = start
        while end < n and lines[end].strip() and "," in lines[end]:
            end += 1
        rows = _body_rows(lines[start:end], path, len(columns) + 1, first_line=start + 1)
        if not rows:
            raise DataFileError(path, header_line, "a table header with no rows under it")
        kind = _key_format(rows[0][0])
        if kind is None:
            raise DataFileError(
                path, start + 1, f"{rows[0][0]!r} is not a date key (YYYYMMDD, YYYY-MM-DD, YYYYMM or YYYY)"
            )
        fmt, freq = kind
        for k, row in enumerate(rows):
            if _key_format(row[0]) != kind:
                raise DataFileError(path, start + 1 + k, f"{row[0]!r} does not match the table's date format {fmt}")
        index = _dates([r[0] for r in rows], path, start + 1, fmt)
        if freq == "monthly":
            index = index + pd.offsets.MonthEnd(0)
        elif freq == "annual":
            index = index + pd.offsets.YearEnd(0)
        data = {
            col: _numbers([r[j + 1] for r in rows], path, start + 1, col, allow_missing=False)
            for j, col in enumerate(columns)
        }
        frame = pd.DataFrame(data, index=index)
        frame = frame.mask(frame.isin(FRENCH_MISSING))
        frame.index.name = "date"
        if freq in sections:
            raise DataFileError(path, header_line, f"a second {freq} table in the same file")
        sections[freq] = frame
        i = end
    if not sections:
        raise DataFileError(path, None, f"no table with the columns {columns} found")
    return sections


def parse_file(entry: Series, data: bytes, path: str):
    """Parse the raw bytes of a catalog series' file; the result type depends on the source.

    Returns a Series for ``fred``, ``prices`` and ``indices``, a DataFrame (observations by vintages) for
    ``alfred`` and a dict of DataFrames for ``french``.
    """
    text = decode(data)
    if entry.source == "fred":
        return parse_fred_csv(text, path, entry.source_id)
    if entry.source == "alfred":
        return parse_alfred_csv(text, path, entry.source_id)
    if entry.source in ("prices", "indices"):
        column = "Adj Close" if entry.source == "prices" else "Close"
        symbols = tuple(dict.fromkeys([entry.source_id, entry.key]))
        return parse_price_csv(text, path, column, entry.key, symbols)
    if entry.source == "french":
        return parse_french_csv(text, path, FRENCH_COLUMNS[entry.key])
    raise ValueError(f"{entry.key}: source {entry.source!r} has no file parser")


def observation_range(parsed) -> tuple[pd.Timestamp, pd.Timestamp, int]:
    """First and last date with a value, and the number of data rows, of a parsed file.

    For French files the main (daily or monthly) table is used; for ALFRED vintages, an observation counts when
    any vintage has a value for it.
    """
    if isinstance(parsed, (dict, pd.DataFrame)):
        frame = parsed if isinstance(parsed, pd.DataFrame) else parsed.get("daily", parsed.get("monthly"))
        if frame is None:
            frame = next(iter(parsed.values()))
        valued = frame.dropna(how="all")
    else:
        frame = parsed
        valued = parsed.dropna()
    if valued.empty:
        raise ValueError("no observation has a value")
    return valued.index[0], valued.index[-1], len(frame)


def vintage_range(parsed: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp, int]:
    """First and last vintage date and the number of vintages of a parsed ALFRED file."""
    return parsed.columns[0], parsed.columns[-1], len(parsed.columns)

"""FRED and its archive of vintages, ALFRED, through fredapi. The key comes from ``FRED_API_KEY`` or the
project's ``.env``.

FRED keeps only a rolling window of some series (the ICE BofA spreads: three
years); the store's merge rule (:mod:`helpers.data.merge`) adds new observations to
what is held and never drops older history. The key is never printed: every message is passed through
:func:`redact`.
"""

from __future__ import annotations

import contextlib
import socket
import xml.etree.ElementTree as ET
from urllib.error import URLError

import fredapi
import numpy as np
import pandas as pd

from helpers import settings
from helpers.data import paths
from helpers.errors import MissingAPIKeyError, SourceUnavailableError

SOURCE_NAME = "FRED (api.stlouisfed.org)"
TIMEOUT_SECONDS = 60
# The first vintage date a download asks ALFRED for: the year before the collection's story (the 2025 setup), so
# that as-of runs from 2024 on read the vintages in force; earlier as-of dates use the release rules. About 30
# vintages a year for a monthly series, each with the whole history of observations.
VINTAGES_SINCE = "2024-01-01"


def api_key() -> str:
    """The FRED API key from the environment or ``.env`` (:func:`helpers.settings.fred_api_key`); raises when
    missing or empty."""
    key = settings.fred_api_key(paths.env_file())
    if not key:
        raise MissingAPIKeyError()
    return key


def redact(text: str, key: str | None = None) -> str:
    """``text`` with every occurrence of the API key replaced by ``***``: ``key`` when given, else the key
    :func:`api_key` finds (none held: ``text`` as it is). The one redaction: the downloads and the command line's
    output and errors pass through it."""
    if key is None:
        try:
            key = api_key()
        except MissingAPIKeyError:
            key = ""
    return text.replace(key, "***") if key else text


@contextlib.contextmanager
def _answer(series_id: str, key: str):
    """Around one fredapi call: a socket timeout, and FRED's errors as :class:`SourceUnavailableError` with the key
    redacted and no chained exception (whose text could carry the request URL, key included)."""
    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(TIMEOUT_SECONDS)
    try:
        yield
    except ValueError as exc:  # fredapi turns FRED's HTTP errors into ValueError(message)
        message = redact(str(exc), key)
        if "does not exist" in message:
            raise SourceUnavailableError(
                SOURCE_NAME, f"{series_id}: FRED has no series with this id ({message})"
            ) from None
        raise SourceUnavailableError(SOURCE_NAME, f"{series_id}: FRED answered with an error: {message}") from None
    except ET.ParseError:
        raise SourceUnavailableError(SOURCE_NAME, f"{series_id}: FRED's answer was not the XML it sends") from None
    except (URLError, OSError) as exc:
        reason = redact(str(getattr(exc, "reason", exc)), key)
        raise SourceUnavailableError(SOURCE_NAME, f"could not be reached ({reason}); no network?") from None
    finally:
        socket.setdefaulttimeout(previous)


def fetch(series_id: str, key: str) -> pd.Series:
    """All observations of a FRED series (float, NaN where FRED has '.')."""
    with _answer(series_id, key):
        series = fredapi.Fred(api_key=key).get_series(series_id)
    if series is None or series.dropna().empty:
        raise SourceUnavailableError(SOURCE_NAME, f"{series_id}: FRED returned no observations")
    series = series.sort_index()
    series.index = pd.DatetimeIndex(series.index).normalize()
    return series.rename(series_id)


def fetch_vintages(series_id: str, key: str) -> pd.DataFrame:
    """Every vintage of a FRED series dated from :data:`VINTAGES_SINCE` on, from ALFRED (fredapi's
    ``get_series_all_releases``), as observations (rows) by vintage dates (columns), in the series' units.

    FRED answers with one row per value and the date it was published (``realtime_start``); a vintage is the
    state of the series on one of those dates: each observation's latest value published on or before it,
    nothing for an observation not yet published. FRED dates the values already in force on
    :data:`VINTAGES_SINCE` by that day, so the first vintage is the series as it stood then.
    """
    with _answer(series_id, key):
        releases = fredapi.Fred(api_key=key).get_series_all_releases(series_id, realtime_start=VINTAGES_SINCE)
    if releases is None or releases.empty:
        raise SourceUnavailableError(SOURCE_NAME, f"{series_id}: ALFRED returned no vintages")
    return vintage_table(releases)


def vintage_table(releases: pd.DataFrame) -> pd.DataFrame:
    """fredapi's long rows (``date``, ``realtime_start``, ``value``) as observations by vintage dates.

    A value FRED publishes as missing ('.') stays missing in later vintages until a number replaces it."""
    value = releases["value"]  # object: floats, and NaN for '.' (NaT once fredapi has transposed its rows)
    rows = pd.DataFrame(
        {
            "date": pd.to_datetime(releases["date"]).dt.normalize(),
            "vintage": pd.to_datetime(releases["realtime_start"]).dt.normalize(),
            # a missing value is marked, so that carrying values forward does not fill it from an older one
            "value": pd.to_numeric(value.where(value.notna(), None)).astype(float).fillna(-np.inf),
        }
    )
    grid = rows.pivot_table(index="date", columns="vintage", values="value", aggfunc="last")
    grid = grid.sort_index().sort_index(axis=1).ffill(axis=1).replace(-np.inf, np.nan)
    grid.index.name, grid.columns.name = "date", "vintage"
    return grid


def to_csv_bytes(series: pd.Series) -> bytes:
    """A series in FRED's CSV download layout (``observation_date,<ID>``, empty = missing).

    Held history is kept by the store's merge rule (:mod:`helpers.data.merge`), not here.
    """
    from helpers.data.merge import fred_csv_bytes

    return fred_csv_bytes(series)


def vintages_csv_bytes(table: pd.DataFrame, series_id: str) -> bytes:
    """Vintages in ALFRED's download layout (``observation_date,<ID>_<YYYYMMDD>,...``), the file a user gets from
    ALFRED's "Download Data", so that a download and an import store the same file."""
    from helpers.data.merge import alfred_csv_bytes

    return alfred_csv_bytes(table, series_id)

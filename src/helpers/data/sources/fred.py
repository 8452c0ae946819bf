"""FRED through fredapi. The key comes from ``FRED_API_KEY`` or the project's ``.env``.

FRED keeps only a rolling window of some series (the ICE BofA spreads: three
years); the store's merge rule (:mod:`helpers.data.merge`) adds new observations to
what is held and never drops older history. The key is never printed: every message is passed through
:func:`redact`.
"""

from __future__ import annotations

import os
import socket
import xml.etree.ElementTree as ET
from urllib.error import URLError

import fredapi
import pandas as pd

from helpers.data import paths
from helpers.errors import MissingAPIKeyError, SourceUnavailableError

SOURCE_NAME = "FRED (api.stlouisfed.org)"
TIMEOUT_SECONDS = 60


def _from_env_file() -> str:
    path = paths.env_file()
    if not path.exists():
        return ""
    for line in path.read_text(encoding="utf-8").splitlines():
        name, sep, value = line.strip().partition("=")
        if sep and name.strip().removeprefix("export ").strip() == "FRED_API_KEY":
            return value.strip().strip("'\"")
    return ""


def api_key() -> str:
    """The FRED API key from the environment or ``.env``; raises when missing or empty."""
    key = os.environ.get("FRED_API_KEY", "").strip() or _from_env_file()
    if not key:
        raise MissingAPIKeyError()
    return key


def redact(text: str, key: str) -> str:
    """``text`` with every occurrence of the API key replaced by ``***``."""
    return text.replace(key, "***") if key else text


def fetch(series_id: str, key: str) -> pd.Series:
    """All observations of a FRED series (float, NaN where FRED has '.')."""
    client = fredapi.Fred(api_key=key)
    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(TIMEOUT_SECONDS)
    try:
        series = client.get_series(series_id)
    except ValueError as exc:  # fredapi turns FRED's HTTP errors into ValueError(message)
        message = redact(str(exc), key)
        if "does not exist" in message:
            raise SourceUnavailableError(SOURCE_NAME, f"{series_id}: FRED has no series with this id ({message})") from None
        raise SourceUnavailableError(SOURCE_NAME, f"{series_id}: FRED answered with an error: {message}") from None
    except ET.ParseError:
        raise SourceUnavailableError(SOURCE_NAME, f"{series_id}: FRED's answer was not the XML it sends") from None
    except (URLError, OSError) as exc:
        reason = redact(str(getattr(exc, "reason", exc)), key)
        raise SourceUnavailableError(SOURCE_NAME, f"could not be reached ({reason}); no network?") from None
    finally:
        socket.setdefaulttimeout(previous)
    if series is None or series.dropna().empty:
        raise SourceUnavailableError(SOURCE_NAME, f"{series_id}: FRED returned no observations")
    series = series.sort_index()
    series.index = pd.DatetimeIndex(series.index).normalize()
    return series.rename(series_id)


def to_csv_bytes(series: pd.Series) -> bytes:
    """A series in FRED's CSV download layout (``observation_date,<ID>``, empty = missing).

    Held history is kept by the store's merge rule (:mod:`helpers.data.merge`), not here.
    """
    from helpers.data.merge import fred_csv_bytes

    return fred_csv_bytes(series)

"""Daily prices and index levels from Yahoo Finance through yfinance.

``auto_adjust`` is passed explicitly (False), so both the raw ``Close`` and the
split- and dividend-adjusted ``Adj Close`` come back; ETFs and stocks keep
``Adj Close``, indices ``Close``. yfinance answers some failures with an empty
frame and a log line instead of an exception: both are errors here.
"""

from __future__ import annotations

import warnings

import pandas as pd
import yfinance as yf
from yfinance.config import YfConfig
from yfinance.exceptions import YFException, YFTickerMissingError

from helpers.errors import SourceUnavailableError

SOURCE_NAME = "Yahoo Finance (yfinance)"


def fetch(symbol: str, column: str) -> pd.Series:
    """The full daily history of ``column`` (``Adj Close`` or ``Close``) for a Yahoo symbol."""
    hide = YfConfig.debug.hide_exceptions
    YfConfig.debug.hide_exceptions = False
    try:
        with warnings.catch_warnings():
            # yfinance itself still uses pandas idioms that pandas 3.1 deprecates
            warnings.filterwarnings("ignore", module="yfinance")
            history = yf.Ticker(symbol).history(
                period="max", interval="1d", auto_adjust=False, actions=False, repair=False
            )
    except YFTickerMissingError as exc:
        raise SourceUnavailableError(
            SOURCE_NAME, f"{symbol}: Yahoo Finance has no prices for this symbol ({exc})"
        ) from None
    except YFException as exc:
        raise SourceUnavailableError(SOURCE_NAME, f"{symbol}: {exc}") from None
    except Exception as exc:  # curl_cffi / requests connection errors
        raise SourceUnavailableError(
            SOURCE_NAME, f"could not be reached ({type(exc).__name__}: {exc}); no network?"
        ) from None
    finally:
        YfConfig.debug.hide_exceptions = hide
    if history is None or history.empty:
        raise SourceUnavailableError(SOURCE_NAME, f"{symbol}: an empty table came back (yfinance's silent failure)")
    if column not in history.columns:
        raise SourceUnavailableError(SOURCE_NAME, f"{symbol}: the answer has no {column!r} column")
    series = history[column].dropna()
    if series.empty:
        raise SourceUnavailableError(SOURCE_NAME, f"{symbol}: every {column!r} value is missing")
    index = pd.DatetimeIndex(series.index)
    if index.tz is not None:
        index = index.tz_localize(None)
    series.index = pd.DatetimeIndex(index.normalize(), freq=None)
    series = series[~series.index.duplicated(keep="last")].sort_index()
    return series


def to_csv_bytes(series: pd.Series, column: str) -> bytes:
    """A series as the vendor's ``Date,<column>`` CSV."""
    from helpers.data.merge import price_csv_bytes

    return price_csv_bytes(series, column)

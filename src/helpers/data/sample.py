"""A deterministic synthetic sample with the schema of the real data.

Used when no data has been imported or downloaded, so that every notebook runs
on a fresh clone with no network. It follows the catalog (same keys, start
dates and units), uses the real FOMC calendar from the curated table for the
policy rate from 2024 on, and has plausible volatilities: daily factor returns
with fat tails and volatility clustering, ETFs and stocks built from them with
their own loadings, yields and spreads as mean-reverting processes.

It is not market data, and everything made from it says so (:data:`LABEL`).
A copy of its tables is kept in ``data/processed/sample/`` (git-ignored) so
that each notebook kernel reads it instead of generating it again.
"""

from __future__ import annotations

import io
import zlib

import numpy as np
import pandas as pd
from pandas.tseries.holiday import USFederalHolidayCalendar
from pandas.tseries.offsets import CustomBusinessDay

from helpers import caches, hashes

from . import catalog, curated, lock, paths
from .files import atomic_write_bytes
from .processed import TABLES, assemble

LABEL = "SYNTHETIC SAMPLE — not market data"
END = pd.Timestamp("2026-06-30")
FIRST = pd.Timestamp("1926-07-01")

# (market beta, size loading, value loading, idiosyncratic daily volatility in percent)
LOADINGS = {
    "IWM": (1.10, 0.95, 0.20, 0.15),
    "IWB": (1.00, -0.10, 0.00, 0.05),
    "IWC": (1.05, 1.30, 0.30, 0.35),
    "IWR": (1.05, 0.35, 0.10, 0.12),
    "IWV": (1.00, 0.00, 0.00, 0.04),
    "IJR": (1.05, 0.85, 0.30, 0.20),
    "IJH": (1.05, 0.40, 0.15, 0.12),
    "SPY": (1.00, -0.15, 0.00, 0.03),
    "IVV": (1.00, -0.15, 0.00, 0.03),
    "VTI": (1.00, 0.00, 0.00, 0.04),
    "RSP": (1.02, 0.20, 0.15, 0.12),
    "QQQ": (1.15, -0.30, -0.60, 0.35),
    "XLG": (1.00, -0.30, -0.15, 0.20),
    "OEF": (1.00, -0.28, -0.10, 0.15),
    "MGK": (1.10, -0.30, -0.50, 0.30),
    "MGC": (1.00, -0.28, -0.10, 0.12),
    "IWN": (1.05, 0.90, 0.55, 0.25),
    "IWO": (1.15, 1.00, -0.40, 0.30),
    "IWD": (0.95, -0.05, 0.50, 0.15),
    "IWF": (1.05, -0.15, -0.45, 0.20),
    "KRE": (1.10, 0.70, 0.90, 1.20),
    "XLF": (1.05, 0.00, 0.70, 0.70),
    "XLI": (1.05, 0.15, 0.30, 0.60),
    "XLE": (0.90, 0.10, 0.80, 1.30),
    "XES": (1.30, 0.80, 0.80, 2.00),
    "OIH": (1.30, 0.50, 0.80, 1.90),
    "XBI": (1.20, 1.00, -0.50, 1.60),
    "XLK": (1.15, -0.20, -0.60, 0.70),
    "XLV": (0.80, -0.10, 0.00, 0.70),
    "XLU": (0.60, -0.10, 0.30, 0.90),
    "XLY": (1.10, 0.10, -0.20, 0.70),
    "XLP": (0.60, -0.20, 0.10, 0.60),
    "XLB": (1.00, 0.10, 0.30, 0.80),
    "XLRE": (0.90, 0.20, 0.30, 0.90),
    "XLC": (1.05, -0.10, -0.30, 0.80),
    "HYG": (0.35, 0.10, 0.10, 0.30),
    "TLT": (-0.20, 0.00, 0.00, 0.90),
    "IEF": (-0.10, 0.00, 0.00, 0.40),
    "SHY": (-0.02, 0.00, 0.00, 0.08),
    "GRC": (0.90, 0.80, 0.30, 1.80),
    "ESOA": (1.20, 1.60, 0.40, 3.50),
    "ARWR": (1.30, 1.20, -0.60, 3.50),
    "ALMS": (1.40, 1.50, -0.70, 4.50),
    "NVDA": (1.60, -0.20, -0.90, 2.80),
    "AAPL": (1.20, -0.30, -0.40, 1.60),
    "MSFT": (1.10, -0.30, -0.40, 1.40),
    "AMZN": (1.25, -0.20, -0.70, 2.00),
    "GOOGL": (1.10, -0.30, -0.40, 1.60),
    "META": (1.25, -0.20, -0.50, 2.20),
    "TSLA": (1.60, 0.20, -0.80, 3.50),
    "AVGO": (1.30, -0.20, -0.30, 2.00),
    "GS": (1.30, 0.10, 0.60, 1.50),
    "MS": (1.35, 0.10, 0.60, 1.70),
    "JEF": (1.30, 0.50, 0.60, 2.00),
}
# index key: (ETF it follows, dividend yield in percent a year, level on its first day)
INDEX_FROM_ETF = {"RUT": ("IWM", 1.3, 1107.3), "SPX": ("SPY", 1.8, 2036.1), "IXIC": ("QQQ", 0.8, 4691.9)}


def _rng(name: str) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32(f"great-rotation-sample:{name}".encode()))


def trading_days(start, end=END) -> pd.DatetimeIndex:
    """Weekdays without US federal holidays: close to, not the same as, the NYSE calendar."""
    holidays = USFederalHolidayCalendar().holidays(pd.Timestamp(start), pd.Timestamp(end))
    return pd.date_range(start, end, freq=CustomBusinessDay(holidays=holidays))


def _ou(rng: np.random.Generator, n: int, mean: float, persistence: float, shock_sd: float, start=None, shocks=None):
    """A mean-reverting AR(1) path: x[t] = mean + persistence * (x[t-1] - mean) + shock."""
    from scipy.signal import lfilter  # imported here: scipy.signal costs over a second to import

    eps = rng.normal(0.0, shock_sd, n) if shocks is None else shocks
    initial = 0.0 if start is None else start - mean
    deviation, _ = lfilter([1.0], [1.0, -persistence], eps, zi=[persistence * initial])
    return mean + deviation


def _policy_midpoint(days: pd.DatetimeIndex) -> pd.Series:
    """Midpoint of the policy rate (percent) on calendar days: real FOMC path from 2024, synthetic before."""
    decisions = curated.read_fomc_decisions().dropna(subset=["upper"])
    effective = decisions.index + pd.Timedelta(days=1)
    mid_after = (decisions["lower"] + decisions["upper"]).to_numpy() / 2
    real_start = effective[0]
    rng = _rng("policy")
    # Synthetic history, built backwards from the 2024 level in six-week steps.
    steps = pd.date_range(end=real_start - pd.Timedelta(days=1), start=days[0], freq="42D")[::-1]
    level = mid_after[0]
    path = {}
    for day in steps:
        path[day] = level
        drift = 0.02 * (4.5 - level)
        move = rng.choice([-0.5, -0.25, 0.0, 0.0, 0.0, 0.25, 0.5]) + drift
        level = float(np.clip(np.round((level + move) * 8) / 8, 0.125, 16.0))
    synthetic = pd.Series(path).sort_index()
    real = pd.Series(mid_after, index=effective)
    steps_all = pd.concat([synthetic, real]).sort_index()
    return steps_all.reindex(days, method="ffill").bfill()


@caches.SAMPLE_PARTS.memoise
def _factors() -> pd.DataFrame:
    """Daily factor returns (percent) on the sample's trading days since 1926."""
    days = trading_days(FIRST)
    n = len(days)
    rng = _rng("factors")
    regime = np.exp(_ou(rng, n, 0.0, 0.995, 0.05))
    tdraw = rng.standard_t(4, size=(n, 4)) / np.sqrt(2.0)
    mkt = 0.03 + 0.85 * regime * tdraw[:, 0]
    smb = 0.008 + 0.12 * mkt + 0.45 * regime * tdraw[:, 1]
    hml = 0.015 + 0.45 * regime * tdraw[:, 2]
    mom = 0.03 - 0.1 * mkt + 0.6 * regime * tdraw[:, 3]
    calendar = pd.date_range(FIRST, END, freq="D")
    rf_daily = (_policy_midpoint(calendar) - 0.05).clip(lower=0.01).reindex(days).to_numpy() / 252
    return pd.DataFrame({"Mkt-RF": mkt, "SMB": smb, "HML": hml, "RF": rf_daily, "Mom": mom}, index=days)


def _fred() -> dict[str, pd.Series]:
    out: dict[str, pd.Series] = {}
    calendar = pd.date_range("1954-07-01", END, freq="D")
    mid = _policy_midpoint(calendar)
    rng = _rng("fred")
    dff = (mid - 0.05 + rng.normal(0, 0.02, len(mid))).clip(lower=0.01)
    out["DFF"] = dff.round(2)
    target = mid.loc["2008-12-16":]
    out["DFEDTARU"] = (target + 0.125).round(2)
    out["DFEDTARL"] = (target - 0.125).round(2)
    monthly = dff.resample("MS").mean()
    out["FEDFUNDS"] = monthly.round(2)
    factors = _factors()
    days = factors.index[factors.index >= "1962-01-02"]
    policy = mid.reindex(days).to_numpy()
    market = factors.loc[days, "Mkt-RF"].to_numpy()
    n = len(days)
    term2 = _ou(rng, n, 0.3, 0.997, 0.05)
    slope = _ou(rng, n, 1.0, 0.998, 0.04)
    bill = (policy + _ou(rng, n, -0.05, 0.95, 0.03)).clip(0.01)
    two = (policy + term2).clip(0.01)
    ten = (two + slope).clip(0.05)
    frame = pd.DataFrame({"DGS3MO": bill, "DGS2": two, "DGS10": ten}, index=days).round(2)
    frame["T10Y2Y"] = frame["DGS10"] - frame["DGS2"]
    frame["T10Y3M"] = frame["DGS10"] - frame["DGS3MO"]
    shocks_spread = rng.normal(0, 0.02, n) - 0.012 * market
    frame["BAMLH0A0HYM2"] = np.exp(_ou(rng, n, np.log(4.5), 0.997, 0, shocks=shocks_spread))
    shocks_vix = rng.normal(0, 0.05, n) - 0.05 * market
    frame["VIXCLS"] = np.exp(_ou(rng, n, np.log(18.0), 0.98, 0, shocks=shocks_vix))
    for key in ("DGS3MO", "DGS2", "DGS10", "T10Y2Y", "T10Y3M", "BAMLH0A0HYM2", "VIXCLS"):
        start = catalog.get(key).start
        out[key] = frame.loc[start:, key].round(2)
    months = pd.date_range("1947-01-01", END, freq="MS")
    m = len(months)
    out["CPIAUCSL"] = pd.Series(21.48 * np.exp(np.cumsum(rng.normal(0.0028, 0.003, m))), index=months).round(3)
    pce_months = months[months >= "2000-01-01"]
    out["PCEPILFE"] = pd.Series(
        74.3 * np.exp(np.cumsum(rng.normal(0.0017, 0.0012, len(pce_months)))), index=pce_months
    ).round(3)
    unrate = pd.Series(np.clip(_ou(rng, m, 5.6, 0.97, 0.18), 2.5, 14.0), index=months).loc["1948-01-01":]
    out["UNRATE"] = unrate.round(1)
    rising = (unrate.diff(6) > 0.6).astype(float).loc["1980-01-01":]
    out["USREC"] = rising
    quarters = pd.date_range("1947-01-01", END, freq="QS")
    out["GDPC1"] = pd.Series(
        2180.0 * np.exp(np.cumsum(rng.normal(0.0075, 0.009, len(quarters)))), index=quarters
    ).round(3)
    for key, series in out.items():
        series.index.name = "date"
        out[key] = series.rename(key)
    return out


def _prices() -> dict[str, pd.Series]:
    factors = _factors()
    start = min(pd.Timestamp(e.start) for e in catalog.entries("prices"))
    f = factors.loc[start:]
    out = {}
    for entry in catalog.entries("prices"):
        beta, size, value, idio = LOADINGS[entry.key]
        rng = _rng(f"price:{entry.key}")
        rows = f.loc[entry.start :]
        daily = (
            rows["RF"]
            + beta * rows["Mkt-RF"]
            + size * rows["SMB"]
            + value * rows["HML"]
            + rng.normal(0.0, idio, len(rows))
        ) / 100.0
        daily = daily.clip(lower=-0.5)
        first_price = float(rng.uniform(15, 120))
        out[entry.key] = (first_price * np.exp(np.log1p(daily).cumsum())).rename(entry.key)
    for key, (etf, dividend, first_level) in INDEX_FROM_ETF.items():
        start_day = pd.Timestamp(catalog.get(key).start)
        returns = out[etf].pct_change().loc[start_day:].fillna(0.0) - dividend / 100 / 252
        returns.iloc[0] = 0.0
        out[key] = (first_level * (1 + returns).cumprod()).round(2).rename(key)
    return out


def _french() -> dict[str, dict[str, pd.DataFrame]]:
    factors = _factors().round(2)
    rng = _rng("french-monthly")
    daily = factors[["Mkt-RF", "SMB", "HML", "RF"]]
    growth = (1 + daily.loc["1963-07-01":] / 100).resample("ME").prod()
    monthly = ((growth - 1) * 100).round(2)
    monthly.insert(3, "RMW", rng.normal(0.25, 2.0, len(monthly)).round(2))
    monthly.insert(4, "CMA", rng.normal(0.25, 1.9, len(monthly)).round(2))
    complete = monthly.loc[: f"{END.year - 1}-12-31"]
    annual = (((1 + complete / 100).resample("YE").prod() - 1) * 100).round(2)
    annual = annual.loc["1964-12-31":]
    for frame in (daily, monthly, annual):
        frame.index.name = "date"
    mom = factors[["Mom"]].loc[catalog.get("mom_daily").start :]
    mom.index.name = "date"
    return {
        "ff3_daily": {"daily": daily.copy()},
        "ff5_monthly": {"monthly": monthly, "annual": annual},
        "mom_daily": {"daily": mom},
    }


@caches.SAMPLE_PARTS.memoise
def parsed_sample() -> dict:
    """The sample as ``{catalog key: parsed file}``, the shape the raw parsers return."""
    out: dict = {}
    out.update(_fred())
    out.update(_prices())
    out.update(_french())
    return out


def tables() -> dict[str, pd.DataFrame]:
    """The sample's processed tables (same names and schema as ``data/processed``)."""
    result = assemble(parsed_sample())
    for frame in result.values():
        frame.attrs["data"] = LABEL
    return result


def version() -> str:
    """The sample's version: changes whenever the generator, the catalog or the FOMC calendar it follows changes
    (:func:`helpers.hashes.sample_code_hash`)."""
    return hashes.sample_code_hash(paths.curated_dir() / "fomc_decisions.csv")


def cached_tables() -> dict[str, pd.DataFrame]:
    """The sample's tables, from ``data/processed/sample/`` when a current copy is there (generating takes
    about two seconds, reading it a tenth of that); a missing or stale copy is regenerated and saved."""
    folder = paths.processed_dir() / "sample"
    current = version()
    stamp = folder / "version.txt"
    names = None
    if stamp.exists() and stamp.read_text().strip() == current:
        try:
            result = {path.stem: pd.read_parquet(path) for path in sorted(folder.glob("*.parquet"))}
            names = set(result)
        except (OSError, ValueError):
            names = None
    if names is None or not names >= set(TABLES):
        result = tables()
        try:
            # a writer of data/processed like any other, but one that never waits: when another writer holds
            # the store, the copy is simply not saved this time
            with lock.writer("cache of the synthetic sample", timeout=0, announce=False):
                for name, frame in result.items():
                    buffer = io.BytesIO()
                    frame.to_parquet(buffer, engine="pyarrow")
                    atomic_write_bytes(folder / f"{name}.parquet", buffer.getvalue())
                atomic_write_bytes(stamp, current.encode())
        except (OSError, lock.LockTimeoutError):
            pass  # a read-only checkout, or a busy store: it still works, only slower
    for frame in result.values():
        frame.attrs["data"] = LABEL
    return result

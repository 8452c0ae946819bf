"""The collection's standard regression data and specifications, shared by notebook 05 and the claims ledger.

All returns in percent, yield and spread changes in percentage points (see
:mod:`helpers.regression`). ``start`` cuts the sample; the as-of date in force
cuts its end, as every loader does.
"""

from __future__ import annotations

from . import load, regression as reg

RATE_TERMS = ["ΔDGS2 (pp)", "ΔT10Y2Y (pp)", "ΔBAMLH0A0HYM2 (pp)"]
PRICES = ["IWM", "IWB", "SPY", "KRE"]
RATES = ["DGS2", "DGS10", "T10Y2Y", "BAMLH0A0HYM2"]


def spread_data(frequency: str = "daily", start: str | None = "2015-01-01"):
    """Returns of IWM, IWB, SPY, KRE, the spreads ``IWM-IWB (%)`` and ``KRE-SPY (%)``, and rate changes."""
    frame = reg.join(reg.returns_at(load.load_prices(PRICES), frequency), reg.changes_at(load.load_fred(RATES), frequency))
    frame["IWM-IWB (%)"] = frame["IWM (%)"] - frame["IWB (%)"]
    frame["KRE-SPY (%)"] = frame["KRE (%)"] - frame["SPY (%)"]
    return frame.loc[start:] if start else frame


def size_spread_regression(frequency: str = "daily", start: str | None = "2015-01-01") -> reg.RegressionResult:
    """IWM minus IWB on SPY and the changes in the 2-year yield, the 10y-2y slope and the high-yield spread (HAC)."""
    frame = spread_data(frequency, start)
    return reg.ols(frame["IWM-IWB (%)"], frame[["SPY (%)", *RATE_TERMS]])


def smb_regression(start: str | None = "2015-01-01") -> reg.RegressionResult:
    """Daily SMB on Mkt-RF and the same rate and credit changes (HAC)."""
    factors = load.load_factors("daily", columns=["Mkt-RF", "SMB"]).rename(columns={"Mkt-RF": "Mkt-RF (%)", "SMB": "SMB (%)"})
    frame = reg.join(factors, spread_data("daily", start)[RATE_TERMS]).loc[start:].dropna()
    return reg.ols(frame["SMB (%)"], frame[["Mkt-RF (%)", *RATE_TERMS]])


def bank_curve_regression(frequency: str = "daily", start: str | None = "2015-01-01", split: bool = False) -> reg.RegressionResult:
    """KRE minus SPY on SPY and the change in the slope, or (``split``) in the 2- and 10-year yields (HAC)."""
    frame = spread_data(frequency, start)
    terms = ["ΔDGS2 (pp)", "ΔDGS10 (pp)"] if split else ["ΔT10Y2Y (pp)"]
    return reg.ols(frame["KRE-SPY (%)"], frame[["SPY (%)", *terms]])

"""What carried the spread, and did the rally broaden? Pairs of funds over stated periods, each against its band.

**Value or size** (:data:`LEGS`): IWM minus IWB split into its legs, small against large within value (IWN minus
IWD) and within growth (IWO minus IWF), and value against growth within each size (IWN minus IWO, IWD minus IWF).
With equal style weights, IWM minus IWB is about half of each size leg; the style legs say whether a size gap is
really a value-growth gap (the Russell 1000 leans to growth more than the Russell 2000 does).

**Breadth** (:func:`breadth_pairs`): the equal-weight against the cap-weight S&P 500 (RSP minus IVV), microcaps
against the Russell 2000 (IWC minus IWM), and each sector fund the articles name against IWM.

:func:`measure` reads every pair over every period against its band at the ledger's one standard
(:func:`helpers.analysis.ledger.evidence.move`): moves are fractions, the long fund's total return minus the short
one's over the same closes. A period the data have not reached is left out; one they reach in part is measured so
far (``complete`` False).
"""

from __future__ import annotations

import pandas as pd

from helpers.errors import TooLittleDataError

from . import universe
from .follow_through import spread_path
from .ledger.claims import parse_parts
from .ledger.evidence import levels, move
from .ledger.rules.reported import band_reading
from .ledger.standard import STANDARD, Standard
from .returns import period_complete

LEGS = {
    "IWM-IWB": "small minus large (IWM − IWB)",
    "IWN-IWD": "small minus large within value (IWN − IWD)",
    "IWO-IWF": "small minus large within growth (IWO − IWF)",
    "IWN-IWO": "value minus growth among small caps (IWN − IWO)",
    "IWD-IWF": "value minus growth among large caps (IWD − IWF)",
}
BREADTH = {
    "RSP-IVV": "equal-weight minus cap-weight S&P 500 (RSP − IVV)",
    "IWC-IWM": "microcaps minus the Russell 2000 (IWC − IWM)",
}
COLUMNS = [
    "period",
    "pair",
    "label",
    "start",
    "through",
    "complete",
    "days",
    "long",
    "short",
    "move",
    "band",
    "z",
    "reading",
]


def breadth_pairs() -> dict[str, str]:
    """RSP against IVV, IWC against IWM, and each sector fund the articles name against IWM."""
    sectors = {f"{ticker}-IWM": f"{name} minus IWM" for ticker, name in universe.ARTICLE_SECTORS.items()}
    return {**BREADTH, **sectors}


def _row(pair: str, label: str, period: str, start, end, frame: pd.DataFrame, standard: Standard) -> dict | None:
    part = parse_parts(pair)[0]
    held = frame[part.keys].dropna()
    if held.empty or held.index[-1] <= pd.Timestamp(start):
        return None
    last = held.index[-1] if end is None else min(held.index[-1], pd.Timestamp(end))
    found = move(part, start, last, standard, frame)
    return {
        "period": period,
        "pair": pair,
        "label": label,
        "start": pd.Timestamp(start),
        "through": found.end,
        "complete": end is not None and period_complete(held.index[-1], end),
        "days": found.days,
        "long": found.returns[part.long[0]],
        "short": found.returns[part.short],
        "move": found.move,
        "band": standard.z * found.sd,
        "z": found.z,
        "reading": band_reading(found.z, standard),
    }


def measure(
    pairs: dict[str, str], periods: dict[str, tuple], standard: Standard = STANDARD, frame: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Every pair (``{"IWN-IWD": label}``) over every period (``{name: (start, end)}``, ``end`` None: to the last
    close held), one row each (see :data:`COLUMNS`): the closes it runs between, each fund's return, the ``move``,
    its ``band`` (± fraction), ``z`` and the ``reading``. Periods not yet begun in the data are left out; a pair
    with too little history for its band is left out too."""
    keys = list(dict.fromkeys(k for pair in pairs for k in parse_parts(pair)[0].keys))
    frame = levels(keys) if frame is None else frame
    rows = []
    for period, (start, end) in periods.items():
        for pair, label in pairs.items():
            try:
                row = _row(pair, label, period, start, end, frame, standard)
            except TooLittleDataError:
                row = None
            if row is not None:
                rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS)


def paths(pairs, start, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each pair's move (fraction) from the ``start`` close to every later close, one column per pair (empty when
    the data end before ``start``)."""
    parts = {pair: parse_parts(pair)[0] for pair in pairs}
    keys = list(dict.fromkeys(k for part in parts.values() for k in part.keys))
    frame = levels(keys) if frame is None else frame
    if frame.dropna(how="all").empty or frame.dropna(how="all").index[-1] <= pd.Timestamp(start):
        return pd.DataFrame(columns=list(parts))
    return pd.concat({pair: spread_path(frame, part, start) for pair, part in parts.items()}, axis=1)

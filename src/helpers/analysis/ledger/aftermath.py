"""What happened after the articles: the index against the target, the segments, the months, the Fed, the lead.

:func:`aftermath` gathers it from the data held (and published by the as-of date); it is None while the data
end before the articles' date, so a notebook run as of an earlier date says that nothing has happened next yet.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.data import load

from ..returns import calendar_returns, last_date_on_or_before, period_return
from ..universe import label
from .claims import parse_parts
from .rules.reported import Lead, lead_so_far
from .standard import STANDARD

SEGMENTS = ("IWC", "IWM", "IJR", "IWB", "SPY", "QQQ", "XLG")


@dataclass(frozen=True)
class Aftermath:
    """The months after the articles' date, as far as the data reach."""

    article_day: pd.Timestamp  # the last close on or before the articles' date
    base: pd.Timestamp  # the last close before the articles' year
    rut: pd.Series  # Russell 2000 level (points) from the start of the quarter before the articles
    target: float  # the year-end target the articles report (points)
    segments: pd.DataFrame  # each segment's return (fraction) from ``base`` to the last close
    monthly: pd.DataFrame  # IWM, IWB and IWM minus IWB by calendar month since ``base`` (fractions)
    decided: pd.DataFrame  # FOMC decisions taken in the articles' year so far
    lead: Lead  # IWM minus IWB since ``base`` against its band at the standard

    @property
    def first_at_target(self) -> pd.Timestamp | None:
        hits = self.rut.loc[(self.rut.index > self.article_day) & (self.rut >= self.target)]
        return hits.index[0] if len(hits) else None


def aftermath(article_date, target: float, segments=SEGMENTS) -> Aftermath | None:
    """What followed the articles, or None when the data held (as of the date in force) end before their date."""
    rut = load.load_indices(["RUT"])["RUT"].dropna()
    if rut.empty or rut.index[-1] <= pd.Timestamp(article_date):
        return None
    article_day = last_date_on_or_before(rut.index, article_date)
    prices = load.load_prices(list(segments))
    base = last_date_on_or_before(prices.index, f"{article_day.year - 1}-12-31")
    since = period_return(prices, base, prices.index[-1]).rename("return").to_frame()
    since.insert(0, "segment", [label(t) for t in since.index])
    monthly = calendar_returns(prices.loc[base:, ["IWM", "IWB"]], "ME")
    monthly["IWM minus IWB"] = monthly["IWM"] - monthly["IWB"]
    monthly.index = monthly.index.strftime("%b %Y")
    decided = load.fomc_decisions(decided_only=True).loc[f"{article_day.year}-01-01" :]
    lead = lead_so_far(parse_parts("IWM-IWB")[0], base, f"{article_day.year}-12-31", STANDARD)
    start = pd.Timestamp(article_day.year - 1, 10, 1)
    return Aftermath(
        article_day,
        base,
        rut.loc[start:],
        float(target),
        since.sort_values("return", ascending=False),
        monthly,
        decided,
        lead,
    )

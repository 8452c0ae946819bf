"""Notebook 01 (the 2025 setup): its key figures and its conclusion, for the whole year, the year to date, or a year
not yet in the data (its figures recorded as missing, and said so first)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.analysis import universe
from helpers.analysis.returns import HeldPeriod
from helpers.analysis.segments import LevelMilestones, RelativeLow

from ..keyfigures import KeyFigures

WHOLE_YEAR, YEAR_TO_DATE = "the whole year", "year to date"


@dataclass
class Results:
    """What notebook 01 computed. ``period`` is None when the year is not in the data; then every table and
    reading of the year is None (``comparison`` empty) and only the parameters and the last Russell 2000 close
    are known."""

    year: int
    level: float  # the Russell 2000 level the articles mention (points)
    tickers: list  # the segment ETFs (each gets a return figure)
    rut: pd.Series  # the Russell 2000 level held (points)
    period: HeldPeriod | None
    segments: pd.DataFrame | None  # helpers.analysis.segments.segment_returns: return (fraction) per ETF and index
    quarters: pd.DataFrame | None  # segments.quarter_returns: rows are quarters, columns tickers (fractions)
    low: RelativeLow | None
    milestones: LevelMilestones | None
    comparison: pd.DataFrame  # segments.against_stated: the article's index returns against the ETFs (fractions)
    december_claim: float | None  # the December change one article states for the Russell 2000 (fraction)


def _known(results: Results) -> KeyFigures:
    """The figures that do not depend on the year being in the data: the parameters and the last close held."""
    key = KeyFigures()
    rut = results.rut.dropna()
    key.add("year", results.year, "years", "the calendar year studied")
    key.add("level", results.level, "points", "the Russell 2000 level the articles mention")
    key.add("data_through", rut.index[-1], "date", "last Russell 2000 close held")
    key.add("rut_last", rut.iloc[-1], "points", "the Russell 2000 at its last close held")
    key.add("rut_vs_level", rut.iloc[-1] / results.level - 1, "fraction", "that close against the level", fmt="{:+.1%}")
    return key


def _position(gaps: pd.Series) -> str | None:
    if gaps.empty:
        return None
    if (gaps < 0).all():
        return "below each of them"
    return "above some and below others" if (gaps < 0).any() else "above each of them"


def record(results: Results) -> KeyFigures:
    """The notebook's key figures (see the labels) from its results; every figure of the year is None when the year
    is not in the data."""
    key = _known(results)
    tickers, year, period, seen = results.tickers, results.year, results.period, results.period is not None
    returns = results.segments["return"] if seen else pd.Series(dtype=float)
    etfs = returns.reindex(tickers).dropna().sort_values(ascending=False)
    key.add("through", period.end if seen else None, "date", f"returns of {year} measured through")
    key.add(
        "period_covered",
        (WHOLE_YEAR if period.complete else YEAR_TO_DATE) if seen else None,
        "text",
        f"how much of {year} the data hold",
    )
    for ticker in tickers:
        key.add(
            f"return_{ticker.lower()}",
            returns.get(ticker),
            "fraction",
            f"{universe.label(ticker)}, total return in {year}",
        )
    key.add(
        "return_rut_price", returns.get("RUT"), "fraction", f"Russell 2000 level (^RUT, price only), change in {year}"
    )
    key.add("best_segment", etfs.index[0] if len(etfs) else None, "text", f"best-performing segment ETF in {year}")
    key.add("worst_segment", etfs.index[-1] if len(etfs) else None, "text", f"worst-performing segment ETF in {year}")
    _article(key, results)
    _through_the_year(key, results)
    key.mark_headlines("return_iwm", "return_iwb", "december_rut")
    return key


def _article(key: KeyFigures, results: Results) -> None:
    table, year = results.comparison, results.year
    gaps = table["ETF minus stated"].astype(float) if len(table) else pd.Series(dtype=float)
    key.add(
        "largest_gap_to_article",
        gaps.abs().max() * 100 if len(gaps) else None,
        "pp",
        "largest gap between an ETF and the article's index figure",
        fmt="{:.1f} pp",
    )
    key.add("etf_vs_article", _position(gaps), "text", "where the ETFs sit against the article's index figures")
    key.add(
        "article_r2k",
        table.loc["R2K_2025", "stated"] if "R2K_2025" in table.index else None,
        "fraction",
        f"the Russell 2000's {year} return one article states",
        fmt="{:.1%}",
    )
    key.add(
        "article_december",
        results.december_claim,
        "fraction",
        "the Russell 2000's December change one article states",
        fmt="{:+.0%}",
    )


def _through_the_year(key: KeyFigures, results: Results) -> None:
    low, milestones, year = results.low, results.milestones, results.year
    quarters = results.quarters
    spread = quarters[universe.SMALL] - quarters[universe.LARGE] if quarters is not None else None
    key.add("ratio_low_day", low.day if low else None, "date", f"IWM/IWB low of {year}")
    key.add("best_quarter", spread.idxmax() if spread is not None else None, "text", "best quarter for IWM minus IWB")
    key.add(
        "best_quarter_spread",
        spread.max() if spread is not None else None,
        "fraction",
        "IWM minus IWB in that quarter",
        fmt="{:+.1%}",
    )
    key.add(
        "iwm_from_low",
        low.small_from_low if low else None,
        "fraction",
        "IWM from the ratio's low to the end of the year",
    )
    key.add(
        "iwb_from_low",
        low.large_from_low if low else None,
        "fraction",
        "IWB from the ratio's low to the end of the year",
    )
    key.add(
        "first_close_above_level",
        milestones.first_reaching if milestones else None,
        "date",
        f"first Russell 2000 close at or above {results.level:,.0f}",
    )
    key.add(
        "december_rut",
        milestones.december if milestones else None,
        "fraction",
        f"Russell 2000 level, change in December {year}",
        fmt="{:+.1%}",
    )
    key.add("year_high_rut", milestones.high if milestones else None, "points", f"highest Russell 2000 close of {year}")
    key.add(
        "year_high_day",
        milestones.high_day if milestones else None,
        "date",
        f"day of the highest Russell 2000 close of {year}",
    )


def _not_yet(key: KeyFigures) -> str:
    year, level = key.text("year"), key.text("level", "{:,.0f}")
    return (
        f"**Calendar {year}, this notebook's subject, is not yet observable:** the data end on "
        f"{key.text('data_through')}, before it begins, so its returns by segment and quarter, the low of small "
        f"against large caps and the Russell 2000's December are recorded as missing. What the data do show is "
        f"where the index stood: its last close, {key.text('rut_last')}, was {abs(key['rut_vs_level']):.1%} "
        f"{'below' if key['rut_vs_level'] < 0 else 'above'} the {level} the articles mention. Set `YEAR` to a year "
        "the data hold to study that year instead."
    )


def _segments(key: KeyFigures) -> str:
    year, best, worst = key.text("year"), key["best_segment"], key["worst_segment"]
    small_verb = "trailed" if key["return_iwm"] < key["return_iwb"] else "led"
    pair = (key["return_iwm"], key["return_iwb"])
    micro = (
        "beat both"
        if key["return_iwc"] > max(pair)
        else "trailed both"
        if key["return_iwc"] < min(pair)
        else "landed in between"
    )
    low, high = key.text(f"return_{worst.lower()}"), key.text(f"return_{best.lower()}")
    text = (
        f"Over {year} (through {key.text('through')}) the segments' ETFs returned from **{low}** "
        f"({universe.label(worst)}) to **{high}** ({universe.label(best)}). Small caps {small_verb}: IWM "
        f"**{key.text('return_iwm')}** against IWB **{key.text('return_iwb')}**, while microcaps (IWC, "
        f"{key.text('return_iwc')}) {micro}. "
    )
    rut = f"^RUT without dividends {'rose' if key['return_rut_price'] >= 0 else 'moved'} {key.text('return_rut_price')}"
    if key["largest_gap_to_article"] is None:
        return text + rut + "."
    stated = key["article_r2k"]
    price, total = key["return_rut_price"], key["return_iwm"]
    reads_as = (
        "so the article's figures read as total returns (dividends included)"
        if price < stated and abs(stated - total) < abs(stated - price)
        else "so the article's figures are closer to price returns"
    )
    return text + (
        f"The ETF returns sit within {key.text('largest_gap_to_article', '{:.1f}')} percentage points of "
        f"the article's four index figures, {key['etf_vs_article']}; fund fees pull ETFs below their "
        f"indexes, and {rut}, {reads_as}."
    )


def _the_year(key: KeyFigures) -> str:
    level = key.text("level", "{:,.0f}")
    crossed = (
        f"first closed above {level} on **{key.text('first_close_above_level')}**"
        if key["first_close_above_level"] is not None
        else f"had not closed above {level}"
    )
    claimed = (
        f" against the {key.text('article_december')} one article reports"
        if key["article_december"] is not None
        else ""
    )
    december = (
        f"in December it moved **{key.text('december_rut')}**{claimed}"
        if key["december_rut"] is not None
        else "December is not in the data yet"
    )
    return (
        f"IWM against IWB bottomed on **{key.text('ratio_low_day')}**; the best quarter for small minus large was "
        f"{key.text('best_quarter')} ({key.text('best_quarter_spread')}), and from the low to "
        f"{key.text('through')} IWM gained {key.text('iwm_from_low')} against {key.text('iwb_from_low')} for IWB. "
        f"The Russell 2000 {crossed}, and {december}; its highest close of the year was "
        f"{key.text('year_high_rut')} on {key.text('year_high_day')}."
    )


def summary(key: KeyFigures) -> str:
    """The conclusion, from the recorded key figures only: first what the data cannot show yet, if anything."""
    if key["through"] is None:
        return _not_yet(key)
    lead = (
        ""
        if key["period_covered"] == WHOLE_YEAR
        else f"**{key.text('year')} is not over in the data**, which end on {key.text('through')}: what follows is the "
        "year to date, and December is not observable yet.\n\n"
    )
    return lead + _segments(key) + "\n\n" + _the_year(key)

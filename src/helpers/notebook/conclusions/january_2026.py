"""Notebook 04 (the January 2026 rally): its key figures and its conclusion, at any as-of date.

The opening's figures (returns over the window, the day the articles' figure was first reached, the ranking) are
recorded only when the data hold the whole window; before that they are missing (None) and the conclusion's first
sentence says why. The century of the size factor by calendar month does not depend on the year and is always there.
Returns are fractions throughout.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.analysis import january, robustness as rb, universe
from helpers.analysis.significance import ALPHA

from ..keyfigures import KeyFigures

WINDOW_TICKERS = ["IWM", "IWB", "QQQ", *universe.ARTICLE_MEGA_STOCKS]  # returns over the window, recorded
HEADLINE = "SMB (daily file)"  # the January robustness table's estimand
# the eras of the January robustness table: figure name -> (its sample in the table, how the conclusion names it)
ERAS = {
    "before_1983": ("before 1983", "before 1983"),
    "1983_1999": ("1983-1999", "in 1983–1999"),
    "from_2022": (f"from {rb.REGIME_BREAK}", "from 2022"),
}
MEASURES = {"monthly_file": "SMB (monthly file)", "iwm_iwb": "IWM-IWB"}
STRONG_RANK = 3  # an opening ranked this high or higher is "strong by any measure"
# the figures the book's landing page shows: the opening once its window is held, else what can be said already
HEADLINES = ("return_iwm", "opening_rank", "january_gap_recent")
HEADLINES_NOT_YET = ("window_days", "smb_january_mean", "january_gap_recent")


@dataclass
class Results:
    """What notebook 04 computed: the window and its paths, the claimed move and the day it was reached, the
    ranking, the January test by period and the January robustness table with its reading."""

    opening: january.Window
    paths: pd.DataFrame  # returns (fractions) from the base close to each day of the window held: tickers, indexes
    claimed: january.ClaimedMove
    on_claim_day: pd.Series | None  # returns (fractions) to the claim's date: its subject and RUT; None: not yet
    reached: pd.Timestamp | None  # the first day of the window at or above the claimed move
    ranking: january.Ranking | None  # None until the window is complete
    month_tests: pd.DataFrame  # stats.calendar_month_effect: the first row the whole sample, the last the recent one
    robustness: tuple  # (table, reading) from specs.january_robustness and rb.read


def _window(key: KeyFigures, results: Results) -> None:
    opening, claimed = results.opening, results.claimed
    last = results.paths.iloc[-1] if opening.complete else None
    key.add("opening_year", opening.year, "count", "the year whose opening is studied", fmt="{:.0f}")
    key.add("window_length", opening.days, "count", "trading days in the window")
    key.add("window_days", opening.held, "count", f"trading days of {opening.year}'s window in the data")
    key.add("last_close", opening.last_close, "date", "last close in the data")
    key.add("window_end", opening.end if opening.complete else None, "date", "last day of the window")
    for ticker in WINDOW_TICKERS:
        key.add(
            f"return_{ticker.lower()}",
            None if last is None else last[ticker],
            "fraction",
            f"{ticker}, return from the year-end close to the window's end",
        )
    sectors = None if last is None else last[list(universe.ARTICLE_SECTORS)].dropna()
    found = sectors is not None and len(sectors)
    key.add(
        "best_sector", sectors.idxmax() if found else None, "text", "named sector with the largest gain in the window"
    )
    key.add("best_sector_return", sectors.max() if found else None, "fraction", "its return over the window")
    key.add(
        "claimed_move", claimed.move, "fraction", f"{claimed.subject}'s gain the articles report ({claimed.claim_id})"
    )
    key.add("claim_day", claimed.day, "date", "the date the articles give for it")
    key.add(
        "first_day_at_claimed_move",
        results.reached,
        "date",
        f"first close of the window with {claimed.subject} {claimed.move:.1%} above the year-end close",
    )
    key.add(
        "trading_day_at_claimed_move",
        None if results.reached is None else opening.day_number(results.reached),
        "count",
        f"trading day of {opening.year} on which that happened",
    )
    moved = results.on_claim_day
    key.add(
        "iwm_on_claim_day",
        None if moved is None else moved[claimed.subject],
        "fraction",
        f"{claimed.subject} from the {claimed.start:%Y-%m-%d} close to the articles' date",
    )
    key.add(
        "rut_on_claim_day", None if moved is None else moved["RUT"], "fraction", "Russell 2000 level, the same days"
    )


def _ranking(key: KeyFigures, results: Results) -> None:
    found, year = results.ranking, results.opening.year
    key.add(
        "opening_excess",
        None if found is None else found.value,
        "fraction",
        f"IWM minus IWB over the first {results.opening.days} trading days of {year}",
        fmt="{:+.1%}",
    )
    key.add("opening_rank", None if found is None else found.rank, "count", f"rank of {year}'s opening (1 = best)")
    key.add("years_ranked", None if found is None else found.years, "count", "years ranked")
    key.add(
        "first_year_ranked", None if found is None else found.first_year, "count", "first year ranked", fmt="{:.0f}"
    )


def _century(key: KeyFigures, tests: pd.DataFrame) -> None:
    whole, recent = tests.iloc[0], tests.iloc[-1]
    key.add("january_period_whole", whole.name, "text", "years of the whole-sample January test")
    key.add("smb_january_mean", whole["mean January"], "fraction", "mean SMB in January, whole sample", fmt="{:+.1%}")
    key.add(
        "smb_other_months_mean",
        whole["mean other months"],
        "fraction",
        "mean SMB in other months, whole sample",
        fmt="{:+.1%}",
    )
    key.add("january_t_whole", whole["t"], "t-stat", "Welch t, January against other months, whole sample")
    key.add("january_p_whole", whole["p"], "p-value", "p-value of that test")
    key.add("january_period_recent", recent.name, "text", "years of the recent January test")
    key.add(
        "january_gap_recent",
        recent["difference"],
        "fraction",
        "January minus other months, recent years",
        fmt="{:+.1%}",
    )
    key.add("january_p_recent", recent["p"], "p-value", "p-value of that gap, recent years")


def _robustness(key: KeyFigures, table: pd.DataFrame, reading: rb.Reading) -> None:
    key.add(
        "january_reading",
        reading.label,
        "text",
        "January minus other months across measures and periods, by the stated rule",
    )
    key.add(
        "january_rows_significant",
        reading.agreeing,
        "count",
        "other rows significant and positive after the false-discovery control",
    )
    key.add("january_rows", reading.rows - 1, "count", "other rows of the robustness table")
    key.add("january_regimes", reading.regimes or "no", "text", "whether the periods differ beyond chance, by the rule")
    for name, (sample, _) in ERAS.items():
        _gap(key, name, rb.row(table, HEADLINE, sample), f"SMB, {sample}")
    for name, spec in MEASURES.items():
        _gap(key, name, rb.row(table, spec), spec)
    largest = len(table.attrs.get("largest", []))
    key.add("january_largest_excluded", largest, "count", "largest Januaries left out in the last row")
    without = rb.row(table, HEADLINE, f"without the {largest} largest Januaries")
    key.add(
        "january_p_without_largest",
        rb.cell(without, "p"),
        "p-value",
        "p-value without the largest Januaries",
        fmt="p = {:.3f}",
    )


def _gap(key: KeyFigures, name: str, found, what: str) -> None:
    key.add(
        f"january_gap_{name}", rb.cell(found, "coef"), "fraction", f"January minus other months, {what}", fmt="{:+.1%}"
    )
    key.add(f"january_p_{name}", rb.cell(found, "p"), "p-value", f"its p-value, {what}")


def record(results: Results) -> KeyFigures:
    """The notebook's key figures (see the labels) from its results; the opening's are None until its window is
    complete."""
    key = KeyFigures()
    _window(key, results)
    _ranking(key, results)
    _century(key, results.month_tests)
    _robustness(key, *results.robustness)
    key.mark_headlines(*(HEADLINES if results.opening.complete else HEADLINES_NOT_YET))
    return key


def _significant(p) -> bool:
    """p below the collection's standard (two-sided ``ALPHA``); a missing p is not significant."""
    return p is not None and p < ALPHA


def _when(key: KeyFigures, as_of) -> str:
    return f"As of {pd.Timestamp(as_of):%Y-%m-%d}" if as_of else f"In the data held (to {key.text('last_close')})"


def _on_claim_day(key: KeyFigures) -> str:
    """What the claim's subject had done by the articles' date ("" when that date is not in the data yet)."""
    if key["iwm_on_claim_day"] is None:
        return ""
    return (
        f"on {key['claim_day']:%d %B}, the date both articles give, it was up **{key.text('iwm_on_claim_day')}** "
        f"(the Russell 2000 index {key.text('rut_on_claim_day')})"
    )


def _not_yet(key: KeyFigures, as_of) -> str:
    """The opening paragraph while the window is not complete: why, first; then what can be said already."""
    year, held = key.text("opening_year"), key["window_days"]
    missing = (
        "the opening's returns, the day IWM first reached the articles' figure and the ranking against past "
        "openings are recorded as missing"
    )
    if not held:
        lead = f"{_when(key, as_of)}, January {year} has not happened yet: {missing}."
    else:
        lead = (
            f"{_when(key, as_of)}, only {key.text('window_days')} of the {key.text('window_length')} trading "
            f"days of {year}'s window {'is' if held == 1 else 'are'} in the data: {missing} until the window is "
            "complete."
        )
    claim = _on_claim_day(key)
    if claim:
        lead += f" For IWM, {claim}, against the **{key.text('claimed_move')}** they report."
    return lead + " What the notebook can examine is the size factor by calendar month, on the data published by then."


def _opening(key: KeyFigures) -> str:
    """The opening paragraph once the window is complete: the returns, the day the figure was reached, the claim."""
    year = key.text("opening_year")
    lead_verb = "led" if key["return_iwm"] > key["return_iwb"] else "lagged"
    reached = key["first_day_at_claimed_move"]
    if reached is not None:
        day_text = (
            f"IWM first closed **{key.text('claimed_move')} above its year-end level on "
            f"{key.text('first_day_at_claimed_move')}**, trading day {key.text('trading_day_at_claimed_move')}"
        )
    else:
        day_text = f"IWM had not gained {key.text('claimed_move')} by {key.text('window_end')}"
    claim = _on_claim_day(key) or "the articles' date is not in the data"
    if _on_claim_day(key) and (reached is None or reached.year == key["claim_day"].year):  # the claim's own year
        claim += (
            f", so the {key.text('claimed_move')} figure came later than reported"
            if reached is None or reached > key["claim_day"]
            else ", so the figure was reached by the articles' date"
        )
    megas = ", ".join(f"{t} {key.text(f'return_{t.lower()}')}" for t in universe.ARTICLE_MEGA_STOCKS)
    return (
        f"Over the first {key.text('window_days')} trading days of {year}, small caps {lead_verb}: IWM returned "
        f"**{key.text('return_iwm')}** against {key.text('return_iwb')} for IWB and {key.text('return_qqq')} for "
        f"QQQ; of the named sectors, {key.text('best_sector')} gained most ({key.text('best_sector_return')}), and "
        f"the mega caps the articles name returned {megas}. {day_text}; {claim}."
    )


def _strength(key: KeyFigures) -> str:
    rank = key["opening_rank"]
    return (
        "a strong opening by any measure"
        if rank <= STRONG_RANK
        else "a middling opening"
        if rank <= key["years_ranked"] / 2
        else "a weak opening"
    )


def _verdict(key: KeyFigures) -> str:
    if key["opening_excess"] > 0 and key["opening_rank"] <= STRONG_RANK:
        return "One strong January is consistent with the old effect but does not show that it has returned."
    if key["opening_excess"] > 0:
        return "This January's opening was not unusual for small caps."
    return "This January did not follow the old pattern."


def _century_text(key: KeyFigures) -> str:
    ranked = key["opening_rank"] is not None
    ranking = (
        f"IWM minus IWB in those days, {key.text('opening_excess')}, ranks **{key.text('opening_rank')} of "
        f"{key.text('years_ranked')}** years since {key.text('first_year_ranked')}: {_strength(key)}. "
        if ranked
        else ""
    )
    then = "stands out" if _significant(key["january_p_whole"]) else "does not stand out"
    now = (
        "and still statistically distinguishable from zero"
        if _significant(key["january_p_recent"])
        else "and not statistically distinguishable from zero"
    )
    return (
        f"{ranking}Over the century of factor data ({key.text('january_period_whole')}) January {then}, with SMB "
        f"averaging {key.text('smb_january_mean')} against {key.text('smb_other_months_mean')} in other months "
        f"({key.text('january_t_whole', 't = {:.1f}')}); in {key.text('january_period_recent')} the gap is "
        f"{key.text('january_gap_recent')} {now} ({key.text('january_p_recent', 'p = {:.2f}')})."
        + (f" {_verdict(key)}" if ranked else "")
    )


def _gap_text(key: KeyFigures, name: str) -> str:
    return f"{key.text(f'january_gap_{name}')} ({key.text(f'january_p_{name}')})"


def _listed(parts: list[str]) -> str:
    """``a, b and c``."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _gaps(key: KeyFigures) -> str:
    """The January gap by era and by measure, those the data held can estimate."""
    eras = [
        f"{key.text(f'january_gap_{name}')} {prose} ({key.text(f'january_p_{name}')})"
        for name, (_, prose) in ERAS.items()
        if key[f"january_gap_{name}"] is not None
    ]
    parts = [f"The gap was {_listed(eras)}"] if eras else []
    if key["january_gap_monthly_file"] is not None:
        parts.append(f"in the monthly factor file {_gap_text(key, 'monthly_file')}")
    if key["january_gap_iwm_iwb"] is not None:
        parts.append(f"for IWM minus IWB, the pair the articles mean, {_gap_text(key, 'iwm_iwb')}")
    return f" {'; '.join(parts)}." if parts else ""


def _robustness_text(key: KeyFigures) -> str:
    regimes = (
        "; the periods differ beyond chance, so the effect is **regime-dependent**"
        if key["january_regimes"] != "no"
        else ""
    )
    text = (
        f"**Robustness.** Read by the stated rule, the January test: **{key.text('january_reading')}** "
        f"({key.text('january_rows_significant')} of the {key.text('january_rows')} other rows significant after "
        f"the false-discovery control){regimes}.{_gaps(key)} Without the {key.text('january_largest_excluded')} "
        f"largest Januaries the century gives {key.text('january_p_without_largest')}."
    )
    if (
        _significant(key["january_p_whole"])
        and not _significant(key["january_p_recent"])
        and not _significant(key["january_p_iwm_iwb"])
    ):
        text += (
            " The effect is a feature of the decades before it was published, not of the market the articles describe."
        )
    return text


def summary(key: KeyFigures, as_of=None) -> str:
    """The conclusion, from the recorded key figures only; ``as_of`` (the run's as-of date, None for all data) names
    the date the opening is not yet observable at."""
    first = _opening(key) if key["window_end"] is not None else _not_yet(key, as_of)
    return "\n\n".join([first, _century_text(key), _robustness_text(key)])

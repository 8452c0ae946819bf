"""Notebook 03 (the valuation gap): its key figures and its conclusion. Before the reference day ("going into
2026") is in the data, the discount on that day and small caps' relative price then are recorded as missing and the
conclusion says so first; the multiples published by the as-of date and the long history of relative prices are
still shown."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from helpers.analysis.segments import GrowthReading, RatioReading
from helpers.analysis.valuation import large_pe_for_discount

from ..keyfigures import KeyFigures

MEDIAN = 0.5  # a relative price below the median of its history: small caps have fallen behind
INDEXES = {"sp600": "S&P SmallCap 600", "r2000": "Russell 2000"}
NONE_FITS = "none of the published indexes"
_PUBLISHED = re.compile(r"^published discount, (?P<small>.+) against .+, (?P<day>\d{4}-\d{2}-\d{2})$")


@dataclass
class Results:
    """What notebook 03 computed: the articles' pair and stated discount, the published pairs (as dated and carried
    to the reference day), and the relative-price readings on that day (None until the data reach it)."""

    reference: str  # the reading "going into 2026"
    trailing_years: int  # horizon of the trailing SMB return
    data_through: pd.Timestamp  # the last close of IWM held
    stated_discount: float  # the discount one article states (fraction)
    article: pd.Series | None  # valuation.article_pair: one article's pair of multiples (None before it is dated)
    published: pd.DataFrame  # published pairs of valuation.pe_pairs, by date
    at_reference: pd.DataFrame | None  # valuation.discounts_at the reference day (None: not reached; empty: no pair)
    ratio: RatioReading | None  # IWM/IWB on the reference day, in its history
    smb: GrowthReading | None  # cumulated SMB on the reference day (None also while the factor files stop before)


def record(results: Results) -> KeyFigures:
    """The notebook's key figures (see the labels) from its results."""
    key = KeyFigures()
    key.add("reference", results.reference, "date", "the reading 'going into 2026'")
    key.add("data_through", results.data_through, "date", "last close of IWM held")
    _multiples(key, results)
    _relative_prices(key, results.ratio, results.smb, results.trailing_years)
    key.mark_headlines("article_pair_discount", "discount_r2000_at_claim", "ratio_percentile")
    return key


def _multiples(key: KeyFigures, results: Results) -> None:
    pair, stated = results.article, results.stated_discount
    key.add(
        "article_large_pe",
        pair["large P/E"] if pair is not None else None,
        "multiple",
        "one article's large-cap forward P/E",
        fmt="{:.0f}x",
    )
    key.add(
        "article_small_pe",
        pair["small P/E"] if pair is not None else None,
        "multiple",
        "one article's small-cap forward P/E",
        fmt="{:.0f}x",
    )
    key.add(
        "article_pair_discount",
        pair["discount"] if pair is not None else None,
        "fraction",
        "discount implied by that pair",
        fmt="{:.0%}",
    )
    key.add(
        "article_pair_premium",
        pair["premium"] if pair is not None else None,
        "fraction",
        "large-cap premium implied by that pair",
        fmt="{:.0%}",
    )
    key.add("stated_discount", stated, "fraction", "discount the other article states", fmt="{:.0%}")
    key.add(
        "large_pe_needed",
        large_pe_for_discount(pair["small P/E"], stated) if pair is not None else None,
        "multiple",
        "large-cap P/E the stated discount would need",
    )
    for day, row in results.published.iterrows():
        key.add(
            key.slug("published discount", row["small"], day),
            row["discount"],
            "fraction",
            f"published discount, {row['small']} against {row['large']}, {day:%Y-%m-%d}",
            fmt="{:.0%}",
        )
    found_at = results.at_reference
    at = found_at.set_index("small") if found_at is not None and len(found_at) else pd.DataFrame()
    for name, index_name in INDEXES.items():
        found = at.loc[index_name] if index_name in at.index else None
        key.add(
            f"discount_{name}_at_claim",
            None if found is None else found["discount at"],
            "fraction",
            f"{index_name} against the S&P 500 on {results.reference}, carried there by price",
            fmt="{:.1%}",
        )
        key.add(
            f"discount_{name}_low",
            None if found is None else found["discount low"],
            "fraction",
            "lowest the multiples' rounding allows",
            fmt="{:.1%}",
        )
        key.add(
            f"discount_{name}_high",
            None if found is None else found["discount high"],
            "fraction",
            "highest the multiples' rounding allows",
            fmt="{:.1%}",
        )
    fits = [i for i, r in at.iterrows() if r["stated discount inside"]] if len(at) else []
    key.add(
        "stated_discount_fits",
        (", ".join(fits) or NONE_FITS) if pair is not None and len(at) else None,
        "text",
        "the indexes whose discount on the claim's date takes in the stated figure (once the articles are out)",
    )


def _relative_prices(key: KeyFigures, ratio: RatioReading | None, smb: GrowthReading | None, years: int) -> None:
    key.add("reference_day", ratio.day if ratio else None, "date", "day of the reading 'going into 2026'")
    key.add(
        "ratio_percentile",
        ratio.percentile if ratio else None,
        "fraction",
        "IWM/IWB's percentile in its daily history",
        fmt="{:.0%}",
    )
    key.add("ratio_history_start", ratio.history_start.year if ratio else None, "years", "first year of that history")
    key.add("ratio_below_peak", ratio.below_peak if ratio else None, "fraction", "IWM/IWB below its peak", fmt="{:.0%}")
    key.add("ratio_peak_year", ratio.peak_day.year if ratio else None, "years", "year of the IWM/IWB peak")
    key.add("trailing_years", years, "years", "horizon of the trailing SMB return")
    key.add(
        "smb_trailing", smb.trailing if smb else None, "fraction", f"SMB's trailing {years}-year return", fmt="{:+.0%}"
    )
    key.add(
        "smb_trailing_percentile",
        smb.trailing_percentile if smb else None,
        "fraction",
        f"its percentile among all {years}-year windows",
        fmt="{:.0%}",
    )
    key.add("smb_trailing_since", smb.trailing_since.year if smb else None, "years", "first year of those windows")
    key.add("smb_below_peak", smb.below_peak if smb else None, "fraction", "cumulated SMB below its peak", fmt="{:.0%}")


# ----------------------------------------------------------------------------- the conclusion


def _published(key: KeyFigures) -> list[tuple[str, pd.Timestamp, str]]:
    """(figure name, date, small-cap index) of every published pair recorded, by the figures' labels."""
    found = []
    for figure in key.figures():
        match = _PUBLISHED.match(figure.label) if figure.name.startswith("published_discount_") else None
        if match:
            found.append((figure.name, pd.Timestamp(match["day"]), match["small"]))
    return found


def _not_yet(key: KeyFigures) -> str:
    return (
        f"**The reading 'going into 2026' ({key.text('reference')}), this notebook's subject, is not yet "
        f"observable:** the data end on {key.text('data_through')}, before it, so the discount on that day and "
        "small caps' relative price then are recorded as missing. What the notebook can still show is the history "
        f"of small caps' relative price (IWM/IWB and SMB, section 3) through {key.text('data_through')}, and any "
        "multiple published by then. "
    )


def _arithmetic(key: KeyFigures) -> str:
    if key["article_large_pe"] is None:
        return "The articles' valuation figures are dated after the as-of date. "
    return (
        f"One article's **{key.text('article_large_pe')} against {key.text('article_small_pe')}**, the S&P 500 "
        f"against the S&P SmallCap 600, is a **{key.text('article_pair_discount')} discount** (a "
        f"{key.text('article_pair_premium')} large-cap premium); the other article's {key.text('stated_discount')} "
        f"names no index, and at {key.text('article_small_pe')} it would need the S&P 500 at "
        f"{key.text('large_pe_needed')}. "
    )


def _on_the_day(key: KeyFigures) -> str:
    parts = []
    if key["discount_sp600_at_claim"] is not None:
        parts.append(
            f"the S&P 600 {key.text('discount_sp600_at_claim')} ({key.text('discount_sp600_low')} to "
            f"{key.text('discount_sp600_high')} with the multiples' rounding)"
        )
    if key["discount_r2000_at_claim"] is not None:
        parts.append(
            f"the Russell 2000 {key.text('discount_r2000_at_claim')} ({key.text('discount_r2000_low')} to "
            f"{key.text('discount_r2000_high')}{_russell_dated(key)})"
        )
    if not parts:
        return ""
    text = (
        f"Carried by price to {key['reference_day']:%d %B %Y}, the published multiples put the discount of "
        + " and of ".join(parts)
        + ". "
    )
    if key["stated_discount_fits"] is None:  # the articles are not out yet
        return text
    fits = 0 if key["stated_discount_fits"] == NONE_FITS else len(key["stated_discount_fits"].split(", "))
    return (
        text
        + f"The stated {key.text('stated_discount')} fits **{key.text('stated_discount_fits')}**"
        + (
            ": the figures are consistent with the two articles speaking of different indexes rather than disagreeing. "
            if 0 < fits < len(parts)
            else ". "
        )
    )


def _russell_dated(key: KeyFigures) -> str:
    """ "; its figures were published in February 2026 and are rolled back by price" when the Russell 2000's pair
    is dated after the reference day."""
    days = [day for _, day, small in _published(key) if small == INDEXES["r2000"]]
    if not days or days[-1] <= key["reference_day"]:
        return ""
    return f"; its figures were published in {days[-1]:%B %Y} and are rolled back by price"


def _published_text(key: KeyFigures) -> str:
    found = _published(key)
    if not found:
        return "No published pair is dated on or before the as-of date."
    return (
        "The dated, published pairs give discounts of "
        + ", ".join(f"{key.text(name)} ({day:%d %b %Y}, {small})" for name, day, small in found)
        + "."
    )


def _prices(key: KeyFigures) -> str:
    behind = (
        "Prices show how far small caps had fallen behind"
        if key["ratio_percentile"] < MEDIAN
        else "Prices do not show small caps far behind"
    )
    text = (
        f"{behind}: on {key['reference_day']:%d %B %Y} IWM/IWB stood at the **{key.text('ratio_percentile')} "
        f"percentile** of its history since {key.text('ratio_history_start')}, {key.text('ratio_below_peak')} "
        f"below its {key.text('ratio_peak_year')} peak"
    )
    if key["smb_trailing"] is not None:
        text += (
            f", and SMB's trailing {key.text('trailing_years')}-year return ({key.text('smb_trailing')}) ranked "
            f"at the {key.text('smb_trailing_percentile')} percentile of all such windows since "
            f"{key.text('smb_trailing_since')}"
        )
    else:
        text += " (the factor files do not reach that day yet)"
    return text + (
        ". That is a record of relative *returns*; whether it made small caps cheap depends on earnings "
        "this data does not contain."
    )


def summary(key: KeyFigures) -> str:
    """The conclusion, from the recorded key figures only: first what the data cannot show yet, if anything."""
    if key["reference_day"] is None:
        return _not_yet(key) + _arithmetic(key) + _published_text(key)
    return _arithmetic(key) + _on_the_day(key) + _published_text(key) + "\n\n" + _prices(key)

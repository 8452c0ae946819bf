"""Notebook 06 (the claims ledger): its key figures and its conclusion, with the counts and how many flip."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.analysis import ledger
from helpers.analysis.ledger.aftermath import Aftermath

from ..keyfigures import KeyFigures, slug

YEAR_READINGS = {
    "ahead beyond its band": "holds so far",
    "inside its band": "is not established so far",
    "behind beyond its band": "is reversed so far",
}


@dataclass
class Results:
    """What notebook 06 computed: the ledger, its sensitivity, the ledger as of the articles' date, and what
    followed."""

    table: pd.DataFrame
    sensitivity: tuple  # (long, summary) from ledger.sensitivity
    at_date: pd.DataFrame
    at_date_cut: pd.Timestamp
    after: Aftermath | None  # what followed the articles; None while the data end before their date


def record(results: Results) -> KeyFigures:
    """The notebook's key figures (see the labels) from its results."""
    table, (long, summary) = results.table, results.sensitivity
    key = KeyFigures()
    counts = ledger.verdict_counts(table)
    key.add("claims", len(table), "count", "checkable claims in the ledger")
    for verdict in ledger.VERDICTS:
        key.add(slug("claims", verdict), counts[verdict], "count", f"claims {verdict}")
    key.add(
        "claims_regime_dependent",
        int((table["qualifier"] == ledger.REGIME_DEPENDENT).sum()),
        "count",
        "claims whose verdict is regime-dependent",
    )
    key.add(
        "claims_reported_views",
        int((table["kind"] == ledger.REPORTED).sum()),
        "count",
        "claims that report someone else's view",
    )
    flipping = summary.loc[summary["flips"] != ""]
    key.add(
        "claims_flipping",
        len(flipping),
        "count",
        "verdicts that flip under another standard, tolerance or reading of the estimand",
    )
    key.add("claims_flipping_list", ", ".join(flipping.index) or "none", "text", "those claims")
    by_kind = ledger.flip_counts(long)
    for name, rows in (
        ("standard", ["standard 1%", "standard 10%"]),
        ("tolerance", ["tolerance ×0.5", "tolerance ×2"]),
        ("estimand", ["another reading of the estimand"]),
    ):
        ids = {i for row in rows if row in by_kind.index for i in by_kind.loc[row, "which"].split(", ") if i != "none"}
        key.add(f"claims_flipping_{name}", len(ids), "count", f"verdicts that flip under another {name}")
    at_date_counts = ledger.verdict_counts(results.at_date)
    for verdict in ledger.VERDICTS:
        key.add(
            slug("claims at article date", verdict),
            at_date_counts[verdict],
            "count",
            f"claims {verdict} as of {results.at_date_cut:%Y-%m-%d}",
        )
    both = ledger.beside(table, results.at_date)
    key.add(
        "claims_changed_since_article_date",
        int(both["changed"].sum()),
        "count",
        f"verdicts that differ between {results.at_date_cut:%Y-%m-%d} and all data",
    )
    key.add(
        "claims_changed_since_article_date_list",
        ", ".join(both.index[both["changed"]]) or "none",
        "text",
        "those claims",
    )
    for claim_id, row in table.iterrows():
        verdict = f"{row['verdict']} ({row['qualifier']})" if row["qualifier"] else row["verdict"]
        key.add(slug("verdict", claim_id), verdict, "verdict", f"{claim_id}: {row['claim']}")
    _record_after(key, results.after)
    key.add(
        "iwm_first_half_after_articles",
        table.loc["JPM_LIMITED_H1", "next_value"],
        "percent",
        "IWM (total return) in the first half of the articles' year (the reported caution's outcome)",
        fmt="{:+.1f}%",
    )
    key.mark_headlines("claims_supported", "claims_not_shown", "claims_contradicted")
    return key


def _record_after(key: KeyFigures, after: Aftermath | None) -> None:
    """What followed the articles (missing, None, while the data end before their date)."""
    rut = after.rut if after else None
    move = after.lead.move if after else None
    key.add("rut_last", rut.iloc[-1] if after else None, "points", "Russell 2000 at the end of the data")
    key.add("rut_last_day", rut.index[-1] if after else None, "date", "last Russell 2000 close in the data")
    key.add(
        "rut_vs_target",
        rut.iloc[-1] / after.target - 1 if after else None,
        "fraction",
        "Russell 2000 against the year-end target",
        fmt="{:+.1%}",
    )
    key.add(
        "rut_first_at_target", after.first_at_target if after else None, "date", "first close at or above the target"
    )
    key.add("lead_from", move.end if after else None, "date", "last day of the lead below")
    key.add(
        "iwm_since_article_year",
        move.returns["IWM"] if after else None,
        "fraction",
        "IWM since the last close before the articles' year",
        fmt="{:+.1%}",
    )
    key.add(
        "iwb_since_article_year",
        move.returns["IWB"] if after else None,
        "fraction",
        "IWB over the same days",
        fmt="{:+.1%}",
    )
    key.add(
        "small_lead_since_article_year",
        move.move if after else None,
        "fraction",
        "IWM minus IWB over the same days",
        fmt="{:+.1%}",
    )
    key.add(
        "small_lead_band", after.lead.reading if after else None, "text", "that lead against its band at the standard"
    )
    key.add(
        "decisions_after_articles",
        len(after.decided) if after else None,
        "count",
        "FOMC decisions in the articles' year so far",
    )
    key.add(
        "cuts_after_articles",
        int((after.decided["decision"] == "cut").sum()) if after else None,
        "count",
        "cuts in the articles' year so far",
    )


def _counts(key: KeyFigures) -> str:
    not_yet = key["claims_not_yet_observable"]
    return (
        f"Of **{key.text('claims')} checkable claims**, at the collection's one standard of evidence the data support "
        f"**{key.text('claims_supported')}**, partly support **{key.text('claims_partly_supported')}**, do not show "
        f"**{key.text('claims_not_shown')}** and contradict **{key.text('claims_contradicted')}**; "
        f"**{key.text('claims_not_testable')}** cannot be tested with this data"
        + (f" and {key.text('claims_not_yet_observable')} are not yet observable" if not_yet else "")
        + f"; {key.text('claims_flipping')} of these verdicts flip under a stated alternative standard, "
        "tolerance or reading. "
        "*Not shown* means that neither the claim nor its opposite is established: the articles' reading may be right, "
        "but these data cannot tell it from chance, which is not the same as being wrong."
    )


def _fragility(key: KeyFigures) -> str:
    return (
        f"{key.text('claims_regime_dependent')} verdicts are regime-dependent "
        "(the relation differs beyond chance between periods). "
        f"Of the {key.text('claims_flipping')} verdicts that flip under a stated alternative, "
        f"{key.text('claims_flipping_standard')} flip under a 1% or 10% standard, "
        f"{key.text('claims_flipping_tolerance')} under half or twice the tolerances "
        f"and {key.text('claims_flipping_estimand')} under another reading of the estimand "
        f"({key.text('claims_flipping_list')}). "
        f"{key.text('claims_reported_views')} claims report someone else's view and are not held against the articles. "
        "As of the articles' date the data supported "
        f"{key.text('claims_at_article_date_supported')}, did not show {key.text('claims_at_article_date_not_shown')} "
        f"and contradicted {key.text('claims_at_article_date_contradicted')}; "
        f"{_verdicts(key['claims_changed_since_article_date'])} "
        f"on the full data ({key.text('claims_changed_since_article_date_list')})."
    )


def _verdicts(n: int) -> str:
    return "1 verdict differs" if n == 1 else f"{n} verdicts differ"


def _contradicted(table: pd.DataFrame) -> str:
    rows = table.loc[table["verdict"] == ledger.CONTRADICTED]
    if rows.empty:
        return ""
    return "Contradicted:\n\n" + "\n".join(
        f"* *{row['claim']}* (article {row['article']}): {row['evidence']}." for _, row in rows.iterrows()
    )


def _next(key: KeyFigures, target: float) -> str:
    if key["rut_last_day"] is None:
        return (
            "What came next cannot be told yet: the data held end before the articles' date, so the forecasts and "
            "the 'year of the small caps' are not yet observable."
        )
    reached = (
        f", which it first reached on {key['rut_first_at_target']:%d %B %Y}"
        if key["rut_first_at_target"] is not None
        else ""
    )
    year = YEAR_READINGS.get(key["small_lead_band"], "cannot be read yet")
    half = (
        f" IWM returned {key.text('iwm_first_half_after_articles')} in the first half, "
        "the period of the caution one article reported."
        if key["iwm_first_half_after_articles"] is not None
        else ""
    )
    return (
        f"What came next: the Russell 2000 stood at {key.text('rut_last')} on {key['rut_last_day']:%d %B %Y}, "
        f"{key.text('rut_vs_target')} from the {target:,.0f} year-end target{reached}. "
        "Since the last close before the articles' year, "
        f"IWM returned {key.text('iwm_since_article_year')} against {key.text('iwb_since_article_year')} for IWB "
        f"({key.text('small_lead_since_article_year')}, {key.text('small_lead_band')} at the standard), "
        f"so the 'year of the small caps' **{year}** at {key['lead_from']:%d %B %Y}; "
        f"the Fed made {key.text('decisions_after_articles')} decision(s) in the year so far, "
        f"{key.text('cuts_after_articles')} of them cuts.{half}"
    )


def summary(key: KeyFigures, table: pd.DataFrame, target: float) -> str:
    """The conclusion, from the recorded key figures (and the contradicted claims' evidence, listed from the ledger)."""
    return "\n\n".join(
        part for part in (_counts(key), _fragility(key), _contradicted(table), _next(key, target)) if part
    )

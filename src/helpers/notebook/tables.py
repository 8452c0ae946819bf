"""Tables in notebooks: one styled form for every table, with the data in use in its caption.

:func:`show_table` styles any DataFrame (formats, dates, percentages; the caption says when the synthetic sample
is in use) and returns a :class:`StyledTable`, whose plain-text form is stable from run to run. The robustness
tables and the claims ledger have their own views here, built on it.
"""

from __future__ import annotations

import hashlib
import html

import pandas as pd

from helpers.data import identity, sample


class StyledTable:
    """A styled table for notebooks: HTML from the pandas Styler, and a plain-text form (caption and
    table) instead of the Styler's default repr, which holds a memory address and changes every run."""

    def __init__(self, styler, frame: pd.DataFrame, caption: str):
        self.styler = styler
        self.frame = frame
        self.caption = caption

    def _repr_html_(self) -> str:
        return self.styler.to_html()

    def __repr__(self) -> str:
        return f"{self.caption}\n{self.frame.to_string(max_rows=20, max_cols=12)}"

    def __getattr__(self, name):  # to_html, map, ... reach the Styler
        return getattr(self.styler, name)


def _is_date_only(values) -> bool:
    stamps = pd.DatetimeIndex(pd.Series(values).dropna())
    return len(stamps) > 0 and bool((stamps == stamps.normalize()).all())


def show_table(frame: pd.DataFrame, caption: str, fmt=None, percent: list[str] | None = None, index: bool = True):
    """A styled table whose caption names the data in use (and says so when it is the sample).

    ``fmt``: a format string for every numeric column, or a dict of column formats.
    ``percent``: columns holding fractions, shown as percentages with one decimal.
    Dates without a time of day are shown as ``YYYY-MM-DD``; whole-number floats without decimals.
    ``index=False`` hides the row labels (for a plain numbered index).
    """
    if isinstance(fmt, str):
        fmt = {column: fmt for column in frame.select_dtypes("number").columns}
    formats = {}
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_datetime64_any_dtype(values) and _is_date_only(values):
            formats[column] = "{:%Y-%m-%d}"
        elif pd.api.types.is_float_dtype(values) and values.dropna().apply(float.is_integer).all():
            formats[column] = "{:.0f}"
    formats.update(fmt or {})
    for column in percent or []:
        formats[column] = "{:.1%}"
    text = f"{caption} — {sample.LABEL}" if identity.current().is_sample else caption
    # a stable id (from the caption and columns) keeps re-published notebooks' diffs to what changed
    uid = hashlib.sha256(f"{caption}|{list(frame.columns)}".encode()).hexdigest()[:8]
    styler = frame.style.set_uuid(uid).set_caption(html.escape(text)).format(formats, na_rep="–")
    if isinstance(frame.index, pd.DatetimeIndex) and _is_date_only(frame.index):
        styler = styler.format_index(lambda d: f"{d:%Y-%m-%d}")
    if not index:
        styler = styler.hide(axis="index")
    styler = styler.set_table_styles(
        [{"selector": "caption", "props": "caption-side: top; font-weight: 600; text-align: left;"}]
    )
    return StyledTable(styler, frame, text)


def show_robustness(table: pd.DataFrame, caption: str, reading=None, coef_fmt: str = "{:+.2f}", se_fmt: str = "{:.2f}"):
    """The robustness table as a styled table. With the ``reading`` (:func:`helpers.analysis.robustness.read`) it
    also shows each row's q (false-discovery rate across the table), whether it has the power to tell and what it
    says against the estimand; the estimand's row is marked and rows significant by the rule are in bold."""
    from helpers.analysis.significance import ALPHA

    rows = reading.table if reading is not None else table
    shown = rows.drop(
        columns=[
            c
            for c in ("note", "group", "controls", "units", "coef_alone", "se_alone", "q_weaker", "mde")
            if c in rows.columns and (c != "note" or not rows["note"].astype(bool).any())
        ]
    ).copy()
    marker = pd.Series("", index=shown.index)
    if reading is not None:
        marker.loc[reading.estimand.name] = "◀ estimand"
        shown["power"] = rows["informative"].map({True: "enough", False: "too little"})
        shown = shown.drop(columns=["informative"])
    else:
        marker.loc[shown["headline"]] = "◀ headline"
    shown["headline"] = marker
    shown = shown.rename(columns={"headline": "role"})
    fmt = {"coef": coef_fmt, "se": se_fmt, "t": "{:.2f}", "p": "{:.3f}", "q": "{:.3f}", "n": "{:,.0f}"}
    styled = show_table(shown, caption, fmt={c: f for c, f in fmt.items() if c in shown.columns}, index=False)
    if reading is not None:
        bold = shown["status"].isin(["agrees", "opposes"]) | (shown["role"] != "")
    else:
        bold = shown["p"] < ALPHA
    styled.styler = styled.styler.apply(
        lambda col: ["font-weight: 600" if b else "" for b in bold], subset=["coef", "p"]
    )
    return styled


def _chip(verdict: str) -> str:
    from .figures import VERDICT_COLORS, VERDICT_MARKERS

    return (
        f'<span class="verdict-chip" style="background:{VERDICT_COLORS[verdict]};border-left:4px solid '
        f'{VERDICT_MARKERS[verdict]}">{html.escape(verdict)}</span>'
    )


def verdict_legend() -> str:
    """The verdicts in their colours, one chip each (HTML)."""
    from .figures import VERDICT_COLORS

    return '<p class="verdict-legend">' + " ".join(_chip(v) for v in VERDICT_COLORS) + "</p>"


class LedgerTable:
    """The claims ledger for readers: the verdict (in its colour) beside the claim, claimed against measured, and the
    estimand, evidence and rule behind a toggle under each claim; a legend of the verdicts above. The plain-text form
    (for the executed notebook's text output) lists id, verdict and claim."""

    DETAILS = (
        ("estimand", "Estimand"),
        ("estimand_reason", "Why"),
        ("evidence", "Evidence"),
        ("test", "Rule"),
        ("standard", "Standard"),
    )

    def __init__(self, table: pd.DataFrame, caption: str):
        self.table, self.caption = table, caption

    def _row(self, claim_id: str, row: pd.Series) -> str:
        verdict = _chip(row["verdict"]) + (
            f"<br><small>{html.escape(row['qualifier'])}</small>" if row.get("qualifier") else ""
        )
        details = "".join(
            f"<p><b>{label}.</b> {html.escape(str(row[column]))}</p>"
            for column, label in self.DETAILS
            if column in row.index and isinstance(row[column], str) and row[column]
        )
        claimed = (
            "" if pd.isna(row.get("claimed")) else f"{row['claimed']:g} {html.escape(str(row.get('units') or ''))}"
        )
        measured = "" if pd.isna(row.get("measured")) else f"{row['measured']:.2f}"
        return (
            f'<tr><td class="verdict">{verdict}</td><td class="claim"><b>{html.escape(claim_id)}</b> '
            f"<small>(article {html.escape(str(row['article']))})</small><br>{html.escape(row['claim'])}"
            f"<details><summary>estimand and evidence</summary>{details}</details></td>"
            f'<td class="number">{claimed}</td><td class="number">{measured}</td></tr>'
        )

    def _repr_html_(self) -> str:
        rows = "".join(self._row(i, r) for i, r in self.table.iterrows())
        return (
            f'<div class="ledger">{verdict_legend()}<table class="ledger-table"><caption>{html.escape(self.caption)}'
            '</caption><colgroup><col class="verdict"><col class="claim"><col class="number"><col class="number">'
            "</colgroup><thead><tr><th>verdict</th><th>claim</th><th>claimed</th><th>measured</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></div>"
        )

    def __repr__(self) -> str:
        lines = [self.caption] + [
            f"{i}: {r['verdict']}{' (' + r['qualifier'] + ')' if r.get('qualifier') else ''} — {r['claim']}"
            for i, r in self.table.iterrows()
        ]
        return "\n".join(lines)


def show_ledger(table: pd.DataFrame, caption: str, columns=None):
    """The ledger for readers (:class:`LedgerTable`) when ``columns`` is not given; else the chosen columns of any
    table with verdicts (the sensitivity table, two runs side by side) with each verdict cell in its colour."""
    from .figures import VERDICT_COLORS

    caption = f"{caption} — {sample.LABEL}" if identity.current().is_sample else caption
    if columns is None:
        return LedgerTable(table, caption)
    shown = table[[c for c in columns if c in table.columns]].copy()
    if "verdict" in shown.columns and "qualifier" in table.columns:
        shown["verdict"] = [f"{v} ({q})" if q else v for v, q in zip(table["verdict"], table["qualifier"], strict=True)]
    fmt = {c: f for c, f in {"claimed": "{:g}", "measured": "{:.2f}"}.items() if c in shown.columns}
    shaded = show_table(shown, caption, fmt=fmt)

    def colour(value) -> str:
        verdict = str(value).split(" (")[0]
        return f"background-color: {VERDICT_COLORS[verdict]}" if verdict in VERDICT_COLORS else ""

    verdict_columns = [
        c
        for c in shown.columns
        if shown[c].dropna().astype(str).str.split(" (", regex=False).str[0].isin([*VERDICT_COLORS, ""]).all()
    ]
    text_columns = [
        c for c in ("claim", "evidence", "alternatives", "what happened next", "estimand") if c in shown.columns
    ]
    shaded.styler = shaded.styler.map(colour, subset=verdict_columns)
    if text_columns:
        shaded.styler = shaded.styler.set_properties(
            subset=text_columns, **{"text-align": "left", "min-width": "14rem"}
        )
    return shaded

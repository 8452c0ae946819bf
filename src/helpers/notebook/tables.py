"""Tables in notebooks: one styled form for every table, with the data in use in its caption.

:func:`show_table` styles any DataFrame (formats, dates, percentages; the caption says when the synthetic sample
is in use) and returns a :class:`StyledTable`, whose plain-text form is stable from run to run. The robustness
tables and the claims ledger have their own views here, built on it.
"""

from __future__ import annotations

import hashlib
import html

import pandas as pd

from helpers.data import load, sample


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
    label = load.data_label()
    text = caption if label == load.REAL else f"{caption} — {sample.LABEL}"
    # a stable id (from the caption and columns) keeps re-published notebooks' diffs to what changed
    uid = hashlib.sha256(f"{caption}|{list(frame.columns)}".encode()).hexdigest()[:8]
    styler = frame.style.set_uuid(uid).set_caption(html.escape(text)).format(formats, na_rep="–")
    if isinstance(frame.index, pd.DatetimeIndex) and _is_date_only(frame.index):
        styler = styler.format_index(lambda d: f"{d:%Y-%m-%d}")
    if not index:
        styler = styler.hide(axis="index")
    styler = styler.set_table_styles([{"selector": "caption", "props": "caption-side: top; font-weight: 600; text-align: left;"}])
    return StyledTable(styler, frame, text)


def show_robustness(table: pd.DataFrame, caption: str, coef_fmt: str = "{:+.2f}", se_fmt: str = "{:.2f}"):
    """The robustness table as a styled table (the headline row marked; significant rows at 5% in bold)."""
    from helpers.analysis import robustness as rb  # imported when used: it brings statsmodels

    shown = table.drop(columns=["note"] if not table["note"].astype(bool).any() else []).copy()
    shown["headline"] = shown["headline"].map({True: "◀ headline", False: ""})
    fmt = {"coef": coef_fmt, "se": se_fmt, "t": "{:.2f}", "p": "{:.3f}", "n": "{:,.0f}"}
    styled = show_table(shown, caption, fmt=fmt, index=False)
    significant = shown["p"] < rb.ALPHA
    styled.styler = styled.styler.apply(lambda col: ["font-weight: 600" if s else "" for s in significant], subset=["coef", "p"])
    return styled


def show_ledger(table: pd.DataFrame, caption: str, columns=("article", "kind", "claim", "window", "claimed", "measured", "verdict", "evidence")):
    """The ledger (or any table with a verdict column) with each verdict cell shaded (green, amber, red, grey)."""
    from helpers.analysis import ledger  # imported when used: it brings statsmodels

    shown = table[[c for c in columns if c in table.columns]]
    fmt = {c: f for c, f in {"claimed": "{:g}", "measured": "{:.2f}"}.items() if c in shown.columns}
    shaded = show_table(shown, caption, fmt=fmt)
    verdict_columns = [c for c in shown.columns if c in ("verdict", "baseline") or set(shown[c].dropna().astype(str)) <= set(ledger.VERDICTS) | {""}]
    text_columns = [c for c in ("claim", "evidence", "windows", "what happened next") if c in shown.columns]
    shaded.styler = shaded.styler.map(lambda v: f"background-color: {ledger.VERDICT_COLORS.get(v, '')}", subset=verdict_columns)
    if text_columns:
        shaded.styler = shaded.styler.set_properties(subset=text_columns, **{"text-align": "left", "min-width": "14rem"})
    return shaded

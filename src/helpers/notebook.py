"""What every notebook does first and shows on its tables."""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass

import pandas as pd
from IPython.display import HTML, display

from . import asof, figures, load, sample, store


@dataclass(frozen=True)
class NotebookContext:
    """The run's settings as a notebook sees them."""

    as_of: pd.Timestamp | None
    mode: str  # "real" or "sample"
    label: str  # "real data" or the sample label
    manifest_digest: str

    @property
    def is_sample(self) -> bool:
        return self.mode == "sample"


def _banner_html(ctx: NotebookContext) -> str:
    when = f"as of <b>{ctx.as_of.date()}</b> (later observations are ignored)" if ctx.as_of is not None else "through the last observation held"
    if ctx.is_sample:
        return (
            '<div style="border:2px solid #c0392b;padding:8px 12px;background:#fdecea">'
            f"<b>{sample.LABEL}.</b> No data has been imported or downloaded, so this notebook runs on "
            "generated numbers with the shape of the real data. Nothing here describes markets. "
            "For real data: <code>make data FROM=DIR</code> (a folder of exports, no network) or "
            f"<code>make data</code> (network and <code>FRED_API_KEY</code>), then run again. Data used {when}.</div>"
        )
    manifest = store.read_manifest()["files"]
    lasts = sorted(r["last"] for r in manifest.values())
    origins = sorted({r.get("origin", "?").split(" ")[0] for r in manifest.values()})
    return (
        '<div style="border:1px solid #2c7fb8;padding:8px 12px;background:#eef5fb">'
        f"<b>Data:</b> real, {len(manifest)} series held in <code>data/raw</code> "
        f"(obtained by: {', '.join(origins)}; latest observation {lasts[-1] if lasts else 'n/a'}), "
        f"used {when}. Manifest digest <code>{ctx.manifest_digest}</code>.</div>"
    )


def setup_notebook(as_of=None, banner: bool = True) -> NotebookContext:
    """Apply the as-of date and the figure style, and show which data is in use.

    Call it once, right after the parameters cell, with the ``AS_OF`` parameter.
    """
    cut = asof.set_as_of(as_of)
    figures.use_style()
    pd.set_option("display.precision", 3)
    pd.set_option("display.width", 120)
    pd.set_option("display.max_columns", 30)
    mode = load.data_mode()
    digest = store.manifest_digest() if mode == "real" else "sample"
    ctx = NotebookContext(as_of=cut, mode=mode, label=load.data_label(), manifest_digest=digest)
    if banner:
        display(HTML(_banner_html(ctx)))
    return ctx


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

"""What every notebook does first: the as-of date, the figure style and a banner naming the data in use."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from IPython.display import HTML, display

from helpers.data import asof, load, sample, store
from . import figures


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


def _revised_line(as_of: pd.Timestamp) -> str:
    """In one line, which revised FRED series an as-of run reads from the ALFRED vintage in force (with its date) and
    which from today's values cut by their release rules."""
    choices = load.vintage_choices(as_of)
    in_vintages = [f"{key} {c.vintage:%Y-%m-%d}" for key, c in choices.items() if c.vintage is not None]
    by_rule = [key for key, c in choices.items() if c.vintage is None]
    parts = [f"the ALFRED vintage in force for {', '.join(in_vintages)}"] if in_vintages else []
    parts += [f"today's values cut by their release rules for {', '.join(by_rule)}"] if by_rule else []
    return f"; revised series: {'; '.join(parts)}" if parts else ""


def _banner_html(ctx: NotebookContext) -> str:
    when = (f"as of <b>{ctx.as_of.date()}</b> (only what was published by then{_revised_line(ctx.as_of)})"
            if ctx.as_of is not None else "through the last observation held")
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

"""What every notebook does first: the as-of date, the figure style and a banner naming the data in use."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from IPython.display import HTML, display

from helpers.data import asof, generations, identity, load, sample
from helpers.data.identity import DataIdentity

from . import figures


@dataclass(frozen=True)
class NotebookContext:
    """What :func:`setup_notebook` hands a notebook: the data it runs on (its :class:`DataIdentity`, which holds the
    as-of date), with the two things notebooks ask of it at hand."""

    data: DataIdentity

    @property
    def as_of(self) -> pd.Timestamp | None:
        """The as-of date in force (None: all data held)."""
        return self.data.as_of

    @property
    def label(self) -> str:
        """``real data`` or the sample's label."""
        return self.data.label


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
    when = (
        f"as of <b>{ctx.as_of.date()}</b> (only what was published by then{_revised_line(ctx.as_of)})"
        if ctx.as_of is not None
        else "through the last observation held"
    )
    if ctx.data.is_sample:
        return (
            '<div style="border:2px solid #c0392b;padding:8px 12px;background:#fdecea">'
            f"<b>{sample.LABEL}.</b> No data has been imported or downloaded, so this notebook runs on "
            "generated numbers with the shape of the real data. Nothing here describes markets. "
            "For real data: <code>make data FROM=DIR</code> (a folder of exports, no network) or "
            f"<code>make data</code> (network and <code>FRED_API_KEY</code>), then run again. Data used {when}.</div>"
        )
    manifest = generations.read_manifest()["files"]
    lasts = sorted(r["last"] for r in manifest.values())
    origins = sorted({r.get("origin", "?").split(" ")[0] for r in manifest.values()})
    return (
        '<div style="border:1px solid #2c7fb8;padding:8px 12px;background:#eef5fb">'
        f"<b>Data:</b> real, {len(manifest)} series held in <code>data/raw</code> "
        f"(obtained by: {', '.join(origins)}; latest observation {lasts[-1] if lasts else 'n/a'}), "
        f"used {when}. Manifest digest <code>{ctx.data.digest}</code>.</div>"
    )


def setup_notebook(as_of=None, banner: bool = True) -> NotebookContext:
    """Apply the as-of date and the figure style, and show which data is in use.

    Call it once, right after the parameters cell, with the ``AS_OF`` parameter.
    """
    asof.set_as_of(as_of)
    figures.use_style()
    pd.set_option("display.precision", 3)
    pd.set_option("display.width", 120)
    pd.set_option("display.max_columns", 30)
    ctx = NotebookContext(identity.current())
    if banner:
        display(HTML(_banner_html(ctx)))
    return ctx

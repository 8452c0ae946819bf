"""The collection's one figure style, applied by every notebook through :func:`use_style`.

One seaborn theme and palette, thick enough lines, units on axes, the same
markers for the same events in every notebook (FOMC decisions, the first
trading day of a year), a source and as-of caption under every figure, and a
watermark whenever the synthetic sample is in use.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from helpers.analysis.significance import ALPHA, INTERVAL as LEVEL_INTERVAL, Z
from helpers.data import asof, catalog, identity, sample

PALETTE = sns.color_palette("colorblind")
INTERVAL = f"estimate and {LEVEL_INTERVAL}"  # the robustness plots' titles
# One colour per role, the same in every figure.
COLORS = {
    "small": PALETTE[3],  # small caps (IWM, Russell 2000, SMB)
    "large": PALETTE[0],  # large caps (IWB, S&P 500)
    "micro": PALETTE[4],
    "mega": PALETTE[7],
    "tech": PALETTE[9],
    "rate": PALETTE[2],
    "spread": PALETTE[1],
    "neutral": "0.35",
}
# The claims ledger's verdicts (helpers.analysis.ledger.VERDICTS), the same in every table and figure.
VERDICT_MARKERS = {  # figures: markers and bars
    "supported": "#1a9850",
    "partly supported": "#f39c12",
    "not shown": "#6a8caf",
    "contradicted": "#d73027",
    "not testable": "#969696",
    "not yet observable": "#b39ddb",
}
VERDICT_COLORS = {  # tables: cell backgrounds, the same hues lightened
    "supported": "#d9f0d3",
    "partly supported": "#fee8c8",
    "not shown": "#dbe5f0",
    "contradicted": "#f4c7c3",
    "not testable": "#e8e8e8",
    "not yet observable": "#ece5f6",
}
EVENT_STYLES = {
    "cut": {"color": "#b2182b", "linestyle": "-", "linewidth": 1.1, "alpha": 0.75, "label": "FOMC cut"},
    "hike": {"color": "#2166ac", "linestyle": "-", "linewidth": 1.1, "alpha": 0.75, "label": "FOMC hike"},
    "hold": {"color": "0.55", "linestyle": "--", "linewidth": 0.9, "alpha": 0.7, "label": "FOMC hold"},
    "year": {
        "color": "0.25",
        "linestyle": ":",
        "linewidth": 1.2,
        "alpha": 0.9,
        "label": "first trading day of the year",
    },
    "event": {"color": "#762a83", "linestyle": "-.", "linewidth": 1.1, "alpha": 0.8, "label": "event"},
}


def use_style() -> None:
    """Set the collection's theme (call once per notebook; :func:`helpers.setup_notebook` does)."""
    sns.set_theme(context="notebook", style="whitegrid", palette=PALETTE)
    mpl.rcParams.update(
        {
            "figure.figsize": (9.0, 4.6),
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "savefig.bbox": "tight",
            "lines.linewidth": 1.8,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.titlesize": 12.5,
            "axes.titleweight": "semibold",
            "axes.titlelocation": "left",
            "axes.labelsize": 10.5,
            "legend.frameon": False,
            "legend.fontsize": 9.5,
            "date.converter": "concise",
        }
    )


SOURCE_NAMES = {
    "prices": "adjusted closes, price vendor (Yahoo Finance format)",
    "indices": "index levels, Yahoo Finance",
    "fred": "FRED, Federal Reserve Bank of St. Louis",
    "alfred": "ALFRED, the archive of FRED vintages (Federal Reserve Bank of St. Louis)",
    "french": "Kenneth French data library",
    "curated": "curated published figures (data/raw/curated)",
}


def source_for(*keys: str) -> str:
    """A caption's source text for catalog keys: ``source_for("IWM", "IWB", "DGS2")``."""
    by_source: dict[str, list[str]] = {}
    for key in keys:
        entry = catalog.get(key)
        by_source.setdefault(entry.source, []).append(entry.source_id if entry.source == "fred" else entry.key)
    parts = [f"{SOURCE_NAMES[source]} ({', '.join(names)})" for source, names in by_source.items()]
    return "; ".join(parts)


def finish(fig: plt.Figure, source: str, through=None, note: str | None = None) -> plt.Figure:
    """Caption a figure with its source, the last date plotted and the as-of date in force;
    watermark it when the data is the synthetic sample."""
    parts = [f"Source: {source}."]
    if through is not None:
        parts.append(f"Data through {pd.Timestamp(through).date()}.")
    cut = asof.get_as_of()
    if cut is not None:
        parts.append(f"As-of date {cut.date()}.")
    if note:
        parts.append(note)
    if identity.current().is_sample:
        parts.append(f"{sample.LABEL}.")
        fig.text(
            0.5,
            0.5,
            sample.LABEL,
            transform=fig.transFigure,
            ha="center",
            va="center",
            fontsize=26,
            color="#c0392b",
            alpha=0.22,
            rotation=20,
            zorder=100,
            fontweight="bold",
        )
    # under everything already drawn, a legend placed below the axes included
    lowest = fig.get_tightbbox(fig.canvas.get_renderer()).y0 / fig.get_figheight()
    fig.text(
        0.0,
        min(-0.01, lowest - 0.01),
        " ".join(parts),
        transform=fig.transFigure,
        ha="left",
        va="top",
        fontsize=8.5,
        color="0.3",
        wrap=True,
    )
    return fig


def mark_events(ax: plt.Axes, dates, kind: str = "event", label: str | None = None) -> None:
    """Vertical lines at ``dates`` in the style of ``kind`` (``cut``, ``hike``, ``hold``, ``year``, ``event``).

    Only the first line of a kind carries a legend label, so the legend stays short.
    """
    style = dict(EVENT_STYLES[kind])
    style["label"] = label or style["label"]
    lo, hi = (
        mdates.num2date(ax.get_xlim()[0]).replace(tzinfo=None),
        mdates.num2date(ax.get_xlim()[1]).replace(tzinfo=None),
    )
    shown = [pd.Timestamp(d) for d in dates if lo <= pd.Timestamp(d) <= hi]
    for i, day in enumerate(shown):
        ax.axvline(day, zorder=0.5, **({**style, "label": style["label"] if i == 0 else None}))


def mark_fomc(ax: plt.Axes, decisions: pd.DataFrame) -> None:
    """Mark FOMC announcements from :func:`helpers.fomc_decisions`, coloured by decision."""
    for kind in ("cut", "hike", "hold"):
        mark_events(ax, decisions.index[decisions["decision"] == kind], kind=kind)


def mark_year_starts(ax: plt.Axes, trading_days: pd.DatetimeIndex) -> None:
    """Mark the first trading day of each calendar year found in ``trading_days``."""
    days = pd.DatetimeIndex(trading_days)
    firsts = days.to_series().groupby(days.year).min()
    mark_events(ax, firsts, kind="year")


def percent_axis(ax: plt.Axes, axis: str = "y", decimals: int | None = None, fraction: bool = True) -> None:
    """Format an axis as percent (``fraction=True``: values are fractions, 0.05 shows as 5%).

    Ticks fall on steps of 1, 2 or 5 (times a power of ten) in percent; ``decimals=None`` prints as many decimals as
    the step needs and no more, so a label never rounds a tick to a value it is not (-2.5% read as -2%)."""
    scale = 100.0 if fraction else 1.0
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(mpl.ticker.MaxNLocator(nbins="auto", steps=[1, 2, 5, 10]))

    def label(value, _position):
        places = decimals
        if places is None:
            ticks = np.asarray(target.get_majorticklocs(), dtype=float) * scale
            step = np.min(np.diff(ticks)) if len(ticks) > 1 else 1.0
            places = max(0, -int(np.floor(np.log10(step) + 1e-9))) if step > 0 else 0
        text = f"{value * scale:.{places}f}"
        return (f"{0:.{places}f}" if float(text) == 0 else text) + "%"  # no "-0%"

    target.set_major_formatter(mpl.ticker.FuncFormatter(label))


def plain_log_axis(ax: plt.Axes, axis: str = "y") -> None:
    """Log-scale axis with plain tick labels (0.5, 1, 2, 3) instead of powers of ten."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(mpl.ticker.FuncFormatter(lambda value, _: f"{value:g}"))
    target.set_minor_formatter(
        mpl.ticker.FuncFormatter(lambda value, _: f"{value:g}" if f"{value:g}"[0] in "2358" else "")
    )


def rate_panels(rates: pd.DataFrame, decisions: pd.DataFrame) -> plt.Figure:
    """Three panels of FRED rates (percent) with the FOMC decisions marked: the effective fed funds rate and the 2- and
    10-year yields (``DFF``, ``DGS2``, ``DGS10``); the 10-year minus 2-year slope (``T10Y2Y``); the high-yield spread
    (``BAMLH0A0HYM2``)."""
    fig, axes = plt.subplots(3, 1, figsize=(9, 9), sharex=True)
    for key, color, label in [
        ("DFF", COLORS["neutral"], "effective fed funds (DFF)"),
        ("DGS2", COLORS["rate"], "2-year Treasury (DGS2)"),
        ("DGS10", COLORS["large"], "10-year Treasury (DGS10)"),
    ]:
        axes[0].plot(rates.index, rates[key], color=color, label=label)
    axes[0].set_ylabel("percent")
    axes[0].set_title("Policy rate and Treasury yields")
    axes[1].plot(rates.index, rates["T10Y2Y"], color=COLORS["rate"], label="10-year minus 2-year (T10Y2Y)")
    axes[1].axhline(0, color="0.4", linewidth=0.8)
    axes[1].set_ylabel("percentage points")
    axes[1].set_title("Curve slope")
    axes[2].plot(rates.index, rates["BAMLH0A0HYM2"], color=COLORS["spread"], label="high-yield spread (ICE BofA)")
    axes[2].set_ylabel("percentage points")
    axes[2].set_title("High-yield credit spread")
    for ax in axes:
        mark_fomc(ax, decisions)
        ax.legend(loc="best", fontsize=8.5)
    fig.tight_layout()
    return fig


def cycle_paths(paths: pd.DataFrame, kinds: pd.Series, windows, month_days: int, recent_from: int = 2019) -> plt.Figure:
    """Cumulative return paths after each first cut (``paths``: rows trading days, columns the cuts, fractions): every
    cycle in grey, those from ``recent_from`` in colour, the average of each kind of cut (``kinds``: recession or
    insurance by first cut) and of all cycles in black, and a dotted line at the start of each window after the first
    (``windows``: months, ``month_days`` trading days each)."""
    fig, ax = plt.subplots()
    for column in paths.columns:
        ax.plot(paths.index, paths[column], color="0.7", linewidth=0.9)
    for column in [c for c in paths.columns if c.year >= recent_from]:
        ax.plot(paths.index, paths[column], linewidth=1.6, label=f"first cut {column:%b %Y}")
    for kind, style in [("recession", "--"), ("insurance", ":")]:
        members = [c for c in paths.columns if kinds.get(c) == kind]
        if members:
            ax.plot(
                paths.index,
                paths[members].mean(axis=1),
                color="black",
                linestyle=style,
                linewidth=1.8,
                label=f"average, {kind} cuts ({len(members)})",
            )
    ax.plot(paths.index, paths.mean(axis=1), color="black", linewidth=2.6, label=f"average of {paths.shape[1]} cycles")
    for a, _ in list(windows)[1:]:
        ax.axvline(a * month_days, color="0.3", linestyle=":", linewidth=1.0)
    ax.axhline(0, color="0.4", linewidth=0.8)
    percent_axis(ax)
    ax.set_xlabel("trading days after the first cut")
    ax.legend(loc="upper left", fontsize=8)
    return fig


def robustness_plot(
    table: pd.DataFrame, ax=None, title: str = "", xlabel: str = "coefficient", scale: float = 1.0, z: float = Z
):
    """Each row's estimate with its interval at the standard (coef ± ``z`` se, 95% by default: 1.96 se), times
    ``scale``, the headline in colour and rows significant at :data:`~helpers.analysis.significance.ALPHA` darker.

    One horizontal line per row, labelled "spec · sample", top to bottom in
    the table's order; a vertical line at zero.
    """
    rows = table.loc[table["coef"].notna()].reset_index(drop=True)
    if ax is None:
        _, ax = plt.subplots(figsize=(8.5, 0.32 * len(rows) + 1.4))
    positions = np.arange(len(rows))[::-1]
    for y, (_, row) in zip(positions, rows.iterrows(), strict=True):
        color = COLORS["small"] if row["headline"] else ("0.2" if row["p"] < ALPHA else "0.6")
        ax.errorbar(
            row["coef"] * scale,
            y,
            xerr=z * row["se"] * scale,
            fmt="o",
            color=color,
            markersize=4.5,
            capsize=2.5,
            linewidth=1.3 if row["headline"] else 1.0,
        )
    labels = [f"{r['spec']} · {r['sample']}" for _, r in rows.iterrows()]
    ax.set_yticks(positions, labels, fontsize=8)
    ax.axvline(0, color="0.4", linewidth=0.8)
    ax.set_xlabel(xlabel)
    if title:
        ax.set_title(title)
    return ax


def verdict_chart(table: pd.DataFrame, by: str = "category", ax=None, title: str = "The claims ledger at a glance"):
    """Claims by verdict, one horizontal bar per ``by`` value (category or article), each segment a verdict in its
    colour, with the counts written in; a legend names every verdict that occurs."""
    order = [v for v in VERDICT_MARKERS if v in set(table["verdict"])]
    counts = pd.crosstab(table[by], table["verdict"]).reindex(columns=order, fill_value=0)
    counts = counts.loc[counts.sum(axis=1).sort_values().index]
    if ax is None:
        _, ax = plt.subplots(figsize=(9.0, 0.45 * len(counts) + 1.6))
    left = np.zeros(len(counts))
    for verdict in order:
        values = counts[verdict].to_numpy()
        ax.barh(counts.index, values, left=left, color=VERDICT_MARKERS[verdict], edgecolor="white", label=verdict)
        for y, (x, v) in enumerate(zip(left, values, strict=True)):
            if v:
                ax.text(
                    x + v / 2, y, str(v), ha="center", va="center", fontsize=8.5, color="white", fontweight="semibold"
                )
        left += values
    ax.set_xlabel("claims")
    ax.set_title(title)
    ax.legend(loc="lower right", fontsize=8.5, ncol=2)
    ax.grid(axis="y", visible=False)
    return ax


def rotation_chart(
    prices: pd.DataFrame,
    decisions: pd.DataFrame,
    highlight: tuple,
    ax=None,
    title: str = "Small against large caps: IWM relative to IWB",
):
    """IWM's total return relative to IWB's since the first date of ``prices`` (a fraction: 0.05 means IWM 5% ahead),
    with the FOMC decisions and the ``highlight`` span (start, end) marked in the collection's style."""
    both = prices[["IWM", "IWB"]].dropna()
    relative = (both["IWM"] / both["IWM"].iloc[0]) / (both["IWB"] / both["IWB"].iloc[0]) - 1
    if ax is None:
        _, ax = plt.subplots(figsize=(9.0, 4.2))
    ax.plot(relative.index, relative, color=COLORS["small"], label="IWM relative to IWB (total return)")
    ax.axhline(0, color="0.4", linewidth=0.8)
    start, end = (pd.Timestamp(d) for d in highlight)
    if start <= relative.index[-1]:
        ax.axvspan(
            start,
            min(end, relative.index[-1]),
            color=EVENT_STYLES["event"]["color"],
            alpha=0.18,
            label=f"first week of {start.year}",
        )
    mark_fomc(ax, decisions.loc[decisions.index >= relative.index[0]])
    percent_axis(ax)
    ax.set_ylabel(f"IWM relative to IWB since {relative.index[0]:%b %Y}")
    ax.set_title(title)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=4, fontsize=8.5)
    return ax


def relative_and_size_panels(ratio_path: pd.Series, ratio_mark, smb_growth: pd.Series, smb_mark) -> plt.Figure:
    """Notebook 03: IWM/IWB since its first date (``ratio_mark``: a reading with ``day``, ``ratio`` and ``percentile``,
    or None) above SMB's growth of $1 on a log scale (``smb_mark``: a reading with ``day`` and ``growth``, or None)."""
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(9, 8))
    top.plot(ratio_path.index, ratio_path, color=COLORS["small"], label="IWM / IWB")
    if ratio_mark is not None:
        label = f"{ratio_mark.day:%d %b %Y}: {ratio_mark.percentile:.0%} percentile"
        top.scatter([ratio_mark.day], [ratio_mark.ratio], color="black", zorder=5, label=label)
    top.set_ylabel(f"ratio (1 = {ratio_path.index[0]:%b %Y})")
    top.set_title("Russell 2000 against Russell 1000 (ETF total-return prices)")
    top.legend(loc="upper right")
    bottom.plot(smb_growth.index, smb_growth, color=COLORS["small"], label="SMB, growth of $1")
    bottom.set_yscale("log")
    plain_log_axis(bottom)
    if smb_mark is not None:
        bottom.scatter([smb_mark.day], [smb_mark.growth], color="black", zorder=5, label=f"{smb_mark.day:%d %b %Y}")
    bottom.set_ylabel("growth of $1 (log scale)")
    bottom.set_title("The size factor since 1926")
    bottom.legend(loc="upper left")
    fig.tight_layout()
    return fig


def opening_panels(paths: pd.DataFrame, claimed_move: float, end, segments: dict, groups: dict) -> plt.Figure:
    """Notebook 04: the size segments' paths over a year's opening window against the claimed move (left), and every
    named stock and sector's return over the window (right, symmetric log scale beyond ±20%).

    ``segments`` maps a ticker to (its colour's name in :data:`COLORS`, its label); ``groups`` maps a colour's name to
    the tickers drawn in it on the right (the rest in the neutral colour)."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.6))
    for ticker, (color, label) in segments.items():
        left.plot(paths.index, paths[ticker], marker="o", markersize=3.5, color=COLORS[color], label=label)
    left.axhline(claimed_move, color="0.3", linestyle="--", linewidth=1, label=f"+{claimed_move:.1%} (the articles)")
    left.set_title("Size segments")
    named = [ticker for tickers in groups.values() for ticker in tickers]
    last = paths.iloc[-1][named].sort_values()
    colour_of = {ticker: COLORS[color] for color, tickers in groups.items() for ticker in tickers if color != "neutral"}
    right.barh(last.index, last.to_numpy(), color=[colour_of.get(t, COLORS["neutral"]) for t in last.index])
    right.set_xscale("symlog", linthresh=0.2)
    right.set_title(f"Names and sectors, to {pd.Timestamp(end):%d %b}")
    percent_axis(left, axis="y")
    percent_axis(right, axis="x")
    left.legend(loc="upper left", fontsize=8)
    right.set_xlabel("return (symmetric log scale beyond ±20%)")
    fig.tight_layout()
    return fig


def rolling_beta(betas: pd.DataFrame, column: str, cuts, break_date, window: int) -> plt.Figure:
    """Notebook 05: a rolling regression's coefficient on ``column`` with its band (``<column> low``/``high``), the
    first cuts of easing cycles (``cuts``) and the day cuts resumed (``break_date``) marked."""
    beta = betas[column]
    fig, ax = plt.subplots()
    band = f"{1 - ALPHA:.0%} band"
    ax.fill_between(
        beta.index, betas[f"{column} low"], betas[f"{column} high"], color=COLORS["small"], alpha=0.2, label=band
    )
    ax.plot(beta.index, beta, color=COLORS["small"], label="beta of IWM−IWB to ΔDGS2 (% per pp)")
    ax.axhline(0, color="0.4", linewidth=0.8)
    mark_events(ax, [d for d in cuts if d >= beta.index[0]], kind="cut", label="first cut of a cycle")
    mark_events(ax, [pd.Timestamp(break_date)], kind="event", label=f"cuts resume, {break_date}")
    ax.set_ylabel("% return per pp change in yield")
    ax.set_title(f"Rolling {window}-day sensitivity of small minus large to the 2-year yield")
    ax.legend(loc="lower left", fontsize=8.5)
    return fig


def claimed_against_measured(table: pd.DataFrame) -> plt.Figure:
    """Notebook 06: each claim's stated figure (a black tick) against the measured one (a dot in its verdict's colour),
    on one axis; ``table`` has ``claimed``, ``measured`` and ``verdict`` columns and the claims as its index."""
    fig, ax = plt.subplots(figsize=(9, 0.42 * len(table) + 1.5))
    for i, (_, row) in enumerate(table.iterrows()):
        ax.plot([row["claimed"], row["measured"]], [i, i], color="0.7", linewidth=2, zorder=1)
        ax.scatter(row["claimed"], i, color="black", marker="|", s=160, zorder=2)
        ax.scatter(row["measured"], i, color=VERDICT_MARKERS[row["verdict"]], edgecolor="0.2", s=70, zorder=3)
    ax.set_yticks(range(len(table)), table.index, fontsize=8.5)
    ax.set_xlabel("percent")
    ax.set_title("Claimed (black tick) against measured (dot, coloured by verdict)")
    shown = set(table["verdict"])
    handles = [plt.Line2D([], [], marker="|", linestyle="", color="black", markersize=12, label="claimed")]
    handles += [
        plt.Line2D([], [], marker="o", linestyle="", markerfacecolor=color, markeredgecolor="0.2", label=verdict)
        for verdict, color in VERDICT_MARKERS.items()
        if verdict in shown
    ]
    ax.legend(handles=handles, loc="lower right", fontsize=8.5)
    return fig

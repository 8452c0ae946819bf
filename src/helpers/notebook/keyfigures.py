"""Key figures: a notebook's headline results, recorded once in the executed notebook.

A notebook collects its headline figures in a :class:`KeyFigures` and records
them in the cell tagged ``key-figures``, just before its conclusion. Each figure
becomes one display output in myst-nb's ``glue`` format (output metadata
``scrapbook.name``): readers see a line "label: **value** units", the book can
quote the value with ``{glue:text}`name```, and the output's metadata
(``helpers.figure``) keeps the full-precision value, its units and label.

That one record serves everything that quotes a result:

* the notebook's conclusion is written from the same object (``key.text(name)``);
* the book's landing page quotes it (:func:`read`);
* ``make test`` compares the recorded text of a fresh execution with the committed
  notebook's when both ran on the same data (the root ``conftest.py``);
* the changes report compares two runs figure by figure (:mod:`helpers.publish.changes`).

Units come from a small vocabulary (:data:`UNITS`), which fixes each figure's
default display format and how a difference between two runs is expressed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

TAG = "key-figures"
METADATA_KEY = "helpers"

# units -> (default display format, what a difference between two runs is measured in)
UNITS: dict[str, tuple[str, str]] = {
    "fraction": ("{:.1%}", "pp"),  # a return, share or discount as a fraction, shown as a percentage
    "percent": ("{:.2f}%", "pp"),  # a value already in percent (a rate, a factor return, a CAR)
    "pp": ("{:+.2f} pp", "pp"),  # percentage points (a change in a rate, a gap between two returns)
    "bp": ("{:+.0f} bp", "bp"),  # basis points
    "points": ("{:,.0f} points", "points"),  # index points
    "multiple": ("{:.1f}x", "multiple"),  # a price-earnings multiple
    "ratio": ("{:.3f}", "ratio"),  # a ratio of two prices or levels
    "coefficient": ("{:+.2f}", "coefficient"),  # a regression coefficient (its units in the label)
    "t-stat": ("t = {:.2f}", "t-stat"),
    "p-value": ("p = {:.3f}", "p-value"),
    "count": ("{:,.0f}", "count"),
    "years": ("{:.0f}", "years"),
    "date": ("{:%Y-%m-%d}", "days"),
    "verdict": ("{}", "verdict"),  # a claims-ledger verdict
    "text": ("{}", "text"),  # a label such as a quarter or a ticker
}
NOT_AVAILABLE = "n/a"
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Figure:
    """One headline figure: ``value`` in ``units`` (see :data:`UNITS`), described by ``label``."""

    name: str
    value: Any
    units: str
    label: str
    fmt: str
    headline: bool = False  # one of the two or three figures the book's landing page shows for the notebook

    @property
    def text(self) -> str:
        """The value as shown to readers and compared between runs (rounded by the format)."""
        return format_value(self.value, self.fmt)

    def as_record(self) -> dict:
        """JSON-ready record: the value at full precision (dates as ISO strings, missing as None)."""
        return {
            "name": self.name,
            "value": to_json(self.value),
            "units": self.units,
            "label": self.label,
            "text": self.text,
            "fmt": self.fmt,
            "headline": self.headline,
        }


def slug(*parts) -> str:
    """A key-figure name made of ``parts`` (text, numbers, dates): lower case, ``_`` between words.

    >>> slug("published discount", "S&P SmallCap 600", pd.Timestamp("2025-12-02"))
    'published_discount_sp_smallcap_600_20251202'
    """
    words = []
    for part in parts:
        text = f"{part:%Y%m%d}" if isinstance(part, pd.Timestamp) else str(part)
        words.append(re.sub(r"[^a-z0-9]+", "_", text.lower().replace("&", "")).strip("_"))
    name = "_".join(w for w in words if w)
    return name if name[:1].isalpha() else f"x_{name}"


def is_missing(value) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return False


def to_json(value):
    """A figure's value in JSON terms: floats, ints, strings, dates as ``YYYY-MM-DD``, missing as None."""
    if is_missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, str)):
        return value
    raise TypeError(f"a key figure must be a number, a date or a string, not {type(value).__name__}")


def format_value(value, fmt: str) -> str:
    """``value`` formatted with ``fmt`` (missing values as ``n/a``)."""
    if is_missing(value):
        return NOT_AVAILABLE
    if fmt.startswith("{:%") and isinstance(value, str):
        value = pd.Timestamp(value)
    return fmt.format(value)


class KeyFigures:
    """The headline figures of one notebook: add them as they are computed, record them once.

    >>> key = KeyFigures()
    >>> key.add("iwm_2025", 0.127, "fraction", "IWM total return in 2025")
    >>> key.text("iwm_2025")
    '12.7%'
    """

    def __init__(self) -> None:
        self._figures: dict[str, Figure] = {}

    slug = staticmethod(slug)  # a name built from parts, for figures that come in families (one per date, per claim)

    @classmethod
    def from_records(cls, records: list[dict]) -> KeyFigures:
        """The figures recorded in a notebook (:func:`read`), back as an object (to rebuild a conclusion from them)."""
        key = cls()
        for record in records:
            key.add(
                record["name"],
                record["value"],
                record["units"],
                record["label"],
                record["fmt"],
                headline=bool(record.get("headline")),
            )
        return key

    def replace(self, name: str, value) -> None:
        """Change one figure's value, keeping its units, label and format (for what-if tests of a conclusion)."""
        figure = self._figures[name]
        del self._figures[name]
        self.add(name, value, figure.units, figure.label, figure.fmt, figure.headline)

    def mark_headlines(self, *names: str) -> None:
        """Mark the figures the book's landing page shows for this notebook (two or three)."""
        unknown = [n for n in names if n not in self._figures]
        if unknown:
            raise KeyError(f"no key figure {unknown}")
        for name in names:
            self._figures[name] = replace(self._figures[name], headline=True)

    def add(self, name: str, value, units: str, label: str, fmt: str | None = None, headline: bool = False) -> None:
        """Add one figure. ``name`` is snake_case and unique in the notebook; ``units`` one of :data:`UNITS`;
        ``fmt`` overrides the units' default format (e.g. ``"{:+.1%}"`` for a signed return); ``headline`` marks
        one of the two or three figures the book's landing page shows for the notebook."""
        if not _NAME.match(name):
            raise ValueError(f"key figure names are snake_case identifiers, not {name!r}")
        if name in self._figures:
            raise ValueError(f"key figure {name!r} was added twice")
        if units not in UNITS:
            raise ValueError(f"units must be one of {sorted(UNITS)}, not {units!r}")
        if isinstance(value, (pd.Timestamp,)) or units == "date":
            value = None if is_missing(value) else pd.Timestamp(value).normalize()
        to_json(value)  # rejects what cannot be recorded
        self._figures[name] = Figure(name, value, units, label, fmt or UNITS[units][0], headline)

    def __getitem__(self, name: str):
        """The value of a figure (a float, int, Timestamp or string; None or NaN when not available)."""
        return self._figures[name].value

    def __contains__(self, name: str) -> bool:
        return name in self._figures

    def __len__(self) -> int:
        return len(self._figures)

    def text(self, name: str, fmt: str | None = None) -> str:
        """A figure formatted for prose: with its own format, or ``fmt`` (e.g. ``"{:.0%}"``)."""
        figure = self._figures[name]
        return format_value(figure.value, fmt) if fmt else figure.text

    def figures(self) -> list[Figure]:
        return list(self._figures.values())

    def table(self) -> pd.DataFrame:
        """The figures as a table: label, value as shown, units."""
        rows = [{"name": f.name, "label": f.label, "value": f.text, "units": f.units} for f in self._figures.values()]
        return pd.DataFrame(rows).set_index("name")

    def record(self) -> None:
        """Display every figure as a glue output (call once, in the cell tagged ``key-figures``)."""
        from IPython.display import display

        for figure in self._figures.values():
            bundle, metadata = output_bundle(figure)
            display(bundle, raw=True, metadata=metadata)


def output_bundle(figure: Figure) -> tuple[dict, dict]:
    """The display data and metadata of one recorded figure (myst-nb glue layout, shown as a line)."""
    data = {
        "text/plain": figure.text,
        "text/markdown": f"{figure.label}: **{figure.text}**",
    }
    metadata = {"scrapbook": {"name": figure.name, "mime_prefix": ""}, METADATA_KEY: {"figure": figure.as_record()}}
    return data, metadata


def read(nb) -> list[dict]:
    """The figures recorded in an executed notebook (an nbformat node), in order, as records."""
    records = []
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        for output in cell.get("outputs", []):
            figure = output.get("metadata", {}).get(METADATA_KEY, {}).get("figure")
            if figure:
                records.append(dict(figure))
    return records


def read_table(nb) -> pd.DataFrame:
    """:func:`read` as a table indexed by name (columns value, units, label, text, fmt)."""
    records = read(nb)
    if not records:
        return pd.DataFrame(columns=["value", "units", "label", "text", "fmt"]).rename_axis("name")
    return pd.DataFrame(records).set_index("name")


def recorded_cells(nb) -> list[int]:
    """Indexes of the cells tagged ``key-figures``."""
    return [i for i, cell in enumerate(nb.cells) if TAG in cell.get("metadata", {}).get("tags", [])]

"""The claims table read into :class:`Claim` objects: each claim's estimand, parsed from ``claims.csv``.

Columns that name the estimand (``data/raw/curated/README.md`` lists them all):

* ``series``: what is measured, as catalog keys (``IWM``, ``^RUT``, ``T10Y2Y``).
  Parts are separated by ``;``; a part is one key, an equal-weight basket
  (``XES+OIH``) or a spread (``KRE-IWM``: the first minus the second);
* ``claimed_sign``: ``+1`` (a rise, a lead, a positive effect), ``-1`` (a fall,
  a lag, a negative effect), ``0`` ("flat"), empty for a stated figure;
* ``spec``: for a regularity, the row of its robustness table that is the
  estimand, ``specification | sample``;
* ``period_start``, ``period_end``: the window; ``estimand_reason``: why the
  wording gives that series, specification and window;
* ``units``: the unit of ``claimed_value`` and of the measured figure the rule
  returns: ``percent`` for a return or a rate, ``percentage points`` for a
  spread's move (the first part's return minus the second's) or a difference of
  returns, ``percent per percentage point`` for a rate beta, ``index points``,
  ``times`` (a multiple) and so on; a claim of parts in different units lists one
  per part, separated by ``;`` as in ``series``;
* ``params``: the claim's other numbers, ``name=value; name=value`` (a second
  stated figure, a target's claim id, a rank threshold). No claim-specific
  number lives in code.

``claim_alternatives.csv`` holds the other readings a claim's wording admits
(another window, other series, another row of its robustness table, or other ``params``): the sensitivity table
runs each claim on them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from helpers.data import catalog, curated
from helpers.errors import ClaimError, HelpersError


@dataclass(frozen=True)
class Part:
    """One measured part of a claim: a basket of ``long`` keys (equal weights), minus ``short`` when given."""

    long: tuple[str, ...]
    short: str | None = None

    @property
    def name(self) -> str:
        return "+".join(self.long) + (f" vs {self.short}" if self.short else "")

    @property
    def keys(self) -> list[str]:
        return [*self.long, *([self.short] if self.short else [])]


def parse_parts(text) -> list[Part]:
    """``"XLI-SPY; XES+OIH-SPY"`` -> two parts; every key is checked against the catalog (an unknown one raises)."""
    if not isinstance(text, str) or not text.strip():
        return []
    parts = []
    for chunk in text.split(";"):
        long, _, short = chunk.strip().partition("-")
        members = tuple(k.strip() for k in long.split("+") if k.strip())
        parts.append(Part(members, short.strip() or None))
    catalog.lookup([k for part in parts for k in part.keys])
    return parts


def parse_params(text) -> dict[str, str]:
    """``"small=15; index=S&P SmallCap 600"`` -> ``{"small": "15", "index": "S&P SmallCap 600"}``."""
    if not isinstance(text, str) or not text.strip():
        return {}
    out = {}
    for chunk in text.split(";"):
        name, sep, value = chunk.partition("=")
        if not sep:
            raise ValueError(f"params: {chunk.strip()!r} is not name=value")
        out[name.strip()] = value.strip()
    return out


@dataclass(frozen=True)
class Claim:
    """One claim and its estimand (see the module docstring)."""

    id: str
    article: str
    category: str
    kind: str
    subject: str
    claim: str
    claimed_value: float | None
    units: str
    parts: tuple[Part, ...]
    claimed_sign: int | None
    spec: tuple[str, str] | None
    period_start: pd.Timestamp | None
    period_end: pd.Timestamp | None
    estimand_reason: str
    params: dict = field(default_factory=dict)
    method: str = ""

    def param(self, name: str, cast=str):
        if name not in self.params:
            raise KeyError(f"claim {self.id}: params needs {name}=... in claims.csv")
        return cast(self.params[name])

    def with_alternative(self, alternative: pd.Series) -> Claim:
        """This claim under another reading of its window or its estimand (a row of ``claim_alternatives.csv``)."""
        changes = {}
        if pd.notna(alternative.get("period_start")):
            changes["period_start"] = pd.Timestamp(alternative["period_start"])
        if pd.notna(alternative.get("period_end")):
            changes["period_end"] = pd.Timestamp(alternative["period_end"])
        if isinstance(alternative.get("spec"), str) and alternative["spec"].strip():
            changes["spec"] = _spec(alternative["spec"])
        if isinstance(alternative.get("series"), str) and alternative["series"].strip():
            changes["parts"] = tuple(parse_parts(alternative["series"]))
        if isinstance(alternative.get("params"), str) and alternative["params"].strip():
            changes["params"] = {**self.params, **parse_params(alternative["params"])}
        return replace(self, **changes)


def _spec(text) -> tuple[str, str] | None:
    if not isinstance(text, str) or not text.strip():
        return None
    spec, sep, sample = text.partition("|")
    return spec.strip(), (sample.strip() if sep else "full sample")


def _optional(value):
    return None if pd.isna(value) else value


def from_row(claim_id: str, row: pd.Series) -> Claim:
    sign = _optional(row.get("claimed_sign"))
    return Claim(
        id=claim_id,
        article=str(row["article"]),
        category=row["category"],
        kind=row["kind"],
        subject=row["subject"],
        claim=row["claim"],
        claimed_value=_optional(row["claimed_value"]),
        units=_optional(row["units"]) or "",
        parts=tuple(parse_parts(row.get("series"))),
        claimed_sign=None if sign is None else int(sign),
        spec=_spec(row.get("spec")),
        period_start=_optional(row["period_start"]),
        period_end=_optional(row["period_end"]),
        estimand_reason=row["estimand_reason"],
        params=parse_params(row.get("params")),
        method=row["method"],
    )


def read() -> dict[str, Claim]:
    """Every claim of ``claims.csv``, by id; a row that cannot be read (an unknown series key, a malformed
    ``params``) fails with :class:`~helpers.errors.ClaimError` naming the claim."""
    out = {}
    for claim_id, row in curated.read_claims().iterrows():
        try:
            out[claim_id] = from_row(claim_id, row)
        except (HelpersError, ValueError, KeyError) as exc:
            raise ClaimError(claim_id, exc) from exc
    return out


def alternatives() -> pd.DataFrame:
    """The other readings of claims' windows and estimands (``claim_alternatives.csv``)."""
    return curated.read_claim_alternatives()

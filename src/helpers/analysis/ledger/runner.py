"""Running the ledger: every claim through its rule, the sensitivity table, and the views beside one another."""

from __future__ import annotations

import pandas as pd

from helpers.data import asof, curated, identity
from helpers.errors import ClaimError, NotYetObservableError, TooLittleDataError

from . import claims as claims_table
from .claims import Claim
from .rules import METHODS, USES
from .standard import NOT_TESTABLE, NOT_YET, STANDARD, VERDICTS, Finding, Standard

COLUMNS = [
    "article",
    "category",
    "kind",
    "claim",
    "claimed",
    "units",
    "estimand",
    "estimand_reason",
    "measured",
    "verdict",
    "qualifier",
    "standard",
    "evidence",
    "test",
    "next",
    "next_value",
]
OUTCOME, REPORTED = "outcome", "reported view"


def evaluate(claim: Claim, standard: Standard = STANDARD) -> Finding:
    """The claim through its rule. Too little data is the one condition that becomes a verdict ("not yet
    observable" for a window beyond the data, else "not testable"); any other error fails, naming the claim."""
    rule = METHODS.get(claim.method)
    if rule is None:
        raise ClaimError(claim.id, f"no rule {claim.method!r} in helpers.analysis.ledger.rules")
    try:
        return rule(claim, standard)
    except NotYetObservableError as exc:
        return Finding(None, NOT_YET, f"not yet observable: {exc}", "", "too little data")
    except TooLittleDataError as exc:
        return Finding(None, NOT_TESTABLE, f"too little data: {exc}", "", "too little data")
    except Exception as exc:  # a defect in a rule or in the claims table: fail the run, naming the claim
        raise ClaimError(claim.id, exc) from exc


def estimand_text(claim: Claim) -> str:
    """What is measured, on which specification, over which window, in a few words."""
    parts = "; ".join(part.name for part in claim.parts)
    spec = f"{claim.spec[0]} ({claim.spec[1]})" if claim.spec else ""
    start, end = claim.period_start, claim.period_end
    window = (
        f"{start:%Y-%m-%d} to {end:%Y-%m-%d}"
        if start is not None and end is not None
        else f"from {start:%Y-%m-%d}"
        if start is not None
        else f"to {end:%Y-%m-%d}"
        if end is not None
        else ""
    )
    return ", ".join(x for x in (parts, spec, window) if x)


def build(as_of=None, standard: Standard = STANDARD) -> pd.DataFrame:
    """Every claim with its estimand, measured figure (in the claim's ``units``), verdict (with its qualifier and the
    standard it was judged by) and, for reported views, what happened next; recomputed from the data held, never
    past ``as_of`` (or the as-of date already in force)."""
    with asof.at_most(as_of):
        rows = []
        for claim_id, claim in claims_table.read().items():
            finding = evaluate(claim, standard)
            rows.append(
                {
                    "id": claim_id,
                    "article": claim.article,
                    "category": claim.category,
                    "kind": claim.kind,
                    "claim": claim.claim,
                    "claimed": claim.claimed_value,
                    "units": claim.units,
                    "estimand": estimand_text(claim),
                    "estimand_reason": claim.estimand_reason,
                    "measured": finding.measured,
                    "verdict": finding.verdict,
                    "qualifier": finding.qualifier,
                    "standard": finding.standard,
                    "evidence": finding.reason,
                    "test": finding.test,
                    "next": finding.next,
                    "next_value": finding.next_value,
                }
            )
        table = pd.DataFrame(rows, columns=["id", *COLUMNS]).set_index("id")
        table.attrs = {"data": identity.current().label, "standard": standard.describe(), "as_of": asof.get_as_of()}
    return table


def verdict_counts(table: pd.DataFrame) -> pd.Series:
    """How many claims got each verdict (every verdict listed, zero included)."""
    return table["verdict"].value_counts().reindex(list(VERDICTS), fill_value=0)


# The sensitivity table's variants: (name, the part of the standard it varies, the standard)
VARIANTS = [
    ("standard 1%", "standard", STANDARD.scaled(alpha=0.01, name="standard 1%")),
    ("standard 10%", "standard", STANDARD.scaled(alpha=0.10, name="standard 10%")),
    ("tolerance ×0.5", "tolerance", STANDARD.scaled(tolerance=0.5, name="tolerance ×0.5")),
    ("tolerance ×2", "tolerance", STANDARD.scaled(tolerance=2.0, name="tolerance ×2")),
]


def sensitivity(base: pd.DataFrame | None = None, as_of=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each verdict under another standard of evidence, other tolerances and the other readings of its estimand.

    Returns ``(long, summary)``: ``long`` has one row per claim and variant the
    claim's rule reads (``id``, ``variant``, ``verdict``, ``flipped``); ``summary``
    one row per claim with the baseline verdict, the verdict under each variant
    of the standard (blank where the rule does not read that part), the other
    readings (``alternatives``) and ``flips``, the variants that change it.
    ``base``: the ledger already built on the same data (saves a run).
    """
    with asof.at_most(as_of):
        base = build() if base is None else base
        alternatives = claims_table.alternatives()
        rows = []
        for claim_id, claim in claims_table.read().items():
            uses = USES.get(claim.method, ())
            for name, part, standard in VARIANTS:
                if part in uses:
                    rows.append({"id": claim_id, "variant": name, "verdict": evaluate(claim, standard).verdict})
            for _, alternative in alternatives.loc[alternatives["id"] == claim_id].iterrows():
                rows.append(
                    {
                        "id": claim_id,
                        "variant": f"estimand: {alternative['name']}",
                        "verdict": evaluate(claim.with_alternative(alternative)).verdict,
                    }
                )
    long = pd.DataFrame(rows, columns=["id", "variant", "verdict"])
    long["baseline"] = long["id"].map(base["verdict"])
    long["flipped"] = long["verdict"] != long["baseline"]
    wide = long.pivot(index="id", columns="variant", values="verdict")
    standard_columns = [name for name, _, _ in VARIANTS if name in wide.columns]
    other_columns = sorted(c for c in wide.columns if c.startswith("estimand: "))
    summary = base[["verdict"]].rename(columns={"verdict": "baseline"}).join(wide[standard_columns])
    summary["alternatives"] = [
        "; ".join(
            f"{v.removeprefix('estimand: ')}: {wide.loc[i, v]}"
            for v in other_columns
            if i in wide.index and isinstance(wide.loc[i, v], str)
        )
        for i in summary.index
    ]
    flips = long.loc[long["flipped"]].groupby("id")["variant"].apply(lambda v: ", ".join(v))
    summary["flips"] = flips.reindex(summary.index).fillna("")
    return long, summary.fillna("")


def flip_counts(long: pd.DataFrame) -> pd.DataFrame:
    """Per variant of the standard (and all other readings together): how many verdicts flip, and which."""
    kind = long["variant"].where(~long["variant"].str.startswith("estimand: "), "another reading of the estimand")
    grouped = long.assign(kind=kind).groupby("kind", sort=False)
    return pd.DataFrame(
        {
            "claims judged": grouped["id"].nunique(),
            "verdicts that flip": grouped.apply(lambda g: g.loc[g["flipped"], "id"].nunique()),
            "which": grouped.apply(lambda g: ", ".join(dict.fromkeys(g.loc[g["flipped"], "id"])) or "none"),
        }
    )


def beside(full: pd.DataFrame, at_date: pd.DataFrame, labels=("all data", "as of the articles' date")) -> pd.DataFrame:
    """The verdicts on two runs side by side (e.g. all data and as of the articles' date), with ``changed``."""
    out = pd.DataFrame(
        {"claim": full["claim"], labels[1]: at_date["verdict"].reindex(full.index), labels[0]: full["verdict"]}
    )
    out["changed"] = out[labels[0]] != out[labels[1]]
    return out


def what_happened_next(table: pd.DataFrame) -> pd.DataFrame:
    """The reported views and what followed them (never held against the article)."""
    shown = table.loc[table["kind"] == REPORTED, ["article", "claim", "verdict", "next"]]
    return shown.rename(columns={"next": "what happened next"})


def article_date() -> pd.Timestamp:
    """The date the articles write "as of" (``articles.csv``; both give the same date)."""
    dates = curated.read_articles()["date"].unique()
    if len(dates) != 1:
        raise ValueError(f"the articles give different dates: {sorted(dates)}")
    return pd.Timestamp(dates[0])

"""Robustness of an estimate: the estimand beside the same estimate across a stated set of specifications and samples.

A finding that holds in one specification, one sample and one window is not yet
a finding. :func:`run` takes an estimate (any function of a specification and a
sample that returns a coefficient with its standard error) and computes it

* on the full sample, for every specification: unconditional, with the market
  only, with each added control, with all controls, and any alternative
  (another frequency, another measure of the same thing);
* on every other sample, for the specifications named in ``across``: regime
  splits (before 2022 and from 2022, and whatever the question needs; each set
  of disjoint periods is a ``group``) and the full sample without named
  episodes (March 2020, March 2023, the 2024 election week, see :data:`EPISODES`),

and returns one tidy table: ``spec``, ``sample``, ``kind``, ``group``, ``coef``,
``se``, ``t``, ``p``, ``n``, ``headline``.

:func:`read` turns that table into words by a stated rule (:data:`RULE`, printed
with :func:`rule_text`). One row is the **estimand**: the specification and sample
a claim's wording names (the headline by default). It alone decides, at the
standard (two-sided ``alpha``). The other rows are robustness, and a table of many
rows is read as many tests:

* a robustness row counts as significant when its Benjamini–Hochberg *q* (the
  false-discovery rate across the table) is below :data:`~helpers.analysis.significance.ALPHA` (fixed: a stricter
  standard for the estimand never makes a verdict stronger);
* a row has the **power** to tell only when its minimum detectable effect,
  ``(z(1 - alpha/2) + z(power)) × se``, is no larger than the effect in question
  (a claim's stated size, else the estimand's own estimate); a row without
  that power cannot veto;
* an established estimand is **fragile** when a row is significant with the
  other sign, or an informative row in the same units is significantly weaker
  than it (the gap judged with both standard errors, by the same *q*);
* **regime-dependent**: the estimates of disjoint periods (a ``group``) differ
  beyond chance (a Wald test of equality, Holm across groups) and so do their
  conclusions (significant in one, not or the other way in another); "opposite
  signs" is said only when they have them;
* **depends on** an episode only where leaving it out changes the conclusion
  (the same *q*) and the episode's days on their own differ from the rest beyond
  chance (Holm across episodes); on a control where every rung of the ladder
  with it is significant and none without it (or the reverse), with the caveat
  when the control is a bad one (``table.attrs["bad_controls"]``).

The reference sign is the claim's when given (``claimed_sign``), else the
estimand's own; the rule printed says which.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np
import pandas as pd

from helpers.errors import TooLittleDataError

from . import regression as reg
from .significance import ALPHA, POWER  # the standard of evidence (two-sided 5%) and the power a row needs to veto

# Outcomes of the reading rule (Reading.outcome): the estimand's, at the standard.
ESTABLISHED = "holds in every informative row"
FRAGILE = "holds in the estimand, not in every informative row"
NOT_ESTABLISHED = "not established"
OPPOSITE = "significant with the other sign"
OUTCOMES = (ESTABLISHED, FRAGILE, NOT_ESTABLISHED, OPPOSITE)

RULE = (
    "The estimand ({estimand}) decides: established when p < {alpha:g} (two-sided) with the reference sign "
    "({reference}); significant with the other sign: 'significant with the other sign'; otherwise 'not established'. "
    "The other rows are robustness, read as many tests at {row_alpha:g}: a row is significant when its "
    "Benjamini-Hochberg q < {row_alpha:g} across the table. A row significant with the other sign undercuts an "
    "established estimand; a row that is not significant undercuts it only if it is in the same units, has the power "
    "to see the effect in question ({effect}; minimum detectable effect (z + {power_z:.2f}) x se, power {power:.0%}) "
    "and sits below the estimand beyond chance (both standard errors, same q). Established and not undercut: 'holds "
    "in every informative row'; else 'holds in the estimand, not in every informative row'. 'Regime-dependent' when "
    "the estimates of disjoint periods differ beyond chance (Wald test, Holm across sets of periods) and so do their "
    "conclusions; 'depends on <episode>' only where leaving it out changes the conclusion and the episode on its own "
    "differs from the rest beyond chance (Holm across episodes); 'depends on <control>' where every rung with it is "
    "significant and none without it, or the reverse."
)

# Named episodes a finding must survive without (inclusive calendar dates).
EPISODES: dict[str, tuple[str, str]] = {
    "March 2020": ("2020-03-01", "2020-03-31"),  # the Covid crash and the emergency cuts
    "March 2023": ("2023-03-01", "2023-03-31"),  # Silicon Valley Bank, Signature, Credit Suisse
    "the 2024 election week": ("2024-11-04", "2024-11-08"),  # the US election on 5 November 2024
}
REGIME_BREAK = "2022-01-01"  # the hiking cycle: rates left zero in March 2022


@dataclass(frozen=True)
class Estimate:
    """One coefficient with its standard error, t, two-sided p and the observations behind it."""

    coef: float
    se: float
    t: float
    p: float
    n: int

    @classmethod
    def from_regression(cls, result: reg.RegressionResult, term: str) -> Estimate:
        row = result.table.loc[term]
        return cls(float(row["coef"]), float(row["se"]), float(row["t"]), float(row["p"]), int(result.nobs))


@dataclass(frozen=True)
class Spec:
    """A specification: a name, the controls it holds (by name) and options for the estimate.

    ``kind`` is ``"controls"`` for a rung of the control ladder (the reading rule
    compares rungs with and without each control) or ``"alternative"`` for
    another frequency or measure of the same thing.
    """

    name: str
    controls: tuple[str, ...] = ()
    kind: str = "controls"
    options: Mapping = field(default_factory=dict)


@dataclass(frozen=True)
class Sample:
    """A sample of dates: everything between ``start`` and ``end`` (inclusive, either open), minus ``exclude``.

    ``kind``: ``"full"``, ``"regime"`` (a sub-period), ``"episode"`` (the full
    sample without named episodes) or ``"subset"`` (any other selection; give
    ``select_fn`` to select by something other than dates). Regimes of one
    ``group`` must not overlap: the reading tests whether their estimates differ.
    """

    name: str
    kind: str = "full"
    start: str | None = None
    end: str | None = None
    exclude: tuple[tuple[str, str], ...] = ()
    select_fn: Callable | None = None
    group: str | None = None  # regimes only: the set of disjoint periods it belongs to (compared by the reading)

    def mask(self, index: pd.DatetimeIndex) -> np.ndarray:
        """True for the dates of ``index`` in this sample."""
        index = pd.DatetimeIndex(index)
        keep = np.ones(len(index), dtype=bool)
        if self.start is not None:
            keep &= index >= pd.Timestamp(self.start)
        if self.end is not None:
            keep &= index <= pd.Timestamp(self.end)
        for first, last in self.exclude:
            keep &= ~((index >= pd.Timestamp(first)) & (index <= pd.Timestamp(last)))
        return keep

    def select(self, obj):
        """``obj`` (Series or DataFrame with a DatetimeIndex) restricted to this sample."""
        if self.select_fn is not None:
            return self.select_fn(obj)
        return obj.loc[self.mask(obj.index)]


FULL = Sample("full sample")


def between(name: str, start=None, end=None, group: str | None = None) -> Sample:
    """A regime: the dates from ``start`` to ``end`` (inclusive; None leaves that side open), in ``group``."""
    return Sample(name, "regime", None if start is None else str(start), None if end is None else str(end), group=group)


def without(name: str, *windows: tuple[str, str]) -> Sample:
    """The full sample without the given date windows (each ``(first, last)``, inclusive)."""
    return Sample(f"without {name}", "episode", exclude=tuple((str(a), str(b)) for a, b in windows))


def regimes(
    break_date: str = REGIME_BREAK, extra: Mapping[str, tuple] | None = None, extra_group: str = "other periods"
) -> list[Sample]:
    """Before and from ``break_date`` (one group), plus any ``extra`` regimes ``{name: (start, end)}``, which must not
    overlap one another (a second group, ``extra_group``)."""
    cut = pd.Timestamp(break_date)
    split = f"split at {cut:%Y-%m-%d}"
    out = [
        between(f"before {cut:%Y-%m-%d}", None, cut - pd.Timedelta(days=1), split),
        between(f"from {cut:%Y-%m-%d}", cut, None, split),
    ]
    for name, (start, end) in (extra or {}).items():
        out.append(between(name, start, end, extra_group))
    return out


def episodes(named: Mapping[str, tuple[str, str]] = EPISODES, together: bool = True) -> list[Sample]:
    """The full sample without each named episode, and (``together``) without all of them at once."""
    out = [without(name, window) for name, window in named.items()]
    if together and len(named) > 1:
        out.append(without("all three episodes" if len(named) == 3 else "all named episodes", *named.values()))
    return out


COLUMNS = [
    "spec",
    "sample",
    "kind",
    "group",
    "controls",
    "units",
    "coef",
    "se",
    "t",
    "p",
    "n",
    "coef_alone",
    "se_alone",
    "headline",
    "note",
]


def run(
    estimate: Callable[[Spec, Sample], Estimate],
    specs: Iterable[Spec],
    samples: Iterable[Sample] = (),
    headline: str | None = None,
    across: Iterable[str] | None = None,
    full: Sample = FULL,
) -> pd.DataFrame:
    """The headline estimate across specifications and samples, as one tidy table.

    ``estimate(spec, sample)`` returns an :class:`Estimate` (or raises
    :class:`~helpers.errors.TooLittleDataError` when the sample is too small: the
    row then has NaN and the message in ``note``; any other error surfaces).
    Every spec runs on ``full``; the specs named in
    ``across`` (default: the headline spec) run on every sample in ``samples``
    too. ``headline`` names the spec whose full-sample row is the headline
    (default: the first). ``kind`` is the spec's kind on the full sample and
    the sample's kind elsewhere.
    """
    specs = list(specs)
    if not specs:
        raise ValueError("at least one specification is needed")
    names = [s.name for s in specs]
    if len(set(names)) != len(names):
        raise ValueError(f"specification names must be unique: {names}")
    headline = headline or specs[0].name
    if headline not in names:
        raise ValueError(f"the headline {headline!r} is not one of the specifications {names}")
    across = list(across) if across is not None else [headline]
    unknown = [a for a in across if a not in names]
    if unknown:
        raise ValueError(f"{unknown} in across are not specifications")
    samples = list(samples)
    _check_groups(samples)
    by_name = {s.name: s for s in specs}
    jobs = [(spec, full, spec.kind) for spec in specs]
    for sample in samples:
        jobs += [(by_name[name], sample, sample.kind) for name in across]
    rows = []
    for spec, sample, kind in jobs:
        row = {
            "spec": spec.name,
            "sample": sample.name,
            "kind": kind,
            "group": sample.group,
            "controls": " + ".join(spec.controls) or "none",
            "units": spec.options.get("units", ""),
            "headline": spec.name == headline and sample is full,
            "note": "",
            "coef_alone": np.nan,
            "se_alone": np.nan,
        }
        try:
            found = estimate(spec, sample)
            row.update(coef=found.coef, se=found.se, t=found.t, p=found.p, n=found.n)
        except TooLittleDataError as exc:
            row.update(coef=np.nan, se=np.nan, t=np.nan, p=np.nan, n=0, note=str(exc))
        if sample.kind == "episode" and sample.exclude and sample.select_fn is None:
            try:  # the excluded days on their own: does the episode differ from the rest beyond chance?
                alone = estimate(spec, Sample(f"only {sample.name}", "subset", select_fn=_only(sample.exclude)))
                row.update(coef_alone=alone.coef, se_alone=alone.se)
            except TooLittleDataError:
                pass
        rows.append(row)
    table = pd.DataFrame(rows, columns=COLUMNS)
    table["n"] = table["n"].astype(int)
    table.attrs["controls"] = sorted({c for s in specs for c in s.controls})
    return table


def _only(windows: tuple[tuple[str, str], ...]) -> Callable:
    """A selector keeping only the dates inside ``windows`` (the complement of an episode's exclusion)."""

    def select(obj):
        index = pd.DatetimeIndex(obj.index)
        keep = np.zeros(len(index), dtype=bool)
        for first, last in windows:
            keep |= (index >= pd.Timestamp(first)) & (index <= pd.Timestamp(last))
        return obj.loc[keep]

    return select


def _check_groups(samples: list[Sample]) -> None:
    """Regimes of one group must not overlap in time (their estimates are compared as independent)."""
    by_group: dict[str, list[Sample]] = {}
    for sample in samples:
        if sample.group is not None and sample.select_fn is None:
            by_group.setdefault(sample.group, []).append(sample)
    for group, members in by_group.items():
        spans = sorted(
            (pd.Timestamp(m.start or "1800-01-01"), pd.Timestamp(m.end or "2200-12-31"), m.name) for m in members
        )
        for (_, end, name), (start, _, other) in pairwise(spans):
            if start <= end:
                raise ValueError(f"regimes {name!r} and {other!r} of group {group!r} overlap")


# ----------------------------------------------------------------------------- estimates


def regression_estimate(
    frames: pd.DataFrame | Mapping[str, pd.DataFrame],
    y: str,
    term: str,
    control_columns: Mapping[str, list[str]],
    **ols_options,
) -> Callable[[Spec, Sample], Estimate]:
    """An estimate for :func:`run`: the OLS (HAC) coefficient of ``term`` in a regression of ``y``.

    ``frames``: the data (one frame, or frames by name chosen with the spec
    option ``frame``, e.g. daily and weekly). A spec's controls are names in
    ``control_columns``, each mapped to the columns it adds.
    """

    def estimate(spec: Spec, sample: Sample) -> Estimate:
        frame = frames if isinstance(frames, pd.DataFrame) else frames[spec.options.get("frame", "daily")]
        columns = [term] + [c for name in spec.controls for c in control_columns[name]]
        data = sample.select(frame[[y, *columns]].dropna())
        return Estimate.from_regression(reg.ols(data[y], data[columns], **ols_options), term)

    return estimate


def mean_difference_estimate(a: pd.Series, b: pd.Series | None = None, paired: bool = False):
    """A paired or Welch t-test of mean(a) - mean(b) (or of mean(a) against zero) as an :class:`Estimate`."""
    from scipy import stats as sp_stats

    a = pd.Series(a, dtype=float)
    if b is None or paired:
        values = (a - pd.Series(b, dtype=float)).dropna() if b is not None else a.dropna()
        if len(values) < 2:
            raise TooLittleDataError(f"too few observations: {len(values)}")
        se = float(values.std(ddof=1) / np.sqrt(len(values)))
        t = float(values.mean() / se) if se > 0 else np.nan
        p = float(2 * sp_stats.t.sf(abs(t), df=len(values) - 1)) if se > 0 else np.nan
        return Estimate(float(values.mean()), se, t, p, len(values))
    first, second = a.dropna(), pd.Series(b, dtype=float).dropna()
    if len(first) < 2 or len(second) < 2:
        raise TooLittleDataError(f"too few observations: {len(first)} and {len(second)}")
    va, vb = first.var(ddof=1) / len(first), second.var(ddof=1) / len(second)
    se = float(np.sqrt(va + vb))
    result = sp_stats.ttest_ind(first, second, equal_var=False)
    return Estimate(
        float(first.mean() - second.mean()), se, float(result.statistic), float(result.pvalue), len(first) + len(second)
    )


# ----------------------------------------------------------------------------- the reading rule


@dataclass
class Reading:
    """What the robustness table says, in words chosen by the stated rule (:data:`RULE`)."""

    outcome: str  # one of OUTCOMES: the estimand's, at the standard
    label: str  # the outcome in words, e.g. "holds in every informative row"
    sentence: str  # the label with the estimand and every qualifier that applies
    estimand: pd.Series  # the row that decides
    sign: int  # the reference sign (+1 or -1)
    reference: str  # which sign that is, in words ("the claim's, negative" or "the estimand's own, positive")
    regime_dependent: bool
    regimes: str  # the regime finding in words ("" when the periods do not differ beyond chance)
    depends: list[str]  # "depends on ..." findings that pass the rule
    departing: list[str]  # informative rows that undercut an established estimand
    uninformative: list[str]  # rows with too little power to tell
    agreeing: int  # robustness rows significant (q < alpha) with the reference sign
    rows: int  # rows with an estimate, the estimand included
    table: pd.DataFrame  # the rows read, with q, mde, informative and status columns

    @property
    def established(self) -> bool:
        return self.outcome in (ESTABLISHED, FRAGILE)

    def __str__(self) -> str:
        return self.sentence


def row(table: pd.DataFrame, spec: str, sample: str = FULL.name) -> pd.Series | None:
    """The row of a robustness table for ``spec`` on ``sample``; None when the table has no such row or the data
    held could not give its estimate (a NaN coefficient)."""
    found = table.loc[(table["spec"] == spec) & (table["sample"] == sample)]
    return found.iloc[0] if len(found) and pd.notna(found.iloc[0]["coef"]) else None


def cell(found: pd.Series | None, column: str):
    """``found[column]`` for a row from :func:`row`, None when there is no row (so a key figure records a gap)."""
    return None if found is None else found[column]


def benjamini_hochberg(p: pd.Series) -> pd.Series:
    """Benjamini-Hochberg q-values (the false-discovery rate at which each p would be declared), same index."""
    p = pd.Series(p, dtype=float)
    order = p.sort_values()
    m = len(order)
    ranked = (order * m / np.arange(1, m + 1))[::-1].cummin()[::-1].clip(upper=1.0)
    return ranked.reindex(p.index)


def holm(p: pd.Series) -> pd.Series:
    """Holm-adjusted p-values (family-wise error across the values given), same index."""
    p = pd.Series(p, dtype=float)
    order = p.sort_values()
    m = len(order)
    adjusted = (order * (m - np.arange(m))).cummax().clip(upper=1.0)
    return adjusted.reindex(p.index)


def minimum_detectable_effect(se, alpha: float = ALPHA, power: float = POWER):
    """The smallest true effect a two-sided test at ``alpha`` detects with probability ``power``: (z + z_power) x se."""
    from scipy import stats as sp_stats

    return (sp_stats.norm.ppf(1 - alpha / 2) + sp_stats.norm.ppf(power)) * se


def equal_estimates_test(coefs, ses) -> float:
    """p-value of a Wald test that estimates from disjoint samples are equal (chi-squared, k - 1 degrees of freedom)."""
    from scipy import stats as sp_stats

    b, w = np.asarray(coefs, dtype=float), 1 / np.asarray(ses, dtype=float) ** 2
    if len(b) < 2:
        return float("nan")
    pooled = (w * b).sum() / w.sum()
    return float(sp_stats.chi2.sf((w * (b - pooled) ** 2).sum(), len(b) - 1))


def _fmt_row(row, fmt: str = "{:+.2f}") -> str:
    return f"{fmt.format(row['coef'])} (p {row['p']:.3f})"


def _estimand(rows: pd.DataFrame, estimand: tuple[str, str] | None) -> pd.Series:
    if estimand is None:
        heads = rows.loc[rows["headline"]]
        if heads.empty:
            raise TooLittleDataError("the headline row has no estimate in the data held")
        return heads.iloc[0]
    spec, sample = estimand
    found = rows.loc[(rows["spec"] == spec) & (rows["sample"] == sample)]
    if found.empty:
        raise TooLittleDataError(f"the estimand ({spec}; {sample}) has no estimate in the data held")
    return found.iloc[0]


def _classify(rows: pd.DataFrame, head: pd.Series, sign: int, effect: float, power: float) -> pd.DataFrame:
    """Per row: q, mde, informative, and status (agrees, opposes, weaker, silent) against the estimand.

    Robustness rows are judged at the collection's level :data:`~helpers.analysis.significance.ALPHA` whatever the
    standard the estimand is held to, so a stricter standard can never make a verdict stronger. A row is comparable
    with the estimand when its units are the same (a weekly variance is not a daily one); only a comparable row with
    the power to see the effect can undercut it by being weaker, while a row significant with the other sign
    undercuts it regardless.
    """
    from scipy import stats as sp_stats

    out = rows.copy()
    out["q"] = benjamini_hochberg(out["p"])
    out["mde"] = minimum_detectable_effect(out["se"], ALPHA, power)
    comparable = out["units"].fillna("") == (head["units"] if isinstance(head["units"], str) else "")
    out["informative"] = comparable & (out["mde"] <= abs(effect))
    others = out.index != head.name
    # the gap between the row and the estimand, with both uncertainties (independent: conservative for nested rows);
    # for a row that leaves an episode out, the sharper test is the episode's own days against the rest (disjoint)
    gap = (head["coef"] - out["coef"]) * sign
    weaker = gap / np.sqrt(out["se"] ** 2 + head["se"] ** 2)
    p_weaker = pd.Series(np.where(weaker > 0, 2 * sp_stats.norm.sf(weaker), 1.0), index=out.index)
    episode_p = _episode_differences(out)
    p_weaker.loc[episode_p.index] = np.where(gap.loc[episode_p.index] > 0, episode_p, 1.0)
    out["q_weaker"] = np.nan
    out.loc[others, "q_weaker"] = benjamini_hochberg(p_weaker[others])
    signs = np.sign(out["coef"])
    out["status"] = "silent"
    out.loc[(signs == sign) & (out["q"] < ALPHA), "status"] = "agrees"
    out.loc[(signs == -sign) & (out["q"] < ALPHA), "status"] = "opposes"
    out.loc[others & out["informative"] & (out["q_weaker"] < ALPHA) & (out["status"] == "silent"), "status"] = "weaker"
    return out


def _episode_differences(rows: pd.DataFrame) -> pd.Series:
    """For each row that leaves an episode out and has the episode's own estimate: the two-sided p that the episode's
    days differ from the rest (disjoint samples, so independent), Holm-adjusted across those episodes."""
    from scipy import stats as sp_stats

    alone = rows.loc[(rows["kind"] == "episode")].dropna(subset=["coef_alone", "se_alone"])
    if alone.empty:
        return pd.Series(dtype=float)
    z = (alone["coef_alone"] - alone["coef"]) / np.sqrt(alone["se_alone"] ** 2 + alone["se"] ** 2)
    return holm(pd.Series(2 * sp_stats.norm.sf(np.abs(z)), index=alone.index))


def _regime_finding(rows: pd.DataFrame, head: pd.Series, alpha: float, fmt: str) -> str:
    """The regimes of the estimand's specification, group by group: differ beyond chance (Holm across groups)?"""
    regimes = rows.loc[(rows["kind"] == "regime") & (rows["spec"] == head["spec"]) & rows["group"].notna()]
    tests = {
        group: equal_estimates_test(members["coef"], members["se"])
        for group, members in regimes.groupby("group", sort=False)
        if len(members) >= 2
    }
    if not tests:
        return ""
    adjusted = holm(pd.Series(tests))
    parts = []
    for group, p in adjusted.items():
        members = regimes.loc[regimes["group"] == group]
        conclusions = members["status"].replace({"weaker": "silent"}).nunique()
        if p < alpha and conclusions > 1:  # the estimates differ beyond chance, and so do their conclusions
            signs = set(np.sign(members.loc[members["q"] < alpha, "coef"]))
            estimates = ", ".join(
                f"{fmt.format(r['coef'])} ({r['sample']}, p {r['p']:.3f})" for _, r in members.iterrows()
            )
            parts.append(f"{estimates}{', opposite signs' if len(signs) > 1 else ''}; equal across them p {p:.3f}")
    return "regime-dependent: " + "; ".join(parts) if parts else ""


def _control_findings(rows: pd.DataFrame, alpha: float = ALPHA) -> list[str]:
    """'depends on the X control': every full-sample rung with X significant and none without it, or the reverse."""
    ladder = rows.loc[rows["kind"] == "controls"]
    significant = ladder["status"].isin(["agrees", "opposes"])
    found = []
    for control in rows.attrs.get("controls") or sorted(
        {c for cs in ladder["controls"] for c in cs.split(" + ") if c != "none"}
    ):
        has = ladder["controls"].str.split(" + ", regex=False).apply(lambda cs, c=control: c in cs)
        if has.all() or not has.any():
            continue
        caveat = rows.attrs.get("bad_controls", {}).get(control)
        if significant[has].all() and not significant[~has].any():
            found.append(
                f"depends on the {control} control: significant only with it (q < {alpha:g}; "
                f"{_fmt_row(ladder.loc[has].iloc[0])} in '{ladder.loc[has].iloc[0]['spec']}')"
                + (f", a control that {caveat}" if caveat else "")
            )
        elif significant[~has].all() and not significant[has].any():
            found.append(
                f"depends on the {control} control: significant only without it (q < {alpha:g}; "
                f"{_fmt_row(ladder.loc[~has].iloc[-1])} in '{ladder.loc[~has].iloc[-1]['spec']}')"
            )
    return found


def _episode_findings(rows: pd.DataFrame, head: pd.Series, established: bool, fmt: str) -> list[str]:
    """'depends on X' where leaving X out changes the conclusion (judged with the table's q) and the days of X on their
    own differ from the rest beyond chance (a test of the two estimates, Holm across the episodes tested)."""
    episodes = rows.loc[(rows["kind"] == "episode") & (rows["spec"] == head["spec"])]
    differs = _episode_differences(rows)
    found = []
    for index, r in episodes.iterrows():
        if index not in differs.index or differs[index] >= ALPHA:
            continue
        name = r["sample"].removeprefix("without ")
        pronoun = "them" if name.startswith("all ") or name.endswith("s") else "it"
        own = f"{fmt.format(r['coef_alone'])} on {name} alone, p {differs[index]:.3f} for the difference"
        if not established and r["status"] in ("agrees", "opposes"):
            found.append(
                f"depends on {name}: significant without {pronoun} ({fmt.format(r['coef'])}, q {r['q']:.3f}; "
                f"{_fmt_row(head, fmt)} with; {own})"
            )
        elif established and r["status"] == "weaker":
            found.append(
                f"depends on {name}: significantly weaker without {pronoun} ({_fmt_row(r, fmt)}; "
                f"{_fmt_row(head, fmt)} with; {own})"
            )
    return found


def read(
    table: pd.DataFrame,
    alpha: float = ALPHA,
    claimed_sign: int | None = None,
    estimand: tuple[str, str] | None = None,
    effect: float | None = None,
    fmt: str = "{:+.2f}",
    power: float = POWER,
) -> Reading:
    """The robustness table in words, by the rule in the module docstring (:data:`RULE`).

    ``claimed_sign``: the sign a claim predicts (+1 or -1), else the estimand's
    own. ``estimand``: ``(spec, sample)`` of the row that decides (default the
    headline). ``effect``: the size a row must be able to detect to veto (a
    claim's stated effect; default the estimand's estimate). Rows without an
    estimate (too few observations) are left out. ``fmt`` formats coefficients
    (``"{:+.1%}"`` for differences of returns held as fractions).
    """
    rows = table.loc[table["coef"].notna()].copy()
    rows.attrs = dict(table.attrs)
    if rows.empty:
        raise TooLittleDataError("no estimate in the table to read")
    head = _estimand(rows, estimand)
    own = 1 if head["coef"] >= 0 else -1
    sign = int(claimed_sign) if claimed_sign else own
    reference = (
        f"the claim's, {'positive' if sign > 0 else 'negative'}"
        if claimed_sign
        else f"the estimand's own, {'positive' if sign > 0 else 'negative'}"
    )
    rows = _classify(rows, head, sign, head["coef"] if effect is None else effect, power)
    significant = head["p"] < alpha
    if significant and own == sign:
        departing_rows = rows.loc[(rows.index != head.name) & rows["status"].isin(["weaker", "opposes"])]
        outcome = FRAGILE if len(departing_rows) else ESTABLISHED
    else:
        departing_rows = rows.iloc[0:0]
        outcome = OPPOSITE if significant else NOT_ESTABLISHED
    established = outcome in (ESTABLISHED, FRAGILE)
    departing = [f"{r['spec']}, {r['sample']}: {_fmt_row(r, fmt)}" for _, r in departing_rows.iterrows()]
    uninformative = [
        f"{r['spec']}, {r['sample']}" for _, r in rows.loc[~rows["informative"] & (rows.index != head.name)].iterrows()
    ]
    regimes_text = _regime_finding(rows, head, ALPHA, fmt)
    # episodes are left out of the full sample: they speak to an estimand on the full sample only
    depends = (
        _episode_findings(rows, head, established, fmt) if head["sample"] == FULL.name else []
    ) + _control_findings(rows)
    agreeing = int(((rows["status"] == "agrees") & (rows.index != head.name)).sum())
    where = f"{head['spec']}, {head['sample']}"
    parts = [f"{outcome} ({where}: {_fmt_row(head, fmt)})"]
    if departing:
        parts.append("weaker or reversed in " + "; ".join(departing))
    parts += [regimes_text] if regimes_text else []
    parts += depends
    tally = (
        f"{agreeing} of {len(rows) - 1} other rows significant with the reference sign (q < {ALPHA:g}; overlapping "
        "samples and specifications, not independent evidence)"
    )
    if established:
        tally += (
            f"; {len(uninformative)} in other units or too imprecise to tell "
            "(minimum detectable effect above the estimate)"
        )
    parts.append(tally)
    return Reading(
        outcome=outcome,
        label=outcome,
        sentence="; ".join(parts),
        estimand=head,
        sign=sign,
        reference=reference,
        regime_dependent=bool(regimes_text),
        regimes=regimes_text,
        depends=depends,
        departing=departing,
        uninformative=uninformative,
        agreeing=agreeing,
        rows=len(rows),
        table=rows,
    )


def read_available(table: pd.DataFrame, **options) -> Reading | None:
    """:func:`read`, or None when the data held give no estimate of the estimand (too few observations or events):
    the one case a notebook reports as "too little data" instead of a reading."""
    try:
        return read(table, **options)
    except TooLittleDataError:
        return None


def rule_text(
    alpha: float = ALPHA,
    claimed_sign: int | None = None,
    estimand: tuple[str, str] | None = None,
    effect: str = "a claim's stated effect, else the estimand's estimate",
    power: float = POWER,
) -> str:
    """The reading rule as a sentence, with the reference sign and the estimand it uses, for notebooks to print."""
    from scipy import stats as sp_stats

    reference = {1: "the claim's, positive", -1: "the claim's, negative"}.get(claimed_sign or 0, "the estimand's own")
    where = f"{estimand[0]}; {estimand[1]}" if estimand else "the headline row"
    return RULE.format(
        alpha=alpha,
        row_alpha=ALPHA,
        reference=reference,
        estimand=where,
        power=power,
        power_z=float(sp_stats.norm.ppf(power)),
        effect=effect,
    )

"""Robustness of a headline estimate: the same estimate across a stated set of specifications and samples.

A finding that holds in one specification, one sample and one window is not yet
a finding. :func:`run` takes an estimate (any function of a specification and a
sample that returns a coefficient with its standard error) and computes it

* on the full sample, for every specification: unconditional, with the market
  only, with each added control, with all controls, and any alternative
  (another frequency, another measure of the same thing);
* on every other sample, for the specifications named in ``across``: regime
  splits (before 2022 and from 2022, and whatever the question needs) and the
  full sample without named episodes (March 2020, March 2023, the 2024
  election week, see :data:`EPISODES`),

and returns one tidy table: ``spec``, ``sample``, ``kind``, ``coef``, ``se``,
``t``, ``p``, ``n``, ``headline``.

:func:`read` turns that table into words by a stated rule (:data:`RULE`), so a
notebook's conclusion can say "holds in every specification" or "depends on the
credit control" only when the table says so. The rule, in order:

1. no row significant (either sign) at ``alpha``: **not significant in any specification**;
2. every row significant with the reference sign: **holds in every specification**;
   the headline significant with the other sign (a claim's sign given):
   **significant with the other sign**;
3. otherwise the first that applies of: **depends on a control** (every
   full-sample rung of the control ladder with that control is significant and
   none without it is, or the reverse); **depends on an episode** (leaving an
   episode out moves the headline specification across the significance
   line); **sign changes across regimes** (the headline specification's
   estimate in a sub-period has the other sign); and else **same sign, not
   always significant**.

Every other rule that applies is listed after the first in :attr:`Reading.sentence`.
The reference sign is the claim's (``expected_sign``) when given, else the headline's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import regression as reg

ALPHA = 0.05

# Outcomes of the reading rule (Reading.outcome).
NONE = "not significant in any specification"
HOLDS = "holds in every specification"
DEPENDS_CONTROL = "depends on a control"
DEPENDS_EPISODE = "depends on an episode"
SIGN_CHANGES = "sign changes across regimes"
PARTIAL = "same sign, not always significant"
OPPOSITE = "significant with the other sign"
OUTCOMES = (NONE, HOLDS, OPPOSITE, DEPENDS_CONTROL, DEPENDS_EPISODE, SIGN_CHANGES, PARTIAL)

RULE = (
    "An estimate counts as significant when p < {alpha:g} with the reference sign ({sign}). "
    "Not significant in any row: 'not significant in any specification'. Significant in every row: 'holds in every "
    "specification'. The headline significant with the other sign: 'significant with the other sign'. Otherwise the "
    "first that applies: 'depends on <control>' (significant in every full-sample "
    "specification with that control and in none without it, or the reverse); 'depends on <episode>' (leaving the "
    "episode out moves the headline specification across the significance line); 'sign changes across regimes' (the "
    "headline specification has the other sign in a sub-period); else 'same sign, not always significant'."
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
    ``select_fn`` to select by something other than dates).
    """

    name: str
    kind: str = "full"
    start: str | None = None
    end: str | None = None
    exclude: tuple[tuple[str, str], ...] = ()
    select_fn: Callable | None = None

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


def between(name: str, start=None, end=None) -> Sample:
    """A regime: the dates from ``start`` to ``end`` (inclusive; None leaves that side open)."""
    return Sample(name, "regime", None if start is None else str(start), None if end is None else str(end))


def without(name: str, *windows: tuple[str, str]) -> Sample:
    """The full sample without the given date windows (each ``(first, last)``, inclusive)."""
    return Sample(f"without {name}", "episode", exclude=tuple((str(a), str(b)) for a, b in windows))


def regimes(break_date: str = REGIME_BREAK, extra: Mapping[str, tuple] | None = None) -> list[Sample]:
    """Before and from ``break_date``, plus any ``extra`` regimes ``{name: (start, end)}``."""
    cut = pd.Timestamp(break_date)
    out = [between(f"before {cut:%Y-%m-%d}", None, cut - pd.Timedelta(days=1)), between(f"from {cut:%Y-%m-%d}", cut, None)]
    for name, (start, end) in (extra or {}).items():
        out.append(between(name, start, end))
    return out


def episodes(named: Mapping[str, tuple[str, str]] = EPISODES, together: bool = True) -> list[Sample]:
    """The full sample without each named episode, and (``together``) without all of them at once."""
    out = [without(name, window) for name, window in named.items()]
    if together and len(named) > 1:
        out.append(without("all three episodes" if len(named) == 3 else "all named episodes", *named.values()))
    return out


COLUMNS = ["spec", "sample", "kind", "controls", "coef", "se", "t", "p", "n", "headline", "note"]


def run(estimate: Callable[[Spec, Sample], Estimate], specs: Iterable[Spec], samples: Iterable[Sample] = (),
        headline: str | None = None, across: Iterable[str] | None = None, full: Sample = FULL) -> pd.DataFrame:
    """The headline estimate across specifications and samples, as one tidy table.

    ``estimate(spec, sample)`` returns an :class:`Estimate` (or raises
    ``ValueError`` when the sample is too small: the row then has NaN and the
    message in ``note``). Every spec runs on ``full``; the specs named in
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
    by_name = {s.name: s for s in specs}
    jobs = [(spec, full, spec.kind) for spec in specs]
    for sample in samples:
        jobs += [(by_name[name], sample, sample.kind) for name in across]
    rows = []
    for spec, sample, kind in jobs:
        row = {"spec": spec.name, "sample": sample.name, "kind": kind, "controls": " + ".join(spec.controls) or "none",
               "headline": spec.name == headline and sample is full, "note": ""}
        try:
            found = estimate(spec, sample)
            row.update(coef=found.coef, se=found.se, t=found.t, p=found.p, n=found.n)
        except ValueError as exc:
            row.update(coef=np.nan, se=np.nan, t=np.nan, p=np.nan, n=0, note=str(exc))
        rows.append(row)
    table = pd.DataFrame(rows, columns=COLUMNS)
    table["n"] = table["n"].astype(int)
    table.attrs["controls"] = sorted({c for s in specs for c in s.controls})
    return table


# ----------------------------------------------------------------------------- estimates


def regression_estimate(frames: pd.DataFrame | Mapping[str, pd.DataFrame], y: str, term: str,
                        control_columns: Mapping[str, list[str]], **ols_options) -> Callable[[Spec, Sample], Estimate]:
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
            raise ValueError(f"too few observations: {len(values)}")
        se = float(values.std(ddof=1) / np.sqrt(len(values)))
        t = float(values.mean() / se) if se > 0 else np.nan
        p = float(2 * sp_stats.t.sf(abs(t), df=len(values) - 1)) if se > 0 else np.nan
        return Estimate(float(values.mean()), se, t, p, len(values))
    first, second = a.dropna(), pd.Series(b, dtype=float).dropna()
    if len(first) < 2 or len(second) < 2:
        raise ValueError(f"too few observations: {len(first)} and {len(second)}")
    va, vb = first.var(ddof=1) / len(first), second.var(ddof=1) / len(second)
    se = float(np.sqrt(va + vb))
    result = sp_stats.ttest_ind(first, second, equal_var=False)
    return Estimate(float(first.mean() - second.mean()), se, float(result.statistic), float(result.pvalue),
                    len(first) + len(second))


# ----------------------------------------------------------------------------- the reading rule


@dataclass
class Reading:
    """What the robustness table says, in words chosen by the stated rule."""

    outcome: str  # one of OUTCOMES
    label: str  # the outcome with its names filled in, e.g. "depends on the credit control"
    sentence: str  # the label and every other finding that applies
    findings: list[str]
    significant: int  # rows significant with the reference sign
    rows: int  # rows with an estimate
    sign: int  # the reference sign (+1 or -1)
    headline_significant: bool

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


def _significant(table: pd.DataFrame, alpha: float, sign: int) -> pd.Series:
    return (table["p"] < alpha) & (np.sign(table["coef"]) == sign)


def _fmt_row(row, fmt: str = "{:+.2f}") -> str:
    return f"{fmt.format(row['coef'])} (p {row['p']:.3f})"


def read(table: pd.DataFrame, alpha: float = ALPHA, expected_sign: int | None = None, fmt: str = "{:+.2f}") -> Reading:
    """The robustness table in words, by the rule in the module docstring (:data:`RULE`).

    ``expected_sign``: the sign a claim predicts (+1 or -1); default the
    headline estimate's sign. Rows without an estimate (too few observations)
    are left out of the reading. ``fmt`` formats coefficients in the words
    (``"{:+.1%}"`` for differences of returns held as fractions).
    """
    table = table.loc[table["coef"].notna()].copy()
    if table.empty:
        raise ValueError("no estimate in the table to read")
    heads = table.loc[table["headline"]]
    head = heads.iloc[0] if len(heads) else table.iloc[0]
    sign = int(expected_sign) if expected_sign else (1 if head["coef"] >= 0 else -1)
    sig = _significant(table, alpha, sign)
    any_sig = table["p"] < alpha
    findings: list[tuple[str, str]] = []  # (outcome, text)

    # controls: full-sample rungs of the ladder with and without each control
    ladder = table.loc[table["kind"] == "controls"]
    for control in table.attrs.get("controls") or sorted({c for cs in ladder["controls"] for c in cs.split(" + ") if c != "none"}):
        has = ladder["controls"].str.split(" + ", regex=False).apply(lambda cs, c=control: c in cs)
        with_, without_ = ladder.loc[has], ladder.loc[~has]
        if with_.empty or without_.empty:
            continue
        sig_with, sig_without = sig.loc[with_.index], sig.loc[without_.index]
        if sig_with.all() and not sig_without.any():
            findings.append((DEPENDS_CONTROL, f"depends on the {control} control: significant only with it "
                             f"({_fmt_row(with_.iloc[0], fmt)} in '{with_.iloc[0]['spec']}', "
                             f"{_fmt_row(without_.iloc[-1], fmt)} in '{without_.iloc[-1]['spec']}')"))
        elif sig_without.all() and not sig_with.any():
            findings.append((DEPENDS_CONTROL, f"depends on the {control} control: significant only without it "
                             f"({_fmt_row(without_.iloc[-1], fmt)} in '{without_.iloc[-1]['spec']}', "
                             f"{_fmt_row(with_.iloc[0], fmt)} in '{with_.iloc[0]['spec']}')"))

    # episodes: the headline spec on the full sample against the sample without the episode
    base = head
    for _, row in table.loc[(table["kind"] == "episode") & (table["spec"] == head["spec"])].iterrows():
        base_sig = bool(base["p"] < alpha and np.sign(base["coef"]) == sign)
        if base_sig != bool(sig.loc[row.name]):
            what = "loses significance" if base_sig else "becomes significant"
            name = row["sample"].removeprefix("without ")
            pronoun = "them" if name.startswith("all ") or name.endswith("s") else "it"
            findings.append((DEPENDS_EPISODE, f"depends on {name}: the headline {what} without {pronoun} "
                             f"({_fmt_row(base, fmt)} with, {_fmt_row(row, fmt)} without)"))

    # regimes: the headline spec's estimate of the other sign in a sub-period
    regime_rows = table.loc[(table["kind"] == "regime") & (table["spec"] == head["spec"])]
    flipped = regime_rows.loc[np.sign(regime_rows["coef"]) == -sign]
    if len(flipped):
        parts = [f"{fmt.format(r['coef'])} ({r['sample']}{', significant' if r['p'] < alpha else ''})"
                 for _, r in flipped.iterrows()]
        findings.append((SIGN_CHANGES, "sign changes across regimes: " + "; ".join(parts)))

    rows, significant = len(table), int(sig.sum())
    head_sig = bool(sig.loc[head.name])
    if not any_sig.any():
        outcome, label = NONE, NONE
    elif significant == rows:
        outcome, label = HOLDS, HOLDS
    elif head["p"] < alpha and np.sign(head["coef"]) == -sign:
        outcome, label = OPPOSITE, OPPOSITE
    else:
        order = [DEPENDS_CONTROL, DEPENDS_EPISODE, SIGN_CHANGES]
        first = next(((o, text) for o in order for (kind, text) in findings if kind == o), None)
        if first is None:
            outcome, label = PARTIAL, f"{PARTIAL} (significant in {significant} of {rows} rows)"
        else:
            outcome, label = first[0], first[1].split(":")[0]
    others = [text for _, text in findings if not text.startswith(label)]
    head_text = f"headline {_fmt_row(head, fmt)}, significant in {significant} of {rows} rows"
    lead = next((text for _, text in findings if text.startswith(label)), label)
    sentence = "; ".join([lead, *others]) + f" ({head_text})"
    return Reading(outcome=outcome, label=label, sentence=sentence, findings=[t for _, t in findings],
                   significant=significant, rows=rows, sign=sign, headline_significant=head_sig)


def rule_text(alpha: float = ALPHA, expected_sign: int | None = None) -> str:
    """The reading rule as a sentence, for notebooks to print beside the table."""
    sign = {1: "positive", -1: "negative"}.get(expected_sign or 0, "the headline's")
    return RULE.format(alpha=alpha, sign=sign)

"""Notebook 02 (the Fed's cuts): its key figures and its conclusion. The recent decisions (from the notebook's start
date) may not be in the data yet, or hold no cut yet: then their figures are recorded as missing and the conclusion
says so first; the easing cycles since the 1950s are read as usual on what was published by the as-of date."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from helpers.analysis import cycles, fed, robustness as rb, specs
from helpers.analysis.significance import ALPHA
from helpers.analysis.stats import share_positive

from ..keyfigures import KeyFigures


@dataclass
class Results:
    """What notebook 02 computed: the decisions since ``start`` and what followed them, then the easing cycles."""

    start: str  # first date of the recent decisions studied
    data_through: pd.Timestamp  # the last close of IWM held
    decided: pd.DataFrame  # decisions since ``start`` (h.fomc_decisions(decided_only=True))
    agreement: pd.DataFrame  # helpers.analysis.checks.fomc_vs_target: every curated decision against FRED
    rates: pd.DataFrame  # DFF, DGS2, DGS10, ... since ``start`` (percent; empty before it)
    rates_change: pd.DataFrame | None  # fed.rates_around the first cut (None: no cut yet)
    around: pd.DataFrame  # fed.around_decisions
    windows: tuple  # the cycle windows, months after a first cut (specs.cycle_windows)
    rule: cycles.EasingRule
    starts: pd.DatetimeIndex  # first cuts for analysis (specs.cycle_starts)
    real_time: pd.DatetimeIndex  # starts by the rule without look-ahead
    classes: pd.DataFrame  # specs.cycle_classes
    unemployment: tuple  # (agreeing, compared): the unemployment rule against USREC
    after_cut: pd.DataFrame  # cycles.premium_windows of SMB and IWM-IWB, with "kind"
    test: pd.Series  # stats.compare_means: the claim's window against the first, paired across cycles
    baseline: float  # SMB over any window of the first one's length (fraction)
    bootstrap: dict  # cycles.random_start_bootstrap of the claim's window
    cycle_table: pd.DataFrame  # specs.cycle_robustness
    cycle_reading: rb.Reading
    resumption_day: str  # the cut that resumed easing, as the notebook's parameter names it
    resumption: fed.Resumption | None  # None until that cut is in the data


def _name(window) -> str:
    return f"smb_months_{window[0]}_{window[1]}"


def record(results: Results) -> KeyFigures:
    """The notebook's key figures (see the labels) from its results."""
    key = KeyFigures()
    _decisions(key, results)
    _cycles(key, results)
    _robustness(key, results)
    day, found = pd.Timestamp(results.resumption_day), results.resumption
    key.add("resumption_day", day, "date", "the cut that resumed easing after the pause")
    key.add(
        "resumption_smb_6m",
        found.returns.get("SMB") if found else None,
        "fraction",
        f"SMB in the six months after the {day:%B %Y} resumption",
        fmt="{:+.1%}",
    )
    key.add(
        "resumption_iwm_iwb_6m",
        found.returns.get("IWM-IWB") if found else None,
        "fraction",
        "IWM minus IWB over the same six months",
        fmt="{:+.1%}",
    )
    key.mark_headlines("cuts", "change_dgs10", "cycle_headline")
    return key


def _decisions(key: KeyFigures, results: Results) -> None:
    decided, agreement = results.decided, results.agreement
    cuts = fed.cuts_of(decided)
    seen, cut = len(decided) > 0, len(cuts) > 0
    key.add("decisions_from", results.start, "date", "first date of the decisions studied")
    key.add("data_through", results.data_through, "date", "last close of IWM held")
    key.add("decisions", len(decided) if seen else None, "count", "FOMC decisions since then in the data")
    key.add("cuts", len(cuts) if seen else None, "count", "FOMC cuts among them")
    key.add("first_cut", cuts.index[0] if cut else None, "date", "first cut")
    key.add("last_cut", cuts.index[-1] if cut else None, "date", "latest cut")
    key.add("cuts_total_bp", cuts["change_bp"].sum() if cut else None, "bp", "sum of the cuts")
    key.add(
        "target_lower",
        cuts["lower"].iloc[-1] if cut else None,
        "percent",
        "bottom of the target range after the latest cut",
    )
    key.add(
        "target_upper",
        cuts["upper"].iloc[-1] if cut else None,
        "percent",
        "top of the target range after the latest cut",
    )
    checked = len(agreement) > 0
    key.add(
        "decisions_agreeing",
        int(agreement["agrees"].sum()) if checked else None,
        "count",
        "curated decisions agreeing with FRED's target range",
    )
    key.add("decisions_checked", len(agreement) if checked else None, "count", "curated decisions checked against FRED")
    key.add("data_end", results.rates.index[-1] if len(results.rates) else None, "date", "last day of the rate data")
    change = results.rates_change
    for series in ["DFF", "DGS2", "DGS10"]:
        key.add(
            f"change_{series.lower()}",
            change.loc[series, "change (pp)"] if change is not None else None,
            "pp",
            f"{series}, change from the day before the first cut to the end of the data",
        )
    week = fed.after_cuts(results.around, fed.WEEK_AFTER)
    a, b = fed.WEEK_AFTER
    key.add(
        "week_after_cut_mean",
        week.mean() if len(week) else None,
        "fraction",
        f"IWM minus IWB over days {a} to +{b} after a cut, average",
        fmt="{:+.2%}",
    )
    key.add("week_after_cut_events", len(week) if len(week) else None, "count", "cuts in that average")
    key.add(
        "week_after_cut_share_positive",
        share_positive(week) if len(week) else None,
        "fraction",
        "share of those cuts with IWM ahead",
        fmt="{:.0%}",
    )


def _cycles(key: KeyFigures, results: Results) -> None:
    test, (c, d), (a, b) = results.test, results.windows[0], specs.CLAIM_WINDOW
    means = results.after_cut[[f"SMB months {x}-{y}" for x, y in results.windows]].mean()
    key.add("cycles_tested", test[f"n {a}-{b}"], "count", "easing cycles with both windows")
    key.add("cycles_since", results.starts[0].year, "years", "first year of those cycles")
    for x, y in results.windows:
        key.add(
            _name((x, y)),
            means[f"SMB months {x}-{y}"],
            "fraction",
            f"SMB, months {x}-{y} after a first cut, average",
            fmt="{:+.1%}",
        )
    key.add("smb_any_six_months", results.baseline, "fraction", "SMB over any six months, average", fmt="{:+.1%}")
    key.add("cycle_test_t", test["t"], "t-stat", f"paired t, months {a}-{b} against {c}-{d}")
    key.add("cycle_test_p", test["p"], "p-value", "p-value of the paired test", fmt="p = {:.2f}")
    gap = results.after_cut[f"SMB months {a}-{b}"] - results.after_cut[f"SMB months {c}-{d}"]
    key.add(
        "cycles_later_better",
        share_positive(gap),
        "fraction",
        f"share of cycles with months {a}-{b} ahead of months {c}-{d}",
        fmt="{:.0%}",
    )
    key.add(
        "best_window",
        means.idxmax().removeprefix("SMB ") if means.notna().any() else None,
        "text",
        "the window after a first cut with the highest average SMB",
    )
    key.add("look_ahead_months", results.rule.look_ahead_months, "count", "months after a start the cycle rule reads")
    key.add("realtime_cycles", len(results.real_time), "count", "starts found by the real-time rule")
    kinds = results.classes["kind"]
    key.add("recession_cycles", int((kinds == cycles.RECESSION).sum()), "count", "recession cuts")
    key.add("insurance_cycles", int((kinds == cycles.INSURANCE).sum()), "count", "insurance cuts")
    key.add(
        "unemployment_rule_agreeing",
        results.unemployment[0],
        "count",
        "cycles on which the unemployment rule agrees with USREC",
    )
    key.add("unemployment_rule_compared", results.unemployment[1], "count", "cycles both classify")
    boot = results.bootstrap
    key.add(
        "bootstrap_smb_6_12",
        boot["actual"],
        "fraction",
        "SMB in months 6-12 after the first cuts (bootstrap sample)",
        fmt="{:+.1%}",
    )
    key.add(
        "bootstrap_random_mean", boot["mean"], "fraction", "the same after random start dates, average", fmt="{:+.1%}"
    )
    key.add("bootstrap_p", boot["p"], "p-value", "share of random draws at least as high (one-sided)", fmt="p = {:.2f}")


def _add_row(key: KeyFigures, names: tuple[str, str], found, label: str) -> None:
    """A robustness row's difference (fraction) and p-value as two figures (missing when the row has no estimate)."""
    key.add(names[0], rb.cell(found, "coef"), "fraction", label, fmt="{:+.1%}")
    key.add(names[1], rb.cell(found, "p"), "p-value", f"its p-value ({label})", fmt="p = {:.2f}")


def _robustness(key: KeyFigures, results: Results) -> None:
    table, reading = results.cycle_table, results.cycle_reading

    def row(spec=reading.estimand["spec"], sample="full sample"):
        return rb.row(table, spec, sample)

    rest = specs.window_name(results.windows)
    key.add("cycle_comparison", rest, "text", "what months 6-12 after a first cut are compared with")
    key.add("cycle_reading", reading.label, "text", f"months 6-12 against {rest}, by the stated rule")
    _add_row(key, ("cycle_headline", "cycle_headline_p"), row(), f"SMB, months 6-12 minus {rest}, average")
    key.add(
        "cycle_rows_significant",
        reading.agreeing,
        "count",
        "other rows significant and positive after the false-discovery control",
    )
    key.add("cycle_rows", reading.rows - 1, "count", "other rows of the robustness table")
    key.add(
        "realtime_p",
        rb.cell(row("SMB: real-time rule starts"), "p"),
        "p-value",
        "p-value of the test on the real-time starts",
        fmt="p = {:.2f}",
    )
    for kind in (cycles.RECESSION, cycles.INSURANCE):
        _add_row(
            key,
            (f"cycle_diff_{kind}", f"cycle_p_{kind}"),
            row(sample=f"{kind} cuts"),
            f"months 6-12 minus the rest, {kind} cuts",
        )
    split_year = pd.Timestamp(specs.CYCLE_SPLIT).year
    key.add(
        "cycle_split_year", split_year, "years", "the year the published first cuts take over from the rule's months"
    )
    for name, sample in [
        ("before_split", f"before {split_year} (the rule's months)"),
        ("from_split", f"from {split_year} (published dates)"),
    ]:
        _add_row(
            key,
            (f"cycle_diff_{name}", f"cycle_p_{name}"),
            row(sample=sample),
            f"months 6-12 minus the rest, cycles {sample}",
        )
    left_out = table.loc[(table["kind"] == "episode") & table["p"].notna()]
    key.add(
        "leave_one_out_p_min",
        left_out["p"].min() if len(left_out) else None,
        "p-value",
        "lowest p with one cycle left out",
        fmt="p = {:.2f}",
    )
    key.add(
        "leave_one_out_p_max",
        left_out["p"].max() if len(left_out) else None,
        "p-value",
        "highest p with one cycle left out",
        fmt="p = {:.2f}",
    )
    key.add(
        "leave_one_out_deciding",
        "; ".join(d for d in reading.depends if "cycle" in d) or "none",
        "text",
        "cycles whose removal changes the conclusion beyond chance (false-discovery control across the table)",
    )
    iwm = row("IWM-IWB: months 6-12 minus the rest")
    key.add("iwm_iwb_cycles", rb.cell(iwm, "n"), "count", "cycles with IWM minus IWB over two complete years")
    _add_row(key, ("iwm_iwb_diff", "iwm_iwb_p"), iwm, "IWM minus IWB, months 6-12 minus the rest, average")


# ----------------------------------------------------------------------------- the conclusion


def _decisions_text(key: KeyFigures) -> str:
    since, through, cycles_since = key.text("decisions_from"), key.text("data_through"), key.text("cycles_since")
    if not key["decisions"]:
        return (
            f"**The Fed's decisions from {since}, this notebook's first subject, are not yet observable:** the "
            f"data end on {through}, before the first of them, so the cuts, the rates around them and small caps "
            "around each announcement are recorded as missing. What the data can still examine is every easing "
            f"cycle since {cycles_since}, below."
        )
    checked = (
        f"{key.text('decisions_agreeing')} of {key.text('decisions_checked')} curated decisions agree with "
        "FRED's target range"
    )
    if not key["cuts"]:
        return (
            f"**No cut yet:** none of the {key.text('decisions')} FOMC decisions from {since} to {through} was a "
            "cut, so the cuts this notebook is about, the rates around them and small caps after each cut are not "
            f"yet observable (recorded as missing); {checked}. What the data can still examine is every easing "
            f"cycle since {cycles_since}, below."
        )
    count = (
        f"**{key.text('cuts')} times** between {key['first_cut']:%B %Y} and {key['last_cut']:%B %Y}"
        if key["cuts"] > 1
        else f"**once**, in {key['first_cut']:%B %Y}"
    )
    text = (
        f"The Fed cut {count}, by {-key['cuts_total_bp']:.0f} bp in all, to "
        f"{key['target_lower']:.2f}–{key['target_upper']:.2f}%; {checked}.{_rates_text(key)}"
    )
    if key["week_after_cut_events"]:
        text += (
            f"\n\nAround the announcements, over the week after a cut (days 0 to 5) IWM minus IWB averaged "
            f"{key.text('week_after_cut_mean')} across {key.text('week_after_cut_events')} cuts, positive after "
            f"{key.text('week_after_cut_share_positive')} of them."
        )
    return text


def _rates_text(key: KeyFigures) -> str:
    """How rates moved from the day before the first cut ("" until a rate after the cut is held)."""
    if key["change_dgs10"] is None:
        return ""
    follow = (
        "long rates did not follow the policy rate down"
        if key["change_dgs10"] > 0
        else "long rates fell less than the policy rate"
        if key["change_dgs10"] > key["change_dff"]
        else "long rates fell as far as the policy rate"
    )
    return (
        f" From the day before the first cut to {key['data_end']:%d %B %Y} the effective rate moved "
        f"{key.text('change_dff')}, the 2-year yield {key.text('change_dgs2')} and the 10-year yield "
        f"**{key.text('change_dgs10')}**: {follow}."
    )


def _windows(key: KeyFigures) -> list[tuple[int, int]]:
    """The cycle windows recorded (from the figure names ``smb_months_a_b``)."""
    found = [re.fullmatch(r"smb_months_(\d+)_(\d+)", f.name) for f in key.figures()]
    return [(int(m.group(1)), int(m.group(2))) for m in found if m]


def _verdict(key: KeyFigures) -> str:
    if key["cycle_reading"] == rb.ESTABLISHED:
        return (
            "Months 6–12 were the strongest half-year, beyond chance, in every specification and cycle set with "
            "the power to tell"
        )
    if key["cycle_reading"] == rb.FRAGILE:
        return (
            f"Months 6–12 were the strongest half-year beyond chance, but not in every informative row "
            f"({key.text('cycle_reading')})"
        )
    best = (
        "On average months 6–12 were the strongest half-year"
        if key["best_window"] == "months 6-12"
        else "On average months 6–12 were not the strongest half-year"
    )
    return (
        f"{best}, {key.text('cycle_headline')} above {key['cycle_comparison']}, but not beyond chance "
        f"({key.text('cycle_headline_p')}): not shown, rather than contradicted"
    )


def _cycles_text(key: KeyFigures) -> str:
    windows = _windows(key)
    claim, first = specs.CLAIM_WINDOW, windows[0]
    parts = [
        f"{key.text(_name(first))} in months {first[0]}–{first[1]} after the first cut",
        f"**{key.text(_name(claim))} in months {claim[0]}–{claim[1]}**",
    ]
    parts += [f"{key.text(_name(w))} in months {w[0]}–{w[1]}" for w in windows if w not in (claim, first)]
    listed = ", ".join(parts[:-1]) + " and " + parts[-1]
    return (
        f"Across {key.text('cycles_tested')} easing cycles since {key.text('cycles_since')}, SMB averaged {listed} "
        f"(the best window: {key.text('best_window')}), against {key.text('smb_any_six_months')} for any six "
        f"months; months {claim[0]}–{claim[1]} beat months {first[0]}–{first[1]} in "
        f"{key.text('cycles_later_better')} of cycles. **{_verdict(key)}** ({key.text('cycle_rows_significant')} "
        f"of the {key.text('cycle_rows')} other rows of the robustness table significant after the false-discovery "
        "control)."
    )


def _sets_text(key: KeyFigures) -> str:
    split, rest = key.text("cycle_split_year"), key["cycle_comparison"]
    deciding = (
        "read as the many tests they are (false-discovery control across the table), no single cycle decides "
        "the result."
        if key["leave_one_out_deciding"] == "none"
        else f"beyond chance: {key.text('leave_one_out_deciding')}."
    )
    stands_out = "stand out" if key["bootstrap_p"] < ALPHA else "not stand out"
    return (
        f"In the {key.text('recession_cycles')} recession cycles months 6–12 beat {rest} by "
        f"{key.text('cycle_diff_recession')} ({key.text('cycle_p_recession')}), in the "
        f"{key.text('insurance_cycles')} insurance cycles by {key.text('cycle_diff_insurance')} "
        f"({key.text('cycle_p_insurance')}); in the rule's cycles before {split} by "
        f"{key.text('cycle_diff_before_split')} ({key.text('cycle_p_before_split')}) and in the published ones "
        f"since by {key.text('cycle_diff_from_split')} ({key.text('cycle_p_from_split')}). Leaving out one cycle "
        f"at a time moves p between {key.text('leave_one_out_p_min')} and {key.text('leave_one_out_p_max')}; "
        f"{deciding} Against random start dates the first cuts do {stands_out}: SMB averaged "
        f"{key.text('bootstrap_smb_6_12')} in months 6–12 after them and {key.text('bootstrap_random_mean')} after "
        f"random days ({key.text('bootstrap_p')}). The cycle rule reads {key.text('look_ahead_months')} months "
        f"past each start; its real-time variant finds {key.text('realtime_cycles')} starts and gives "
        f"{key.text('realtime_p')}."
    )


def _etf_text(key: KeyFigures) -> str:
    text = ""
    if key["iwm_iwb_cycles"]:
        text = (
            f"IWM minus IWB, the Russell pair the article means, covers {key.text('iwm_iwb_cycles')} cycles: "
            f"months 6–12 minus the rest averaged {key.text('iwm_iwb_diff')} ({key.text('iwm_iwb_p')})"
            + (", too few cycles for a test to say much." if key["iwm_iwb_cycles"] < 10 else ".")
        )
    smb, etf = key["resumption_smb_6m"], key["resumption_iwm_iwb_6m"]
    if smb is None or etf is None:
        return text
    agree = (
        "the two measures agree in sign."
        if (smb > 0) == (etf > 0)
        else (
            "the two measures disagree in sign, "
            "so SMB cannot stand in for the Russell 2000 against the Russell 1000 here."
        )
    )
    return text + (
        f" In the six months after the {key['resumption_day']:%B %Y} resumption SMB returned "
        f"{key.text('resumption_smb_6m')} and IWM minus IWB {key.text('resumption_iwm_iwb_6m')}: {agree}"
    )


def summary(key: KeyFigures) -> str:
    """The conclusion, from the recorded key figures only: the recent decisions (or that they are not observable
    yet), then the easing cycles."""
    parts = (_decisions_text(key), _cycles_text(key), _sets_text(key), _etf_text(key))
    return "\n\n".join(part for part in parts if part)

"""Notebook 07 (did the rotation last?): its key figures and its conclusion, from the recorded figures only.

The conclusion's first paragraph is the line the book's landing page quotes: what the follow-through shows so far,
as of the last close held, or, before a close after the articles' date is in the data, that its subject has not
happened yet.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.analysis import follow_through as ft, legs, rate_check
from helpers.analysis.ledger.rules.regularities import verdict_of
from helpers.analysis.ledger.rules.reported import AHEAD, BEHIND, band_reading
from helpers.analysis.ledger.standard import STANDARD
from helpers.analysis.significance import INTERVAL

from ..keyfigures import KeyFigures, is_missing, slug

RULES = {"IWM_IWB": "IWM minus IWB", "RUT_SPX": "the Russell 2000 against the S&P 500", "SMB": "SMB"}
RATE_ROWS = {"full sample": "full", "from the 2024 first cut": "first_cut"}  # 05's rows the conclusion quotes
GRADED = {
    "JEF_TARGET_2825": "target",
    "TWO_CUTS_2026": "cuts",
    "JPM_LIMITED_H1": "first_half",
    "LEADERSHIP_2026": "year",
}


@dataclass
class Results:
    """What notebook 07 computed: the follow-through of each registered rule, the legs over each period, the rate
    check with the FOMC's decisions in its window, the scorecard and breadth."""

    as_of: pd.Timestamp | None  # the as-of date in force (None: all data held)
    tests: dict  # rule id -> follow_through.FollowThrough
    legs: pd.DataFrame  # legs.measure(legs.LEGS, periods)
    periods: dict  # period name -> (start, end)
    rates: rate_check.Check | None
    decided: pd.DataFrame  # FOMC decisions in the rate window (h.fomc_decisions(decided_only=True))
    grades: list  # scorecard.Grade, in the table's order
    breadth: pd.DataFrame  # legs.measure(legs.breadth_pairs(), {since the event: ...})


# ----------------------------------------------------------------------------- the record


def _record_horizon(key: KeyFigures, test: ft.FollowThrough, months: int, row: pd.Series) -> None:
    name, what = test.rule.id.lower(), RULES.get(test.rule.id, test.rule.series)
    observed = row["status"] == ft.OBSERVED
    key.add(
        f"{name}_{months}m",
        row["move"] if observed else None,
        "fraction",
        f"{what}, {months} month(s) after the event (to {row['ends']:%Y-%m-%d})",
        fmt="{:+.1%}",
    )
    key.add(f"{name}_{months}m_band", row["band"] if observed else None, "fraction", "its band (±)", fmt="{:.1%}")
    key.add(
        f"{name}_{months}m_reading",
        row["reading"] if observed else row["status"],
        "text",
        "that move against its band (or pending)",
    )
    if test.rule.compares:
        compared = test.comparison.loc[months]
        key.add(
            f"{name}_{months}m_strong_median",
            compared["median"],
            "fraction",
            f"median {what} over the same horizon after the {len(test.strong)} strongest past openings",
            fmt="{:+.1%}",
        )
        key.add(
            f"{name}_{months}m_percentile",
            compared["percentile"],
            "fraction",
            "share of those at or below this year's move",
            fmt="{:.0%}",
        )


def _record_rule(key: KeyFigures, test: ft.FollowThrough) -> None:
    rule, name, what = test.rule, test.rule.id.lower(), RULES.get(test.rule.id, test.rule.series)
    found = test.so_far
    key.add(f"{name}_through", test.last, "date", f"so far, as of: the last observation of {what} held")
    key.add(
        f"{name}_so_far",
        found.move if found else None,
        "fraction",
        f"{what} from the event's close to the last close held",
        fmt="{:+.1%}",
    )
    key.add(f"{name}_so_far_band", STANDARD.z * found.sd if found else None, "fraction", "its band (±)", fmt="{:.1%}")
    key.add(
        f"{name}_so_far_reading",
        band_reading(found.z, STANDARD) if found else None,
        "text",
        "that move against its band",
    )
    for months, row in test.horizons.iterrows():
        _record_horizon(key, test, months, row)
    if rule.compares:
        key.add(
            f"{name}_strong_years",
            ", ".join(str(y) for y in test.strong.index) or "none",
            "text",
            f"the strongest past openings ({rule.opening_days} trading days, top {rule.strong_share:.0%} since "
            f"{rule.openings_since})",
        )
        key.add(f"{name}_opening_rank", test.opening_rank, "count", f"{rule.event.year}'s opening: its rank (1 best)")
        key.add(f"{name}_opening_years", len(test.openings), "count", f"years ranked since {rule.openings_since}")


def _record_registration(key: KeyFigures, tests: dict) -> None:
    head = tests["IWM_IWB"]
    rule = head.rule
    seen = [m for m in rule.horizons if rule.seen_at_registration(m)]
    after = [m for m in rule.horizons if rule.horizon_end(m) > rule.registered]
    key.add("event_date", rule.event, "date", "the event: the follow-through runs from this close")
    key.add("registered_date", rule.registered, "date", "the day the rule was registered (follow_through.csv)")
    key.add("registered_data_through", rule.data_through, "date", "the last close held when it was registered")
    key.add(
        "as_registered",
        "yes" if all(t.rule.as_registered for t in tests.values()) else "no",
        "text",
        "whether the event and horizons are the registered ones",
    )
    key.add(
        "horizons_seen_at_registration",
        ", ".join(map(str, seen)) or "none",
        "text",
        "horizons (months) the data held at registration already covered: no blind test",
    )
    key.add(
        "horizons_after_registration",
        ", ".join(map(str, after)) or "none",
        "text",
        "horizons (months) ending after the registration date itself",
    )
    key.add("horizons_observed", len(head.observed), "count", "horizons of IWM minus IWB observed in the data held")
    key.add(
        "horizons_pending",
        len(head.pending),
        "count",
        f"of the {len(rule.horizons)} registered horizons, still pending (a refresh fills them in)",
    )


def _record_legs(key: KeyFigures, table: pd.DataFrame, periods: dict) -> None:
    for period in periods:
        rows = table.loc[table["period"] == period].set_index("pair")
        held = len(rows) > 0
        key.add(
            slug("legs", period, "through"),
            rows["through"].iloc[0] if held else None,
            "date",
            f"{period}: the last close measured",
        )
        key.add(
            slug("legs", period, "complete"),
            ("yes" if rows["complete"].all() else "so far") if held else None,
            "text",
            f"{period}: whether the period is over in the data",
        )
        for pair in legs.LEGS:
            found = pair in rows.index
            key.add(
                slug("legs", period, pair),
                rows.loc[pair, "move"] if found else None,
                "fraction",
                f"{period}: {pair}",
                fmt="{:+.1%}",
            )
            key.add(
                slug("legs", period, pair, "reading"),
                rows.loc[pair, "reading"] if found else None,
                "text",
                f"{period}: {pair} against its band",
            )


def _record_prediction(key: KeyFigures, source: str, table: pd.DataFrame | None) -> None:
    for label, short in RATE_ROWS.items():
        row = table.loc[label] if table is not None and label in table.index else None
        what = f"betas {label}, {'estimated before the window' if source == 'before' else 'on all data'}"
        name = f"rate_{source}_{short}"
        key.add(f"{name}_beta", None if row is None else row["beta"], "coefficient", f"{what}: % per pp")
        key.add(f"{name}_predicted", None if row is None else row["predicted"], "pp", f"{what}: predicted contribution")
        key.add(f"{name}_low", None if row is None else row["low"], "pp", f"{what}: its {INTERVAL}, low")
        key.add(f"{name}_high", None if row is None else row["high"], "pp", f"{what}: its {INTERVAL}, high")
        key.add(f"{name}_reading", None if row is None else row["reading"], "text", f"{what}: against the spread")


def _record_rates(key: KeyFigures, check: rate_check.Check | None, decided: pd.DataFrame) -> None:
    yields, fit = (check.yields, check.fit) if check else (None, None)
    key.add("rate_window_start", yields.start if yields else None, "date", "first close of the rate window")
    key.add("rate_window_end", yields.end if yields else None, "date", "last close of the rate window")
    key.add("dgs2_start", yields.level_start if yields else None, "percent", "2-year yield at the window's start")
    key.add("dgs2_end", yields.level_end if yields else None, "percent", "2-year yield at its end")
    key.add("dgs2_change", yields.change if yields else None, "pp", "its change")
    key.add("fed_decisions", len(decided) if check else None, "count", "FOMC decisions in the rate window")
    key.add("fed_cuts", int((decided["decision"] == "cut").sum()) if check else None, "count", "of them cuts")
    key.add("rate_spread_summed", check.actual if check else None, "pp", "IWM minus IWB, daily returns summed")
    key.add(
        "rate_spread_compounded",
        check.compounded if check else None,
        "fraction",
        "IWM's return minus IWB's over the window",
        fmt="{:+.1%}",
    )
    key.add(
        "rate_estimand_reading",
        check.reading.label if check else None,
        "text",
        "05's estimand (market only, full sample) on all data, claimed sign negative",
    )
    key.add(
        "rate_estimand_verdict",
        verdict_of(check.reading) if check else None,
        "verdict",
        "the ledger's verdict that reading gives (FLOATING_RATE's rule)",
    )
    _record_prediction(key, "before", check.before if check else None)
    _record_prediction(key, "all", check.all_data if check else None)
    key.add("rate_window_beta", fit.beta if fit else None, "coefficient", "the estimand inside the window (% per pp)")
    key.add("rate_window_beta_p", fit.p if fit else None, "p-value", "its p-value", fmt="p = {:.2f}")
    key.add("rate_window_verdict", fit.verdict if fit else None, "text", "the claim on the window's own days")


def _record_grades(key: KeyFigures, grades: list) -> None:
    for grade in grades:
        name = GRADED.get(grade.claim, slug(grade.claim))
        key.add(f"{name}_status", grade.status, "text", f"{grade.claim}: status as of the data held")
        key.add(f"{name}_graded_through", grade.through, "date", f"{grade.claim}: the last observation graded")
    figures = {g.claim: g.figures for g in grades}
    target, cuts = figures.get("JEF_TARGET_2825", {}), figures.get("TWO_CUTS_2026", {})
    half, year = figures.get("JPM_LIMITED_H1", {}), figures.get("LEADERSHIP_2026", {})
    change = cuts.get("upper_change")
    key.add("target_level", target.get("level"), "points", "Russell 2000, last close graded")
    key.add("target_progress", target.get("progress"), "fraction", "its change since the articles' date", fmt="{:+.1%}")
    key.add(
        "target_needed", target.get("needed"), "fraction", "the return still needed to reach the target", fmt="{:+.1%}"
    )
    key.add("target_path", target.get("path"), "points", "the even path to the target at that date")
    key.add("cuts_so_far", cuts.get("cuts"), "count", "FOMC cuts in the year so far")
    key.add("cuts_decisions", cuts.get("decisions"), "count", "FOMC decisions in the year so far")
    key.add("cuts_scheduled", cuts.get("scheduled"), "count", "FOMC meetings scheduled in the year")
    key.add("cuts_pace", cuts.get("pace"), "count", "cuts the even pace asks for by now")
    key.add(
        "fed_upper_change",
        None if change is None else change * 100,
        "bp",
        "the target range's upper limit since the year began",
    )
    key.add(
        "first_half_return", half.get("return"), "fraction", "IWM, total return in the half (so far)", fmt="{:+.1%}"
    )
    key.add(
        "first_half_median",
        half.get("median"),
        "fraction",
        "IWM's median first half in the years before",
        fmt="{:+.1%}",
    )
    key.add("year_lead", year.get("move"), "fraction", "IWM minus IWB in the year so far", fmt="{:+.1%}")
    key.add("year_lead_band", year.get("band"), "fraction", "its band (±)", fmt="{:.1%}")


def _record_breadth(key: KeyFigures, breadth: pd.DataFrame) -> None:
    rows = breadth.set_index("pair")
    held = len(rows) > 0
    sectors = rows.loc[[p for p in rows.index if p not in legs.BREADTH]]
    ahead = [p.split("-")[0] for p in sectors.index[sectors["move"] > 0]]
    beyond = sectors.loc[sectors["reading"] != "inside its band", "reading"]
    key.add("breadth_through", rows["through"].iloc[0] if held else None, "date", "breadth: the last close measured")
    for pair in legs.BREADTH:
        found = pair in rows.index
        key.add(
            slug("breadth", pair),
            rows.loc[pair, "move"] if found else None,
            "fraction",
            f"{pair} since the event",
            fmt="{:+.1%}",
        )
        key.add(
            slug("breadth", pair, "reading"), rows.loc[pair, "reading"] if found else None, "text", "against its band"
        )
    key.add("breadth_sectors", len(sectors) if held else None, "count", "sector funds the articles name")
    key.add("breadth_sectors_ahead", len(ahead) if held else None, "count", "of them ahead of IWM since the event")
    key.add("breadth_sectors_ahead_list", ", ".join(ahead) or "none", "text", "those sector funds")
    key.add(
        "breadth_sectors_beyond_band",
        ", ".join(f"{p.split('-')[0]} {r}" for p, r in beyond.items()) or "none",
        "text",
        "sector funds beyond their band against IWM",
    )


def record(results: Results) -> KeyFigures:
    """The notebook's key figures (see the labels) from its results; missing (None) where the data do not reach."""
    key = KeyFigures()
    key.add("as_of", results.as_of, "date", "the as-of date in force (n/a: all data held)")
    _record_registration(key, results.tests)
    for test in results.tests.values():
        _record_rule(key, test)
    _record_legs(key, results.legs, results.periods)
    _record_rates(key, results.rates, results.decided)
    _record_grades(key, results.grades)
    _record_breadth(key, results.breadth)
    key.mark_headlines("iwm_iwb_through", "iwm_iwb_so_far", "horizons_pending")
    return key


# ----------------------------------------------------------------------------- the conclusion


def _months(months: int) -> str:
    return f"{months} month" + ("s" if months != 1 else "")


def _listed(items: list[str]) -> str:
    return ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else (items[0] if items else "none")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _at(key: KeyFigures, name: str, months: int) -> str:
    """One horizon in words: its move and reading, or pending."""
    if key[f"{name}_{months}m"] is None:
        return f"{_months(months)} {key[f'{name}_{months}m_reading']}"
    return (
        f"{_months(months)} {key.text(f'{name}_{months}m')} ({key.text(f'{name}_{months}m_reading')}, "
        f"±{key.text(f'{name}_{months}m_band')})"
    )


def _lead(key: KeyFigures, horizons) -> str:
    """The landing page's line: so far, as of the last close, or not yet observable."""
    if key["iwm_iwb_so_far"] is None:
        when = f"as of {key['as_of']:%Y-%m-%d}" if key["as_of"] is not None else "in the data held"
        return (
            f"**Not yet observable.** {_capital(when)}, no close after the articles' date "
            f"({key['event_date']:%Y-%m-%d}) is in the data, so the follow-through cannot be measured: every "
            "horizon of the registered test and every forecast of the scorecard is pending. What the notebook can "
            f"still show: the strongest past openings ({key.text('iwm_iwb_strong_years')} for IWM minus IWB) and "
            "what followed them, and the legs and breadth over the periods the data reach."
        )
    observed = [m for m in horizons if key[f"iwm_iwb_{m}m"] is not None]
    pending = [m for m in horizons if key[f"iwm_iwb_{m}m"] is None]
    horizons_text = (
        f"{_listed([_at(key, 'iwm_iwb', m) for m in observed])} {'are' if len(observed) > 1 else 'is'} observed"
        if observed
        else "none is observed"
    )
    if pending:
        horizons_text += f"; {_listed([str(m) for m in pending])} months are pending"
    return (
        f"**So far, as of {key['iwm_iwb_through']:%Y-%m-%d}:** IWM minus IWB moved "
        f"{key.text('iwm_iwb_so_far')} from the close of {key['event_date']:%Y-%m-%d} "
        f"({key.text('iwm_iwb_so_far_reading')}, ±{key.text('iwm_iwb_so_far_band')}). Of the registered "
        f"horizons, {horizons_text}. The forecasts: the Russell 2000 target **{key.text('target_status')}**, two "
        f"cuts in the year **{key.text('cuts_status')}**, the first-half caution "
        f"**{key.text('first_half_status')}**, the year of the small caps **{key.text('year_status')}**."
    )


def _registration(key: KeyFigures) -> str:
    seen, after = (
        _listed(key[name].split(", ")) for name in ("horizons_seen_at_registration", "horizons_after_registration")
    )
    text = (
        f"**The test and its registration.** The rule (`data/raw/curated/follow_through.csv`) was registered on "
        f"{key['registered_date']:%Y-%m-%d} with data held through {key['registered_data_through']:%Y-%m-%d}: "
        f"the horizons of {seen} month(s) were already in those data, so they are not a blind test, and every "
        "horizon shares its first months with what was seen. The others are judged by later refreshes with no "
        f"edit; of them, only the horizon(s) of {after} month(s) end after the registration date itself. Each "
        "move is judged at the collection's one standard: beyond 1.96 standard deviations of a move of its "
        "length, the lead lasting is supported; inside, not shown; beyond on the other side, contradicted."
    )
    if key["as_registered"] != "yes":
        text += (
            " **This run uses an event or horizons other than the registered ones: it explores the rule, it "
            "does not test it.**"
        )
    return text


def _comparison(key: KeyFigures, horizons) -> str:
    parts = []
    for name, what in (("iwm_iwb", "IWM minus IWB"), ("smb", "SMB")):
        if f"{name}_strong_years" not in key:
            continue
        rank = (
            f"{key['event_date']:%Y}'s first ten trading days ranked {key.text(f'{name}_opening_rank')} of "
            f"{key.text(f'{name}_opening_years')} years; "
            if key[f"{name}_opening_rank"] is not None
            else ""
        )
        after = _listed([f"{key.text(f'{name}_{m}m_strong_median')} at {_months(m)}" for m in horizons])
        placed = [
            f"{key.text(f'{name}_{m}m_percentile')} of them at {_months(m)}"
            for m in horizons
            if not is_missing(key[f"{name}_{m}m_percentile"])
        ]
        where = f"; this year's move is at or above {_listed(placed)}" if placed else ""
        parts.append(
            f"For {what}, {rank}after the strongest past openings ({key.text(f'{name}_strong_years')}) "
            f"the median move was {after}{where}."
        )
    return "**Against the strongest past openings.** " + " ".join(parts) if parts else ""


def _leg(key: KeyFigures, period: str, pair: str) -> str:
    return key.text(slug("legs", period, pair))


def _carried(key: KeyFigures, period: str) -> str:
    total, value, growth = (key[slug("legs", period, pair)] for pair in ("IWM-IWB", "IWN-IWD", "IWO-IWF"))
    if (value > 0) == (growth > 0):
        larger, side = ("growth" if abs(growth) > abs(value) else "value"), ("ahead of" if value > 0 else "behind")
        return f"small caps were {side} large caps in both styles, more within {larger}"
    return f"only the {'growth' if (growth > 0) == (total > 0) else 'value'} leg had the spread's sign"


def _period_legs(key: KeyFigures, period: str) -> str:
    if key[slug("legs", period, "IWM-IWB")] is None:
        return f"{_capital(period)}: not in the data."
    complete = key[slug("legs", period, "complete")] == "yes"
    so_far = "" if complete else f" (so far, to {key[slug('legs', period, 'through')]:%Y-%m-%d})"
    beyond = [pair for pair in legs.LEGS if key[slug("legs", period, pair, "reading")] in (AHEAD, BEHIND)]
    return (
        f"{_capital(period)}{so_far}: IWM minus IWB {_leg(key, period, 'IWM-IWB')}; small minus large "
        f"{_leg(key, period, 'IWN-IWD')} within value and {_leg(key, period, 'IWO-IWF')} within growth, value "
        f"minus growth {_leg(key, period, 'IWN-IWO')} among small caps and {_leg(key, period, 'IWD-IWF')} among "
        f"large caps: {_carried(key, period)}; "
        + (f"beyond its band: {_listed(beyond)}." if beyond else "no leg beyond its band.")
    )


def _legs(key: KeyFigures, periods) -> str:
    measured = any(key[slug("legs", period, "IWM-IWB")] is not None for period in periods)
    identity = (
        " The two size legs differ by exactly as much as value beat growth more among large caps than among "
        "small caps, so a larger growth leg is large-cap growth lagging."
    )
    return "**Value or size?** " + " ".join(_period_legs(key, p) for p in periods) + (identity if measured else "")


def _prediction(key: KeyFigures, source: str, short: str) -> str:
    name = f"rate_{source}_{short}"
    return (
        f"{key.text(f'{name}_beta')} % per pp, predicting {key.text(f'{name}_predicted')} "
        f"({key.text(f'{name}_low')} to {key.text(f'{name}_high')}): {key.text(f'{name}_reading')}"
    )


def _rates_answer(key: KeyFigures) -> str:
    """Does the window contradict the mechanism, and could rates have carried the spread?"""
    fit = (
        f"inside the window the coefficient is {key.text('rate_window_beta')} ({key.text('rate_window_beta_p')}), "
        f"so on the window's own days the claim is {key.text('rate_window_verdict')}"
    )
    if key["rate_window_verdict"] == rate_check.CONTRADICTED:
        return f"The window contradicts the mechanism: {fit}."
    sources = ("before", "all")
    highs = [
        key[f"rate_{s}_{r}_high"]
        for s in sources
        for r in RATE_ROWS.values()
        if not is_missing(key[f"rate_{s}_{r}_high"])
    ]
    other_way = [r for r in RATE_ROWS.values() for s in sources if key[f"rate_{s}_{r}_reading"] == rate_check.OTHER_WAY]
    text = f"The window does not contradict the mechanism ({fit})"
    if highs and key["rate_spread_summed"] > 0 and max(highs) < key["rate_spread_summed"]:
        text += (
            f", but rates cannot be what carried the spread: at most {max(highs):+.2f} pp of its "
            f"{key.text('rate_spread_summed')} by any of these betas"
        )
    if other_way:
        text += ", and where the rows predict a contribution clear of zero the spread went the other way"
    return text + "."


def _rates(key: KeyFigures) -> str:
    if key["dgs2_change"] is None:
        return "**The rate mechanism.** The rate window has not begun in the data."
    return (
        f"**The rate mechanism.** From {key['rate_window_start']:%Y-%m-%d} to {key['rate_window_end']:%Y-%m-%d} "
        f"the 2-year yield moved from {key.text('dgs2_start')} to {key.text('dgs2_end')} "
        f"({key.text('dgs2_change')}) and the Fed made {key.text('fed_decisions')} decision(s), "
        f"{key.text('fed_cuts')} of them cuts. Notebook 05's estimand, estimated on the data published by the "
        f"window's start: {_prediction(key, 'before', 'full')}; its rows since the 2024 first cut: "
        f"{_prediction(key, 'before', 'first_cut')}. On all data (the window inside), the full sample gives "
        f"{_prediction(key, 'all', 'full')}, the rows since the first cut {_prediction(key, 'all', 'first_cut')}. "
        f"IWM minus IWB's daily returns summed {key.text('rate_spread_summed')} "
        f"({key.text('rate_spread_compounded')} compounded). {_rates_answer(key)}"
    )


def _ledger_line(key: KeyFigures) -> str:
    if key["dgs2_change"] is None:
        return ""
    return (
        f"**For the ledger's FLOATING_RATE.** Its estimand on all data is {key.text('rate_estimand_reading')}, "
        f"so the claim is {key.text('rate_estimand_verdict')}. What happened next, to "
        f"{key['rate_window_end']:%Y-%m-%d}: the 2-year yield moved {key.text('dgs2_change')} and the Fed made "
        f"{key.text('fed_cuts')} cut(s) in {key.text('fed_decisions')} decision(s); 05's betas, estimated "
        f"before, predicted {key.text('rate_before_full_predicted')} ({key.text('rate_before_full_low')} to "
        f"{key.text('rate_before_full_high')}) of IWM minus IWB, which moved {key.text('rate_spread_summed')} "
        "(summed daily returns)."
    )


def _scorecard(key: KeyFigures) -> str:
    target = f"the Russell 2000's year-end target: **{key.text('target_status')}**"
    if key["target_level"] is not None:
        target += (
            f" ({key.text('target_level')} at the last close graded, {key.text('target_progress')} since the "
            f"articles' date, {key.text('target_needed')} still needed; the even path stood at "
            f"{key.text('target_path')})"
        )
    cuts = f"two cuts in the year: **{key.text('cuts_status')}**"
    if key["cuts_decisions"] is not None:
        cuts += (
            f" ({key.text('cuts_so_far')} cut(s) in {key.text('cuts_decisions')} of "
            f"{key.text('cuts_scheduled')} scheduled meetings, where the even pace asks for "
            f"{key.text('cuts_pace')}; the target range moved {key.text('fed_upper_change')})"
        )
    half = f"the first-half caution: **{key.text('first_half_status')}**"
    if key["first_half_return"] is not None:
        half += f" (IWM {key.text('first_half_return')} against a median first half of {key.text('first_half_median')})"
    year = f"the year of the small caps: **{key.text('year_status')}**"
    if key["year_lead"] is not None:
        year += f" (IWM minus IWB {key.text('year_lead')}, band ±{key.text('year_lead_band')})"
    return (
        f"**The forecasts' scorecard**, each graded only at its horizon by its stated rule: {target}; {cuts}; "
        f"{half}; {year}. A status before the horizon is on track or off track, never met or missed."
    )


def _breadth(key: KeyFigures) -> str:
    if key["breadth_rsp_ivv"] is None:
        return "**Breadth.** No close after the articles' date is in the data yet."
    return (
        f"**Breadth.** From the articles' date to {key['breadth_through']:%Y-%m-%d}, the equal-weight S&P 500 "
        f"moved {key.text('breadth_rsp_ivv')} against the cap-weighted ({key.text('breadth_rsp_ivv_reading')}) "
        f"and microcaps {key.text('breadth_iwc_iwm')} against the Russell 2000 "
        f"({key.text('breadth_iwc_iwm_reading')}); {key.text('breadth_sectors_ahead')} of the "
        f"{key.text('breadth_sectors')} sector funds the articles name were ahead of IWM "
        f"({key.text('breadth_sectors_ahead_list')}); beyond their band: "
        f"{key.text('breadth_sectors_beyond_band')}."
    )


def summary(key: KeyFigures, horizons, periods) -> str:
    """The conclusion, from the recorded key figures only; ``horizons`` (months) and ``periods`` (the legs' period
    names) say which recorded figures to read."""
    parts = [
        _lead(key, horizons),
        _registration(key),
        _comparison(key, horizons),
        _legs(key, periods),
        _rates(key),
        _ledger_line(key),
        _scorecard(key),
        _breadth(key),
    ]
    return "\n\n".join(part for part in parts if part)

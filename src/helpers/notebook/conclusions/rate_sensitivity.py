"""Notebook 05 (rate sensitivity): its key figures and its conclusion, scoped to what its tables show."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.analysis import robustness as rb
from helpers.analysis.attribution import under_both
from helpers.analysis.significance import ALPHA, INTERVAL

from ..keyfigures import KeyFigures
from . import estimate

REGIMES = {
    "before_2022": "before 2022-01-01",
    "from_2022": "from 2022-01-01",
    "2015_2019": "2015-2019",
    "from_first_cut": "from the 2024 first cut",
}
COMPONENTS = {"market": "market", "value": "value (HML)", "momentum": "momentum", "rates": "2-year yield"}


@dataclass
class Results:
    """What notebook 05 computed: each robustness table with its reading, the all-controls regressions, the slope
    regressions, the rolling betas and break tests, the event studies and the attribution under both windows."""

    sample: pd.DataFrame  # the daily frame of the regressions
    readings: dict  # "rates", "balance", "credit", "banks", "surprise" -> (table, reading)
    size: dict  # "IWM-IWB daily", "IWM-IWB weekly", "SMB daily" -> RegressionResult
    banks: dict  # "slope, daily", "slope, weekly", "two ends, daily" -> RegressionResult
    betas: pd.Series  # rolling beta to ΔDGS2
    rolling_start: str
    break_date: str
    break_tests: tuple  # (chow, equal) or (None, None)
    cut_study: object  # the (0, +1) event study of cuts, or None
    surprises: pd.DataFrame
    attribution: dict  # "before" and "in the window" attribution tables


def _add_row(key: KeyFigures, name: str, found, label: str, p_fmt: str | None = None) -> None:
    key.add(name, rb.cell(found, "coef"), "coefficient", label)
    key.add(f"{name}_p", rb.cell(found, "p"), "p-value", f"its p-value ({label})", fmt=p_fmt)


def _reading_figures(key: KeyFigures, name: str, reading: rb.Reading | None, what: str) -> None:
    """A reading's words, or missing (None) when the data held gave no estimate to read."""
    key.add(f"{name}_reading", reading.label if reading else None, "text", f"{what}, by the stated rule")
    key.add(
        f"{name}_regimes",
        (reading.regimes or "none") if reading else None,
        "text",
        f"{what}: periods that differ beyond chance",
    )
    key.add(
        f"{name}_depends",
        ("; ".join(reading.depends) or "none") if reading else None,
        "text",
        f"{what}: what the result depends on, by the rule",
    )


def record(results: Results) -> KeyFigures:
    """The notebook's key figures (see the labels) from its results."""
    key = KeyFigures()
    rates, rates_reading = results.readings["rates"]
    key.add("sample_start", results.sample.index[0], "date", "first day of the daily regressions")
    key.add("sample_end", results.sample.index[-1], "date", "last day of the daily regressions")
    _reading_figures(key, "rate", rates_reading, "the 2-year yield coefficient")
    head = rb.row(rates, "market")
    _add_row(
        key, "beta_dgs2_market", head, "IWM minus IWB on ΔDGS2 with the market only, daily (% per pp): the estimand"
    )
    key.add("beta_dgs2_market_se", rb.cell(head, "se"), "coefficient", "its HAC standard error", fmt="{:.2f}")
    _add_row(key, "beta_dgs2_uncond", rb.row(rates, "no controls"), "the same without any control")
    _add_row(
        key,
        "beta_dgs2_daily",
        rb.row(rates, "all controls"),
        "with the market, slope and high-yield spread, daily (% per pp)",
    )
    _add_row(key, "beta_dgs2_market_weekly", rb.row(rates, "market, weekly"), "with the market only, weekly (% per pp)")
    for name, sample in REGIMES.items():
        _add_row(key, f"beta_dgs2_{name}", rb.row(rates, "market", sample), f"the estimand's coefficient, {sample}")
    smb = results.size["SMB daily"].table.loc["ΔDGS2 (pp)"]
    key.add(
        "beta_dgs2_smb", smb["coef"], "coefficient", "SMB on ΔDGS2 with the market, slope and credit, daily (% per pp)"
    )
    key.add("beta_dgs2_smb_se", smb["se"], "coefficient", "its HAC standard error", fmt="{:.2f}")
    key.add(
        "r2_daily",
        results.size["IWM-IWB daily"].rsquared,
        "ratio",
        "R² of the daily regression with all controls",
        fmt="{:.2f}",
    )
    key.add(
        "r2_weekly",
        results.size["IWM-IWB weekly"].rsquared,
        "ratio",
        "R² of the weekly regression with all controls",
        fmt="{:.2f}",
    )

    balance, balance_reading = results.readings["balance"]
    _reading_figures(key, "balance", balance_reading, "IJR minus IWM on ΔDGS2")
    _add_row(
        key, "ijr_beta_dgs2", rb.row(balance, "market"), "IJR minus IWM on ΔDGS2 with the market, daily (% per pp)"
    )
    _add_row(key, "ijr_beta_weekly", rb.row(balance, "market, weekly"), "the same, weekly")
    _add_row(
        key,
        "ijr_beta_from_first_cut",
        rb.row(balance, "market", REGIMES["from_first_cut"]),
        "the same, from the 2024 first cut",
    )
    key.add(
        "ijr_uninformative", len(balance_reading.uninformative), "count", "rows of that table too imprecise to tell"
    )

    credit, credit_reading = results.readings["credit"]
    _reading_figures(key, "credit", credit_reading, "IWM minus IWB on the high-yield spread")
    _add_row(
        key,
        "beta_credit_market",
        rb.row(credit, "market"),
        "IWM minus IWB on the change in the high-yield spread with the market (% per pp)",
    )
    key.add(
        "credit_rows_significant",
        credit_reading.agreeing,
        "count",
        f"other rows of the credit table significant and negative (q < {ALPHA:g})",
    )
    key.add("credit_rows", credit_reading.rows - 1, "count", "other rows of the credit table")

    banks_table, banks_reading = results.readings["banks"]
    _reading_figures(key, "banks", banks_reading, "KRE minus SPY on the slope")
    _add_row(
        key,
        "banks_slope_daily",
        rb.row(banks_table, "market"),
        "KRE minus SPY on Δslope with the market, daily (% per pp)",
    )
    _add_row(
        key, "banks_slope_weekly", rb.row(banks_table, "market, weekly"), "KRE minus SPY on Δslope, weekly (% per pp)"
    )
    _add_row(
        key,
        "banks_without_march_2023",
        rb.row(banks_table, "market", "without March 2023"),
        "KRE minus SPY on Δslope without March 2023",
    )
    for name in ("before_2022", "from_2022", "from_first_cut"):
        _add_row(
            key,
            f"banks_{name}",
            rb.row(banks_table, "market", REGIMES[name]),
            f"KRE minus SPY on Δslope, {REGIMES[name]}",
        )
    ends = results.banks["two ends, daily"].table
    for tenor in ("DGS10", "DGS2"):
        key.add(
            f"banks_{tenor.lower()}_daily",
            ends.loc[f"Δ{tenor} (pp)", "coef"],
            "coefficient",
            f"KRE minus SPY on Δ{tenor}, daily (% per pp)",
        )
        key.add(f"banks_{tenor.lower()}_daily_p", ends.loc[f"Δ{tenor} (pp)", "p"], "p-value", "its p-value")

    since = results.betas.loc[results.rolling_start :]
    cut = pd.Timestamp(results.break_date)
    chow, equal = results.break_tests
    key.add(
        "rolling_beta_min",
        since.min(),
        "coefficient",
        f"lowest rolling beta to ΔDGS2 since {results.rolling_start}",
        fmt="{:+.1f}",
    )
    key.add(
        "rolling_beta_max",
        since.max(),
        "coefficient",
        f"highest rolling beta to ΔDGS2 since {results.rolling_start}",
        fmt="{:+.1f}",
    )
    key.add(
        "rolling_beta_share_negative",
        (since < 0).mean(),
        "fraction",
        "share of days with a negative rolling beta",
        fmt="{:.0%}",
    )
    key.add(
        "rolling_beta_at_break",
        results.betas.loc[:cut].iloc[-1] if results.betas.index[-1] >= cut else None,
        "coefficient",
        f"rolling beta on {results.break_date}",
    )
    key.add("rolling_beta_end", results.betas.iloc[-1], "coefficient", "rolling beta at the end of the data")
    key.add(
        "break_test_p",
        equal["p"] if equal is not None else None,
        "p-value",
        f"Newey–West test of equal slopes around {results.break_date}",
        fmt="p = {:.2f}",
    )
    key.add(
        "chow_test_p",
        chow["p"] if chow is not None else None,
        "p-value",
        f"classical Chow test at {results.break_date}",
    )

    study = results.cut_study
    key.add("cut_events", study.n if study else None, "count", "cuts in the event study")
    key.add(
        "cut_mean_car",
        study.mean_car if study else None,
        "percent",
        "mean CAR of IWM minus IWB over days 0 to +1 after a cut",
        fmt="{:+.2f}%",
    )
    key.add("cut_car_t", study.t if study else None, "t-stat", "its t-statistic")
    surprise, surprise_reading = results.readings["surprise"]
    key.add("surprise_events", len(results.surprises), "count", "announcements with a surprise measure")
    _add_row(
        key,
        "surprise_beta",
        rb.row(surprise, "CAR (0, +1)"),
        "abnormal IWM minus IWB (days 0 to +1) per pp of announcement-day ΔDGS2",
    )
    _reading_figures(key, "surprise", surprise_reading, "the surprise slope")

    before, within = results.attribution["before"], results.attribution["in the window"]
    both = under_both(before, within)
    key.add("attribution_start", before.attrs["start"], "date", "first day of the attribution window")
    key.add(
        "attribution_end", before.attrs["end"], "date", "last day of the attribution window (the factor data's end)"
    )
    key.add(
        "attribution_total",
        before.loc["total", "contribution"],
        "pp",
        "IWM minus IWB, summed daily returns over the window",
    )
    for label, table, suffix in (
        ("betas estimated before the window", before, ""),
        ("betas estimated in the window", within, "_in_window"),
    ):
        for name, component in COMPONENTS.items():
            key.add(
                f"attribution_{name}{suffix}",
                table.loc[component, "contribution"],
                "pp",
                f"the {component} exposure, {label}",
            )
        key.add(
            f"attribution_explained{suffix}",
            table.loc["explained", "contribution"],
            "pp",
            f"the four exposures together, {label}",
        )
        key.add(
            f"attribution_explained{suffix}_low",
            table.loc["explained", "low"],
            "pp",
            f"its {INTERVAL}, low ({label})",
        )
        key.add(
            f"attribution_explained{suffix}_high",
            table.loc["explained", "high"],
            "pp",
            f"its {INTERVAL}, high ({label})",
        )
    holding = [name for name, component in COMPONENTS.items() if both.loc[component, "holds under both"] == "yes"]
    key.add(
        "attribution_under_both",
        ", ".join(holding) or "none",
        "text",
        "exposures whose contribution has one sign, clear of zero, under both estimation windows",
    )
    key.add("attribution_estimation_years", before.attrs["estimation"], "text", "how the earlier betas were estimated")
    key.mark_headlines("beta_dgs2_market", "rate_reading", "attribution_value")
    return key


def _rates(key: KeyFigures) -> str:
    established = key["rate_reading"] in (rb.ESTABLISHED, rb.FRAGILE)
    lead = (
        "**Rates.** With the market as the only control (the estimand), IWM minus IWB moved "
        f"{key.text('beta_dgs2_market')} % per percentage point of the 2-year yield "
        f"(HAC se {key.text('beta_dgs2_market_se')}, {key.text('beta_dgs2_market_p')}, "
        f"daily {key['sample_start']:%Y}–{key['sample_end']:%Y}): **{key.text('rate_reading')}**. "
    )
    lead += (
        "The floating-rate argument is borne out by the full sample. "
        if established
        else "The full sample neither shows small caps gaining more when the 2-year yield falls nor the reverse: the "
        "floating-rate argument is not shown (which is not the same as refuted). "
    )
    if key["rate_regimes"] != "none":
        lead += (
            f"The relation is **regime-dependent**: in 2015–2019 {estimate(key, 'beta_dgs2_2015_2019')}, "
            f"since the first cut of September 2024 {estimate(key, 'beta_dgs2_from_first_cut')}, "
            "so the full-sample coefficient averages periods of opposite behaviour. "
        )
    if "high-yield spread" in key["rate_depends"]:
        lead += (
            "Only with the high-yield spread held fixed is it significant "
            f"({estimate(key, 'beta_dgs2_daily')} with every control), "
            "and that control moves with equity prices, so it conditions on part of the outcome. "
        )
    return lead + (
        f"Without any control {estimate(key, 'beta_dgs2_uncond')}; "
        f"weekly {estimate(key, 'beta_dgs2_market_weekly')}. "
        f"For SMB, with all controls, {key.text('beta_dgs2_smb')} (se {key.text('beta_dgs2_smb_se')}). "
        f"The fit is loose: R² {key.text('r2_daily')} daily, {key.text('r2_weekly')} weekly."
    )


def _balance(key: KeyFigures) -> str:
    positive = key["ijr_beta_dgs2"] is not None and key["ijr_beta_dgs2"] > 0
    text = (
        "**Balance sheets.** Daily since 2015, IJR (profitable small caps) minus IWM moved "
        f"{key.text('ijr_beta_dgs2')} % per percentage point of the 2-year yield "
        f"({key.text('ijr_beta_dgs2_p')}): {key.text('balance_reading')}. "
        f"Weekly it is {estimate(key, 'ijr_beta_weekly')} "
        f"and since the 2024 first cut {estimate(key, 'ijr_beta_from_first_cut')}, "
        f"estimates too imprecise to confirm or contradict the daily one. "
    )
    if positive and key["balance_reading"] in (rb.ESTABLISHED, rb.FRAGILE):
        return text + (
            "The daily result is consistent with weak balance sheets suffering more from higher rates, but IJR and "
            "IWM also differ in sector weights and index rules, so it does not isolate that channel."
        )
    return text + "The direct test does not show weak balance sheets suffering more from rates."


def _banks(key: KeyFigures) -> str:
    text = (
        f"**Regional banks and the curve.** KRE minus SPY on the slope, with the market (the estimand): "
        f"{estimate(key, 'banks_slope_daily')} daily, **{key.text('banks_reading')}**; "
        f"weekly {estimate(key, 'banks_slope_weekly')}. "
    )
    if key["banks_regimes"] != "none":
        text += (
            f"It is **regime-dependent**: {estimate(key, 'banks_before_2022')} before 2022 against "
            f"{estimate(key, 'banks_from_2022')} from 2022, "
            f"and {estimate(key, 'banks_from_first_cut')} since the 2024 first cut. "
        )
    if "March 2023" in key["banks_depends"]:
        text += (
            f"Without March 2023 (the bank failures) it is {estimate(key, 'banks_without_march_2023')}: "
            "one exclusion, and not a result for the current cycle. "
        )
    tenor = (
        "the long end, not falling short rates, carries it"
        if key["banks_dgs10_daily_p"] < ALPHA <= key["banks_dgs2_daily_p"]
        else "neither end alone is decisive"
    )
    return text + (
        f"By tenor, Δ10-year {estimate(key, 'banks_dgs10_daily')} "
        f"and Δ2-year {estimate(key, 'banks_dgs2_daily')}: {tenor}."
    )


def _resumption(key: KeyFigures, break_date: str) -> str:
    text = (
        "**The resumption of cuts.** The one-year rolling beta to the 2-year yield ranged "
        f"from {key.text('rolling_beta_min')} to {key.text('rolling_beta_max')} "
        f"and was negative on {key.text('rolling_beta_share_negative')} of days"
    )
    if key["rolling_beta_at_break"] is not None:
        text += (
            f"; it was {key.text('rolling_beta_at_break')} on {break_date} "
            f"and {key.text('rolling_beta_end')} at the end of the data"
        )
    if key["break_test_p"] is None:
        return text + "; too few days have passed since then to test for a break."
    found = "a break" if key["break_test_p"] < ALPHA else "no reliable change"
    return text + (
        f"; the Newey–West test finds {found} ({key.text('break_test_p')}), the classical Chow test "
        f"{key.text('chow_test_p')} (it assumes constant variance)."
    )


def _announcements(key: KeyFigures) -> str:
    cuts = (
        f"Around {key.text('cut_events')} cuts, IWM minus IWB earned a mean abnormal {key.text('cut_mean_car')} "
        f"over days 0 to +1 ({key.text('cut_car_t')}). "
        if key["cut_events"]
        else ""
    )
    if key["surprise_reading"] is None:
        return (
            f"**Announcements.** {cuts}Only {key.text('surprise_events')} announcements carry a surprise measure "
            "in the data held: too few for the surprise test."
        )
    return (
        f"**Announcements.** {cuts}Measured by the surprise instead of the decision, "
        f"across {key.text('surprise_events')} announcements, "
        f"the abnormal spread moved {key.text('surprise_beta')} % per percentage point of the "
        f"announcement-day 2-year yield ({key.text('surprise_beta_p')}; "
        f"a negative slope would support the floating-rate story): {key.text('surprise_reading')}."
    )


def _attribution(key: KeyFigures) -> str:
    both = key["attribution_under_both"]
    flips = key["attribution_momentum"] * key["attribution_momentum_in_window"] < 0
    return (
        f"**{key['attribution_start']:%Y} to {key['attribution_end']:%d %B}** (where the factor data end), "
        f"IWM minus IWB summed {key.text('attribution_total')}. "
        "With betas estimated before the window the four exposures account for "
        f"{key.text('attribution_explained')} ({INTERVAL} {key.text('attribution_explained_low')} to "
        f"{key.text('attribution_explained_high')}); with betas estimated in the window itself, "
        f"{key.text('attribution_explained_in_window')} ({key.text('attribution_explained_in_window_low')} to "
        f"{key.text('attribution_explained_in_window_high')}). What holds under both: **{both}** "
        f"(value {key.text('attribution_value')} and {key.text('attribution_value_in_window')}; the market "
        f"{key.text('attribution_market')} and {key.text('attribution_market_in_window')})"
        + (
            f"; momentum changes sign ({key.text('attribution_momentum')} "
            f"against {key.text('attribution_momentum_in_window')})"
            if flips
            else ""
        )
        + f". {_rates_share(key)}"
    )


def _rates_share(key: KeyFigures) -> str:
    before, within = key["attribution_rates"], key["attribution_rates_in_window"]
    pair = f"{key.text('attribution_rates')} and {key.text('attribution_rates_in_window')}"
    if before < 0 and within < 0:
        return (
            f"The 2-year yield exposure subtracted under both ({pair}): "
            "the rate story does not carry this window's spread."
        )
    if before > 0 and within > 0:
        return f"The 2-year yield exposure added under both ({pair})."
    return f"The 2-year yield exposure's sign depends on the estimation window ({pair})."


def summary(key: KeyFigures, break_date: str) -> str:
    """The conclusion, from the recorded key figures only."""
    credit = (
        f"**Credit.** IWM minus IWB moved {key.text('beta_credit_market')} % per percentage point of the high-yield "
        f"spread with the market as control ({key.text('beta_credit_market_p')}): {key.text('credit_reading')} "
        f"({key.text('credit_rows_significant')} of the {key.text('credit_rows')} other rows significant "
        "after the false-discovery control). "
        "It is a co-movement, not a cause: spreads and small-cap prices answer the same news."
    )
    return "\n\n".join(
        [
            _rates(key),
            _balance(key),
            credit,
            _banks(key),
            _resumption(key, break_date),
            _announcements(key),
            _attribution(key),
        ]
    )

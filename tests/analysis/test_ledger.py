"""The claims ledger: every claim has an estimand and a rule, one standard of evidence, verdicts recomputed from data.

The rules are tested on constructed data where the answer is known: an effect of the claimed sign inside its band
is "not shown", one established the other way "contradicted", a slope rising in steps "supported", a claim whose
series is unknown fails the run naming the claim.
"""

import dataclasses
import re

import numpy as np
import pandas as pd
import pytest

from helpers.analysis import ledger, robustness as rb
from helpers.analysis.ledger import claims as claims_table, rules
from helpers.analysis.ledger.rules import figures, moves, policy, regularities, reported, trends, valuation
from helpers.analysis.ledger.standard import by_count, flat_verdict, graded, holm, parts_verdict
from helpers.data import asof, curated, identity, load, paths
from helpers.data.identity import DataIdentity
from helpers.errors import ClaimError, MissingDataError, NotYetObservableError, TooLittleDataError

SEEDS = paths.PROJECT_ROOT.parent / "shared" / "seeds"


# ----------------------------------------------------------------------------- the claims table


def test_every_claim_names_a_rule_an_estimand_and_its_reason():
    table = curated.read_claims()
    assert table.index.is_unique and set(table["article"]) == {"000", "004"}
    assert set(table["method"]) <= set(ledger.METHODS)
    assert set(table["kind"]) == {ledger.OUTCOME, ledger.REPORTED}
    assert table["estimand_reason"].str.len().gt(20).all()
    read = claims_table.read()
    for claim in read.values():
        uses = ledger.USES[claim.method]
        if "standard" in uses and claim.kind == ledger.OUTCOME:
            assert claim.claimed_sign in (-1, 0, 1), f"{claim.id}: a claim judged at the standard states its sign"
        if claim.method == "regularity":
            assert claim.spec is not None and "table" in claim.params, claim.id
        if claim.kind == ledger.REPORTED:
            assert "tolerance" not in uses, f"{claim.id}: a reported view's rule must not grade the article"
    alternatives = curated.read_claim_alternatives()
    assert set(alternatives["id"]) <= set(table.index) and alternatives["reason"].str.len().gt(5).all()
    changes = alternatives[["period_start", "period_end", "series", "spec", "params"]].notna().any(axis=1)
    assert changes.all(), "an alternative reading changes the window, the series, the specification or a parameter"


def test_claims_are_paraphrased_not_pasted():
    if not SEEDS.is_dir():
        pytest.skip("the seed articles are not beside the project")
    words = lambda text: re.findall(r"[a-z0-9%.]+", text.lower())  # noqa: E731
    seed_text = " ".join(" ".join(words(p.read_text())) for p in SEEDS.glob("*.txt"))
    table = curated.read_claims()
    texts = [*table["claim"].items(), *table["estimand_reason"].items()]
    for claim_id, text in texts:
        tokens = words(text)
        for i in range(len(tokens) - 7):
            run = " ".join(tokens[i : i + 8])
            assert run not in seed_text, f"{claim_id} repeats the article verbatim: {run!r}"


def test_no_claim_specific_number_lives_in_the_rules():
    """Every claim-specific figure is in claims.csv: the rules hold no claim id, target, range or threshold."""
    source = "".join(p.read_text() for p in (paths.PROJECT_ROOT / "src/helpers/analysis/ledger").rglob("*.py"))
    for literal in ("JEF_TARGET_2825", "3.75", "15.0", "2825", '"000"', "2025-09-01", "sqrt(252)"):
        assert literal not in source, literal


def test_a_claim_naming_an_unknown_series_fails_the_run_with_its_id(monkeypatch):
    table = curated.read_claims()
    table.loc["SECTORS_JAN", "series"] = "KRE-IWM; XYZQ-IWM"
    monkeypatch.setattr(curated, "read_claims", lambda: table)
    with pytest.raises(ClaimError, match="SECTORS_JAN.*XYZQ"):
        ledger.build()


def test_a_defect_in_a_rule_fails_the_run_naming_the_claim_but_too_little_data_is_a_verdict():
    claim = make_claim(method="stated_return", parts=())
    with pytest.raises(ClaimError, match="TEST"):
        ledger.evaluate(claim)
    for error, verdict in (
        (TooLittleDataError("few"), ledger.NOT_TESTABLE),
        (MissingDataError("not held"), ledger.NOT_TESTABLE),
        (NotYetObservableError("later"), ledger.NOT_YET),
    ):

        def raising(claim, standard, error=error):
            raise error

        rules.METHODS["_raising"] = raising
        try:
            assert ledger.evaluate(dataclasses.replace(claim, method="_raising")).verdict == verdict
        finally:
            del rules.METHODS["_raising"]


# ----------------------------------------------------------------------------- the ledger on the data held


def test_the_ledger_runs_on_whatever_data_is_held():
    table = ledger.build()
    assert len(table) == len(curated.read_claims())
    assert set(table["verdict"]) <= set(ledger.VERDICTS)
    assert table["evidence"].str.len().gt(10).all()
    assert (table["standard"].str.len() > 3).all()  # every verdict carries the standard it was judged by
    assert ledger.verdict_counts(table).sum() == len(table)


def test_verdicts_on_the_real_snapshot(real_data):
    table = ledger.build()
    verdicts = table["verdict"]
    assert verdicts["IWM_6PCT_JAN6"] == ledger.CONTRADICTED and table.loc["IWM_6PCT_JAN6", "measured"] == pytest.approx(
        4.03, abs=0.01
    )
    assert verdicts["R2K_DEC_12PCT"] == ledger.CONTRADICTED
    assert verdicts["R2K_2025"] == ledger.SUPPORTED and verdicts["MICRO_2025"] == ledger.SUPPORTED
    assert verdicts["THREE_CUTS_2025"] == ledger.SUPPORTED
    assert verdicts["MEGA_PREMIUM_30"] == ledger.NOT_TESTABLE
    # November 2025 on November 2024 (October 2025 was never published), not a 13-month change (2.99%)
    assert table.loc["INFLATION_27", "measured"] == pytest.approx(2.70, abs=0.01)
    # a reported view: not held against the article; the first half of 2026 goes to what happened next
    assert (
        verdicts["JPM_LIMITED_H1"] == ledger.NOT_TESTABLE
        and "first half of 2026" in table.loc["JPM_LIMITED_H1", "next"]
    )
    # the claimed sign, not established: not shown, not contradicted; opposite signs in 2015-2019 and since the 2024 cut
    assert (
        verdicts["FLOATING_RATE"] == ledger.NOT_SHOWN
        and table.loc["FLOATING_RATE", "qualifier"] == ledger.REGIME_DEPENDENT
    )
    assert verdicts["CATCHUP_LATE_2025"] == ledger.NOT_SHOWN and verdicts["GRC_SKYROCKET"] == ledger.NOT_SHOWN
    # the highest close by 6 January was 0.33% below the December record: a claim with no figure gets no tolerance
    assert verdicts["IWM_ATH_JAN6"] == ledger.NOT_SHOWN and "2026-01-08" in table.loc["IWM_ATH_JAN6", "evidence"]
    assert verdicts["DISCOUNT_NEAR_LOWS"] == ledger.NOT_TESTABLE  # prices are not valuations
    assert verdicts["QUALITY_WINNERS"] == ledger.NOT_SHOWN and verdicts["OUTPACED_MEGA_JAN6"] == ledger.SUPPORTED
    assert (
        verdicts["JANUARY_EFFECT"] == ledger.NOT_SHOWN
        and table.loc["JANUARY_EFFECT", "qualifier"] == ledger.REGIME_DEPENDENT
    )
    assert verdicts["CURVE_STEEPENING"] == ledger.SUPPORTED and verdicts["JEF_UPSIDE_14"] == ledger.CONTRADICTED
    assert verdicts["LARGE_FLAT_JAN6"] == ledger.NOT_SHOWN  # +1.5% on a ±4.2% band cannot be told from a 2 pp move
    assert {ledger.SUPPORTED, ledger.PARTLY, ledger.NOT_SHOWN, ledger.CONTRADICTED, ledger.NOT_TESTABLE} <= set(
        verdicts
    )


@pytest.mark.slow
def test_the_ledger_as_of_the_articles_date_and_its_sensitivity(real_data):
    full = ledger.build()
    at_date = ledger.build(as_of=ledger.article_date())
    both = ledger.beside(full, at_date)
    # the Russell 2000 multiples were published in February: as of the articles' date the claim was not yet observable
    assert (
        at_date.loc["DISCOUNT_26", "verdict"] == ledger.NOT_YET
        and full.loc["DISCOUNT_26", "verdict"] == ledger.SUPPORTED
    )
    assert both.loc["DISCOUNT_26", "changed"]
    long, summary = ledger.sensitivity(full)
    assert summary.loc["THREE_CUTS_2025", "flips"] == ""
    assert "estimand: since the 2024 first cut" in summary.loc["FLOATING_RATE", "flips"]
    assert long["flipped"].any() and set(summary["baseline"]) <= set(ledger.VERDICTS)
    counts = ledger.flip_counts(long)
    assert {"standard 1%", "standard 10%", "another reading of the estimand"} <= set(counts.index)
    assert "S&P SmallCap 600: contradicted" in summary.loc["DISCOUNT_26", "alternatives"]


@pytest.mark.slow
def test_an_earlier_as_of_date_recomputes_the_verdicts(real_data):
    early = ledger.build(as_of="2026-01-16")
    assert early.loc["JPM_LIMITED_H1", "verdict"] == ledger.NOT_TESTABLE
    assert "2026-01-16" in early.loc["LEADERSHIP_2026", "next"]
    assert early.loc["IWM_6PCT_JAN6", "verdict"] == ledger.CONTRADICTED  # the article's date is before the as-of date
    before = ledger.build(as_of="2025-12-15")
    assert before.loc["IWM_6PCT_JAN6", "verdict"] == ledger.NOT_YET
    assert "before 2026-01-06" in before.loc["IWM_6PCT_JAN6", "evidence"]
    assert asof.get_as_of() is None  # the ledger restores the session's as-of date
    asof.set_as_of("2025-12-15")
    try:  # a run as of the articles' date inside an earlier session never reads past the session's date
        capped = ledger.build(as_of=ledger.article_date())
        assert capped.loc["IWM_6PCT_JAN6", "verdict"] == ledger.NOT_YET
        assert asof.get_as_of() == pd.Timestamp("2025-12-15")
    finally:
        asof.set_as_of(None)


# ----------------------------------------------------------------------------- the standard


def test_one_tolerance_rule_for_stated_figures():
    assert (
        graded(0.5, 0.5) == ledger.SUPPORTED
        and graded(-0.9, 0.5) == ledger.PARTLY
        and graded(1.01, 0.5) == ledger.CONTRADICTED
    )
    doubled = ledger.STANDARD.scaled(tolerance=2)
    assert doubled.return_tolerance_pp == 1.0 and doubled.rate_tolerance_pp == pytest.approx(0.2)
    assert doubled.alpha == ledger.STANDARD.alpha and ledger.STANDARD.scaled(alpha=0.01).z == pytest.approx(
        2.5758, abs=1e-4
    )
    assert ledger.STANDARD.z == pytest.approx(1.96, abs=0.001)


def test_parts_combine_at_one_standard_with_holm_and_more_evidence_never_weakens_a_verdict():
    assert parts_verdict([3.0, 3.5], 1) == ledger.SUPPORTED
    assert parts_verdict([0.8, 1.0], 1) == ledger.NOT_SHOWN  # the claimed sign, inside the band
    assert parts_verdict([-2.5], 1) == ledger.CONTRADICTED  # the opposite, established
    assert parts_verdict([-1.0], 1) == ledger.NOT_SHOWN  # the opposite, not established: absence of evidence
    assert parts_verdict([2.1, 0.3], 1) == ledger.NOT_SHOWN  # one part at 2.1 does not survive Holm across two
    assert parts_verdict([3.5, 0.3], 1) == ledger.PARTLY
    order = [ledger.NOT_SHOWN, ledger.PARTLY, ledger.SUPPORTED]
    grid = np.linspace(0, 4, 9)
    for a in grid:  # monotone: raising any part's z never lowers the verdict
        for b in grid:
            assert order.index(parts_verdict([a, b, 1.0], 1)) <= order.index(parts_verdict([a + 0.5, b, 1.0], 1))
    assert holm([0.01, 0.04, 0.03]).tolist() == pytest.approx([0.03, 0.06, 0.06])
    assert by_count(0, 2) == ledger.NOT_SHOWN


def test_flat_is_an_equivalence_within_a_stated_margin():
    # a 0.5% move with an sd of 0.4%: its one-sided 95% interval reaches 1.16%, inside a 2% margin
    assert flat_verdict([0.005], [0.004], 0.02) == ledger.SUPPORTED
    assert flat_verdict([0.015], [0.021], 0.02) == ledger.NOT_SHOWN  # +1.5% with a wide band: cannot tell flat from 2%
    assert flat_verdict([0.08], [0.01], 0.02) == ledger.CONTRADICTED
    assert flat_verdict([0.005, 0.08], [0.004, 0.01], 0.02) == ledger.PARTLY


# ----------------------------------------------------------------------------- the rules, on constructed data

DAYS = pd.bdate_range("2024-09-02", "2026-03-31")


def make_claim(**fields) -> ledger.Claim:
    base = ledger.Claim(
        id="TEST",
        article="000",
        category="return",
        kind="outcome",
        subject="test",
        claim="a test claim",
        claimed_value=None,
        units="percent",
        parts=(),
        claimed_sign=None,
        spec=None,
        period_start=None,
        period_end=None,
        estimand_reason="a test",
        params={},
        method="",
    )
    if isinstance(fields.get("series"), str):
        fields["parts"] = tuple(claims_table.parse_parts(fields.pop("series")))
    for key in ("period_start", "period_end"):
        if fields.get(key) is not None:
            fields[key] = pd.Timestamp(fields[key])
    return dataclasses.replace(base, **fields)


def walk(seed, sd=0.01, drift=0.0, days=DAYS):
    rng = np.random.default_rng(seed)
    return pd.Series(100 * np.exp(np.cumsum(rng.normal(drift, sd, len(days)))), index=days)


def flat_then(level, changes: dict, days=DAYS):
    """A constant price with jumps: ``changes`` maps a date to the level from that date on."""
    path = pd.Series(float(level), index=days)
    for day, value in sorted(changes.items()):
        path.loc[day:] = value
    return path


def jittered(path, seed, sd=0.01):
    return path * (1 + pd.Series(np.random.default_rng(seed).normal(0, sd, len(path)), index=path.index))


@pytest.fixture
def fake(monkeypatch):
    """Serve constructed prices, index levels and FRED series to the ledger's loaders."""
    held = {"prices": pd.DataFrame(), "indices": pd.DataFrame(), "fred": pd.DataFrame()}

    def serve(kind):
        def loader(keys=None, **_):
            keys = [keys] if isinstance(keys, str) else list(keys)
            missing = [k for k in keys if k not in held[kind].columns]
            if missing:
                raise MissingDataError(f"not held: {missing}")
            return held[kind][keys].dropna(how="all")

        return loader

    monkeypatch.setattr(load, "load_prices", serve("prices"))
    monkeypatch.setattr(load, "load_indices", serve("indices"))
    monkeypatch.setattr(load, "load_fred", serve("fred"))
    return held


def test_an_insignificant_move_of_the_claimed_sign_is_not_shown_and_an_established_opposite_contradicts(fake):
    iwb = walk(1)
    noise = pd.Series(np.random.default_rng(2).normal(0, 0.004, len(DAYS)), index=DAYS)
    iwm = iwb * (1 + noise).cumprod()
    claim = make_claim(
        series="IWM-IWB", claimed_sign=1, period_start="2025-09-30", period_end="2026-01-06", method="movement"
    )
    tilt = lambda daily: pd.Series(np.where(DAYS > "2025-09-30", 1 + daily, 1.0), index=DAYS).cumprod()  # noqa: E731
    fake["prices"] = pd.DataFrame({"IWM": iwm * tilt(0.0004), "IWB": iwb})  # ahead, but by a fraction of the band
    finding = moves.movement(claim, ledger.STANDARD)
    assert finding.measured > 0 and finding.verdict == ledger.NOT_SHOWN
    fake["prices"] = pd.DataFrame(
        {"IWM": iwm * tilt(-0.01), "IWB": iwb}
    )  # behind by 1% a day: established the other way
    assert moves.movement(claim, ledger.STANDARD).verdict == ledger.CONTRADICTED
    fake["prices"] = pd.DataFrame({"IWM": iwm * tilt(0.01), "IWB": iwb})
    assert moves.movement(claim, ledger.STANDARD).verdict == ledger.SUPPORTED


def test_several_parts_and_an_untested_part(fake):
    spy = walk(3)
    noise = lambda seed: pd.Series(np.random.default_rng(seed).normal(0, 0.01, len(DAYS)), index=DAYS)  # noqa: E731
    frame = pd.DataFrame(
        {"SPY": spy, **{t: spy * (1 + noise(s)).cumprod() for t, s in (("XLI", 4), ("XES", 5), ("OIH", 6))}}
    )
    claim = make_claim(
        series="XLI-SPY; XES+OIH-SPY", claimed_sign=1, period_start="2026-01-02", period_end="2026-01-06"
    )
    day = pd.Timestamp("2026-01-05")
    frame.loc[day:, ["XLI", "XES", "OIH"]] *= 1.15  # far beyond two days of noise
    fake["prices"] = frame
    assert moves.movement(claim, ledger.STANDARD).verdict == ledger.SUPPORTED
    frame.loc[day:, ["XES", "OIH"]] /= 1.15
    assert moves.movement(claim, ledger.STANDARD).verdict == ledger.PARTLY
    untested = dataclasses.replace(claim, params={"untested": "industrials"})
    frame.loc[day:, ["XES", "OIH"]] *= 1.15
    finding = moves.movement(untested, ledger.STANDARD)
    assert finding.verdict == ledger.PARTLY and "industrials: not testable" in finding.reason


def test_flat_means_within_the_margin(fake):
    fake["prices"] = pd.DataFrame({"SPY": walk(7, sd=0.002), "QQQ": walk(8, sd=0.002)})
    claim = make_claim(
        series="SPY; QQQ", claimed_sign=0, period_start="2025-12-31", period_end="2026-01-06", params={"margin": "2"}
    )
    fake["prices"].loc["2026-01-02":, ["SPY", "QQQ"]] = fake["prices"].loc["2025-12-31", ["SPY", "QQQ"]].to_numpy()
    assert moves.movement(claim, ledger.STANDARD).verdict == ledger.SUPPORTED  # no move at all
    fake["prices"].loc["2026-01-05":, "QQQ"] *= 1.15
    assert moves.movement(claim, ledger.STANDARD).verdict == ledger.PARTLY
    fake["prices"].loc["2026-01-05":, "SPY"] *= 1.15
    assert moves.movement(claim, ledger.STANDARD).verdict == ledger.CONTRADICTED


def test_a_slope_rising_in_steps_is_a_supported_trend_and_a_flat_one_is_not_shown(fake):
    noisy = pd.Series(0.5 + np.random.default_rng(11).normal(0, 0.02, len(DAYS)), index=DAYS)
    claim = make_claim(
        series="T10Y2Y", claimed_sign=1, period_start="2025-06-30", period_end="2026-01-06", params={"material": "0.10"}
    )
    steps = pd.Series(
        np.select([DAYS >= f"2025-{m:02d}-01" for m in range(12, 6, -1)], np.arange(6, 0, -1) * 0.05, 0.0), index=DAYS
    )
    fake["fred"] = pd.DataFrame({"T10Y2Y": noisy + steps})
    finding = trends.trend(claim, ledger.STANDARD)
    assert finding.verdict == ledger.SUPPORTED and "monthly averages" in finding.reason
    # the same rise could not clear a random-walk band: 0.30 pp over six months against 1.96 sd of daily 2 bp moves
    assert 0.30 < 1.96 * 0.02 * np.sqrt(2) * np.sqrt(130)
    fake["fred"] = pd.DataFrame({"T10Y2Y": noisy})
    assert trends.trend(claim, ledger.STANDARD).verdict == ledger.NOT_SHOWN  # no change beyond the materiality
    fake["fred"] = pd.DataFrame({"T10Y2Y": noisy - steps})
    assert trends.trend(claim, ledger.STANDARD).verdict == ledger.CONTRADICTED
    jump = noisy.copy()
    jump.loc["2026-01-05":] += 0.3  # a jump on the last two days: the end points rise, the monthly path does not
    fake["fred"] = pd.DataFrame({"T10Y2Y": jump})
    assert trends.path_verdict(0.3, 0.0, 1, 0.1) == ledger.PARTLY


def test_a_new_high_is_a_fact_on_closes_with_no_tolerance(fake):
    """A close above every earlier close; equal to the record is not a new high."""
    levels = flat_then(100, {"2025-12-11": 110.0, "2025-12-12": 100.0})
    for last, expected in [(109.6, ledger.NOT_SHOWN), (110.0, ledger.NOT_SHOWN), (111.0, ledger.SUPPORTED)]:
        path = levels.copy()
        path.loc["2026-01-05"] = last
        path.loc["2026-01-08"] = 112.0
        fake["prices"] = pd.DataFrame({"IWM": path})
        claim = make_claim(series="IWM", period_end="2026-01-06", params={"recent_from": "2026-01-01"})
        finding = figures.new_high(claim, ledger.STANDARD)
        assert finding.verdict == expected, last
    assert "2026-01-08" not in finding.reason  # reached: no need to say when it was first reached later
    path.loc["2026-01-05"] = 109.6
    fake["prices"] = pd.DataFrame({"IWM": path})
    assert "first close above it after 2026-01-06: 2026-01-08" in figures.new_high(claim, ledger.STANDARD).reason


def test_multi_year_highs_count_the_series_that_reached_one_and_need_the_history(fake):
    fake["prices"] = pd.DataFrame(
        {"ARWR": flat_then(50, {"2025-12-15": 70.0}), "ALMS": flat_then(16, {"2024-03-01": 20.0})}
    )
    claim = make_claim(
        series="ARWR; ALMS", period_start="2024-09-02", period_end="2026-01-06", params={"recent_days": "21"}
    )
    assert figures.new_high(claim, ledger.STANDARD).verdict == ledger.PARTLY
    fake["prices"]["ALMS"] = flat_then(16, {"2024-03-01": 20.0, "2025-12-20": 21.0})
    assert figures.new_high(claim, ledger.STANDARD).verdict == ledger.SUPPORTED
    # a look-back from 2023: the constructed series start in September 2024, too late for a three-year high
    early = dataclasses.replace(claim, period_start=pd.Timestamp("2023-01-06"))
    with pytest.raises(TooLittleDataError, match="look-back"):
        figures.new_high(early, ledger.STANDARD)


@pytest.mark.parametrize(
    "measured, expected", [(12.4, ledger.SUPPORTED), (11.2, ledger.PARTLY), (10.5, ledger.CONTRADICTED)]
)
def test_a_calendar_year_etf_return_gets_the_proxy_allowance(fake, measured, expected):
    fake["prices"] = pd.DataFrame({"IWM": flat_then(100, {"2025-06-02": 100 * (1 + measured / 100)})})
    claim = make_claim(
        series="IWM", claimed_value=12.8, period_start="2024-12-31", period_end="2025-12-31", params={"proxy": "year"}
    )
    assert (
        figures.stated_return(claim, ledger.STANDARD).verdict == expected
    )  # 1 pp (0.5 + 0.5 for fees), partly within 2 pp


@pytest.mark.parametrize(
    "high, expected", [(2495.0, ledger.SUPPORTED), (2480.0, ledger.PARTLY), (2400.0, ledger.CONTRADICTED)]
)
def test_crossing_a_level_uses_the_return_tolerance(fake, high, expected):
    fake["indices"] = pd.DataFrame({"RUT": flat_then(2300, {"2025-11-03": high, "2025-11-10": 2350})})
    claim = make_claim(series="^RUT", claimed_value=2500, period_start="2025-10-01", period_end="2025-12-31")
    assert figures.level_reached(claim, ledger.STANDARD).verdict == expected


def test_a_window_beyond_the_data_is_not_yet_observable(fake):
    fake["prices"] = pd.DataFrame({"IWM": walk(20)})
    claim = make_claim(
        series="IWM", claimed_value=5, period_start="2026-01-02", period_end="2026-12-31", method="stated_return"
    )
    finding = ledger.evaluate(claim)
    assert finding.verdict == ledger.NOT_YET and "2026-03-31" in finding.reason


def test_cpi_inflation_finds_its_base_month_by_date(fake):
    months = pd.date_range("2023-01-01", "2025-12-01", freq="MS")
    cpi = pd.Series(300 * 1.00225 ** np.arange(len(months)), index=months).drop(pd.Timestamp("2025-10-01"))
    fake["fred"] = pd.DataFrame({"CPIAUCSL": cpi})
    claim = make_claim(series="CPIAUCSL", claimed_value=2.7, period_end="2026-01-06")
    finding = policy.inflation(claim, ledger.STANDARD)
    assert finding.measured == pytest.approx((1.00225**12 - 1) * 100)  # 2.73%: November 2025 on November 2024
    assert finding.verdict == ledger.SUPPORTED and "October 2025 never published" in finding.reason
    fake["fred"] = pd.DataFrame({"CPIAUCSL": cpi.drop(pd.Timestamp("2024-11-01"))})
    with pytest.raises(TooLittleDataError, match="November 2024"):
        policy.inflation(claim, ledger.STANDARD)


def test_reported_views_are_like_for_like_and_never_held_against_the_article(fake):
    days = pd.bdate_range("2000-06-01", "2026-07-31")
    fake["prices"] = pd.DataFrame({"IWM": walk(10, days=days)})
    fake["indices"] = pd.DataFrame({"RUT": walk(9, drift=0.002, days=days) * 25})
    claim = make_claim(
        series="IWM; ^RUT",
        period_start="2025-12-31",
        period_end="2026-06-30",
        kind="reported view",
        params={"not_held": "the note is", "since": "2001"},
    )
    finding = reported.first_half_path(claim, ledger.STANDARD)
    assert finding.verdict == ledger.NOT_TESTABLE and "IWM" in finding.next and "(total return)" in finding.next
    iwm = fake["prices"]["IWM"]
    assert finding.next_value == pytest.approx((iwm.loc["2026-06-30"] / iwm.loc["2025-12-31"] - 1) * 100)
    fake["prices"] = pd.DataFrame({"IWM": iwm.loc[:"2026-03-31"]})
    assert "not over" in reported.first_half_path(claim, ledger.STANDARD).next


def test_leadership_so_far_is_read_against_its_band(fake):
    iwb = walk(21)
    lead = pd.Series(np.where(DAYS > "2025-12-31", 1.004, 1.0), index=DAYS).cumprod()
    fake["prices"] = pd.DataFrame({"IWM": jittered(iwb, 22, 0.002) * lead, "IWB": iwb})
    claim = make_claim(
        series="IWM-IWB",
        period_start="2025-12-31",
        period_end="2026-12-31",
        kind="reported view",
        params={"not_held": "the notes are"},
    )
    finding = reported.leadership_path(claim, ledger.STANDARD)
    assert (
        finding.verdict == ledger.NOT_TESTABLE
        and "ahead beyond its band" in finding.next
        and "not over" in finding.next
    )


def test_the_upside_is_the_articles_own_arithmetic_from_the_level_on_its_date(fake, monkeypatch):
    targets = pd.DataFrame({"claimed_value": [2825.0]}, index=["TARGET"])
    monkeypatch.setattr(curated, "read_claims", lambda: targets)
    claim = make_claim(series="^RUT", claimed_value=14, period_end="2026-01-06", params={"target_claim": "TARGET"})
    fake["indices"] = pd.DataFrame({"RUT": flat_then(2400, {"2025-12-31": 2482.0, "2026-01-02": 2583.0})})
    finding = figures.target_upside(claim, ledger.STANDARD)
    assert finding.verdict == ledger.CONTRADICTED and "+13.8%" in finding.reason  # right only from the year-end close
    fake["indices"] = pd.DataFrame({"RUT": flat_then(2400, {"2025-12-31": 2482.0})})
    assert figures.target_upside(claim, ledger.STANDARD).verdict == ledger.SUPPORTED


def test_valuation_claims_use_published_multiples_and_their_own_rounding(fake, monkeypatch):
    valuations = pd.DataFrame(
        {
            "date_note": "",
            "subject": ["S&P 500", "S&P SmallCap 600", "S&P 500", "Russell 2000"],
            "measure": "forward 12-month P/E",
            "value": [21.9, 14.8, 21.0, 16.0],
            "units": "times",
            "kind": "published",
            "source": ["a", "a", "b", "b"],
            "rounding": [0.05, 0.05, 0.5, 0.5],
        },
        index=pd.to_datetime(["2025-12-02", "2025-12-02", "2026-02-16", "2026-02-16"]).rename("date"),
    )
    monkeypatch.setattr(load, "valuations", lambda as_of=None: valuations)
    fake["indices"] = pd.DataFrame({"SPX": flat_then(6800, {}), "RUT": flat_then(2480, {"2026-01-20": 2650})})
    fake["prices"] = pd.DataFrame({"IJR": flat_then(120, {})})
    pe = valuation.pe_pair(
        make_claim(
            claimed_value=22, period_end="2026-01-06", params={"small": "15", "small_index": "S&P SmallCap 600"}
        ),
        ledger.STANDARD,
    )
    assert pe.verdict == ledger.SUPPORTED and "2025-12-02" in pe.reason
    russell = make_claim(claimed_value=26, period_end="2025-12-31", params={"small_index": "Russell 2000"})
    found = valuation.discount(russell, ledger.STANDARD)
    rolled_back = 1 - (16.0 * 2480 / 2650) / 21.0
    assert (
        found.measured == pytest.approx(rolled_back * 100) and found.verdict == ledger.SUPPORTED
    )  # within 16x/21x's rounding
    assert "rolled back" in found.reason
    sp600 = dataclasses.replace(russell, params={"small_index": "S&P SmallCap 600"})
    assert valuation.discount(sp600, ledger.STANDARD).verdict == ledger.CONTRADICTED  # 32%, quoted to a tenth of a turn
    monkeypatch.setattr(load, "valuations", lambda as_of=None: valuations.loc[:"2026-01-06"])
    with pytest.raises(NotYetObservableError):  # as of the claim's date the Russell 2000 pair was not yet published
        valuation.discount(russell, ledger.STANDARD)


def test_a_reported_growth_forecast_is_followed_by_date(fake):
    quarters = pd.date_range("2024-01-01", "2026-04-01", freq="QS")
    gdp = pd.Series(100 * 1.005 ** np.arange(len(quarters)), index=quarters)
    fake["fred"] = pd.DataFrame({"GDPC1": gdp.drop(pd.Timestamp("2025-07-01"))})  # a quarter missing before the base
    claim = make_claim(
        series="GDPC1",
        claimed_value=2.6,
        period_start="2026-01-01",
        period_end="2026-12-31",
        kind="reported view",
        params={"not_held": "the source is"},
    )
    finding = reported.gdp_path(claim, ledger.STANDARD)
    assert finding.verdict == ledger.NOT_TESTABLE
    expected = ((gdp["2026-04-01"] / gdp["2025-10-01"]) ** 2 - 1) * 100  # two quarters from Q4 2025, annualised
    assert finding.next_value == pytest.approx(expected) and "2025 Q4 to 2026 Q2" in finding.next


def test_a_regularity_verdict_follows_its_robustness_reading():
    def reading(outcome):
        return dataclasses.replace(READING, outcome=outcome)

    assert regularities.verdict_of(reading(rb.ESTABLISHED)) == ledger.SUPPORTED
    assert regularities.verdict_of(reading(rb.FRAGILE)) == ledger.PARTLY
    assert regularities.verdict_of(reading(rb.NOT_ESTABLISHED)) == ledger.NOT_SHOWN
    assert regularities.verdict_of(reading(rb.OPPOSITE)) == ledger.CONTRADICTED


READING = rb.Reading(
    outcome=rb.ESTABLISHED,
    label="",
    sentence="",
    estimand=pd.Series(dtype=float),
    sign=1,
    reference="",
    regime_dependent=False,
    regimes="",
    depends=[],
    departing=[],
    uninformative=[],
    agreeing=0,
    rows=1,
    table=pd.DataFrame(),
)


def test_the_sensitivity_table_varies_the_standard_and_the_estimand(fake, monkeypatch):
    spy = walk(30)
    frame = pd.DataFrame(
        {
            "SPY": spy,
            "XLI": spy * (1 + pd.Series(np.random.default_rng(31).normal(0, 0.005, len(DAYS)), index=DAYS)).cumprod(),
        }
    )
    sd = frame["XLI"].pct_change().sub(frame["SPY"].pct_change()).loc[:"2025-12-31"].iloc[-252:].std()
    ratio = frame.loc["2026-01-02", "XLI"] / frame.loc["2026-01-02", "SPY"]
    frame.loc["2026-01-05":, "XLI"] = (
        frame.loc["2026-01-05":, "SPY"] * ratio * (1 + 2.2 * sd)
    )  # 2.2 sd: at 5%, not at 1%
    fake["prices"] = frame
    table = pd.DataFrame(
        [
            {
                "article": "000",
                "category": "return",
                "kind": "outcome",
                "subject": "t",
                "claim": "t",
                "claimed_value": np.nan,
                "units": "percent",
                "series": "XLI-SPY",
                "claimed_sign": 1,
                "spec": np.nan,
                "period_start": pd.Timestamp("2026-01-02"),
                "period_end": pd.Timestamp("2026-01-05"),
                "estimand_reason": "a test",
                "params": np.nan,
                "method": "movement",
            }
        ],
        index=pd.Index(["TEST"], name="id"),
    )
    alternatives = pd.DataFrame(
        {
            "id": ["TEST"],
            "name": ["a later end"],
            "period_start": [pd.NaT],
            "period_end": [pd.Timestamp("2026-01-30")],
            "spec": [np.nan],
            "reason": ["a test"],
        }
    )
    monkeypatch.setattr(curated, "read_claims", lambda: table)
    monkeypatch.setattr(curated, "read_claim_alternatives", lambda: alternatives)
    monkeypatch.setattr(identity, "current", lambda as_of=None: DataIdentity("real", f"constructed-{id(frame)}"))
    base = ledger.build()
    assert base.loc["TEST", "verdict"] == ledger.SUPPORTED and base.loc["TEST", "standard"].startswith("two-sided 5%")
    long, summary = ledger.sensitivity(base)
    assert (
        summary.loc["TEST", "standard 1%"] == ledger.NOT_SHOWN
        and summary.loc["TEST", "standard 10%"] == ledger.SUPPORTED
    )
    assert "tolerance ×0.5" not in summary.columns  # a movement rule reads the standard, not the tolerances
    assert "standard 1%" in summary.loc["TEST", "flips"]
    assert set(long["variant"]) == {"standard 1%", "standard 10%", "estimand: a later end"}


def test_the_reviewers_page_and_the_book_state_the_scale_one_line_per_verdict():
    page = (paths.PROJECT_ROOT / "docs" / "reviews.md").read_text()  # the README points there
    for verdict, meaning in ledger.SCALE.items():
        assert f"| {verdict} | {meaning} |" in page, verdict
    from helpers.publish import book

    lines = book.verdict_scale()
    assert all(
        any(line.startswith(f"* **{verdict}**: {meaning}") for line in lines)
        for verdict, meaning in ledger.SCALE.items()
    )


def test_nothing_has_happened_next_before_the_articles_date(data_dir):
    from helpers.data import asof

    after = ledger.aftermath("2026-01-06", 2825)
    assert after is not None and after.article_day <= pd.Timestamp("2026-01-06") and len(after.segments) == 7
    asof.set_as_of("2025-12-15")
    try:
        assert ledger.aftermath("2026-01-06", 2825) is None
    finally:
        asof.set_as_of(None)

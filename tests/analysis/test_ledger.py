"""The claims ledger: every claim has a test, verdicts are recomputed from data, claims are paraphrased."""

import re

import numpy as np
import pandas as pd
import pytest

from helpers.analysis import ledger, robustness as rb
from helpers.data import curated, load, paths

SEEDS = paths.PROJECT_ROOT.parent / "shared" / "seeds"


def test_every_claim_names_an_existing_test_and_valid_fields():
    claims = curated.read_claims()
    assert claims.index.is_unique
    assert set(claims["method"]) <= set(ledger.METHODS)
    assert set(claims["article"]) == {"000", "004"}
    assert set(claims["category"]) <= {"return", "level", "date", "rate", "valuation", "regularity", "forecast", "other"}


def test_claims_are_paraphrased_not_pasted():
    if not SEEDS.is_dir():
        pytest.skip("the seed articles are not beside the project")
    words = lambda text: re.findall(r"[a-z0-9%.]+", text.lower())  # noqa: E731
    seed_text = " ".join(" ".join(words(p.read_text())) for p in SEEDS.glob("*.txt"))
    claims = curated.read_claims()
    texts = [(i, c) for i, c in claims["claim"].items()] + [(i, c) for i, c in claims["window_reason"].items()]
    for claim_id, claim in texts:
        tokens = words(claim)
        for i in range(len(tokens) - 7):
            run = " ".join(tokens[i : i + 8])
            assert run not in seed_text, f"{claim_id} repeats the article verbatim: {run!r}"


def test_the_ledger_runs_on_whatever_data_is_held():
    table = ledger.build()
    assert len(table) == len(curated.read_claims())
    assert set(table["verdict"]) <= set(ledger.VERDICTS)
    assert table["evidence"].str.len().gt(10).all()
    assert ledger.verdict_counts(table).sum() == len(table)


def test_verdicts_on_the_real_snapshot(real_data):
    table = ledger.build()
    verdicts = table["verdict"]
    assert verdicts["IWM_6PCT_JAN6"] == "contradicted" and table.loc["IWM_6PCT_JAN6", "measured"] == pytest.approx(4.03, abs=0.01)
    assert verdicts["R2K_DEC_12PCT"] == "contradicted"
    assert verdicts["R2K_2025"] == "supported" and verdicts["MICRO_2025"] == "supported"
    assert verdicts["THREE_CUTS_2025"] == "supported"
    assert verdicts["MEGA_PREMIUM_30"] == "not testable"
    # November 2025 on November 2024 (October 2025 was never published), not a 13-month change (2.99%)
    assert table.loc["INFLATION_27", "measured"] == pytest.approx(2.70, abs=0.01)
    # a reported view: not held against the article; the first half of 2026 goes to what happened next
    assert verdicts["JPM_LIMITED_H1"] == "not testable" and "+21.9%" in table.loc["JPM_LIMITED_H1", "next"]
    # the headline with the market only is not significant; only the high-yield spread control makes it so
    assert verdicts["FLOATING_RATE"] == "contradicted" and "high-yield spread control" in table.loc["FLOATING_RATE", "evidence"]
    assert verdicts["DISCOUNT_NEAR_LOWS"] == "not testable"  # prices are not valuations
    assert set(verdicts) == set(ledger.VERDICTS)  # all four verdicts occur


def test_the_ledger_as_of_the_articles_date_and_its_sensitivity(real_data):
    full = ledger.build()
    at_date = ledger.build(as_of=ledger.ARTICLE_DATE)
    both = ledger.beside(full, at_date)
    # the Russell 2000 multiples were published in February: as of the articles' date only the S&P 600 pair exists
    assert at_date.loc["DISCOUNT_26", "verdict"] == "partly supported" and full.loc["DISCOUNT_26", "verdict"] == "supported"
    assert both.loc["DISCOUNT_26", "changed"]
    long, summary = ledger.sensitivity(full)
    assert "tolerance ×0.5" in summary.loc["IWM_ATH_JAN6", "flips"]
    assert summary.loc["THREE_CUTS_2025", "flips"] == ""
    assert long["flipped"].any() and set(summary["baseline"]) <= set(ledger.VERDICTS)


def test_an_earlier_as_of_date_recomputes_the_verdicts(real_data):
    early = ledger.build(as_of="2026-01-16")
    assert early.loc["JPM_LIMITED_H1", "verdict"] == "not testable"
    assert "2026-01-16" in early.loc["LEADERSHIP_2026", "next"]
    assert early.loc["IWM_6PCT_JAN6", "verdict"] == "contradicted"  # the article's date is before the as-of date
    before = ledger.build(as_of="2025-12-15")
    assert before.loc["IWM_6PCT_JAN6", "verdict"] == "not testable"
    assert "before 2026-01-06" in before.loc["IWM_6PCT_JAN6", "evidence"]
    from helpers.data import asof

    assert asof.get_as_of() is None  # the ledger restores the session's as-of date
    asof.set_as_of("2025-12-15")
    try:  # a run as of the articles' date inside an earlier session never reads past the session's date
        capped = ledger.build(as_of=ledger.ARTICLE_DATE)
        assert capped.loc["IWM_6PCT_JAN6", "verdict"] == "not testable"
        assert asof.get_as_of() == pd.Timestamp("2025-12-15")
    finally:
        asof.set_as_of(None)


# ----------------------------------------------------------------------------- the rules, on constructed data

DAYS = pd.bdate_range("2024-09-02", "2026-03-31")


def make_claim(**fields):
    base = {"id": "TEST", "article": "000", "subject": "test", "claim": "a test claim", "claimed_value": np.nan, "units": "percent",
            "period_start": pd.NaT, "period_end": pd.NaT, "method": "", "kind": "outcome", "category": "return",
            "window_reason": "a test"}
    base.update({k: pd.Timestamp(v) if k.startswith("period_") and v is not None else v for k, v in fields.items()})
    return pd.Series(base)


def walk(seed, sd=0.01, drift=0.0, days=DAYS):
    rng = np.random.default_rng(seed)
    return pd.Series(100 * np.exp(np.cumsum(rng.normal(drift, sd, len(days)))), index=days)


@pytest.fixture
def fake(monkeypatch):
    """Serve constructed prices, index levels and FRED series to the ledger's loaders."""
    held = {"prices": pd.DataFrame(), "indices": pd.DataFrame(), "fred": pd.DataFrame()}

    def serve(kind):
        def loader(keys=None, **_):
            keys = [keys] if isinstance(keys, str) else list(keys)
            missing = [k for k in keys if k not in held[kind].columns]
            if missing:
                raise ledger.MissingDataError(f"not held: {missing}")
            return held[kind][keys].dropna(how="all")
        return loader

    monkeypatch.setattr(load, "load_prices", serve("prices"))
    monkeypatch.setattr(load, "load_indices", serve("indices"))
    monkeypatch.setattr(load, "load_fred", serve("fred"))
    return held


def test_one_tolerance_rule_for_stated_figures():
    assert ledger.graded(0.5, 0.5) == ledger.SUPPORTED
    assert ledger.graded(-0.9, 0.5) == ledger.PARTLY
    assert ledger.graded(1.01, 0.5) == ledger.CONTRADICTED
    doubled = ledger.POLICY.scaled(tolerance=2)
    assert doubled.return_tolerance_pp == 1.0 and doubled.rate_tolerance_pp == pytest.approx(0.2)
    assert doubled.band_sd == ledger.POLICY.band_sd and ledger.POLICY.scaled(band=0.5).band_sd == 0.5


def test_the_noise_band_is_the_daily_sd_scaled_to_the_window():
    rng = np.random.default_rng(0)
    daily = pd.Series(rng.normal(0, 0.01, len(DAYS)), index=DAYS)
    start = pd.Timestamp("2025-12-31")
    history = daily.loc[: start - pd.Timedelta(days=1)].iloc[-252:]
    assert ledger.noise_band(daily, start, 9) == pytest.approx(history.std() * 3)
    assert ledger.noise_band(daily, start, 9, ledger.POLICY.scaled(band=2)) == pytest.approx(history.std() * 6)
    with pytest.raises(ledger.NotCovered):
        ledger.noise_band(daily, DAYS[10], 5)


def test_the_catch_up_rule_can_fail_where_the_old_one_could_not(fake):
    # IWM and IWB move together but for noise: no catch-up at all in late 2025
    iwb = walk(1)
    iwm = iwb * (1 + pd.Series(np.random.default_rng(2).normal(0, 0.002, len(DAYS)), index=DAYS))  # the same path, plus noise
    fake["prices"] = pd.DataFrame({"IWM": iwm, "IWB": iwb})
    claim = make_claim(period_start="2025-09-30", period_end="2026-01-06", method="catchup_q4")
    # the old rule measured from the ratio's low in the year, picked afterwards: never negative by construction
    ratio = (iwm / iwb).loc["2025"]
    since_low = ratio.loc["2025-12-31"] / ratio.loc[: "2025-12-31"].min() - 1
    assert since_low >= 0
    assert ledger.catchup_q4(claim).verdict == ledger.CONTRADICTED
    # a real catch-up: IWM gains 1% a day on IWB from October
    boost = pd.Series(np.where(DAYS > "2025-09-30", 1.01, 1.0), index=DAYS).cumprod()
    fake["prices"] = pd.DataFrame({"IWM": iwm * boost, "IWB": iwb})
    assert ledger.catchup_q4(claim).verdict == ledger.SUPPORTED
    # a catch-up that comes only in January: it clears the band, but not in late 2025
    january = pd.Series(np.where(DAYS > "2025-12-31", 1.05, 1.0), index=DAYS).cumprod()
    fake["prices"] = pd.DataFrame({"IWM": iwm * january * 0.97 ** (DAYS > "2025-10-15"), "IWB": iwb})
    assert ledger.catchup_q4(claim).verdict == ledger.PARTLY


def test_a_favoured_claim_inside_its_noise_band_is_not_supported(fake):
    spy = walk(3)
    noise = lambda seed: pd.Series(np.random.default_rng(seed).normal(0, 0.01, len(DAYS)), index=DAYS)  # noqa: E731
    inside = {t: spy * (1 + noise(s)).cumprod() for t, s in (("XLI", 4), ("XES", 5), ("OIH", 6))}
    frame = pd.DataFrame({"SPY": spy, **inside})
    day = pd.Timestamp("2026-01-06")
    for ticker in inside:  # each beats SPY by a fraction of a daily sd over the two days
        frame.loc[day:, ticker] *= 1.002
    fake["prices"] = frame
    claim = make_claim(period_start="2026-01-02", period_end="2026-01-06", method="venezuela_week")
    finding = ledger.venezuela_week(claim)
    assert finding.measured > 0 and finding.verdict == ledger.CONTRADICTED
    frame.loc[day:, ["XLI", "XES", "OIH"]] *= 1.10  # a move far beyond two days of noise
    assert ledger.venezuela_week(claim).verdict == ledger.SUPPORTED
    frame.loc[day:, "OIH"] /= 1.10
    assert ledger.venezuela_week(claim).verdict == ledger.PARTLY


def test_flat_means_inside_the_noise_band(fake):
    spy, qqq = walk(7), walk(8)
    fake["prices"] = pd.DataFrame({"SPY": spy, "QQQ": qqq})
    claim = make_claim(period_start="2025-12-31", period_end="2026-01-06", method="return_large_flat")
    fake["prices"].loc["2026-01-02":, ["SPY", "QQQ"]] = fake["prices"].loc["2025-12-31", ["SPY", "QQQ"]].to_numpy()
    assert ledger.return_large_flat(claim).verdict == ledger.SUPPORTED  # no move at all
    fake["prices"].loc["2026-01-05":, "QQQ"] *= 1.15
    assert ledger.return_large_flat(claim).verdict == ledger.PARTLY
    fake["prices"].loc["2026-01-05":, "SPY"] *= 1.15
    assert ledger.return_large_flat(claim).verdict == ledger.CONTRADICTED


def test_an_all_time_high_gets_the_same_tolerance_as_a_return(fake):
    levels = pd.Series(100.0, index=DAYS)
    levels.loc["2025-12-11"] = 110.0  # the record
    for last, expected in [(109.6, ledger.SUPPORTED), (109.0, ledger.PARTLY), (105.0, ledger.CONTRADICTED), (111.0, ledger.SUPPORTED)]:
        path = levels.copy()
        path.loc["2026-01-05"] = last
        fake["prices"] = pd.DataFrame({"IWM": path})
        fake["indices"] = pd.DataFrame({"RUT": path * 20})
        claim = make_claim(period_end="2026-01-06", method="iwm_all_time_high")
        assert ledger.iwm_all_time_high(claim).verdict == expected, last
    assert ledger.iwm_all_time_high(claim, ledger.POLICY.scaled(tolerance=0)).verdict == ledger.SUPPORTED  # 111 > 110


def test_cpi_inflation_finds_its_base_month_by_date(fake):
    months = pd.date_range("2023-01-01", "2025-12-01", freq="MS")
    cpi = pd.Series(300 * 1.00225 ** np.arange(len(months)), index=months).drop(pd.Timestamp("2025-10-01"))
    fake["fred"] = pd.DataFrame({"CPIAUCSL": cpi})
    claim = make_claim(claimed_value=2.7, period_end="2026-01-06", method="cpi_inflation")
    finding = ledger.cpi_inflation(claim)
    assert finding.measured == pytest.approx((1.00225 ** 12 - 1) * 100)  # 2.73%: November 2025 on November 2024
    assert finding.verdict == ledger.SUPPORTED and "October 2025 never published" in finding.reason
    positional = (cpi.loc[:"2025-11-01"].iloc[-1] / cpi.loc[:"2025-11-01"].iloc[-13] - 1) * 100  # the old lookup
    assert positional == pytest.approx((1.00225 ** 13 - 1) * 100)
    assert ledger.graded(positional - 2.7, ledger.POLICY.rate_tolerance_pp) != ledger.SUPPORTED  # it would have moved the verdict
    base_missing = cpi.drop(pd.Timestamp("2024-11-01"))
    fake["fred"] = pd.DataFrame({"CPIAUCSL": base_missing})
    with pytest.raises(ledger.NotCovered, match="November 2024"):
        ledger.cpi_inflation(claim)


def test_reported_views_are_not_held_against_the_article(fake):
    rut = walk(9, drift=0.002) * 25
    fake["indices"] = pd.DataFrame({"RUT": rut})
    fake["prices"] = pd.DataFrame({"IWM": walk(10, days=pd.bdate_range("2000-06-01", "2026-03-31"))})
    claim = make_claim(period_start="2025-12-31", period_end="2026-06-30", method="h1_2026", kind="reported view")
    finding = ledger.h1_2026(claim)
    assert finding.verdict == ledger.NOT_TESTABLE and "not over" in finding.next
    fake["indices"] = pd.DataFrame({"RUT": rut.reindex(pd.bdate_range("2024-09-02", "2026-07-31")).ffill()})
    finding = ledger.h1_2026(claim)
    assert finding.verdict == ledger.NOT_TESTABLE and "first half of 2026" in finding.next
    assert finding.next_value == pytest.approx((rut.iloc[-1] / rut.loc["2025-12-31"] - 1) * 100)


def test_a_regularity_verdict_follows_its_robustness_reading():
    def reading(outcome, headline):
        return rb.Reading(outcome, outcome, outcome, [], 1, 2, -1, headline)
    assert ledger.verdict_from_reading(reading(rb.HOLDS, True)) == ledger.SUPPORTED
    assert ledger.verdict_from_reading(reading(rb.DEPENDS_CONTROL, True)) == ledger.PARTLY
    assert ledger.verdict_from_reading(reading(rb.DEPENDS_CONTROL, False)) == ledger.CONTRADICTED
    assert ledger.verdict_from_reading(reading(rb.NONE, False)) == ledger.CONTRADICTED


def test_every_rule_declares_what_it_reads_and_every_claim_states_its_kind_and_window():
    assert set().union(*ledger.USES.values()) <= {"tolerance", "band", "significance"}
    claims = curated.read_claims()
    assert set(claims["kind"]) == set(ledger.KINDS)
    assert claims["window_reason"].str.len().gt(10).all()
    windows = curated.read_claim_windows()
    assert set(windows["id"]) <= set(claims.index) and windows["reason"].str.len().gt(5).all()
    for method in claims.loc[claims["kind"] == ledger.REPORTED, "method"]:
        assert ledger.USES[method] == (), f"a reported view's rule must not grade the article: {method}"


def test_the_sensitivity_table_flags_a_verdict_that_flips(fake, monkeypatch):
    levels = pd.Series(100.0, index=DAYS)
    levels.loc["2025-12-11"] = 110.0
    levels.loc["2026-01-05"] = 109.6  # 0.36% below the record: inside 0.5%, outside 0.25%
    levels.loc["2026-01-08"] = 110.5  # a record two days after the article's date
    fake["prices"] = pd.DataFrame({"IWM": levels})
    fake["indices"] = pd.DataFrame({"RUT": levels * 20})
    claims = pd.DataFrame([make_claim(period_end="2026-01-06", method="iwm_all_time_high")]).set_index("id")
    windows = pd.DataFrame({"id": ["TEST"], "window": ["the first full week"], "period_start": [pd.NaT],
                            "period_end": [pd.Timestamp("2026-01-09")], "reason": ["a test"]})
    monkeypatch.setattr(curated, "read_claims", lambda: claims)
    monkeypatch.setattr(curated, "read_claim_windows", lambda: windows)
    monkeypatch.setattr(load, "data_label", lambda: "constructed")
    base = ledger.build()
    assert base.loc["TEST", "verdict"] == ledger.SUPPORTED
    long, summary = ledger.sensitivity(base)
    assert summary.loc["TEST", "tolerance ×0.5"] == ledger.PARTLY
    assert summary.loc["TEST", "tolerance ×2"] == ledger.SUPPORTED
    assert summary.loc["TEST", "windows"] == "the first full week: supported"  # a record on 8 January: no flip
    assert summary.loc["TEST", "flips"] == "tolerance ×0.5"
    assert set(long["variant"]) == {"tolerance ×0.5", "tolerance ×2", "window: the first full week"}


def flat_then(level, changes: dict, days=DAYS):
    """A constant price with jumps: ``changes`` maps a date to the level from that date on."""
    path = pd.Series(float(level), index=days)
    for day, value in sorted(changes.items()):
        path.loc[day:] = value
    return path


def jittered(path, seed, sd=0.01):
    return path * (1 + pd.Series(np.random.default_rng(seed).normal(0, sd, len(path)), index=path.index))


@pytest.mark.parametrize("measured, expected", [(12.4, ledger.SUPPORTED), (11.2, ledger.PARTLY), (10.5, ledger.CONTRADICTED)])
def test_a_calendar_year_etf_return_gets_the_proxy_allowance(fake, measured, expected):
    fake["prices"] = pd.DataFrame({"IWM": flat_then(100, {"2025-06-02": 100 * (1 + measured / 100)})})
    claim = make_claim(claimed_value=12.8, period_start="2024-12-31", period_end="2025-12-31", method="return_2025_iwm")
    assert ledger.return_2025_iwm(claim).verdict == expected  # 1 pp (0.5 + 0.5 for fees), partly within 2 pp


@pytest.mark.parametrize("high, expected", [(2495.0, ledger.SUPPORTED), (2480.0, ledger.PARTLY), (2400.0, ledger.CONTRADICTED)])
def test_crossing_a_level_uses_the_return_tolerance(fake, high, expected):
    fake["indices"] = pd.DataFrame({"RUT": flat_then(2300, {"2025-11-03": high, "2025-11-10": 2350})})
    claim = make_claim(claimed_value=2500, period_start="2025-10-01", period_end="2025-12-31", method="rut_crosses_2500")
    assert ledger.rut_crosses_2500(claim).verdict == expected


def test_a_steepening_must_clear_its_noise_band(fake):
    noisy = pd.Series(0.5 + np.cumsum(np.random.default_rng(11).normal(0, 0.02, len(DAYS))), index=DAYS)
    claim = make_claim(period_start="2025-06-30", period_end="2026-01-06", method="curve_steepening")
    # a noisy year before the window (daily sd 2 bp), then 5 bp higher and still: a rise, but far inside the band
    slope = noisy.loc[:"2025-06-30"].reindex(DAYS).fillna(noisy.loc["2025-06-30"] + 0.05)
    fake["fred"] = pd.DataFrame({"T10Y2Y": slope})
    finding = ledger.curve_steepening(claim)
    assert finding.measured == pytest.approx(0.05) and finding.verdict == ledger.CONTRADICTED
    steep = fake["fred"]["T10Y2Y"].copy()
    steep.loc["2025-12-01":] += 1.5
    fake["fred"] = pd.DataFrame({"T10Y2Y": steep})
    assert ledger.curve_steepening(claim).verdict == ledger.SUPPORTED


def test_soared_and_a_wide_margin_mean_beyond_the_band(fake):
    iwm = jittered(flat_then(100, {}), 12)
    claim = make_claim(period_start="2025-09-30", period_end="2026-01-06", method="return_grc")
    grc = jittered(flat_then(50, {}), 13, 0.02)
    fake["prices"] = pd.DataFrame({"IWM": iwm, "GRC": grc})
    assert ledger.return_grc(claim).verdict == ledger.CONTRADICTED  # no rise beyond noise
    fake["prices"]["GRC"] = grc * flat_then(1, {"2025-11-03": 2.0})
    assert ledger.return_grc(claim).verdict == ledger.SUPPORTED
    fake["prices"]["IWM"] = iwm * flat_then(1, {"2025-11-03": 2.0})  # the market doubled too
    assert ledger.return_grc(claim).verdict == ledger.PARTLY
    xle = jittered(flat_then(80, {}), 14)
    fake["prices"] = pd.DataFrame({"XLE": xle, "ESOA": jittered(flat_then(10, {}), 15, 0.03) * flat_then(1, {"2025-11-03": 1.05})})
    assert ledger.esoa_vs_xle(make_claim(period_start="2025-09-30", period_end="2026-01-06")).verdict == ledger.CONTRADICTED
    fake["prices"]["ESOA"] *= flat_then(1, {"2025-12-01": 3.0})
    assert ledger.esoa_vs_xle(make_claim(period_start="2025-09-30", period_end="2026-01-06")).verdict == ledger.SUPPORTED


def test_mega_caps_stall_only_when_they_trail_beyond_their_band(fake):
    iwm = jittered(flat_then(100, {}), 16) * flat_then(1, {"2025-11-03": 1.3})
    frame = pd.DataFrame({"IWM": iwm, **{t: jittered(flat_then(100, {}), s) for t, s in (("NVDA", 17), ("AAPL", 18), ("MSFT", 19))}})
    fake["prices"] = frame
    claim = make_claim(period_start="2025-09-30", period_end="2026-01-06", method="megacap_stall")
    assert ledger.megacap_stall(claim).verdict == ledger.SUPPORTED
    fake["prices"] = frame.assign(NVDA=frame["NVDA"] * flat_then(1, {"2025-11-03": 1.3}))
    assert ledger.megacap_stall(claim).verdict == ledger.PARTLY


def test_multi_year_highs_use_the_same_tolerance(fake):
    arwr = flat_then(50, {"2024-03-01": 70.0})
    fake["prices"] = pd.DataFrame({"ARWR": arwr, "ALMS": flat_then(16, {})})
    claim = make_claim(period_start="2023-01-06", period_end="2026-01-06", method="biotech_highs")
    assert ledger.biotech_highs(claim).verdict == ledger.SUPPORTED
    fake["prices"]["ARWR"] = flat_then(50, {"2024-10-01": 80.0, "2024-12-02": 70.0})  # 12.5% below its high
    assert ledger.biotech_highs(claim).verdict == ledger.PARTLY


def test_valuation_claims_use_multiples_dated_on_or_before_the_claim(fake, monkeypatch):
    valuations = pd.DataFrame({
        "date_note": "", "subject": ["S&P 500", "S&P SmallCap 600", "S&P 500", "Russell 2000"], "measure": "forward 12-month P/E",
        "value": [21.9, 14.8, 21.0, 16.0], "units": "times", "kind": "published", "source": ["a", "a", "b", "b"]},
        index=pd.to_datetime(["2025-12-02", "2025-12-02", "2026-02-16", "2026-02-16"]).rename("date"))
    monkeypatch.setattr(load, "valuations", lambda as_of=None: valuations)
    fake["indices"] = pd.DataFrame({"SPX": flat_then(6800, {}), "RUT": flat_then(2480, {"2026-01-20": 2650})})
    fake["prices"] = pd.DataFrame({"IJR": flat_then(120, {})})
    pe = ledger.pe_22_vs_15(make_claim(claimed_value=22, period_end="2026-01-06"))
    assert pe.verdict == ledger.SUPPORTED and "2025-12-02" in pe.reason
    discount = ledger.discount_26(make_claim(claimed_value=26, period_end="2025-12-31"))
    rolled_back = 1 - (16.0 * 2480 / 2650) / 21.0
    assert discount.measured == pytest.approx(rolled_back * 100) and discount.verdict == ledger.SUPPORTED
    assert "Russell 2000 fits best" in discount.reason and "rolled back" in discount.reason
    early = valuations.loc[:"2026-01-06"]  # as of the claim's date only the S&P 600 pair exists (32%)
    monkeypatch.setattr(load, "valuations", lambda as_of=None: early)
    assert ledger.discount_26(make_claim(claimed_value=26, period_end="2025-12-31")).verdict == ledger.PARTLY


def test_the_upside_is_the_articles_own_arithmetic(fake, monkeypatch):
    fake["indices"] = pd.DataFrame({"RUT": flat_then(2400, {"2025-12-31": 2482.0, "2026-01-02": 2583.0})})
    claim = make_claim(claimed_value=14, period_end="2026-01-06", method="jefferies_upside")
    assert ledger.jefferies_upside(claim).verdict == ledger.PARTLY  # right from the year-end close, not from the article's date
    fake["indices"] = pd.DataFrame({"RUT": flat_then(2400, {"2025-12-31": 2482.0})})
    assert ledger.jefferies_upside(claim).verdict == ledger.SUPPORTED


def test_a_reported_growth_forecast_is_followed_by_date(fake):
    quarters = pd.date_range("2024-01-01", "2026-04-01", freq="QS")
    gdp = pd.Series(100 * 1.005 ** np.arange(len(quarters)), index=quarters)
    fake["fred"] = pd.DataFrame({"GDPC1": gdp.drop(pd.Timestamp("2025-07-01"))})  # a quarter missing before the base
    finding = ledger.gdp_growth(make_claim(claimed_value=2.6, period_start="2026-01-01", period_end="2026-12-31", kind="reported view"))
    assert finding.verdict == ledger.NOT_TESTABLE
    expected = ((gdp["2026-04-01"] / gdp["2025-10-01"]) ** 2 - 1) * 100  # two quarters from Q4 2025, annualised
    assert finding.next_value == pytest.approx(expected) and "2025 Q4 to 2026 Q2" in finding.next

"""The claims ledger: every claim has a test, verdicts are recomputed from data, claims are paraphrased."""

import re

import pytest

from helpers import curated, ledger, paths

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
    for claim_id, claim in curated.read_claims()["claim"].items():
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
    assert verdicts["DISCOUNT_26"] == "partly supported"
    assert verdicts["MEGA_PREMIUM_30"] == "not testable"
    assert verdicts["JPM_LIMITED_H1"] == "contradicted"
    assert set(verdicts) == set(ledger.VERDICTS)  # all four verdicts occur


def test_an_earlier_as_of_date_recomputes_the_verdicts(real_data):
    early = ledger.build(as_of="2026-01-16")
    assert early.loc["JPM_LIMITED_H1", "verdict"] == "not testable"
    assert "2026-01-16" in early.loc["LEADERSHIP_2026", "evidence"]
    assert early.loc["IWM_6PCT_JAN6", "verdict"] == "contradicted"  # the article's date is before the as-of date
    before = ledger.build(as_of="2025-12-15")
    assert before.loc["IWM_6PCT_JAN6", "verdict"] == "not testable"
    assert "before 2026-01-06" in before.loc["IWM_6PCT_JAN6", "evidence"]
    from helpers import asof

    assert asof.get_as_of() is None  # the ledger restores the session's as-of date

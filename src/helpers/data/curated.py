"""Curated tables of published facts (``data/raw/curated/*.csv``), committed with the project."""

from __future__ import annotations

import pandas as pd

from . import paths


def read_fomc_decisions() -> pd.DataFrame:
    """FOMC announcements: decision, change (basis points), target range after (percent), source."""
    table = pd.read_csv(paths.curated_dir() / "fomc_decisions.csv", parse_dates=["announcement"])
    table = table.set_index("announcement").sort_index()
    table["change_bp"] = table["change_bp"].astype("Float64")
    return table


def read_easing_cycles() -> pd.DataFrame:
    """First cuts of past easing cycles, with sources."""
    table = pd.read_csv(paths.curated_dir() / "easing_cycles.csv", parse_dates=["first_cut"])
    return table.set_index("first_cut").sort_index()


def read_valuations() -> pd.DataFrame:
    """Dated forward P/E figures and related claims (value in ``units``), with sources."""
    table = pd.read_csv(paths.curated_dir() / "valuations.csv", parse_dates=["date"])
    return table.set_index("date").sort_index()


def read_claims() -> pd.DataFrame:
    """The articles' checkable claims, paraphrased, one row each (value in ``units``; empty when not numeric)."""
    table = pd.read_csv(
        paths.curated_dir() / "claims.csv", dtype={"article": str}, parse_dates=["period_start", "period_end"]
    )
    return table.set_index("id")


def read_claim_alternatives() -> pd.DataFrame:
    """Other readings of claims whose wording admits more than one: ``id``, ``name``, another window
    (``period_start``, ``period_end``) or another row of the robustness table (``spec``), and the ``reason``
    (the claims table holds each claim's estimand)."""
    return pd.read_csv(paths.curated_dir() / "claim_alternatives.csv", parse_dates=["period_start", "period_end"])


def read_articles() -> pd.DataFrame:
    """The seed articles: ``article`` id, the ``date`` they write "as of", a short ``title`` and the ``file``."""
    return pd.read_csv(paths.curated_dir() / "articles.csv", dtype={"article": str}, parse_dates=["date"]).set_index(
        "article"
    )


def read_follow_through() -> pd.DataFrame:
    """Notebook 07's pre-registered follow-through test: per spread, the event, the horizons (months), the band
    rule and the past openings it is compared with, with the date it was registered and the data then held."""
    table = pd.read_csv(paths.curated_dir() / "follow_through.csv", parse_dates=["event", "registered", "data_through"])
    return table.set_index("id")


def read_scorecard() -> pd.DataFrame:
    """The forecasts notebook 07 grades at their horizons: the claim (``claims.csv``), the grader, the registration."""
    table = pd.read_csv(paths.curated_dir() / "scorecard.csv", parse_dates=["registered", "data_through"])
    return table.set_index("claim")

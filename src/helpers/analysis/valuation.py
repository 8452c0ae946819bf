"""Valuation arithmetic: the discount or premium implied by two price-to-earnings multiples."""

from __future__ import annotations

import pandas as pd


def implied_discount(small_pe: float, large_pe: float) -> float:
    """How much cheaper the small multiple is, as a fraction of the large one: 1 - small/large.

    15x against 22x is a discount of 0.318 (31.8%).
    """
    if small_pe <= 0 or large_pe <= 0:
        raise ValueError("P/E multiples must be positive")
    return 1 - small_pe / large_pe


def implied_premium(small_pe: float, large_pe: float) -> float:
    """How much dearer the large multiple is, as a fraction of the small one: large/small - 1.

    22x against 15x is a premium of 0.467 (46.7%).
    """
    if small_pe <= 0 or large_pe <= 0:
        raise ValueError("P/E multiples must be positive")
    return large_pe / small_pe - 1


def large_pe_for_discount(small_pe: float, discount: float) -> float:
    """The large-cap multiple at which ``small_pe`` would be ``discount`` (fraction) cheaper."""
    return small_pe / (1 - discount)


SMALL_SUBJECTS = ("S&P SmallCap 600", "Russell 2000")
LARGE_SUBJECTS = ("S&P 500",)


def pe_pairs(valuations: pd.DataFrame) -> pd.DataFrame:
    """Small- against large-cap forward P/E figures of the same date and kind (published or article claim).

    ``valuations``: the curated table (:func:`helpers.valuations`). One row per
    pair, with both multiples and the implied discount and premium (fractions).
    """
    pe = valuations.loc[valuations["measure"] == "forward 12-month P/E"].reset_index()
    rows = []
    for date, group in pe.groupby("date"):
        small = group.loc[group["subject"].isin(SMALL_SUBJECTS)]
        large = group.loc[group["subject"].isin(LARGE_SUBJECTS)]
        for _, s in small.iterrows():
            same = large.loc[large["kind"] == s["kind"]]
            if same.empty:
                continue
            large_row = same.iloc[0]
            rows.append(
                {
                    "date": date,
                    "small": s["subject"],
                    "small P/E": s["value"],
                    "large": large_row["subject"],
                    "large P/E": large_row["value"],
                    "discount": implied_discount(s["value"], large_row["value"]),
                    "premium": implied_premium(s["value"], large_row["value"]),
                    "kind": s["kind"],
                    "source": s["source"],
                    # how precisely each multiple was quoted (half a turn when the table does not say)
                    "small rounding": float(s.get("rounding", 0.5)) if pd.notna(s.get("rounding", 0.5)) else 0.5,
                    "large rounding": float(large_row.get("rounding", 0.5))
                    if pd.notna(large_row.get("rounding", 0.5))
                    else 0.5,
                }
            )
    columns = [
        "small",
        "small P/E",
        "large",
        "large P/E",
        "discount",
        "premium",
        "kind",
        "source",
        "small rounding",
        "large rounding",
    ]
    if not rows:
        return pd.DataFrame(columns=columns, index=pd.DatetimeIndex([], name="date"))
    return pd.DataFrame(rows).set_index("date")[columns]


def article_pair(pairs: pd.DataFrame) -> pd.Series | None:
    """The first pair of :func:`pe_pairs` an article states (kind ``article claim``); None when none is dated by
    the as-of date."""
    found = pairs.loc[pairs["kind"] == "article claim"]
    return found.iloc[0] if len(found) else None


# The price series that carry each index's multiple from one date to another (earnings held fixed):
# index levels where the collection holds them, else the ETF's adjusted close (which adds dividends).
PRICE_PROXIES = {
    "S&P 500": ("indices", "SPX"),
    "Russell 2000": ("indices", "RUT"),
    "S&P SmallCap 600": ("prices", "IJR"),
}


def roll_multiple(pe: float, price_then: float, price_at: float) -> float:
    """A P/E dated ``then`` carried to another date by the price move, forward earnings held fixed."""
    return pe * price_at / price_then


def discount_range(
    small_pe: float, large_pe: float, rounding: float = 0.5, large_rounding: float | None = None
) -> tuple[float, float]:
    """The discounts (fractions) consistent with two multiples known to ``rounding`` (``22x`` stands for 21.5-22.5;
    ``21.9x`` for 21.85-21.95); ``large_rounding`` when the large multiple was quoted to another precision.

    15x against 22x, each to half a turn, is a discount between 1 - 15.5/21.5
    (27.9%) and 1 - 14.5/22.5 (35.6%).
    """
    large_rounding = rounding if large_rounding is None else large_rounding
    return (
        implied_discount(small_pe + rounding, large_pe - large_rounding),
        implied_discount(small_pe - rounding, large_pe + large_rounding),
    )


def pairs_at(pairs: pd.DataFrame, date, prices: dict) -> pd.DataFrame:
    """Each dated pair of multiples carried to ``date`` with the indexes' price moves (earnings held fixed).

    ``pairs``: rows of :func:`pe_pairs`; ``prices``: index or ETF prices by
    subject (see :data:`PRICE_PROXIES`), each a Series. Adds ``small P/E at``,
    ``large P/E at``, ``discount at``, ``days`` (from the pair's date to
    ``date``; negative when the pair is later and is rolled back) and ``how``.
    A pair whose subjects have no price series is left out.
    """
    from .returns import last_on_or_before

    date = pd.Timestamp(date)
    rows = []
    for day, row in pairs.iterrows():
        small, large = prices.get(row["small"]), prices.get(row["large"])
        if small is None or large is None:
            continue
        s_then, s_at = last_on_or_before(small, day), last_on_or_before(small, date)
        l_then, l_at = last_on_or_before(large, day), last_on_or_before(large, date)
        if pd.isna(s_then) or pd.isna(s_at) or pd.isna(l_then) or pd.isna(l_at):
            continue
        small_at, large_at = (
            roll_multiple(row["small P/E"], s_then, s_at),
            roll_multiple(row["large P/E"], l_then, l_at),
        )
        days = (date - day).days
        how = "as published" if days == 0 else f"rolled {'forward' if days > 0 else 'back'} {abs(days)} days by price"
        rows.append(
            {
                "date": day,
                **row.to_dict(),
                "small P/E at": small_at,
                "large P/E at": large_at,
                "discount at": implied_discount(small_at, large_at),
                "days": days,
                "how": how,
            }
        )
    if not rows:
        return pd.DataFrame(
            columns=[*pairs.columns, "small P/E at", "large P/E at", "discount at", "days", "how"],
            index=pd.DatetimeIndex([], name="date"),
        )
    return pd.DataFrame(rows).set_index("date")


def published_pairs_at(date, valuations: pd.DataFrame | None = None) -> pd.DataFrame:
    """The published small/large pairs (:func:`pe_pairs`) carried to ``date`` by the indexes' prices
    (:func:`pairs_at` with :data:`PRICE_PROXIES`), from the data held and the as-of date in force."""
    from helpers.data import load
    from helpers.errors import MissingDataError

    pairs = pe_pairs(load.valuations() if valuations is None else valuations)
    published = pairs.loc[pairs["kind"] == "published"]
    prices = {}
    for subject in sorted(set(published["small"]) | set(published["large"])):
        if subject not in PRICE_PROXIES:
            continue
        source, key = PRICE_PROXIES[subject]
        try:
            frame = load.load_indices([key]) if source == "indices" else load.load_prices([key])
        except MissingDataError:
            continue
        prices[subject] = frame[key].dropna()
    return pairs_at(published, date, prices)


# What notebook 03 shows of :func:`discounts_at`: each published pair carried to a day, its range from the quoted
# rounding, and whether the stated discount falls inside it.
CARRIED_COLUMNS = [
    *("small", "small P/E", "small P/E at", "large P/E", "large P/E at"),
    *("discount", "discount at", "discount low", "discount high", "stated discount inside", "how"),
]


def discounts_at(date, rounding: float, stated: float) -> pd.DataFrame:
    """The published pairs carried to ``date`` (:func:`published_pairs_at`) with the discounts (fractions) their
    multiples' ``rounding`` allows (``discount low``, ``discount high``, :func:`discount_range`) and whether the
    ``stated`` discount (fraction) falls between them (``stated discount inside``). Empty when no pair is published
    by the as-of date."""
    at = published_pairs_at(date)
    bounds = [discount_range(r["small P/E at"], r["large P/E at"], rounding) for _, r in at.iterrows()]
    at["discount low"] = [low for low, _ in bounds]
    at["discount high"] = [high for _, high in bounds]
    at["stated discount inside"] = (at["discount low"] <= stated) & (stated <= at["discount high"])
    return at

"""Named groups of tickers the notebooks share, with short labels for tables and legends."""

from __future__ import annotations

# Size segments, from the smallest companies to the largest (ETF proxies of the indexes).
SIZE_SEGMENTS = {
    "IWC": "Microcaps (IWC, Russell Microcap)",
    "IWM": "Small caps (IWM, Russell 2000)",
    "IJR": "Small caps (IJR, S&P 600)",
    "IWB": "Large caps (IWB, Russell 1000)",
    "SPY": "Large caps (SPY, S&P 500)",
    "QQQ": "Nasdaq-100 (QQQ)",
    "OEF": "Largest caps (OEF, S&P 100)",
    "MGK": "Mega-cap growth (MGK)",
    "XLG": "Largest caps (XLG, S&P 500 Top 50; Top-50 proxy)",
}

# Index levels (price only): the Russell 2000 the articles quote, and two large-cap indexes.
INDICES = {"RUT": "Russell 2000 index (^RUT)", "SPX": "S&P 500 index (^GSPC)", "IXIC": "Nasdaq Composite (^IXIC)"}

# Sectors the articles name as leaders of the small-cap rally.
ARTICLE_SECTORS = {
    "KRE": "Regional banks (KRE)",
    "XLI": "Industrials (XLI)",
    "XES": "Oil & gas equipment and services (XES)",
    "OIH": "Oil services (OIH)",
    "XBI": "Biotech (XBI)",
}

# Companies the articles name: small-cap "winners" and mega-cap "losers".
ARTICLE_SMALL_STOCKS = {
    "GRC": "Gorman-Rupp",
    "ESOA": "Energy Services of America",
    "ARWR": "Arrowhead",
    "ALMS": "Alumis",
}
ARTICLE_MEGA_STOCKS = {"NVDA": "Nvidia", "AAPL": "Apple", "MSFT": "Microsoft"}

# The pair the collection uses for "small minus large" with ETFs.
SMALL, LARGE = "IWM", "IWB"


def label(ticker: str) -> str:
    """The short label of a ticker from any group (the ticker itself when unnamed)."""
    for group in (SIZE_SEGMENTS, INDICES, ARTICLE_SECTORS, ARTICLE_SMALL_STOCKS, ARTICLE_MEGA_STOCKS):
        if ticker in group:
            return group[ticker]
    return ticker

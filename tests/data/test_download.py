"""Live downloaders with the network mocked at each library's own seam:
fredapi.fred.urlopen (FRED's XML), yfinance's YfData._make_request (Yahoo's chart JSON)
and the French module's urlopen (the zipped CSV)."""

import io
import json
import logging
import zipfile
from urllib.error import HTTPError, URLError
from xml.sax.saxutils import escape

import pandas as pd
import pytest
import yfinance as yf
from yfinance.data import YfData

from conftest import FAKE_KEY, FRENCH_FF3, raw_file, read_manifest, tree_digest
from helpers import cli
from helpers.data import load, refresh
from helpers.data.sources import fred, french
from helpers.errors import MissingAPIKeyError

# ---------------------------------------------------------------- FRED (fredapi)


def fred_xml(observations: list[tuple[str, str]]) -> bytes:
    rows = "\n".join(
        f'  <observation realtime_start="2026-11-20" realtime_end="2026-11-20" date="{d}" value="{v}"/>'
        for d, v in observations
    )
    return (
        '<?xml version="1.0" encoding="utf-8" ?>\n'
        '<observations realtime_start="2026-11-20" realtime_end="2026-11-20" observation_start="1600-01-01" '
        'observation_end="9999-12-31" units="lin" output_type="1" file_type="xml" order_by="observation_date" '
        f'sort_order="asc" count="{len(observations)}" offset="0" limit="100000">\n{rows}\n</observations>\n'
    ).encode()


def fred_error(url: str, message: str, code: int = 400) -> HTTPError:
    text = escape(message, {'"': "&quot;"})
    body = f'<?xml version="1.0" encoding="utf-8" ?>\n<error code="{code}" message="{text}"/>'.encode()
    return HTTPError(url, code, "Bad Request", {}, io.BytesIO(body))


class FakeFred:
    """Stands in for urllib's urlopen inside fredapi: answers per series id, records calls."""

    def __init__(self, answers):
        self.answers = answers
        self.calls = []

    def __call__(self, url, *args, **kwargs):
        self.calls.append(url)
        series_id = url.split("series_id=")[1].split("&")[0]
        answer = self.answers.get(series_id, self.answers.get("*"))
        if isinstance(answer, Exception):
            raise answer
        if callable(answer):
            raise answer(url)
        return io.BytesIO(answer)


@pytest.fixture
def fred_key(monkeypatch):
    monkeypatch.setenv("FRED_API_KEY", FAKE_KEY)
    return FAKE_KEY


def mock_fred(monkeypatch, answers) -> FakeFred:
    fake = FakeFred(answers)
    monkeypatch.setattr("fredapi.fred.urlopen", fake)
    return fake


@pytest.mark.parametrize("value", [None, "", "   "])
def test_missing_or_empty_key_stops_before_any_network_call(data_dir, monkeypatch, capsys, value):
    if value is not None:
        monkeypatch.setenv("FRED_API_KEY", value)
    fake = mock_fred(monkeypatch, {"*": fred_xml([("2024-01-02", "4.3")])})
    code = cli.main(["data", "--only", "DGS2", "--quiet"])
    err = capsys.readouterr().err
    assert code == 2
    assert "FRED_API_KEY" in err and ".env" in err and "FROM=DIR" in err
    assert fake.calls == []
    assert tree_digest(data_dir) == {}


def test_key_is_read_from_the_env_file(data_dir, tmp_path):
    (tmp_path / ".env").write_text(f"# local settings\nFRED_API_KEY='{FAKE_KEY}'\n")
    assert fred.api_key() == FAKE_KEY


def test_missing_key_error_is_raised_from_the_loader_too(data_dir):
    with pytest.raises(MissingAPIKeyError):
        refresh.download(only=["DFF"], progress=False)


def test_fred_download_writes_fred_csv_and_manifest(data_dir, fred_key, monkeypatch):
    fake = mock_fred(
        monkeypatch, {"DGS2": fred_xml([("2024-01-02", "4.33"), ("2024-01-03", "."), ("2024-01-04", "4.38")])}
    )
    report = refresh.download(only=["DGS2"], progress=False)
    assert report.ok and report.stored == ["DGS2"]
    assert len(fake.calls) == 1
    assert raw_file(data_dir, "fred/DGS2.csv").read_text() == (
        "observation_date,DGS2\n2024-01-02,4.33\n2024-01-03,\n2024-01-04,4.38\n"
    )
    record = read_manifest(data_dir)["files"]["DGS2"]
    assert record["origin"] == "FRED API" and record["last"] == "2024-01-04"


def test_fred_refresh_keeps_older_history_that_fred_no_longer_serves(data_dir, fred_key, monkeypatch):
    old = [("2020-01-02", "5.0"), ("2023-12-29", "4.1"), ("2024-01-02", "4.0")]
    mock_fred(monkeypatch, {"BAMLH0A0HYM2": fred_xml(old)})
    refresh.download(only=["BAMLH0A0HYM2"], progress=False)
    window = [("2024-01-02", "4.2"), ("2024-01-03", "4.25")]  # rolling window: older days gone, one revised
    mock_fred(monkeypatch, {"BAMLH0A0HYM2": fred_xml(window)})
    report = refresh.download(only=["BAMLH0A0HYM2"], progress=False)
    assert (
        "merged: 1 new rows, 1 revised (largest +0.2 percentage points on 2024-01-02: 4 -> 4.2)"
        in report.details["BAMLH0A0HYM2"]
    )
    parts = read_manifest(data_dir)["files"]["BAMLH0A0HYM2"]["parts"]
    assert [(p["origin"], p["first"], p["last"]) for p in parts] == [
        ("FRED API", "2020-01-02", "2024-01-01"),
        ("FRED API", "2024-01-02", "2024-01-03"),
    ]
    spread = load.load_fred(["BAMLH0A0HYM2"])["BAMLH0A0HYM2"]
    assert list(spread.index.strftime("%Y-%m-%d")) == ["2020-01-02", "2023-12-29", "2024-01-02", "2024-01-03"]
    assert spread.loc["2024-01-02"] == 4.2  # the newer value wins


def test_one_series_failing_among_many(data_dir, fred_key, monkeypatch, capsys):
    good = fred_xml([("2024-01-02", "4.3")])
    answers = {"*": good, "DGS2": lambda url: fred_error(url, "Bad Request. The series does not exist.")}
    mock_fred(monkeypatch, answers)
    code = cli.main(["data", "--only", "DFF", "DGS2", "DGS10", "--quiet"])
    out = capsys.readouterr().out
    assert code == 1
    assert "FAILED (1)" in out and "DGS2" in out
    assert set(read_manifest(data_dir)["files"]) == {"DFF", "DGS10"}


def test_no_network_names_the_source_and_keeps_held_data(data_dir, small_folder, fred_key, monkeypatch, capsys):
    refresh.import_folder(small_folder, progress=False)
    from helpers.data import processed

    processed.build()
    before = tree_digest(data_dir)
    fake = mock_fred(monkeypatch, {"*": URLError("[Errno -3] Temporary failure in name resolution")})
    code = cli.main(["data", "--only", "DFF", "DGS2", "DGS10", "--quiet"])
    out = capsys.readouterr().out
    assert code == 1
    assert "FRED (api.stlouisfed.org): could not be reached" in out
    assert len(fake.calls) == 1  # the other FRED series were skipped, not retried
    assert out.count("skipped") == 2
    assert tree_digest(data_dir) == before


def test_the_key_never_appears_in_output_logs_files_or_errors(data_dir, fred_key, monkeypatch, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    answers = {
        "DFF": fred_xml([("2024-01-02", "5.33")]),
        # an error whose text echoes the request URL, key included
        "DGS2": lambda url: fred_error(url, f"Bad Request. Could not serve {url}"),
        "DGS10": URLError(f"refused for https://api.stlouisfed.org/?api_key={FAKE_KEY}"),
    }
    mock_fred(monkeypatch, answers)
    code = cli.main(["data", "--only", "DFF", "DGS2", "DGS10", "--quiet"])
    captured = capsys.readouterr()
    assert code == 1
    assert "***" in captured.out  # the messages were kept, with the key masked
    texts = [captured.out, captured.err, caplog.text]
    texts += [p.read_text(errors="replace") for p in data_dir.rglob("*") if p.is_file()]
    for text in texts:
        assert FAKE_KEY not in text
    with pytest.raises(Exception) as info:
        fred.fetch("DGS2", FAKE_KEY)
    assert FAKE_KEY not in str(info.value) and info.value.__cause__ is None and info.value.__suppress_context__


def test_the_one_redaction_masks_the_key_held_in_the_env_file_too(data_dir, tmp_path, capsys):
    """The command line's errors pass through fred.redact, which finds the key where api_key finds it (.env too)."""
    (tmp_path / ".env").write_text(f"FRED_API_KEY={FAKE_KEY}\n")
    assert fred.redact(f"refused for ?api_key={FAKE_KEY}") == "refused for ?api_key=***"
    assert fred.redact(f"refused for ?api_key={FAKE_KEY}", "") == f"refused for ?api_key={FAKE_KEY}"  # no key: as is
    cli._err(f"refused for https://api.stlouisfed.org/?api_key={FAKE_KEY}")
    err = capsys.readouterr().err
    assert FAKE_KEY not in err and "api_key=***" in err


def test_an_unknown_series_key_stops_with_exit_2_in_one_line(data_dir, capsys):
    assert cli.main(["data", "--only", "NOT_A_SERIES", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ") and "NOT_A_SERIES" in err


def test_an_answer_that_is_not_xml_is_a_clear_error(data_dir, fred_key, monkeypatch):
    mock_fred(monkeypatch, {"DFF": b"<html><body>Service Unavailable</body"})
    report = refresh.download(only=["DFF"], progress=False)
    assert "not the XML" in report.failed["DFF"]
    assert tree_digest(data_dir) == {}


# ---------------------------------------------------------------- Yahoo (yfinance)


class FakeYahooResponse:
    def __init__(self, payload, status=200):
        self._payload = payload
        self.status_code = status
        self.url = "https://query2.finance.yahoo.com/v8/finance/chart"
        self.text = json.dumps(payload)

    def json(self):
        return self._payload


def chart(symbol, rows, instrument="ETF"):
    stamps = [int(pd.Timestamp(f"{d} 09:30", tz="America/New_York").timestamp()) for d, _, _ in rows]
    closes = [c for _, c, _ in rows]
    return {
        "chart": {
            "result": [
                {
                    "meta": {
                        "currency": "USD",
                        "symbol": symbol,
                        "exchangeName": "PCX",
                        "instrumentType": instrument,
                        "exchangeTimezoneName": "America/New_York",
                        "timezone": "EST",
                        "gmtoffset": -18000,
                        "regularMarketPrice": closes[-1] if closes else None,
                        "dataGranularity": "1d",
                        "range": "",
                        "validRanges": ["1d", "5d", "1mo", "3mo", "6mo", "1y", "2y", "5y", "10y", "ytd", "max"],
                    },
                    "timestamp": stamps,
                    "indicators": {
                        "quote": [
                            {
                                "open": closes,
                                "high": closes,
                                "low": closes,
                                "close": closes,
                                "volume": [100] * len(rows),
                            }
                        ],
                        "adjclose": [{"adjclose": [a for _, _, a in rows]}],
                    },
                }
            ],
            "error": None,
        }
    }


def not_found(symbol):
    return {
        "chart": {
            "result": None,
            "error": {"code": "Not Found", "description": f"No data found, symbol may be delisted: {symbol}"},
        }
    }


@pytest.fixture
def mock_yahoo(monkeypatch, tmp_path):
    """Route yfinance's every HTTP request to ``answers[symbol]`` (chart JSON, or an exception)."""
    yf.set_tz_cache_location(str(tmp_path / "yf-cache"))
    answers = {}
    calls = []

    def fake_request(self, url, request_method=None, body=None, params=None, timeout=30, data=None):
        calls.append(url)
        symbol = url.rstrip("/").split("/")[-1]
        answer = answers.get(symbol)
        if isinstance(answer, Exception):
            raise answer
        if answer is None:
            return FakeYahooResponse({"finance": {"error": "not found"}}, status=404)
        return FakeYahooResponse(answer)

    monkeypatch.setattr(YfData, "_make_request", fake_request)
    return answers, calls


def test_yahoo_download_keeps_adjusted_close_for_etfs(data_dir, mock_yahoo):
    answers, _ = mock_yahoo
    answers["IWM"] = chart("IWM", [("2026-01-02", 250.0, 249.0), ("2026-01-05", 252.0, 251.0)])
    report = refresh.download(only=["IWM"], progress=False)
    assert report.ok, report.summary()
    assert raw_file(data_dir, "prices/IWM.csv").read_text() == "Date,Adj Close\n2026-01-02,249.0\n2026-01-05,251.0\n"


def test_yahoo_download_keeps_close_for_indices(data_dir, mock_yahoo):
    answers, calls = mock_yahoo
    answers["%5ERUT"] = answers["^RUT"] = chart(
        "^RUT", [("2026-01-02", 2500.5, 2500.5), ("2026-01-05", 2510.0, 2510.0)], "INDEX"
    )
    report = refresh.download(only=["RUT"], progress=False)
    assert report.ok, report.summary()
    assert raw_file(data_dir, "indices/RUT.csv").read_text() == "Date,Close\n2026-01-02,2500.5\n2026-01-05,2510.0\n"


def test_yahoos_silent_empty_answer_is_an_error_and_keeps_the_held_file(data_dir, small_folder, mock_yahoo):
    refresh.import_folder(small_folder, progress=False)
    before = tree_digest(data_dir / "raw")
    answers, _ = mock_yahoo
    answers["IWM"] = not_found("IWM")
    report = refresh.download(only=["IWM"], progress=False)
    assert "IWM" in report.failed and "Yahoo Finance" in report.failed["IWM"]
    assert tree_digest(data_dir / "raw") == before


def test_yahoo_empty_table_is_an_error(data_dir, mock_yahoo):
    answers, _ = mock_yahoo
    answers["SPY"] = chart("SPY", [])
    report = refresh.download(only=["SPY"], progress=False)
    assert "SPY" in report.failed
    assert not raw_file(data_dir, "prices/SPY.csv").exists()


def test_yahoo_without_network(data_dir, mock_yahoo):
    answers, calls = mock_yahoo
    answers["IWM"] = answers["IWB"] = ConnectionError("Could not resolve host: query2.finance.yahoo.com")
    report = refresh.download(only=["IWM", "IWB"], progress=False)
    assert "could not be reached" in report.failed["IWM"] and "Yahoo Finance" in report.failed["IWM"]
    assert report.failed["IWB"].startswith("skipped")


def test_a_shorter_price_history_does_not_replace_the_held_one(data_dir, small_folder, mock_yahoo):
    refresh.import_folder(small_folder, progress=False)  # IWM held from 2024-01-02
    before = tree_digest(data_dir / "raw")
    answers, _ = mock_yahoo
    answers["IWM"] = chart("IWM", [("2025-06-02", 210.0, 209.0), ("2025-06-03", 211.0, 210.0)])
    report = refresh.download(only=["IWM"], progress=False)
    assert "no date in common" in report.refused["IWM"] and "Kept the held file" in report.refused["IWM"]
    assert not report.ok
    assert tree_digest(data_dir / "raw") == before


# ---------------------------------------------------------------- Kenneth French library


def zipped(name: str, text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, text)
    return buffer.getvalue()


class FakeUrlopen:
    def __init__(self, payload=None, error=None):
        self.payload, self.error, self.urls = payload, error, []

    def __call__(self, url, timeout=None):
        self.urls.append(url)
        if self.error:
            raise self.error
        return io.BytesIO(self.payload)


def test_french_download_stores_the_csv_from_the_zip(data_dir, monkeypatch):
    fake = FakeUrlopen(zipped("F-F_Research_Data_Factors_daily.CSV", FRENCH_FF3))
    monkeypatch.setattr(french, "urlopen", fake)
    report = refresh.download(only=["ff3_daily"], progress=False)
    assert report.ok, report.summary()
    assert fake.urls == [
        "https://mba.tuck.dartmouth.edu/pages/faculty/ken.french/ftp/F-F_Research_Data_Factors_daily_CSV.zip"
    ]
    assert raw_file(data_dir, "french/F-F_Research_Data_Factors_daily.csv").read_text() == FRENCH_FF3
    assert load.load_factors("daily", columns=["SMB"])["SMB"].iloc[0] == 0.77


def test_french_download_that_is_not_a_zip(data_dir, monkeypatch):
    monkeypatch.setattr(french, "urlopen", FakeUrlopen(b"<html>maintenance</html>"))
    report = refresh.download(only=["ff3_daily"], progress=False)
    assert "not a zip" in report.failed["ff3_daily"]


def test_french_download_with_a_malformed_csv_is_not_stored(data_dir, monkeypatch):
    bad = FRENCH_FF3.replace("HML", "VALUE")
    monkeypatch.setattr(french, "urlopen", FakeUrlopen(zipped("x.csv", bad)))
    report = refresh.download(only=["ff3_daily"], progress=False)
    assert "missing ['HML']" in report.failed["ff3_daily"]
    assert tree_digest(data_dir) == {}


def test_french_without_network(data_dir, monkeypatch):
    monkeypatch.setattr(french, "urlopen", FakeUrlopen(error=URLError("[Errno 101] Network is unreachable")))
    report = refresh.download(only=["ff3_daily", "mom_daily"], progress=False)
    assert "Kenneth French data library" in report.failed["ff3_daily"]
    assert report.failed["mom_daily"].startswith("skipped")

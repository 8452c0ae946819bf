"""Shared fixtures: no network, an empty data folder per test, small export files, the snapshot."""

from __future__ import annotations

import hashlib
import json
import socket
from pathlib import Path

import pytest

from helpers import caches
from helpers.data import paths  # light: the controller of a parallel run imports this file before any worker starts

SNAPSHOT = paths.PROJECT_ROOT.parent / "shared" / "data" / "snapshot"
FAKE_KEY = "FAKEKEYabcdef0123456789abcdef0123"


class NetworkBlocked(RuntimeError):
    pass


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to reach a non-local host fails the test: tests mock each library's seam."""
    real_connect = socket.socket.connect

    def guarded_connect(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host in ("127.0.0.1", "::1", "localhost") or not isinstance(address, tuple):
            return real_connect(self, address)
        raise NetworkBlocked(f"test tried to reach the network: {address}")

    def guarded_getaddrinfo(host, *args, **kwargs):
        if host in ("127.0.0.1", "::1", "localhost", None):
            return socket_getaddrinfo(host, *args, **kwargs)
        raise NetworkBlocked(f"test tried to resolve {host}")

    socket_getaddrinfo = socket.getaddrinfo
    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)


@pytest.fixture(scope="session")
def session_cache_home(tmp_path_factory) -> Path:
    """This test session's cache folder (one per pytest worker): the user's ~/.cache is never written."""
    return tmp_path_factory.mktemp("xdg-cache")


@pytest.fixture(autouse=True)
def temporary_cache_home(session_cache_home, monkeypatch) -> Path:
    """Every test, and every command it runs as a subprocess (they inherit the environment), keeps its caches in a
    temporary folder (``XDG_CACHE_HOME``), not in the user's ~/.cache. Shared by the tests of one worker, so the
    checksums of the project's data are hashed once per session; :func:`data_dir` gives each test its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(session_cache_home))
    return session_cache_home


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """An empty data folder used by every helpers function during the test (and by the commands it runs, which
    inherit the environment); the checksum cache goes to the test's folder, not the user's ~/.cache."""
    folder = tmp_path / "data"
    (folder / "raw").mkdir(parents=True)
    (folder / "processed").mkdir()
    monkeypatch.setenv("HELPERS_DATA_DIR", str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("HELPERS_AS_OF", raising=False)
    monkeypatch.delenv("FRED_API_KEY", raising=False)
    monkeypatch.setattr(paths, "env_file", lambda: tmp_path / ".env")
    caches.clear()
    from helpers.data import asof

    asof.set_as_of(None)
    yield folder
    caches.clear()
    asof.set_as_of(None)


# The writer lock's own files: taking the lock is not a change of the data.
LOCK_FILES = {".writer.lock", ".writer.json"}


def tree_digest(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder`` (to prove nothing changed), the writer lock's files aside."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name not in LOCK_FILES
    }


def generation_folder(data_folder: Path) -> Path | None:
    """The folder of the raw generation in use in ``data_folder`` (``data/raw`` itself for the old layout)."""
    raw = data_folder / "raw"
    pointer = raw / "CURRENT"
    if pointer.exists():
        return raw / "generations" / pointer.read_text().strip()
    return raw if (raw / "manifest.json").exists() else None


def raw_file(data_folder: Path, relpath: str) -> Path:
    """Where the generation in use keeps a raw file (``prices/IWM.csv``)."""
    folder = generation_folder(data_folder)
    return (folder if folder is not None else data_folder / "raw") / relpath


# Small files in each export format, written by tests into an import folder.
FRED_DGS2 = "observation_date,DGS2\n2024-01-02,4.33\n2024-01-03,4.33\n2024-01-04,\n2024-01-05,4.38\n"
FRED_DFF = "observation_date,DFF\n2024-01-01,5.33\n2024-01-02,5.33\n2024-01-03,5.33\n"
PRICES_IWM = "Date,Adj Close\n2024-01-02,195.5\n2024-01-03,192.25\n2024-01-04,193.0\n2024-01-05,194.1\n"
INDEX_RUT = "Date,Close\n2024-01-02,2022.1\n2024-01-03,1979.3\n2024-01-04,1981.9\n"
FRENCH_FF3 = (
    "This file was created by the test suite.\n"
    "Some header text, with a comma.\n\n"
    "        ,    Mkt-RF,       SMB,       HML,        RF\n"
    "20240102,     -0.71,      0.77,      0.52,     0.021\n"
    "20240103,     -0.95,     -0.35,      0.04,     0.021\n"
    "20240104,     -0.33,      0.38,      0.26,     0.021\n"
    "\nCopyright 2026 Eugene F. Fama and Kenneth R. French\n"
)
FRENCH_FF5 = (
    "This file was created using the test CRSP database.\r\n\r\n"
    ",Mkt-RF,SMB,HML,RMW,CMA,RF\r\n"
    "202311,    8.83,   -0.12,    1.66,   -3.81,   -0.99,    0.44\r\n"
    "202312,    4.87,    7.32,    4.93,   -3.04,    1.32,    0.43\r\n"
    "202401,    0.70,   -5.09,   -2.38,    0.67,   -0.98,    0.47\r\n"
    "\r\n Annual Factors: January-December \r\n"
    ",Mkt-RF,SMB,HML,RMW,CMA,RF\r\n"
    "  2022,  -21.93,   -6.45,   25.80,   16.95,   27.04,    1.43\r\n"
    "  2023,   21.69,   -3.62,  -13.79,    4.08,  -11.69,    5.01\r\n"
    "\r\nCopyright 2026 Eugene F. Fama and Kenneth R. French\r\n"
)
FRENCH_MOM = (
    "Momentum factor, test file.\n\nMissing data are indicated by -99.99 or -999.\n\n"
    "Date,Mom\n2024-01-02,   1.20\n2024-01-03,  -0.80\n2024-01-04, -99.99\n\n"
)

SMALL_FOLDER = {
    "fred/DGS2.csv": FRED_DGS2,
    "fred/DFF.csv": FRED_DFF,
    "prices/IWM.csv": PRICES_IWM,
    "indices/RUT.csv": INDEX_RUT,
    "french/F-F_Research_Data_Factors_daily.csv": FRENCH_FF3,
    "french/F-F_Research_Data_5_Factors_2x3.csv": FRENCH_FF5,
    "french/F-F_Momentum_Factor_daily.csv": FRENCH_MOM,
}


def write_folder(folder: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_bytes(content.encode())
        else:
            path.write_bytes(content)
    return folder


@pytest.fixture
def small_folder(tmp_path) -> Path:
    """An import folder with one small file per format (FRED, prices, index, three French files)."""
    return write_folder(tmp_path / "exports", SMALL_FOLDER)


@pytest.fixture(scope="session")
def snapshot() -> Path:
    if not SNAPSHOT.is_dir():
        pytest.skip(f"the shared snapshot is not beside the project ({paths.display_path(SNAPSHOT)} missing)")
    return SNAPSHOT


def _project_data_holds(snapshot: Path) -> bool:
    """True when the project's own data/raw holds exactly the snapshot (after `make data FROM=...`)."""
    if generation_folder(paths.PROJECT_ROOT / "data") is None:
        return False
    held = read_manifest(paths.PROJECT_ROOT / "data")["files"]
    provenance = json.loads((snapshot / "PROVENANCE.json").read_text())["files"]
    by_path = {record["path"]: record["sha256"] for record in held.values()}
    return by_path == {path: entry["sha256"] for path, entry in provenance.items()}


@pytest.fixture(scope="session")
def snapshot_data(snapshot) -> Path:
    """A data folder holding the whole snapshot: the project's own when it holds exactly that (only read
    here), else a shared temporary folder the snapshot is imported into once (checked by checksum)."""
    import os

    from helpers.data import refresh

    if _project_data_holds(snapshot):
        return paths.PROJECT_ROOT / "data"
    # Otherwise import once for all test workers: a folder named after the snapshot's checksums, filled
    # under a file lock by whichever worker gets there first.
    import fcntl
    import hashlib
    import tempfile

    digest = hashlib.sha256((snapshot / "PROVENANCE.json").read_bytes()).hexdigest()[:12]
    folder = Path(tempfile.gettempdir()) / f"helpers-test-snapshot-{digest}"
    folder.mkdir(exist_ok=True)
    with open(folder.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if generation_folder(folder) is None or store_verify(folder):
            previous = os.environ.get("HELPERS_DATA_DIR")
            os.environ["HELPERS_DATA_DIR"] = str(folder)
            try:
                report = refresh.import_folder(snapshot, progress=False)
                assert report.ok, report.summary()
                from helpers.data import processed

                processed.ensure()
            finally:
                if previous is None:
                    os.environ.pop("HELPERS_DATA_DIR", None)
                else:
                    os.environ["HELPERS_DATA_DIR"] = previous
    return folder


def store_verify(folder: Path) -> dict:
    """Checksum problems of the raw store in ``folder`` (a damaged shared import is redone)."""
    import os

    previous = os.environ.get("HELPERS_DATA_DIR")
    os.environ["HELPERS_DATA_DIR"] = str(folder)
    try:
        from helpers.data import checksums

        return checksums.verify()
    finally:
        if previous is None:
            os.environ.pop("HELPERS_DATA_DIR", None)
        else:
            os.environ["HELPERS_DATA_DIR"] = previous


@pytest.fixture
def real_data(snapshot_data, monkeypatch):
    """Use the imported snapshot as the data folder for this test."""
    monkeypatch.setenv("HELPERS_DATA_DIR", str(snapshot_data))
    monkeypatch.delenv("HELPERS_AS_OF", raising=False)
    caches.clear()
    yield snapshot_data
    caches.clear()


def read_manifest(folder: Path) -> dict:
    """The manifest of the raw generation in use in the data folder ``folder``."""
    return json.loads((generation_folder(folder) / "manifest.json").read_text())


def cut_rows(
    text: str, until: str | None = None, since: str | None = None, tail: int | None = None, scale: float | None = None
) -> str:
    """A one-header CSV export (FRED, prices, indices) cut to rows dated ``since``..``until`` (ISO, inclusive)
    and/or its last ``tail`` rows; ``scale`` multiplies the value column (as a vendor's re-basing does)."""
    header, *rows = text.splitlines()
    if until:
        rows = [r for r in rows if r[:10] <= until]
    if since:
        rows = [r for r in rows if r[:10] >= since]
    if tail:
        rows = rows[-tail:]
    if scale is not None:
        scaled = []
        for row in rows:
            date, value = row.split(",")
            scaled.append(f"{date},{float(value) * scale!r}" if value else row)
        rows = scaled
    return "\n".join([header, *rows]) + "\n"


def cut_snapshot(snapshot: Path, folder: Path, relpaths: list[str], **cut) -> Path:
    """An export folder made of some snapshot files, each cut with :func:`cut_rows` (French files copied)."""
    files = {}
    for relpath in relpaths:
        text = (snapshot / relpath).read_text()
        files[relpath] = text if relpath.startswith("french/") else cut_rows(text, **cut)
    return write_folder(folder, files)


@pytest.fixture
def cuts(tmp_path) -> dict[str, Path]:
    """The store's fault tests (tests/data): two exports cut from the snapshot (or the sample when there is none),
    "old", then "new" a few days longer."""
    from faults import make_cuts  # tests/data/faults.py, beside the tests that ask for this

    return make_cuts(SNAPSHOT if SNAPSHOT.is_dir() else None, tmp_path / "exports")

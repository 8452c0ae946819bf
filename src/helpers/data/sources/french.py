"""Kenneth French data library: the zipped CSV of a dataset, downloaded directly.

The CSV inside the zip is stored as it is (header and footer text included) and
parsed by the project's own parser, the same one the folder import uses.
"""

from __future__ import annotations

import io
import zipfile
from urllib.error import URLError
from urllib.request import urlopen

from helpers.errors import SourceUnavailableError

SOURCE_NAME = "Kenneth French data library (mba.tuck.dartmouth.edu)"
URL = "https://mba.tuck.dartmouth.edu/pages/faculty/ken.french/ftp/{dataset}_CSV.zip"
TIMEOUT_SECONDS = 60


def fetch(dataset: str) -> bytes:
    """The CSV file of a French dataset (e.g. ``F-F_Research_Data_Factors_daily``), as bytes."""
    try:
        with urlopen(URL.format(dataset=dataset), timeout=TIMEOUT_SECONDS) as response:
            payload = response.read()
    except URLError as exc:
        if getattr(exc, "code", None) == 404:
            raise SourceUnavailableError(
                SOURCE_NAME, f"{dataset}: the library has no such dataset (HTTP 404)"
            ) from None
        raise SourceUnavailableError(
            SOURCE_NAME, f"could not be reached ({getattr(exc, 'reason', exc)}); no network?"
        ) from None
    except OSError as exc:
        raise SourceUnavailableError(SOURCE_NAME, f"could not be reached ({exc}); no network?") from None
    try:
        archive = zipfile.ZipFile(io.BytesIO(payload))
    except zipfile.BadZipFile:
        raise SourceUnavailableError(SOURCE_NAME, f"{dataset}: the download is not a zip file") from None
    members = [n for n in archive.namelist() if n.lower().endswith(".csv")]
    if len(members) != 1:
        raise SourceUnavailableError(SOURCE_NAME, f"{dataset}: expected one CSV in the zip, found {members}")
    data = archive.read(members[0])
    if not data.strip():
        raise SourceUnavailableError(SOURCE_NAME, f"{dataset}: the CSV in the zip is empty")
    return data

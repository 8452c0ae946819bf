"""Which data a result comes from: one concept, :class:`DataIdentity`, and one way to ask for it, :func:`current`.

Everything that needs to say or record which data is in use reads it here: the label on tables and figures
(:attr:`DataIdentity.label`), the notebook's banner and provenance cell, the memo of analysis results (keyed by it),
the execution cache's key, the run recorded in an executed notebook's metadata (:meth:`DataIdentity.metadata`, read
back with :meth:`DataIdentity.from_metadata`) and the changes report.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import asof, generations, sample

REAL_LABEL = "real data"
SAMPLE_DIGEST = "sample"


@dataclass(frozen=True)
class DataIdentity:
    """The data a result is computed from.

    ``mode``: ``"real"`` (the raw store holds series) or ``"sample"`` (the synthetic sample); ``digest``: the manifest
    digest of the raw generation in use (:func:`helpers.data.manifest.digest`), ``"sample"`` for the sample;
    ``as_of``: the as-of date loaders cut at (None: all data held); ``last_observation``: the latest observation held,
    cut at the as-of date (None when unknown).
    """

    mode: str
    digest: str
    as_of: pd.Timestamp | None = None
    last_observation: pd.Timestamp | None = None

    @property
    def is_sample(self) -> bool:
        return self.mode == "sample"

    @property
    def is_real(self) -> bool:
        return self.mode == "real"

    @property
    def label(self) -> str:
        """What tables and figures say they show: ``real data`` or the sample's label."""
        return sample.LABEL if self.is_sample else REAL_LABEL

    def metadata(self) -> dict:
        """As recorded in an executed notebook's metadata (``helpers.run``) and the changes report: ``mode``,
        ``digest``, and ``as_of`` and ``last_observation`` as ISO dates (or None)."""
        return {
            "mode": self.mode,
            "digest": self.digest,
            "as_of": _iso(self.as_of),
            "last_observation": _iso(self.last_observation),
        }

    @classmethod
    def from_metadata(cls, meta: dict) -> DataIdentity:
        """The identity :meth:`metadata` recorded (other keys, such as the run's seconds, are ignored)."""
        return cls(
            mode=meta.get("mode"),
            digest=meta.get("digest"),
            as_of=_date(meta.get("as_of")),
            last_observation=_date(meta.get("last_observation")),
        )


def _iso(day: pd.Timestamp | None) -> str | None:
    return None if day is None else f"{day:%Y-%m-%d}"


def _date(text) -> pd.Timestamp | None:
    return None if text in (None, "") else pd.Timestamp(text)


def current(as_of=None) -> DataIdentity:
    """The data in use now: the raw generation ``CURRENT`` names, or the sample when the store holds nothing, at
    ``as_of`` (default: the as-of date in force, :mod:`helpers.data.asof`).

    Cheap: the manifest is parsed once per version of its file (:data:`helpers.caches.MANIFESTS`)."""
    cut = asof.parse(as_of) or asof.get_as_of()
    keys, digest, last = generations.in_use()
    if keys:
        data = DataIdentity("real", digest, cut, pd.Timestamp(last) if last else None)
    else:
        data = DataIdentity("sample", SAMPLE_DIGEST, cut, sample.END)
    if cut is not None and data.last_observation is not None and data.last_observation > cut:
        data = DataIdentity(data.mode, data.digest, cut, cut)
    return data

"""What a notebook records about how it was run, and what a published notebook records about what it was made from.

Two records in a notebook's metadata, under ``helpers``:

* ``run`` (every notebook ``make run``, ``make publish`` or ``make compare`` executes): the data the run used, as
  :meth:`helpers.data.identity.DataIdentity.metadata` writes it (``mode``, ``digest``, ``as_of``,
  ``last_observation``), and the ``seconds`` it took. The changes report and the book read it back
  (:func:`run_identity`, :func:`identity_of_runs`);
* ``manifest_digest`` and ``code_sha256`` (the committed notebooks, written by ``make publish``): the data they were
  published from and the hash of their code cells (:func:`helpers.hashes.notebook_code_hash`), which
  ``make check-published`` compares with the data held and the notebook's code (:func:`published_problems`).
  Notebooks published before the ``run`` record existed are read from ``manifest_digest``.
"""

from __future__ import annotations

from pathlib import Path

from helpers import hashes
from helpers.data.identity import DataIdentity


def record_run(nb, data: DataIdentity, seconds: float) -> None:
    """Record in ``nb`` the data its run used and how long it took (``helpers.run``)."""
    nb.metadata.setdefault("helpers", {})["run"] = {**data.metadata(), "seconds": round(seconds, 1)}


def stamp_published(nb, data: DataIdentity) -> None:
    """Record in ``nb`` (executed in place by ``make publish`` on ``data``) what its outputs were made from."""
    run = nb.metadata.get("helpers", {}).get("run", data.metadata())
    nb.metadata["helpers"] = {"code_sha256": hashes.notebook_code_hash(nb), "manifest_digest": data.digest, "run": run}


def published_problems(path: Path, nb, held: str) -> list[str]:
    """Why the committed notebook ``nb`` (at ``path``) does not show what the data held (digest ``held``) and its
    code make now: one line per problem, each naming the fix."""
    stamp = nb.metadata.get("helpers", {})
    problems = []
    if stamp.get("manifest_digest") != held:
        problems.append(
            f"{path.name}: published from data {stamp.get('manifest_digest')}, but data/raw holds {held}; "
            "run `make publish`"
        )
    if stamp.get("code_sha256") != hashes.notebook_code_hash(nb):
        problems.append(f"{path.name}: its code changed after its outputs were made; run `make publish`")
    return problems


def run_identity(nb) -> DataIdentity | None:
    """The data a notebook was executed on (``helpers.run``), or None when it records none."""
    meta = nb.metadata.get("helpers", {})
    if meta.get("run"):
        return DataIdentity.from_metadata(meta["run"])
    if meta.get("manifest_digest"):
        return DataIdentity("real", meta["manifest_digest"])
    return None


def identity_of_runs(notebooks: dict) -> DataIdentity | None:
    """The data a set of notebooks (``{stem: notebook}``, one run) was executed on: the first one's; when their
    digests differ, the digests are joined (``a / b``) so that the report shows the mix. None when none records one."""
    found = [data for data in map(run_identity, notebooks.values()) if data is not None]
    if not found:
        return None
    digests = sorted({data.digest for data in found}, key=str)
    if len(digests) == 1:
        return found[0]
    return DataIdentity(found[0].mode, " / ".join(str(d) for d in digests), found[0].as_of, found[0].last_observation)

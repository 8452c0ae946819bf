"""Every notebook's parameters reach the analysis: executed on the synthetic sample with one parameter
changed, a recorded key figure moves against the run with the defaults (02's cycle windows among them, which used to
change nothing, as did 05's estimation window and 06's article date). 04 and 07 have their own tests
(test_january_notebook, test_follow_through_notebook)."""

import nbformat
import pytest
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook

from helpers import caches
from helpers.notebook import keyfigures
from helpers.publish import execute

pytestmark = pytest.mark.slow  # executes notebooks: left out of make unit

NOTEBOOKS = {p.stem: p for p in execute.notebook_paths()}
# notebook -> (the parameter changed, its new value, the key figure that must move)
CHANGES = {
    "00_data_overview": ("AS_OF", "2022-06-30", "market_data_through"),
    "01_setup_2025": ("YEAR", 2024, "return_iwm"),
    "02_fed_cuts": ("CYCLE_WINDOWS", [[0, 6], [6, 12], [12, 18]], "cycle_headline"),  # papermill writes lists
    "03_valuation_gap": ("REFERENCE", "2024-12-31", "ratio_percentile"),
    "05_rate_sensitivity": ("ESTIMATION", [-120, -11], "cut_mean_car"),
    "06_claims_ledger": ("ARTICLE_DATE", "2025-12-15", "claims_at_article_date_not_yet_observable"),
}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """An empty data folder (so the synthetic sample) for the whole module, and the notebooks run on it with their
    defaults, once."""
    folder = tmp_path_factory.mktemp("parameters")
    for name in ("data/raw", "data/processed"):
        (folder / name).mkdir(parents=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HELPERS_DATA_DIR", str(folder / "data"))
        patch.setenv("XDG_CACHE_HOME", str(folder / "cache"))
        patch.delenv("HELPERS_AS_OF", raising=False)
        caches.clear()
        done = execute.run_all(
            names=list(CHANGES), out_dir=folder / "reports", log=lambda *_: None, render=False, use_cache=False
        )
        assert all(d.error is None for d in done), [(d.name, d.error) for d in done if d.error]
        yield folder, {d.name: recorded(d.notebook) for d in done}
    caches.clear()


def recorded(nb: nbformat.NotebookNode) -> dict:
    return {r["name"]: r["value"] for r in keyfigures.read(nb)}


@pytest.mark.parametrize("stem", list(CHANGES))
def test_changing_a_parameter_moves_a_key_figure(stem, sample):
    folder, defaults = sample
    name, value, figure = CHANGES[stem]
    nb = parameterize_notebook(load_notebook_node(str(NOTEBOOKS[stem])), {name: value}, report_mode=False)
    path = folder / f"{stem}-{name.lower()}.ipynb"
    nbformat.write(nb, path)
    result = execute.execute(path, extra_env={"HELPERS_AS_OF": str(value)} if name == "AS_OF" else None)
    assert result.error is None, result.error
    changed = recorded(result.notebook)
    assert defaults[stem][figure] is not None and changed[figure] is not None
    assert changed[figure] != defaults[stem][figure], (stem, name, figure)

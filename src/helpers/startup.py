"""Process start-up: what the project's own entry points (the command line, the test session) do first.

:func:`skip_slow_optional_imports` keeps one optional dependency from being imported. ``jsonschema`` (imported by
``nbformat``, so by papermill, nbclient, jupytext and every notebook read) tries ``rfc3987_syntax`` at import for
its ``iri``/``iri-reference`` format checkers; that package builds about 38 Lark grammars on import, about 2 s of
CPU in every process here (jsonschema issue #1428). No notebook or Jupyter schema uses those formats, and jsonschema
treats a missing checker as "not checked", so marking the module absent changes no validation the project does.
Importing this module does it. Only the entry points import it, never ``import helpers``, so a user's own kernel is
left as it was: the command line (``python -m helpers``) and the test session (``-p helpers.startup`` in pyproject's
pytest ``addopts``, which pytest imports before the plugins it finds by entry point, nbval among them).
"""

from __future__ import annotations

import sys

SLOW_OPTIONAL_MODULES = ("rfc3987_syntax",)


def skip_slow_optional_imports() -> list[str]:
    """Mark the slow optional modules absent unless something already imported them; returns those marked."""
    marked = [name for name in SLOW_OPTIONAL_MODULES if name not in sys.modules]
    for name in marked:
        sys.modules[name] = None  # an import of it now raises ImportError, which jsonschema handles
    return marked


skip_slow_optional_imports()

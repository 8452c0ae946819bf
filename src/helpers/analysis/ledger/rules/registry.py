"""The registry of the ledger's rules: each rule under its function's name, with the parts of the standard it reads."""

from __future__ import annotations

METHODS: dict = {}
USES: dict[str, tuple[str, ...]] = {}  # which parts of the standard a rule reads: "tolerance", "standard"


def rule(*uses: str):
    """Register a rule under its function's name; ``uses`` names the parts of the standard it reads."""

    def register(fn):
        if fn.__name__ in METHODS:
            raise ValueError(f"two rules named {fn.__name__}")
        METHODS[fn.__name__] = fn
        USES[fn.__name__] = uses
        return fn

    return register

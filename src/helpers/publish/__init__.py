"""Running and publishing the collection: everything that acts on notebooks from the outside.

Modules: ``execute`` (``make run``, ``make publish``, ``make compare``), ``kernels`` (one kernel start at a time),
``runcache`` (the execution cache's key), ``stamps`` (what a run and a published notebook record in its
metadata), ``book`` (the Sphinx book), ``changes`` (the report of what changed
between two runs), ``twins`` (text twins of the notebooks), ``student`` (the student edition), ``grade`` and
``gradebook`` (``make grade``: a class's submissions graded into a gradebook and feedback), ``offline`` (no network
in a grading kernel). The benchmark (``make bench``) is a repository tool, ``tools/bench.py``, not part of the package.

May import every other subpackage; nothing imports it but :mod:`helpers.cli`.
"""

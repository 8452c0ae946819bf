import sys

from . import startup  # noqa: F401  (first, on purpose: importing it keeps a slow optional import out, see there)
from .cli import main

sys.exit(main())

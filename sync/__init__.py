"""Both ends of the sync protocol; Qt-free.

Split by files between two distributions, import paths unchanged: the protocol, the shared helpers
(`common/`), the typed events and the reference server ship as `motcua-server` (sync/pyproject.toml, no Qt,
no `desktop`); the client side (`client/`, `engine.py`, `summary.py`, `passlock.py`) ships with the counter
application. The import contracts in ../pyproject.toml (`lint-imports`) keep the first half desktop-free.
"""

import logging

logging.getLogger(__name__).addHandler(logging.NullHandler())  # see desktop/__init__.py

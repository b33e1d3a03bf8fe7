"""Both ends of the sync protocol; Qt-free."""

import logging

logging.getLogger(__name__).addHandler(logging.NullHandler())  # see desktop/__init__.py

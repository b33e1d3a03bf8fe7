"""Một Cửa Desktop: the offline-first client for commune one-stop counters."""

import logging

from sync.common.version import __version__

__all__ = ["__version__"]

# Log records go to the profile's rotating log once a profile is open (desktop.logs). Before that, or for a
# command that opens none, they are dropped instead of reaching Python's last-resort handler, which would
# print them to stderr beside the command's own message.
logging.getLogger(__name__).addHandler(logging.NullHandler())

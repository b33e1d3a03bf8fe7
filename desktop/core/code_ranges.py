"""`sync.common.code_ranges` (the dossier-code ranges), shared with the reference server, under its old name."""

from sync.common.code_ranges import (
    MAX_WORKSTATION,
    NARROW_FIRST,
    NARROW_SIZE,
    SERVER_RANGE,
    WIDE_FIRST,
    WIDE_SIZE,
    WIDE_WORKSTATIONS,
    Segment,
    check_workstation,
    in_server_range,
    offline_capacity,
    offline_segments,
)

__all__ = [
    "MAX_WORKSTATION",
    "NARROW_FIRST",
    "NARROW_SIZE",
    "SERVER_RANGE",
    "WIDE_FIRST",
    "WIDE_SIZE",
    "WIDE_WORKSTATIONS",
    "Segment",
    "check_workstation",
    "in_server_range",
    "offline_capacity",
    "offline_segments",
]

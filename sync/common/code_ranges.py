"""Who may use which part of the 4-digit daily sequence of dossier codes (`<agency>-YYMMDD-NNNN`).

The rule, its reasons and the upgrade from the earlier layout are explained in `desktop/store/numbers.py`;
this module is the one place the figures live, shared by the workstation and the provincial server.

* 0001–0999: the province (its own codes and the blocks it reserves for workstations);
* workstations 1–5: 5000 + 50·(w−1) … 5000 + 50·w − 1, then 1000 + 800·(w−1) … 1000 + 800·w − 1 (850 a day);
* workstations 6–99: 5000 + 50·(w−1) … 5000 + 50·w − 1 only (50 a day); 9950–9999 stay unused.
"""

from __future__ import annotations

from sync.common.errors import ValidationError

SERVER_RANGE = (1, 999)
NARROW_FIRST = 5000  # the per-workstation ranges of 50 of the first layout, kept as they were
NARROW_SIZE = 50
WIDE_FIRST = SERVER_RANGE[1] + 1  # 1000-4999, the province's until this layout
WIDE_SIZE = 800
WIDE_WORKSTATIONS = 5
MAX_WORKSTATION = 99

Segment = tuple[int, int]


def check_workstation(workstation: int) -> int:
    if not 1 <= workstation <= MAX_WORKSTATION:
        raise ValidationError(f"Số máy trạm phải từ 1 đến {MAX_WORKSTATION}.", "workstation")
    return workstation


def offline_segments(workstation: int) -> tuple[Segment, ...]:
    """The (first, last) ranges a workstation numbers from offline, in the order it draws them."""
    check_workstation(workstation)
    first = NARROW_FIRST + NARROW_SIZE * (workstation - 1)
    narrow = (first, first + NARROW_SIZE - 1)
    if workstation > WIDE_WORKSTATIONS:
        return (narrow,)
    wide_first = WIDE_FIRST + WIDE_SIZE * (workstation - 1)
    return narrow, (wide_first, wide_first + WIDE_SIZE - 1)


def offline_capacity(workstation: int) -> int:
    """How many dossiers a workstation can number in one day without any number from the province."""
    return sum(last - first + 1 for first, last in offline_segments(workstation))


def in_server_range(first: int, last: int) -> bool:
    return SERVER_RANGE[0] <= first <= last <= SERVER_RANGE[1]

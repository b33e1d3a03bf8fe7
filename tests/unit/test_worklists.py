"""The worklists (lifecycle §5) at pinned moments: before and after office hours, a Friday evening before the
weekend, a public holiday. Each dossier is placed so that a drift in one definition (the clock statuses,
`current_due`, the due-soon window in working days, the hand-over deadline, today's bounds) moves it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from desktop.core.appointment import OfficeHours
from desktop.core.errors import ValidationError
from desktop.core.worklists import Worklist, next_boundary, parse_worklist
from desktop.services.accounts import SignedIn
from desktop.services.worklists import load_worklist, worklist_counts
from desktop.store.engine import Store
from tests.factories import at, place

# Around Thursday 03/12/2026 (Fri 04, Mon 07, Tue 08, Wed 09 are working days; 05-06 the weekend).
DECEMBER = {
    "A": {"status": "processing", "received": at(26, 11, 9), "due_at": at(3, 12, 16)},
    "B": {"status": "processing", "received": at(27, 11, 9), "due_at": at(4, 12, 10)},
    # received 09:00 Wed: to be handed over by 17:00 that day
    "C": {"status": "received", "received": at(2, 12, 9), "due_at": at(9, 12, 9)},
    "D": {"status": "processing", "received": at(20, 11, 9), "due_at": at(2, 12, 10)},
    # the appointment passed, but the extension holds
    "E": {
        "status": "processing",
        "received": at(18, 11, 9),
        "due_at": at(1, 12, 10),
        "extended_due_at": at(8, 12, 10),
    },
    # paused: on no clock list though its appointment has passed
    "F": {
        "status": "supplement_requested",
        "received": at(25, 11, 9),
        "due_at": at(2, 12, 9),
        "pause": at(30, 11, 9),
    },
    "G": {"status": "financial_obligation", "received": at(26, 11, 9), "due_at": at(3, 12, 11)},
    "H": {
        "status": "result_ready",
        "received": at(24, 11, 9),
        "due_at": at(4, 12, 9),
        "result_ready_at": at(1, 12, 15),
    },
    "I": {
        "status": "returned",
        "received": at(20, 11, 9),
        "due_at": at(1, 12, 9),
        "returned_at": at(3, 12, 8, 15),
    },
    "J": {
        "status": "returned",
        "received": at(20, 11, 9),
        "due_at": at(1, 12, 9),
        "returned_at": at(2, 12, 16),
    },
    # received 15:30 Wed, after the 15:00 cut-off: to be handed over by 11:30 Thursday
    "K": {"status": "received", "received": at(2, 12, 15, 30), "due_at": at(7, 12, 15, 30)},
    "L": {"status": "stopped", "received": at(20, 11, 9), "due_at": at(1, 12, 9)},
}

EXPECTED = {
    "Thursday 07:00, before opening": (
        at(3, 12, 7),
        {
            Worklist.TO_HAND_OVER: ["K", "C"],
            Worklist.DUE_TODAY: ["G", "A"],
            Worklist.DUE_SOON: ["G", "A", "B", "K", "E"],
            Worklist.OVERDUE: ["D"],
            Worklist.WAITING_SUPPLEMENT: ["F"],
            Worklist.FINANCIAL: ["G"],
            Worklist.READY: ["H"],
            Worklist.RETURNED_TODAY: ["I"],
        },
    ),
    "Thursday 17:30, after closing": (
        at(3, 12, 17, 30),
        {
            Worklist.TO_HAND_OVER: ["K", "C"],
            Worklist.DUE_TODAY: [],
            Worklist.DUE_SOON: ["B", "K", "E"],
            Worklist.OVERDUE: ["D", "G", "A"],
            Worklist.WAITING_SUPPLEMENT: ["F"],
            Worklist.FINANCIAL: ["G"],
            Worklist.READY: ["H"],
            Worklist.RETURNED_TODAY: ["I"],
        },
    ),
    "Friday 18:00, before the weekend": (
        at(4, 12, 18),
        {
            Worklist.TO_HAND_OVER: ["K", "C"],
            Worklist.DUE_TODAY: [],
            Worklist.DUE_SOON: ["K", "E", "C"],  # Monday, Tuesday, Wednesday
            Worklist.OVERDUE: ["D", "G", "A", "B"],
            Worklist.WAITING_SUPPLEMENT: ["F"],
            Worklist.FINANCIAL: ["G"],
            Worklist.READY: ["H"],
            Worklist.RETURNED_TODAY: [],
        },
    ),
}


@pytest.mark.parametrize("moment", list(EXPECTED))
def test_each_list_holds_exactly_its_dossiers_sorted_by_due(
    ready_store: tuple[Store, SignedIn], moment: str
) -> None:
    store, _ = ready_store
    codes = place(store, DECEMBER)
    now, expected = EXPECTED[moment]
    counts = worklist_counts(store, now)
    for worklist, labels in expected.items():
        page = load_worklist(store, worklist, now)
        assert [r.code for r in page.rows] == [codes[x] for x in labels], (moment, worklist)
        assert page.total == counts[worklist] == len(labels), (moment, worklist)


def test_the_lists_own_columns(ready_store: tuple[Store, SignedIn]) -> None:
    store, _ = ready_store
    codes = place(store, DECEMBER)
    by_code = {v: k for k, v in codes.items()}

    def rows(worklist: Worklist, now: datetime) -> dict[str, Any]:
        return {by_code[r.code]: r for r in load_worklist(store, worklist, now).rows}

    morning = rows(Worklist.TO_HAND_OVER, at(3, 12, 7))
    assert morning["C"].late and morning["C"].handover_deadline == at(2, 12, 17)
    assert not morning["K"].late and morning["K"].handover_deadline == at(3, 12, 11, 30)
    assert rows(Worklist.TO_HAND_OVER, at(3, 12, 11, 31))["K"].late
    # working days waited: Monday 30/11 → Thursday 03/12 is 3; Tuesday → Thursday 2, → Friday 3, → Monday 4
    assert rows(Worklist.WAITING_SUPPLEMENT, at(3, 12, 10))["F"].days_waiting == 3
    assert rows(Worklist.READY, at(3, 12, 10))["H"].days_waiting == 2
    assert rows(Worklist.READY, at(4, 12, 18))["H"].days_waiting == 3
    assert rows(Worklist.READY, at(7, 12, 8))["H"].days_waiting == 4
    overdue = rows(Worklist.OVERDUE, at(3, 12, 17, 30))
    assert all(r.late for r in overdue.values())
    assert rows(Worklist.DUE_SOON, at(3, 12, 17, 30))["E"].due == at(8, 12, 10)  # the extended appointment
    assert rows(Worklist.RETURNED_TODAY, at(3, 12, 10))["I"].returned_at == at(3, 12, 8, 15)


def test_on_a_public_holiday(ready_store: tuple[Store, SignedIn]) -> None:
    """Tuesday 24/11/2026 (Culture Day) is off: the three working days after it are Wed 25 – Fri 27."""
    store, _ = ready_store
    codes = place(
        store,
        {
            # Friday 09:00: due at Friday's close, late by the holiday
            "P": {"status": "received", "received": at(20, 11, 9), "due_at": at(30, 11, 8)},
            # Monday 16:00, after the cut-off: by the end of the next working morning, Wednesday 11:30
            "Q": {"status": "received", "received": at(23, 11, 16), "due_at": at(27, 11, 16)},
            "R": {"status": "processing", "received": at(16, 11, 9), "due_at": at(23, 11, 16)},
            "S": {"status": "processing", "received": at(17, 11, 9), "due_at": at(25, 11, 8)},
            "T": {
                "status": "result_ready",
                "received": at(16, 11, 9),
                "due_at": at(25, 11, 8),
                "result_ready_at": at(20, 11, 10),
            },
        },
    )
    now = at(24, 11, 10)
    lists = {w: load_worklist(store, w, now) for w in Worklist}
    assert [r.code for r in lists[Worklist.DUE_SOON].rows] == [codes["S"], codes["Q"]]
    assert [r.code for r in lists[Worklist.DUE_TODAY].rows] == []
    assert [r.code for r in lists[Worklist.OVERDUE].rows] == [codes["R"]]
    handover = {r.code: r for r in lists[Worklist.TO_HAND_OVER].rows}
    assert handover[codes["P"]].late and not handover[codes["Q"]].late
    assert handover[codes["Q"]].handover_deadline == at(25, 11, 11, 30)
    assert lists[Worklist.READY].rows[0].days_waiting == 1  # Monday 23 only


def test_an_unknown_list_names_the_valid_ones() -> None:
    with pytest.raises(ValidationError) as error:
        parse_worklist("due-tomorrow")
    assert "due-today" in str(error.value) and "returned-today" in str(error.value)


@pytest.mark.parametrize(
    ("now", "boundary"),
    [
        (at(3, 12, 0, 0), at(3, 12, 7, 30)),
        (at(3, 12, 9, 30), at(3, 12, 11, 30)),
        (at(3, 12, 11, 30), at(3, 12, 13, 30)),
        (at(3, 12, 14, 0), at(3, 12, 15, 0)),  # the hand-over cut-off
        (at(3, 12, 16, 0), at(3, 12, 17, 0)),
        (at(3, 12, 17, 0), at(4, 12, 0, 0)),
    ],
)
def test_the_lists_are_counted_again_at_the_next_boundary(now: datetime, boundary: datetime) -> None:
    assert next_boundary(now, OfficeHours()) == boundary

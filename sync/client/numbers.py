"""Keeping blocks of server-issued dossier numbers for today and the next working days
(`POST /numbers:reserve`).

`desktop/store/numbers.py` draws codes from `NumberBlock` rows: server blocks first, the workstation's
offline ranges otherwise (850 numbers a day for workstations 1-5, 50 for 6-99). Each pass tops up, for
today and for the next AHEAD_WORKING_DAYS working days of the unit's calendar
(`desktop/store/calendar_repo.py`) within the server's window (today + NUMBER_DAYS_AHEAD), every day that
has fewer than LOW_WATER server numbers left with one block of BLOCK_SIZE. So codes printed while the link
is down never collide, and a workstation whose link is down from the morning of the next working day (or
the one after) has 50 more intakes that day than its offline ranges alone; a pass on a Friday covers Monday
and Tuesday. A day's reservation failing (the province's 0001-0999 of that day used up: 409, or the server
refuses the day) is logged and does not stop the others.
A lost answer only wastes numbers (codes are unique, not gap-free); blocks never overlap, because the
server hands them out from one counter per unit and day.
"""

from __future__ import annotations

from datetime import date, timedelta

from desktop.store.calendar_repo import calendar_for
from desktop.store.engine import Store
from desktop.store.models import NumberBlock
from desktop.store.numbers import remaining_numbers
from sync.client.http import SyncHttp
from sync.common.errors import ValidationError
from sync.protocol import NUMBER_DAYS_AHEAD, NumberBlockOut, NumberRequest

LOW_WATER = 20
BLOCK_SIZE = 50
AHEAD_WORKING_DAYS = 2


def reservation_days(store: Store, today: date) -> list[date]:
    """Today, then the next AHEAD_WORKING_DAYS working days that the server accepts (today + 7 at most)."""
    days = [today]
    with store.session() as session:
        calendar = calendar_for(session)
    day = today
    try:
        for _ in range(AHEAD_WORKING_DAYS):
            day = calendar.next_working_day(day)
            if day > today + timedelta(days=NUMBER_DAYS_AHEAD):
                break
            days.append(day)
    except ValidationError:  # beyond the years the calendar knows: today only
        pass
    return days


def top_up_numbers(http: SyncHttp, store: Store, unit_code: str, day: date) -> NumberBlockOut | None:
    """Reserve a new block for `day` when fewer than LOW_WATER server numbers are left."""
    with store.session() as session:
        if remaining_numbers(session, unit_code, day) >= LOW_WATER:
            return None
    block = http.call("POST", "/numbers:reserve", NumberBlockOut, NumberRequest(day=day, count=BLOCK_SIZE))
    with store.transaction() as session:
        session.add(
            NumberBlock(
                unit_code=block.unit_code,
                day=block.day,
                first=block.first,
                last=block.last,
                next=block.first,
                source="server",
            )
        )
    return block

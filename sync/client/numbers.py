"""Keeping a block of server-issued dossier numbers for today (`POST /numbers:reserve`).

`desktop/store/numbers.py` draws codes from `NumberBlock` rows: server blocks first, the workstation's
offline range otherwise. A pass tops today's server blocks up when they run low, so codes printed while
the link is down later still never collide. A lost answer only wastes numbers (codes are unique, not
gap-free); blocks never overlap, because the server hands them out from one counter per unit and day.
"""

from __future__ import annotations

from datetime import date

from desktop.store.engine import Store
from desktop.store.models import NumberBlock
from desktop.store.numbers import remaining_numbers
from sync.client.http import SyncHttp
from sync.protocol import NumberBlockOut, NumberRequest

LOW_WATER = 20
BLOCK_SIZE = 50


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

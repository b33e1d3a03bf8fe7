"""The way back (issue 20): steps made upstream on the unit's dossiers, and the `GET /changes` feed.

`set_status` (`motcua-server admin set-status CODE STATUS_CODE [--note TEXT]`) moves a dossier the
province holds to another status when the shared action table allows it from the current one
(`sync.common.lifecycle.step_allowed`: an upstream step may make any step of the table), in one
transaction: the dossier's record and status follow, and an item `step` goes into the unit's feed
(`changes`, whose id is the cursor) with the step as an event (kind `upstream_step`, its own UUID).

The dossier's chain of events is the workstation's: it appends that event after its own (its sequence
and hashes), and pushes it back like the others. The server knows it by its UUID (`upstream_echoes`) and
stores it in the chain without applying it again, so neither end's history forks; an `upstream_step`
event the server did not make is refused (`NOT_UPSTREAM`).

`changes_page` reads the feed after a cursor for one unit, in the order the server recorded it. The cursor
is the decimal id of the last item sent, opaque to the client ("" or "0": from the start). Writers of the
feed take one lock until they commit (`sync.server.feed`; SQLite writes one at a time anyway), so the ids become
visible in their order and a reader never steps over an item committed later with a smaller id.
"""

from __future__ import annotations

import uuid

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from sync.common.errors import NotFoundError, ValidationError
from sync.common.lifecycle import BY_CODE, CODES, Status, step_allowed
from sync.common.text import clean
from sync.common.timeutil import as_local, now_local
from sync.events import UpstreamStep
from sync.protocol import (
    CHANGE_CALENDAR,
    CHANGE_CATALOGUE,
    CHANGE_DOSSIER,
    CHANGE_ONLINE,
    CHANGE_STEP,
    CHANGE_UNIT_SETTINGS,
    UPSTREAM_ACTOR,
    CalendarChange,
    CatalogueChange,
    ChangesPage,
    DossierChange,
    HoSo,
    OnlineSubmissionChange,
    OtherChange,
    StepChange,
    UnitSettingsChange,
    UpstreamEvent,
    WireEvent,
    merge_record,
    to_dvcqg_time,
)
from sync.server.feed import serialise_feed
from sync.server.models import ServerChange, ServerDossier, utcnow
from sync.server.unit_dossiers import expand

MAX_NOTE = 2000
# statuses that end processing: the step's moment is the record's `NgayKetThucXuLy`
ENDING = frozenset({Status.WITHDRAWN, Status.STOPPED, Status.RESULT_READY})


def set_status(session: Session, code: str, status_code: int, note: str = "") -> StepChange:
    """Move the dossier `code` to `status_code` upstream (see the module docstring); the item recorded.
    NotFoundError for a dossier the province does not hold, ValidationError (Vietnamese) for a status
    the table does not allow from the current one."""
    serialise_feed(session)
    dossier = session.scalars(select(ServerDossier).where(ServerDossier.code == clean(code, 300))).first()
    if dossier is None or dossier.status_code is None:
        raise NotFoundError(f"Hệ thống tỉnh không có hồ sơ mã '{code}'.")
    after = BY_CODE.get(status_code)
    if after is None:
        raise ValidationError(f"Mã trạng thái {status_code} không hợp lệ (1 đến 10).", "status_code")
    before = BY_CODE[dossier.status_code]
    if before == after or not step_allowed(UpstreamStep.kind, before, after):
        raise ValidationError(
            f"Hồ sơ {dossier.code} đang ở trạng thái {dossier.status_code}, không thể chuyển sang trạng thái "
            f"{status_code}: bước này không có trong quy trình giải quyết.",
            "status_code",
        )
    at = as_local(now_local()).replace(microsecond=0)
    said = clean(note, MAX_NOTE)
    step = UpstreamStep.written(
        code=dossier.code,
        status=after.value,
        status_code=CODES[after],
        stepped_at=at,
        previous_status=before.value,
        note=said,
        actor=UPSTREAM_ACTOR,
    )
    event = UpstreamEvent(uuid=str(uuid.uuid4()), type=step.kind, occurred_at=at, payload=step.to_payload())
    record = HoSo(
        TrangThaiHoSo=CODES[after],
        NgayKetThucXuLy=to_dvcqg_time(at) if after in ENDING else None,
        GhiChu=said or None,
    )
    dossier.record = merge_record(dossier.record or {}, record)
    dossier.status_code = CODES[after]
    dossier.updated_at = utcnow()
    item = StepChange(dossier_code=dossier.code, status_code=CODES[after], note=said, at=at, event=event)
    session.add(
        ServerChange(
            unit_id=dossier.unit_id,
            kind=CHANGE_STEP,
            dossier_id=dossier.id,
            event_uuid=event.uuid,
            body=item.model_dump(mode="json"),
        )
    )
    return item


def upstream_echoes(session: Session, events: list[WireEvent]) -> set[str]:
    """The UUIDs among `events` of upstream steps the server made on those very dossiers: pushed back by
    the workstation that appended them, they are stored in the chain without being applied again."""
    wanted = {e.uuid: e.dossier_id for e in events if e.type == UpstreamStep.kind}
    if not wanted:
        return set()
    rows = session.execute(
        select(ServerChange.event_uuid, ServerChange.dossier_id).where(
            ServerChange.event_uuid.in_(list(wanted))
        )
    )
    return {uuid_ for uuid_, dossier_id in rows if uuid_ is not None and wanted[uuid_] == dossier_id}


NOT_UPSTREAM = (
    "Chỉ hệ thống tỉnh mới ghi được bước xử lý của cấp trên: thay đổi này không phải do tỉnh gửi về."
)


def parse_cursor(cursor: str) -> int:
    """The id after which to read; ValueError for a cursor this server did not give."""
    given = cursor.strip()
    if not given:
        return 0
    if not given.isdigit() or len(given) > 18:
        raise ValueError("malformed cursor")
    return int(given)


# the model of each kind of item in the feed (a kind not listed goes out as it was recorded; `dossier` items
# are built from the server's rows, `expand`)
Reference = CatalogueChange | CalendarChange | UnitSettingsChange
ITEM_MODELS: dict[str, type[StepChange | OnlineSubmissionChange | Reference]] = {
    CHANGE_STEP: StepChange,
    CHANGE_ONLINE: OnlineSubmissionChange,
    CHANGE_CATALOGUE: CatalogueChange,
    CHANGE_CALENDAR: CalendarChange,
    CHANGE_UNIT_SETTINGS: UnitSettingsChange,
}


def changes_page(session: Session, unit_id: int, since: int, limit: int, device_id: str = "") -> ChangesPage:
    """The unit's items after `since`, at most `limit`, oldest first; `more` when others follow. Items
    written by `device_id`'s own push (`origin_device_id`) are left out: it has them."""
    rows = session.execute(
        select(ServerChange.id, ServerChange.kind, ServerChange.body, ServerChange.dossier_id)
        .where(
            ServerChange.unit_id == unit_id,
            ServerChange.id > since,
            or_(ServerChange.origin_device_id.is_(None), ServerChange.origin_device_id != device_id),
        )
        .order_by(ServerChange.id)
        .limit(limit + 1)
    ).all()
    page = rows[:limit]
    dossiers = expand(session, {row.dossier_id for row in page if row.kind == CHANGE_DOSSIER})
    items: list[StepChange | OnlineSubmissionChange | DossierChange | Reference | OtherChange] = []
    for _id, kind, body, dossier_id in page:
        if kind == CHANGE_DOSSIER:
            if dossier_id in dossiers:  # as the province holds it now (one whose rows are gone: none)
                items.append(dossiers[dossier_id])
        else:
            items.append(ITEM_MODELS.get(kind, OtherChange).model_validate({**body, "kind": kind}))
    last = page[-1].id if page else since
    return ChangesPage(items=items, next_cursor=str(last), more=len(rows) > limit)

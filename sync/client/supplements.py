"""Supplement cycles in the portal's vocabulary: `DanhSachHoSoBoSung[]` (domain §7).

A `supplement_requested` event (form 02, status 5) opens an entry and its `supplement_received` event
completes it. Both carry the entry's `HoSoBoSungId`, `<MaHoSo>-BS<yyyyMMddHHmmss of the pause start>`
(the pause start is in both payloads), so the server folds them into one entry
(`sync.protocol.merge_record`) and a gateway can forward the list to `DongBoHoSoMC` unchanged:

- request: `NgayBoSung` (pause start), `NguoiYeuCauBoSung` (the officer's username), `NoiDungBoSung` (the
  reason), `DanhSachGiayToBoSung[]` {`TenGiayTo`, `GhiChu`} (the missing papers), `TrangThaiBoSung` 0;
- receipt: `NgayTiepNhanBoSung`, `NguoiTiepNhanBoSung`, `ThongTinTiepNhan` (the officer's note),
  `NgayHenTraTruoc` / `NgayHenTraMoi` (the appointment before and after), `TrangThaiBoSung` 1.

What the portal has no name for stays in `MoRong` as before: the missing papers' line numbers
(`missing_positions`), the lines received (`documents_received`), the status left (`previous_status`).
A payload without a pause start or code (none is written so) keeps its old `MoRong` form.
"""

from __future__ import annotations

from typing import Any

from sync.events import SupplementReceived, SupplementRequested, TypedEvent
from sync.protocol import SUPPLEMENT_PENDING, SUPPLEMENT_RECEIVED, dvcqg_time_or_none

# what each kind's entry takes out of the payload (the rest is mapped as any change)
_TAKEN = {
    SupplementRequested.kind: {"paused_at", "missing", "reason"},
    SupplementReceived.kind: {"paused_at", "resumed_at", "note", "previous_due_at"},
}


def supplement_id(code: str, paused_at: str) -> str:
    """`HoSoBoSungId` of the cycle that paused dossier `code` at `paused_at` (yyyyMMddHHmmss)."""
    return f"{code}-BS{paused_at}"


def split_supplement(event: TypedEvent, officer: str | None) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """The `DanhSachHoSoBoSung` entry of a supplement event and the payload left to map; (None, the
    whole payload) for any other event."""
    payload = event.to_payload()
    if not isinstance(event, SupplementRequested | SupplementReceived):
        return None, payload
    paused = dvcqg_time_or_none(event.paused_at)
    if paused is None or not event.code:
        return None, payload
    rest = {k: v for k, v in payload.items() if k not in _TAKEN[event.kind]}
    entry: dict[str, Any] = {"HoSoBoSungId": supplement_id(event.code, paused)}
    if isinstance(event, SupplementRequested):
        entry |= {
            "NgayBoSung": paused,
            "NguoiYeuCauBoSung": officer,
            "NoiDungBoSung": event.reason or None,
            "TrangThaiBoSung": SUPPLEMENT_PENDING,
            "DanhSachGiayToBoSung": [
                {"TenGiayTo": item.name, "GhiChu": item.note or None} for item in event.missing
            ]
            or None,
        }
        positions = [item.position for item in event.missing if item.position is not None]
        if positions:
            rest["missing_positions"] = positions
    else:
        entry |= {
            "NgayTiepNhanBoSung": dvcqg_time_or_none(event.resumed_at),
            "NguoiTiepNhanBoSung": officer,
            "ThongTinTiepNhan": event.note or None,
            "NgayHenTraTruoc": dvcqg_time_or_none(event.previous_due_at),
            "NgayHenTraMoi": dvcqg_time_or_none(event.due_at),
            "TrangThaiBoSung": SUPPLEMENT_RECEIVED,
        }
    return {k: v for k, v in entry.items() if v is not None}, rest

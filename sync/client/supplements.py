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

from sync.protocol import SUPPLEMENT_PENDING, SUPPLEMENT_RECEIVED, dvcqg_time_or_none

REQUESTED, RECEIVED = "supplement_requested", "supplement_received"


def supplement_id(code: str, paused_at: str) -> str:
    """`HoSoBoSungId` of the cycle that paused dossier `code` at `paused_at` (yyyyMMddHHmmss)."""
    return f"{code}-BS{paused_at}"


def split_supplement(
    event_type: str, payload: dict[str, Any], officer: str | None
) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """The `DanhSachHoSoBoSung` entry of a supplement event and the payload keys left to map; (None,
    payload) for any other event."""
    paused = dvcqg_time_or_none(payload.get("paused_at"))
    code = payload.get("code")
    if event_type not in (REQUESTED, RECEIVED) or paused is None or not isinstance(code, str) or not code:
        return None, payload
    rest = dict(payload)
    del rest["paused_at"]
    entry: dict[str, Any] = {"HoSoBoSungId": supplement_id(code, paused)}
    if event_type == REQUESTED:
        missing = [item for item in rest.pop("missing", None) or [] if isinstance(item, dict)]
        entry |= {
            "NgayBoSung": paused,
            "NguoiYeuCauBoSung": officer,
            "NoiDungBoSung": rest.pop("reason", None) or None,
            "TrangThaiBoSung": SUPPLEMENT_PENDING,
            "DanhSachGiayToBoSung": [
                {"TenGiayTo": str(item.get("name") or ""), "GhiChu": item.get("note") or None}
                for item in missing
            ]
            or None,
        }
        positions = [item["position"] for item in missing if item.get("position") is not None]
        if positions:
            rest["missing_positions"] = positions
    else:
        entry |= {
            "NgayTiepNhanBoSung": dvcqg_time_or_none(rest.pop("resumed_at", None)),
            "NguoiTiepNhanBoSung": officer,
            "ThongTinTiepNhan": rest.pop("note", None) or None,
            "NgayHenTraTruoc": dvcqg_time_or_none(rest.pop("previous_due_at", None)),
            "NgayHenTraMoi": dvcqg_time_or_none(rest.get("due_at")),
            "TrangThaiBoSung": SUPPLEMENT_RECEIVED,
        }
    return {k: v for k, v in entry.items() if v is not None}, rest

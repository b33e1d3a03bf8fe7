"""The catalogue in force, read for `motcua catalogue list` and `motcua catalogue show` (nothing written).

`list_procedures` gives the stable JSON of `catalogue list --json` (README "Procedure catalogue"):
`{"version", "effective_from", "procedures": [{"code", "name", "field", "time_confirmed", "time_amount",
"time_unit", "cutoff", "fee_text"}]}`, by code; an unconfirmed limit has null amount and unit.
"""

from __future__ import annotations

from typing import Any

from desktop.core.errors import NotFoundError, ValidationError
from desktop.core.procedure_code import national_code
from desktop.core.text import fold
from desktop.core.time_limit_text import CHANNEL_LABELS, CHANNELS
from desktop.store.catalogue import active_version
from desktop.store.catalogue_versions import procedure_item, version_procedures
from desktop.store.engine import Store

UNCONFIRMED = "thời hạn chưa xác nhận"
LIST_KEYS = ("code", "name", "field", "time_confirmed", "time_amount", "time_unit", "cutoff", "fee_text")


def _version(session: Any) -> Any:
    version = active_version(session)
    if version is None:
        raise NotFoundError("Hồ sơ dữ liệu chưa có danh mục thủ tục (chạy thiết lập lần đầu trước).")
    return version


def _header(version: Any) -> dict[str, Any]:
    starts = version.effective_from.isoformat() if version.effective_from else None
    return {"version": version.version, "effective_from": starts}


def list_procedures(store: Store, field: str | None = None) -> dict[str, Any]:
    """The procedures in force (those whose field contains `field`, without regard to accents)."""
    wanted = fold(field or "")
    with store.session() as session:
        version = _version(session)
        items = [procedure_item(p) for p in version_procedures(session, version)]
        header = _header(version)
    chosen = [
        {key: item.get(key) for key in LIST_KEYS} for item in items if wanted in fold(item.get("field", ""))
    ]
    return {**header, "procedures": chosen}


def procedure_detail(store: Store, code: str) -> dict[str, Any]:
    """One procedure of the version in force, as catalogue JSON plus the version (`version`,
    `effective_from`); the code may carry a local suffix."""
    try:
        wanted = national_code(code)
    except ValidationError:
        wanted = code.strip()
    with store.session() as session:
        version = _version(session)
        found = next((p for p in version_procedures(session, version) if p.code == wanted), None)
        if found is None:
            raise NotFoundError(f"Danh mục thủ tục đang dùng ({version.version}) không có thủ tục {wanted}.")
        return {**procedure_item(found), **_header(version)}


def describe_limit(amount: float | None, unit: str | None, cutoff: str | None) -> str:
    """ "7 ngày làm việc", "10 ngày", "4 giờ làm việc", "trong ngày (nhận đến 15:00)"."""
    if unit == "sameday":
        return f"trong ngày (nhận đến {cutoff})" if cutoff else "trong ngày"
    words = {"days": "ngày làm việc", "caldays": "ngày", "hours": "giờ làm việc"}
    number = f"{amount:g}".replace(".", ",") if amount is not None else "?"
    return f"{number} {words.get(unit or '', unit or '')}"


def time_lines(item: dict[str, Any]) -> list[str]:
    """The time limit per channel ("Trực tiếp: 7 ngày làm việc"), or "thời hạn chưa xác nhận"."""
    if not item.get("time_confirmed", True):
        return [UNCONFIRMED]
    channels = item.get("channels") or {}
    if not channels:
        return [describe_limit(item.get("time_amount"), item.get("time_unit"), item.get("cutoff"))]
    return [
        f"{CHANNEL_LABELS[c]}: {describe_limit(v.get('amount'), v.get('unit'), v.get('cutoff'))}"
        for c in CHANNELS
        if isinstance(v := channels.get(c), dict)
    ]

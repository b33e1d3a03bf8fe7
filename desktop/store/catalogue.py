"""Loading the procedure catalogue (shipped JSON in `resources/catalogue/`, later also from the server).

A catalogue is `{"version", "effective_from", "note", "procedures": [...]}`; each procedure:

- `code`, `name`, `field`, `field_code`, `result`, `online_level`, `fee_text`, `fee_amount`, `fees` (dated fee
  lines, `desktop.core.fees`), `documents` (below);
- the time limit at the counter (in person): `time_amount`, `time_unit` (`TIME_UNITS`: "days" working days,
  "hours" working hours, "sameday", "caldays" calendar days, `desktop.core.appointment`), `cutoff` ("HH:MM",
  same-day procedures), `time_text` (the source's wording). `time_confirmed: false` marks a limit the source
  does not give unambiguously ("thời hạn chưa xác nhận"): `time_amount` and `time_unit` are then null, never
  a guessed number, and no appointment is computed from it (`ProcessingTime.from_procedure` refuses);
- optional details kept in `Procedure.details` (`DETAIL_KEYS`): `channels` (`{"truc_tiep" | "truc_tuyen" |
  "buu_chinh": {"amount", "unit", "cutoff"}}`, the limit per channel the source names; `amount` and `unit`
  null where that channel's limit is unconfirmed),
  `time_basis` (legal basis of the limit), `provenance` (`{"source", "decision", "national_code"}`),
  `authority` (the competent body as the source names it), `receiving` (who receives at the commune counter:
  "ubnd_xa", "cong_an_xa", "thue", "bhxh"), `short_names` (what officers type: "ks"), `paper_notes` (the
  source's explanations among the papers, "Lưu ý: …", kept as notes rather than papers), `common` (among
  the procedures a commune counter receives most, domain §7: the picker ranks them first among equals);
- each document: `name`, `originals`, `copies`, `required`, `note`, `code`, `shown` (presented at the
  counter and handed back, "xuất trình", not kept), `form` (the form's name, "Mẫu TP/HT-2020-TKKS"),
  `name_cut` (the source cut the name at 250 characters; the note says so).

The shipped file is generated: `python -m desktop.store.catalogue_build` (`desktop/store/catalogue_build.py`).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, time
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session, defer, selectinload

from desktop.core.errors import ValidationError
from desktop.core.fees import parse_rules
from desktop.core.text import clean, fold
from desktop.core.timeutil import today_local
from desktop.resources import resource
from desktop.store import settings
from desktop.store.models import CatalogueVersion, Procedure, ProcedureDocument

SHIPPED_CATALOGUE = ("catalogue", "procedures.json")


def read_catalogue(path: Path | None = None) -> dict[str, Any]:
    """Parse a catalogue file (the shipped one by default)."""
    path = path or resource(*SHIPPED_CATALOGUE)
    with path.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


# The same catalogue's names are cleaned and folded again for every profile a process creates (the shipped one:
# each test's profile, a workstation's first run): remembered per process (pure functions of the text).
_clean = lru_cache(maxsize=8192)(clean)
_fold = lru_cache(maxsize=8192)(fold)


# working days, working hours, same day (with a cut-off hour), calendar days ("Ngày": the Civil Code count)
TIME_UNITS = ("days", "hours", "sameday", "caldays")
DETAIL_KEYS = (
    "channels", "time_basis", "provenance", "authority", "receiving", "short_names", "paper_notes", "common"
)  # fmt: skip


def validate_catalogue(data: Any) -> None:
    """Refuse a malformed catalogue (a damaged file, a bad download) before anything is saved."""

    def bad(problem: str, code: str = "") -> ValidationError:
        where = f" (thủ tục {code})" if code else ""
        return ValidationError(f"Danh mục thủ tục không hợp lệ{where}: {problem}.", "catalogue")

    if not isinstance(data, dict) or not str(data.get("version", "")).strip():
        raise bad("thiếu phiên bản")
    procedures = data.get("procedures")
    if not isinstance(procedures, list) or not procedures:
        raise bad("không có thủ tục nào")
    seen: set[str] = set()
    for item in procedures:
        code = str(item.get("code", "")).strip() if isinstance(item, dict) else ""
        if not code or not _clean(str(item.get("name", ""))):
            raise bad("thiếu mã hoặc tên thủ tục", code)
        if code in seen:
            raise bad("mã thủ tục bị trùng", code)
        seen.add(code)
        if item.get("time_confirmed", True) is False:
            if item.get("time_amount") is not None or item.get("time_unit") is not None:
                raise bad("thời hạn chưa xác nhận nhưng lại có số ngày/đơn vị", code)
        else:
            if item.get("time_unit", "days") not in TIME_UNITS:
                raise bad(f"đơn vị thời hạn '{item.get('time_unit')}' (chỉ {', '.join(TIME_UNITS)})", code)
            amount = item.get("time_amount", 0)
            if isinstance(amount, bool) or not isinstance(amount, int | float) or not 0 <= amount <= 365:
                raise bad(f"thời hạn giải quyết '{amount}'", code)
            if item.get("time_unit") == "caldays" and amount != int(amount):
                raise bad(f"thời hạn {amount} ngày phải là số ngày nguyên", code)
        for channel, limit in (item.get("channels") or {}).items():
            if not isinstance(limit, dict) or limit.get("unit") not in (*TIME_UNITS, None):
                raise bad(f"thời hạn của hình thức nộp '{channel}'", code)
        cutoff = item.get("cutoff")
        if cutoff is not None:
            try:
                time.fromisoformat(cutoff)
            except (TypeError, ValueError):
                raise bad(f"giờ tiếp nhận cuối '{cutoff}' (dạng HH:MM)", code) from None
        try:
            parse_rules(item.get("fees"))
        except ValidationError as exc:
            raise bad(str(exc), code) from None
        for doc in item.get("documents", []):
            if not isinstance(doc, dict) or not _clean(str(doc.get("name", ""))):
                raise bad("giấy tờ thiếu tên", code)
            if not all(_is_count(doc.get(key, 0)) for key in ("originals", "copies")):
                raise bad(f"số bản chính/bản sao của '{doc['name']}'", code)


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 99


def active_version(session: Session, day: date | None = None) -> CatalogueVersion | None:
    """The catalogue version in force on `day` (today by default): among the loaded versions, the one with
    the latest `effective_from` that has come (none: in force from loading), the newest loaded first. A
    version the province sent ahead of its date waits; a dossier keeps the procedure of its own version."""
    on = day or today_local()
    starts = func.coalesce(CatalogueVersion.effective_from, date.min)
    loaded = select(CatalogueVersion).where(CatalogueVersion.active)
    in_force = session.scalars(
        loaded.where(starts <= on).order_by(starts.desc(), CatalogueVersion.id.desc())
    ).first()
    # before the first version's date (a clock set back): the earliest one rather than none
    return in_force or session.scalars(loaded.order_by(starts, CatalogueVersion.id)).first()


def load_catalogue(session: Session, data: dict[str, Any], source: str = "shipped") -> CatalogueVersion:
    """Insert a catalogue version (idempotent by version string), in force from its `effective_from`
    (`active_version`): one already in force retires the versions before it; a later one waits beside them.

    A malformed catalogue raises ValidationError before anything is written."""
    validate_catalogue(data)
    existing = session.scalars(
        select(CatalogueVersion).where(CatalogueVersion.version == data["version"])
    ).first()
    if existing is not None:
        return existing
    effective = data.get("effective_from")
    starts = date.fromisoformat(effective) if effective else None
    if starts is None or starts <= today_local():
        for old in session.scalars(select(CatalogueVersion).where(CatalogueVersion.active)):
            if old.effective_from is None or old.effective_from <= today_local():
                old.active = False
    version = CatalogueVersion(version=data["version"], source=source, effective_from=starts)
    session.add(version)
    session.flush()
    # Core bulk inserts (executemany): the whole catalogue's ~240 procedures and ~1,250 papers load in a
    # fraction of the ORM unit of work's time (first run, and every test profile)
    # ids given here (the transaction holds the write lock): SQLite returns generated ids in order only row by row
    first = int(session.scalar(select(func.coalesce(func.max(Procedure.id), 0))) or 0) + 1
    ids = range(first, first + len(data["procedures"]))
    rows = [
        {"id": i, **_procedure_row(version.id, item)} for i, item in zip(ids, data["procedures"], strict=True)
    ]
    connection = session.connection()  # Core, not the ORM's bulk mode: no per-row bookkeeping
    connection.execute(insert(cast(Table, Procedure.__table__)), rows)
    documents = [
        _document_row(procedure_id, position, doc)
        for procedure_id, item in zip(ids, data["procedures"], strict=True)
        for position, doc in enumerate(item.get("documents", []), start=1)
    ]
    if documents:
        connection.execute(insert(cast(Table, ProcedureDocument.__table__)), documents)
    session.flush()
    return version


def _procedure_row(version_id: int, item: dict[str, Any]) -> dict[str, Any]:
    cutoff = item.get("cutoff")
    confirmed = item.get("time_confirmed", True) is not False
    return {
        "catalogue_version_id": version_id,
        "code": item["code"],
        "name": _clean(item["name"]),
        "name_folded": _fold(item["name"]),
        "field": item.get("field", ""),
        "field_code": item.get("field_code", ""),
        "time_amount": float(item.get("time_amount", 0)) if confirmed else 0.0,
        "time_unit": item.get("time_unit", "days") if confirmed else "",
        "time_confirmed": confirmed,
        "details": {key: item[key] for key in DETAIL_KEYS if item.get(key)},
        "cutoff": time.fromisoformat(cutoff) if cutoff else None,
        "time_text": item.get("time_text", ""),
        "fee_text": item.get("fee_text", ""),
        "fee_amount": item.get("fee_amount"),
        "result": item.get("result", ""),
        "online_level": item.get("online_level", ""),
        "rules": item.get("rules", {}),
        "fees": item.get("fees", []),
        "active": True,
    }


def _document_row(procedure_id: int, position: int, doc: dict[str, Any]) -> dict[str, Any]:
    return {
        "procedure_id": procedure_id,
        "position": position,
        "code": doc.get("code", ""),
        "name": _clean(doc["name"]),
        "originals": int(doc.get("originals", 0)),
        "copies": int(doc.get("copies", 0)),
        "required": bool(doc.get("required", True)),
        "note": doc.get("note", ""),
        "shown": bool(doc.get("shown", False)),
        "form": str(doc.get("form", "")),
    }


def ensure_catalogue(session: Session) -> CatalogueVersion:
    """Load the shipped catalogue on first run; keep whatever is active afterwards."""
    current = active_version(session)
    if current is not None:
        return current
    path = resource(*SHIPPED_CATALOGUE)
    version = load_catalogue(session, read_catalogue(path))
    settings.put(session, settings.SHIPPED_CATALOGUE, _digest(path))
    return version


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refresh_shipped(session: Session, path: Path | None = None) -> CatalogueVersion | None:
    """After an update of the application, the catalogue it ships (once: the file's digest is kept), as a new
    version in force from its date, when the profile has only ever used shipped catalogues: a version the
    province published (sync) or the administrator imported is never overtaken by the one in the installer
    (those update by sync or `motcua catalogue import`). Dossiers keep their own version's procedures.
    Returns the version loaded, or None."""
    path = path or resource(*SHIPPED_CATALOGUE)
    digest = _digest(path)
    if settings.get(session, settings.SHIPPED_CATALOGUE) == digest:
        return None
    sources = set(session.scalars(select(CatalogueVersion.source).distinct()))
    loaded = None
    if sources and sources <= {"shipped"}:
        data = read_catalogue(path)
        known = session.scalars(
            select(CatalogueVersion.id).where(CatalogueVersion.version == data["version"])
        )
        if known.first() is None:
            loaded = load_catalogue(session, data)
    settings.put(session, settings.SHIPPED_CATALOGUE, digest)
    return loaded


def active_procedures(session: Session) -> list[Procedure]:
    version = active_version(session)
    if version is None:
        return []
    return list(
        session.scalars(
            select(Procedure)
            .where(Procedure.catalogue_version_id == version.id, Procedure.active)
            # one query for all papers, not one per procedure; the details (notes, channels) when asked for
            .options(selectinload(Procedure.documents), defer(Procedure.details))
            .order_by(Procedure.code)
        )
    )

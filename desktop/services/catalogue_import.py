"""Importing the province's official list as a new dated catalogue version (`motcua catalogue import`, the
administrator's File → Nhập danh mục thủ tục…).

`preview_import(store, path)` reads the file (`desktop.store.catalogue_import_files`: the national list
export, an announcing-decision appendix, detail pages), checks every row and compares it with the version in
force: what it adds, changes (which items) and retires, and the rows whose time limit could not be read.
Nothing is written. `apply_import(store, preview, officer)` (administrators) stores that result as a new
catalogue version in one transaction, in force from `effective_from`.

Rules:
- a row's code may carry a local suffix (`2.000815.000.00.00.H55`): its national code (first 8 characters,
  `desktop.core.procedure_code`) is used. A code that fails the national pattern, a missing code or name,
  or a code twice in the file refuses the whole file with each row's number and reason: nothing imported;
- the new version is the one in force plus the file: a procedure of the file is added or its name, field,
  time limit, fee text, papers, competent body updated with what the file carries; what the file does not
  carry (an appendix without papers, a list without time limits) keeps the version's (verified) data, and
  the dated fee lines the counter collects are kept (a file gives fee texts only);
- only the national list export is the province's whole list: a procedure of the version absent from it
  retires. An appendix or detail pages may be partial: nothing retires;
- a time limit is parsed by `desktop.core.time_limit_text`, never guessed: one that cannot be read (a bare
  number, an unknown unit, two limits for a channel) leaves a new procedure "thời hạn chưa xác nhận" and an
  existing one with the limit it had, the row noted in the preview;
- an added or changed procedure records its provenance (`{"source", "decision", "national_code"}`, plus
  `local_code` when the file wrote one);
- dossiers keep the procedure row of the version they were received under: a new version adds rows, it
  never rewrites the old ones.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from desktop.core import roles
from desktop.core.errors import ValidationError
from desktop.core.procedure_code import national_code
from desktop.core.time_limit_text import parse_time_limit
from desktop.core.timeutil import today_local
from desktop.services import audit
from desktop.services.credentials import SignedIn
from desktop.store.catalogue import TIME_UNITS, active_version, load_catalogue
from desktop.store.catalogue_import_files import KIND_LABELS, ImportFile, ImportRow, read_import_file
from desktop.store.catalogue_versions import version_items
from desktop.store.engine import Store
from desktop.store.models import CatalogueVersion, Officer

IMPORT_SOURCE = "import"
MAX_LISTED_ERRORS = 20
# what an import may change, as the preview names it
CHANGE_LABELS = {
    "name": "tên",
    "field": "lĩnh vực",
    "time": "thời hạn",
    "fee_text": "phí, lệ phí",
    "documents": "thành phần hồ sơ",
    "authority": "cơ quan thực hiện",
}
UNIT_WORDS = {"days": "ngày làm việc", "caldays": "ngày", "hours": "giờ làm việc", "sameday": "trong ngày"}

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Entry:
    """A procedure the import adds, changes (`changes`: Vietnamese labels) or retires."""

    code: str
    name: str
    changes: tuple[str, ...] = ()
    time_confirmed: bool = True


@dataclass(frozen=True)
class RowNote:
    """A row imported with a reservation (its time limit could not be read)."""

    row: int
    code: str
    reason: str


@dataclass(frozen=True)
class ImportPreview:
    file_name: str
    kind: str  # desktop.store.catalogue_import_files LIST | APPENDIX | DETAIL
    base_id: int | None  # the version in force it was made from
    base_version: str
    version: str  # the new version's name
    effective_from: date
    rows: int
    added: tuple[Entry, ...] = ()
    changed: tuple[Entry, ...] = ()
    retired: tuple[Entry, ...] = ()
    unchanged: int = 0
    notes: tuple[RowNote, ...] = ()
    catalogue: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.retired)


def preview_lines(preview: ImportPreview) -> list[str]:
    """What an import would do, in Vietnamese, one line each (the command prints it)."""
    lines = [
        f"Tệp: {preview.file_name} — {preview.kind_label}, {preview.rows} thủ tục.",
        f"Phiên bản mới: {preview.version}, hiệu lực từ {preview.effective_from:%d/%m/%Y}"
        + (f" (dựa trên {preview.base_version})." if preview.base_version else "."),
    ]
    if preview.added:
        lines.append(f"Thêm {len(preview.added)} thủ tục:")
        lines += [
            f"  + {e.code} {e.name}" + ("" if e.time_confirmed else " — thời hạn chưa xác nhận")
            for e in preview.added
        ]
    if preview.changed:
        lines.append(f"Sửa {len(preview.changed)} thủ tục:")
        lines += [f"  ~ {e.code} {e.name}: {', '.join(e.changes)}" for e in preview.changed]
    if preview.retired:
        lines.append(f"Bãi bỏ {len(preview.retired)} thủ tục (không có trong danh sách của tỉnh):")
        lines += [f"  - {e.code} {e.name}" for e in preview.retired]
    lines.append(f"Giữ nguyên: {preview.unchanged} thủ tục.")
    if preview.notes:
        lines.append("Lưu ý:")
        lines += [f"  dòng {n.row} ({n.code}): {n.reason}" for n in preview.notes]
    return lines


def preview_import(
    store: Store, path: Path, effective_from: date | None = None, progress: Progress | None = None
) -> ImportPreview:
    """Read and check `path`, compare it with the version in force; nothing is written."""
    report = progress or (lambda done, total, text: None)
    report(0, 3, "Đọc tệp")
    imported = read_import_file(path)
    report(1, 3, "Kiểm tra các dòng")
    rows = _checked_rows(imported)
    report(2, 3, "So sánh với danh mục đang dùng")
    with store.session() as session:
        base = active_version(session)
        items = version_items(session, base) if base is not None else {}
        starts = effective_from or today_local()
        if base is not None and base.effective_from is not None and starts < base.effective_from:
            raise ValidationError(
                f"Ngày hiệu lực {starts:%d/%m/%Y} trước ngày hiệu lực của danh mục đang dùng "
                f"({base.effective_from:%d/%m/%Y}).",
                "effective_from",
            )
        waiting = session.scalars(
            select(CatalogueVersion).where(CatalogueVersion.active, CatalogueVersion.effective_from > starts)
        ).first()
        if waiting is not None and waiting.effective_from is not None:
            raise ValidationError(
                f"Phiên bản danh mục {waiting.version} đang chờ hiệu lực từ {waiting.effective_from:%d/%m/%Y}; "
                "một phiên bản hiệu lực sớm hơn sẽ bị nó thay: hãy nhập với ngày hiệu lực từ ngày đó trở đi.",
                "effective_from",
            )
        name = _version_name(session, starts)
        preview = _plan(imported, rows, items, base, name, starts)
    report(3, 3, "")
    return preview


def _checked_rows(imported: ImportFile) -> list[tuple[str, ImportRow]]:
    """(national code, row) for every row; ValidationError listing every bad row otherwise."""
    errors: list[str] = []
    seen: dict[str, int] = {}
    rows: list[tuple[str, ImportRow]] = []
    for row in imported.rows:
        if not row.code or not row.name:
            errors.append(f"dòng {row.row}: thiếu {'mã' if not row.code else 'tên'} thủ tục")
            continue
        try:
            code = national_code(row.code)
        except ValidationError as exc:
            errors.append(f"dòng {row.row}: {exc}")
            continue
        if code in seen:
            errors.append(f"dòng {row.row}: mã {code} trùng với dòng {seen[code]}")
            continue
        seen[code] = row.row
        rows.append((code, row))
    if not rows and not errors:
        errors.append("không có thủ tục nào")
    if errors:
        listed = "\n".join(f"  {e}" for e in errors[:MAX_LISTED_ERRORS])
        more = len(errors) - MAX_LISTED_ERRORS
        if more > 0:
            listed += f"\n  … và {more} dòng khác"
        raise ValidationError(
            f"Tệp '{imported.name}' không được nhập (danh mục không thay đổi):\n{listed}", "file"
        )
    return rows


def _version_name(session: Any, starts: date) -> str:
    prefix = f"{starts:%Y.%m.%d}-nhap-"
    taken = session.scalar(
        select(func.count()).select_from(CatalogueVersion).where(CatalogueVersion.version.like(prefix + "%"))
    )
    return f"{prefix}{int(taken or 0) + 1}"


def _plan(
    imported: ImportFile,
    rows: list[tuple[str, ImportRow]],
    items: dict[str, dict[str, Any]],
    base: CatalogueVersion | None,
    version: str,
    starts: date,
) -> ImportPreview:
    added: list[Entry] = []
    changed: list[Entry] = []
    notes: list[RowNote] = []
    result = dict(items)
    for code, row in rows:
        old = items.get(code)
        new, note = _merged(code, row, old, imported)
        if note:
            notes.append(RowNote(row.row, code, note))
        if old is None:
            added.append(Entry(code, new["name"], (), new["time_confirmed"]))
            result[code] = new
            continue
        changes = _changes(old, new)
        if changes:
            changed.append(Entry(code, new["name"], changes, new["time_confirmed"]))
            result[code] = new
    in_file = {code for code, _ in rows}
    retired = [] if not imported.full else [code for code in items if code not in in_file]
    for code in retired:
        del result[code]
    catalogue = {
        "version": version,
        "effective_from": starts.isoformat(),
        "note": f"Nhập từ tệp {imported.name} ({KIND_LABELS[imported.kind]})",
        "procedures": [result[code] for code in sorted(result)],
    }
    return ImportPreview(
        file_name=imported.name,
        kind=imported.kind,
        base_id=base.id if base is not None else None,
        base_version=base.version if base is not None else "",
        version=version,
        effective_from=starts,
        rows=len(rows),
        added=tuple(added),
        changed=tuple(changed),
        retired=tuple(Entry(code, items[code]["name"]) for code in retired),
        unchanged=len(items) - len(changed) - len(retired),
        notes=tuple(notes),
        catalogue=catalogue,
    )


def _merged(
    code: str, row: ImportRow, old: dict[str, Any] | None, imported: ImportFile
) -> tuple[dict[str, Any], str]:
    """The procedure after the row (and the reservation about its time limit, "" when none)."""
    new = copy.deepcopy(old) if old is not None else _blank(code)
    new["name"] = row.name
    if row.field:
        new["field"] = row.field
    if row.fee_text:
        new["fee_text"] = row.fee_text
    if row.authority:
        new["authority"] = row.authority
    if row.documents is not None:
        new["documents"] = row.documents
    provenance = {
        "source": f"{KIND_LABELS[imported.kind]}: {imported.name}",
        "decision": row.decision or (old or {}).get("provenance", {}).get("decision", ""),
        "national_code": code,
    }
    if row.code != code:
        provenance["local_code"] = row.code
    new["provenance"] = provenance
    return new, _time_limit(new, row, old is not None)


def _blank(code: str) -> dict[str, Any]:
    return {
        "code": code,
        "name": "",
        "field": "",
        "time_confirmed": False,
        "time_amount": None,
        "time_unit": None,
        "time_text": "",
        "fee_text": "",
        "documents": [],
    }


def _time_limit(item: dict[str, Any], row: ImportRow, existing: bool) -> str:
    """Set the row's time limit on `item` when it can be read; otherwise the reason (item unchanged)."""
    if not row.time_text:  # kept, or (a new procedure) unconfirmed: the preview's added entry says so
        return ""
    parsed = parse_time_limit(row.time_text)
    limit = parsed.in_person
    problem = parsed.problem
    if limit is not None and limit.unit not in TIME_UNITS:
        problem = f"đơn vị '{UNIT_WORDS.get(limit.unit, limit.unit)}' chưa dùng được để tính ngày hẹn"
    if problem or limit is None:
        kept = "giữ thời hạn đang dùng" if existing else "thời hạn chưa xác nhận"
        return f"thời hạn '{row.time_text}': {problem}; {kept}"
    item.update(
        time_confirmed=True,
        time_amount=int(limit.amount) if limit.amount.is_integer() else limit.amount,
        time_unit=limit.unit,
        cutoff=limit.cutoff.strftime("%H:%M") if limit.cutoff else None,
        time_text=row.time_text,
        channels={channel: one.as_json() for channel, one in parsed.limits.items()},
    )
    return ""


def _papers(item: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (d.get("name"), d.get("originals", 0), d.get("copies", 0), bool(d.get("shown", False)))
        for d in item.get("documents", [])
    ]


def _changes(old: dict[str, Any], new: dict[str, Any]) -> tuple[str, ...]:
    found: list[str] = []
    for key in ("name", "field"):
        if old.get(key, "") != new.get(key, ""):
            found.append(CHANGE_LABELS[key])
    time_keys = ("time_confirmed", "time_amount", "time_unit", "cutoff")
    if any(old.get(k) != new.get(k) for k in time_keys):
        found.append(CHANGE_LABELS["time"])
    if old.get("fee_text", "") != new.get("fee_text", ""):
        found.append(CHANGE_LABELS["fee_text"])
    if _papers(old) != _papers(new):
        found.append(CHANGE_LABELS["documents"])
    if old.get("authority", "") != new.get("authority", ""):
        found.append(CHANGE_LABELS["authority"])
    return tuple(found)


def apply_import(store: Store, preview: ImportPreview, officer: SignedIn) -> str:
    """Store the previewed version (administrators only), in one transaction; its name."""
    if preview.empty:
        raise ValidationError("Tệp không thay đổi gì trong danh mục: không tạo phiên bản mới.", "file")
    with store.transaction() as session:
        admin = session.get(Officer, officer.officer_id)
        if admin is None or not admin.active:
            raise ValidationError("Tài khoản của bạn không còn hoạt động.", "role")
        roles.require_admin(admin.role)
        base = active_version(session)
        if (base.id if base is not None else None) != preview.base_id:
            raise ValidationError(
                "Danh mục thủ tục đã thay đổi từ lúc xem trước: hãy xem trước lại rồi mới nhập.", "file"
            )
        if session.scalar(select(CatalogueVersion.id).where(CatalogueVersion.version == preview.version)):
            raise ValidationError(
                f"Đã có phiên bản danh mục {preview.version}: hãy xem trước lại rồi mới nhập.", "file"
            )
        load_catalogue(session, preview.catalogue, IMPORT_SOURCE)
        detail = (
            f"{preview.version} từ {preview.file_name}: thêm {len(preview.added)}, "
            f"sửa {len(preview.changed)}, bãi bỏ {len(preview.retired)}"
        )
        audit.record(session, audit.CATALOGUE_IMPORTED, admin.id, None, detail)
    return preview.version

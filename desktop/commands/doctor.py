"""`motcua doctor [--quick]`: a health report of the profile, for the officer and for support.

Checks the data folder, the database file (size, schema version against the one this program supports,
`PRAGMA integrity_check` — `--quick` uses `quick_check` on a large file — and, without `--quick`, the
indicators' per-day summary against a recount), free disk space, the procedure
catalogue, the commune and officers, the working-day calendar (version and the years with an official
schedule), the configured sync server, the outbox, the label override of the printed forms (when there
is one) and the log file. `--scanners` also lists the scanners this PC sees (SANE through its worker process,
WIA on Windows): support's first question when the scan panel finds none.

The database is opened READ-ONLY (SQLite URI `mode=ro`): the doctor never migrates, repairs or creates
anything, so it is safe on a damaged or newer file. A file that is not an SQLite database at all gives the
store's message and exit code 2; otherwise the report is printed in full. A read that fails is named
rightly (`desktop.store.faults`): a damaged file (restore the last verified backup, named with its date),
a full disk (free space: the file is not damaged), a lock held by another program, no permission or
read-only media; an empty database where a profile lived is refused, never taken for a new profile. Exit codes: 2 when the profile
cannot be worked with (a file instead of a folder, a read-only folder or media, a database that is damaged,
lost, not ours or newer than this program), 1 when another check failed (not set up yet, disk nearly
full, the database locked by another program), 0 when there are only warnings.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from desktop import __version__
from desktop.commands.dossiers import thousands
from desktop.core.errors import (
    DamagedStoreError,
    DiskFullError,
    LostStoreError,
    NotWritableError,
    StorageError,
    StoreLockedError,
)
from desktop.logs import LOG_NAME
from desktop.store import cipher, day_figures, migrations, settings
from desktop.store.catalogue import active_version
from desktop.store.engine import DB_NAME, check_database_file, is_writable, profile_root
from desktop.store.events import pending_count
from desktop.store.faults import classify, drive_of, last_verified_backup, media_read_only
from desktop.store.models import Dossier, Event, Officer, Procedure, Unit
from desktop.store.profile import Profile
from desktop.store.soundness import refuse_lost_store

OK, WARN, FAIL, INFO = "OK", "CẢNH BÁO", "LỖI", "--"
MIN_FREE = 50 * 1024**2  # below this nothing can be saved safely
LOW_FREE = 500 * 1024**2
TIMEOUT_S = 5.0  # how long a read waits for another program's lock before the file is reported locked


@dataclass(frozen=True)
class Finding:
    level: str
    label: str
    text: str
    refused: bool = False  # the profile cannot be worked with at all (exit code 2)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "doctor", help="kiểm tra tình trạng hồ sơ dữ liệu", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--quick", action="store_true", help="kiểm tra nhanh (quick_check) thay vì kiểm tra toàn vẹn đầy đủ"
    )
    parser.add_argument(
        "--scanners", action="store_true", help="liệt kê cả các máy quét mà máy tính này nhận được"
    )
    parser.set_defaults(func=run)


def size_text(n: int) -> str:
    """Bytes in the units an officer reads, Vietnamese decimal comma: "1,4 GB"."""
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}".replace(".", ",")
    return f"{n} byte"


def _readonly_session(db: Path) -> Session:
    # In a folder nobody may write to, SQLite cannot create the WAL's shared-memory file even for reading;
    # `immutable=1` reads the file as it is (good enough for a report, and it never writes).
    immutable = "" if is_writable(db.parent) else "&immutable=1"
    key = cipher.key_for(db)
    options: dict[str, Any] = {"module": cipher.dbapi} if key is not None else {}
    engine = create_engine(
        "sqlite://",
        creator=lambda: cipher.connect(db, f"mode=ro{immutable}", key=key, timeout=TIMEOUT_S),
        poolclass=NullPool,
        **options,
    )
    return Session(engine)


def _restore(db: Path) -> str:
    """What to do about a damaged file: the last verified backup, by name and date, when there is one."""
    backup = last_verified_backup(db.parent / "backups")
    if backup is None:
        return "chưa có bản sao lưu đã kiểm tra: giữ nguyên tệp, liên hệ hỗ trợ kỹ thuật"
    return (
        f"hãy khôi phục bản sao lưu đã kiểm tra gần nhất {backup.path.name} "
        f"({backup.made_at:%H:%M %d/%m/%Y}; nhập lại những gì làm sau lúc đó)"
    )


class _Stop(Exception):
    """A fault that is not the file's (full disk, lock, permission): the database checks stop there."""


def _fault_finding(exc: Exception, db: Path, label: str) -> Finding | None:
    """What a failed read means, with the right advice: damage (restore), a full disk (free space, the file
    is not damaged), a lock (close the other program), no permission or read-only media."""
    fault = classify(exc, db)
    if fault is None:
        return None
    reason = str(getattr(exc, "orig", None) or exc).strip()
    if isinstance(fault, DamagedStoreError):
        return Finding(FAIL, label, f"tệp bị hỏng, không đọc được ({reason}); {_restore(db)}", refused=True)
    if isinstance(fault, DiskFullError):
        text = f"ổ đĩa {drive_of(db)} đầy, không đọc được ({reason}); tệp không bị hỏng: hãy giải phóng dung lượng"
        return Finding(FAIL, label, text)
    if isinstance(fault, StoreLockedError):
        return Finding(
            FAIL, label, "đang bị chương trình khác khóa; hãy đóng chương trình đó rồi kiểm tra lại"
        )
    if isinstance(fault, NotWritableError):
        where = "ổ đĩa chỉ đọc" if media_read_only(db) else "không có quyền ghi"
        return Finding(FAIL, label, f"không mở được ({where}); tệp không bị hỏng", refused=True)
    return Finding(FAIL, label, f"lỗi đọc ổ đĩa ({reason}); hãy kiểm tra ổ đĩa", refused=True)


@contextmanager
def _damaged_as_finding(findings: list[Finding], label: str, db: Path) -> Iterator[None]:
    """A read failing on a damaged file becomes a failed check instead of a crash; any other storage fault
    (named rightly) ends the database checks (`_Stop`), the rest of the report still printed."""
    try:
        yield
    except (DatabaseError, sqlite3.Error, cipher.CipherError) as exc:
        finding = _fault_finding(exc, db, label)
        if finding is None:
            raise
        findings.append(finding)
        if not isinstance(classify(exc, db), DamagedStoreError):
            raise _Stop from exc


def check_folder(root: Path) -> list[Finding]:
    if not root.exists():
        return [Finding(FAIL, "Thư mục dữ liệu", f"{root} chưa có (chưa thiết lập: hãy chạy `motcua`)")]
    findings = [Finding(OK, "Thư mục dữ liệu", str(root))]
    if not is_writable(root):
        why = "ổ đĩa đang ở chế độ chỉ đọc" if media_read_only(root) else "tài khoản này không có quyền ghi"
        findings[0] = Finding(
            FAIL, "Thư mục dữ liệu", f"{root} chỉ đọc: không thể lưu hồ sơ ({why})", refused=True
        )
    free = shutil.disk_usage(root).free
    if free < MIN_FREE:
        text = f"chỉ còn {size_text(free)} trên ổ {drive_of(root)}: không đủ để lưu an toàn; hãy giải phóng dung lượng"
        findings.append(Finding(FAIL, "Dung lượng trống", text))
    elif free < LOW_FREE:
        findings.append(Finding(WARN, "Dung lượng trống", f"còn {size_text(free)} (nên giải phóng ổ đĩa)"))
    else:
        findings.append(Finding(OK, "Dung lượng trống", size_text(free)))
    return findings


def check_database(db: Path, quick: bool) -> list[Finding]:
    """Schema, integrity and the profile's contents, read-only."""
    try:
        refuse_lost_store(Profile(db.parent))
    except LostStoreError as exc:  # never taken for a new profile: the officer must not set up again
        return [Finding(FAIL, "Cơ sở dữ liệu", str(exc), refused=True)]
    if not db.exists():
        return [Finding(FAIL, "Cơ sở dữ liệu", f"{db} chưa có (chưa thiết lập: hãy chạy `motcua`)")]
    try:
        check_database_file(db)
    except StorageError as exc:  # not SQLite at all: the rest of the report still shows (exit 2)
        return [Finding(FAIL, "Cơ sở dữ liệu", str(exc), refused=True)]
    size = db.stat().st_size + sum(p.stat().st_size for p in db.parent.glob(DB_NAME + "-wal"))
    findings = [Finding(OK, "Cơ sở dữ liệu", f"{db} ({size_text(size)})")]
    session = _readonly_session(db)
    try:
        with _damaged_as_finding(findings, "Lược đồ", db):
            if not _check_schema(session, findings, db):
                return findings
        with _damaged_as_finding(findings, "Toàn vẹn dữ liệu", db):
            _check_integrity(session, findings, quick, db)
        if not quick:
            with _damaged_as_finding(findings, "Tổng hợp chỉ số", db):
                _check_summary(session, findings)
        for label, check in CONTENT_CHECKS:
            with _damaged_as_finding(findings, label, db):
                findings.append(check(session))
    except _Stop:
        pass
    finally:
        bind = session.get_bind()
        session.close()
        bind.dispose()  # type: ignore[union-attr]
    return findings


def _check_schema(session: Session, findings: list[Finding], db: Path) -> bool:
    version = int(session.execute(text("PRAGMA user_version")).scalar_one())
    tables = int(session.execute(text("SELECT count(*) FROM sqlite_master WHERE type='table'")).scalar_one())
    supported = migrations.LATEST
    if version > supported:
        findings.append(
            Finding(
                FAIL,
                "Lược đồ",
                f"phiên bản {version}, chương trình này chỉ hỗ trợ đến {supported}: hãy cập nhật",
                refused=True,
            )
        )
        return False
    if version == 0 and tables:
        findings.append(
            Finding(
                FAIL, "Lược đồ", f"'{db}' là cơ sở dữ liệu SQLite khác, không phải của Một Cửa", refused=True
            )
        )
        return False
    if version < supported:
        findings.append(
            Finding(
                WARN, "Lược đồ", f"phiên bản {version}; sẽ nâng cấp lên {supported} khi mở (có sao lưu trước)"
            )
        )
        return version > 0
    findings.append(Finding(OK, "Lược đồ", f"phiên bản {version} (hỗ trợ đến {supported})"))
    return True


def _check_integrity(session: Session, findings: list[Finding], quick: bool, db: Path) -> None:
    pragma = "quick_check" if quick else "integrity_check"
    problems = [str(r) for r in session.execute(text(f"PRAGMA {pragma}")).scalars()]
    if problems == ["ok"]:
        findings.append(Finding(OK, "Toàn vẹn dữ liệu", f"{pragma}: ok"))
        return
    shown = "; ".join(problems[:3]) + (f" … (+{len(problems) - 3})" if len(problems) > 3 else "")
    findings.append(
        Finding(
            FAIL,
            "Toàn vẹn dữ liệu",
            f"tệp bị hỏng ({pragma}: {shown}); {_restore(db)}",
            refused=True,
        )
    )


def _check_summary(session: Session, findings: list[Finding]) -> None:
    """The indicators' per-day summary against a recount of the dossiers (schema 9 on; not with --quick)."""
    present = session.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'figures_received'")).first()
    if present is None:
        return
    wrong = day_figures.differences(session.connection())
    if wrong:
        text_ = f"{wrong} dòng lệch với hồ sơ: chạy `motcua report rebuild` để tính lại"
        findings.append(Finding(WARN, "Tổng hợp chỉ số", text_))
    else:
        findings.append(Finding(OK, "Tổng hợp chỉ số", "khớp với hồ sơ"))


def _catalogue(session: Session) -> Finding:
    version = active_version(session)
    if version is None:
        return Finding(WARN, "Danh mục thủ tục", "chưa nạp (sẽ nạp khi thiết lập lần đầu)")
    count, unconfirmed = session.execute(
        select(func.count(), func.count().filter(Procedure.time_confirmed.is_(False)))
        .select_from(Procedure)
        .where(Procedure.catalogue_version_id == version.id, Procedure.active)
    ).one()
    text_ = f"phiên bản {version.version}, {count} thủ tục"
    if unconfirmed:  # the officer gives their appointment at the counter (issue 22)
        text_ += f" ({unconfirmed} thủ tục chưa xác nhận thời hạn giải quyết: cán bộ nhập ngày hẹn)"
    return Finding(OK, "Danh mục thủ tục", text_)


def _setup(session: Session) -> Finding:
    if settings.get(session, settings.SETUP_DONE) != "1":
        return Finding(FAIL, "Đơn vị và cán bộ", "chưa thiết lập lần đầu (hãy chạy `motcua`)")
    unit = session.get(Unit, int(settings.get(session, settings.UNIT_ID, "0") or 0))
    officers = session.scalar(select(func.count()).select_from(Officer).where(Officer.active)) or 0
    if unit is None or not officers:
        return Finding(FAIL, "Đơn vị và cán bộ", "thiếu đơn vị hoặc cán bộ đang hoạt động")
    station = settings.get(session, settings.WORKSTATION, "?")
    return Finding(
        OK, "Đơn vị và cán bộ", f"{unit.name} ({unit.code}), máy trạm {station}, {officers} cán bộ"
    )


def _dossiers(session: Session) -> Finding:
    count = session.scalar(select(func.count()).select_from(Dossier)) or 0
    return Finding(INFO, "Hồ sơ", f"{thousands(count)} hồ sơ")


def _server(session: Session) -> Finding:
    url = settings.get(session, settings.SERVER_URL)
    return Finding(INFO, "Máy chủ đồng bộ", url or "chưa cấu hình")


def _calendar(session: Session) -> Finding:
    """Version and covered years; a warning when this year has no official schedule (next year: a note)."""
    from desktop.core import timeutil
    from desktop.store.calendar_repo import calendar_for

    calendar = calendar_for(session)
    years = ", ".join(str(y) for y in calendar.years) or "không có"
    text = f"phiên bản {calendar.version}; có lịch chính thức các năm {years}"
    this_year = timeutil.now_local().year
    missing = [y for y in (this_year, this_year + 1) if not calendar.covers(y)]
    if missing:
        text += f"; chưa có lịch năm {missing[0]} (nạp bằng `motcua calendar import TỆP.json`)"
    return Finding(WARN if this_year in missing else INFO, "Lịch làm việc", text)


def _outbox(session: Session) -> Finding:
    pending = pending_count(session)
    if not pending:
        return Finding(OK, "Chờ đồng bộ", "không có sự kiện nào chờ gửi")
    oldest = session.scalar(select(func.min(Event.device_time)).where(Event.push_status == "pending"))
    since = f", cũ nhất từ {oldest:%d/%m/%Y %H:%M}" if oldest else ""
    return Finding(INFO, "Chờ đồng bộ", f"{thousands(pending)} sự kiện chờ gửi{since}")


CONTENT_CHECKS: list[tuple[str, Callable[[Session], Finding]]] = [
    ("Danh mục thủ tục", _catalogue),
    ("Đơn vị và cán bộ", _setup),
    ("Hồ sơ", _dossiers),
    ("Lịch làm việc", _calendar),
    ("Máy chủ đồng bộ", _server),
    ("Chờ đồng bộ", _outbox),
]


def check_log(root: Path) -> Finding:
    log = root / "logs" / LOG_NAME
    if not log.exists():
        return Finding(INFO, "Nhật ký", f"{log} (chưa có)")
    return Finding(INFO, "Nhật ký", f"{log} ({size_text(log.stat().st_size)})")


def check_labels(root: Path) -> list[Finding]:
    """The profile's override of the printed forms' wording, when it has one."""
    from desktop.forms import labels

    found = labels.read_override(root)
    if found is None:
        return []
    path = labels.override_path(root)
    count = sum(len(values) for values in found[0].values())
    problems = found[1]
    if not problems:
        return [Finding(INFO, "Nhãn biểu mẫu", f"dùng bản sửa {path} ({count} nhãn)")]
    shown = problems[0] + (f" (+{len(problems) - 1} lỗi khác)" if len(problems) > 1 else "")
    return [
        Finding(WARN, "Nhãn biểu mẫu", f"bản sửa {path}: dùng {count} nhãn, bỏ qua {len(problems)}: {shown}")
    ]


def check_scanners() -> Finding:
    """The scanners every backend of this machine lists; none is a warning (the scan panel has nothing to
    offer), a backend that fails to list is said with its message."""
    from desktop.core.errors import AppError
    from desktop.scan.backends import available_backends

    backends = available_backends()
    if not backends:
        return Finding(WARN, "Máy quét", "không có trình điều khiển máy quét (SANE/WIA) trên máy này")
    names: list[str] = []
    for backend in backends:
        try:
            names += [f"{device.name} ({device.id})" for device in backend.devices()]
        except AppError as exc:
            return Finding(WARN, "Máy quét", f"không liệt kê được máy quét: {exc}")
    if not names:
        return Finding(
            WARN, "Máy quét", "không thấy máy quét nào: kiểm tra cáp USB, nguồn và trình điều khiển"
        )
    return Finding(OK, "Máy quét", "; ".join(names))


def report(findings: list[Finding]) -> str:
    width = max(len(f.label) for f in findings)
    tag = max(len(level) for level in (OK, WARN, FAIL, INFO))
    lines = [f"Một Cửa {__version__} — kiểm tra hồ sơ dữ liệu"]
    lines += [f"  [{f.level.center(tag)}] {f.label.ljust(width)}  {f.text}" for f in findings]
    failed = sum(f.level == FAIL for f in findings)
    warned = sum(f.level == WARN for f in findings)
    if failed:
        lines.append(f"Kết quả: {failed} lỗi, {warned} cảnh báo.")
    elif warned:
        lines.append(f"Kết quả: không có lỗi, {warned} cảnh báo.")
    else:
        lines.append("Kết quả: mọi kiểm tra đều đạt.")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    root = profile_root(args.data_dir)  # a file there: StorageError, exit code 2
    findings = check_folder(root)
    if root.is_dir():
        findings += check_database(root / DB_NAME, args.quick)
        findings += check_labels(root)
        findings.append(check_log(root))
    if args.scanners:
        findings.append(check_scanners())
    print(report(findings))
    sys.stdout.flush()
    if any(f.refused for f in findings):
        return 2
    return 1 if any(f.level == FAIL for f in findings) else 0

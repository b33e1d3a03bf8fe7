"""The profile folder and its database file, checked without SQLAlchemy (the sign-in screen shows first).

A profile is one folder (platformdirs' user data folder by default, or `--data-dir`) holding
`motcua.sqlite3`, `attachments/`, `backups/` and `logs/`. Environment problems (a file where the folder
should be, a read-only folder, a foreign file where the database should be, a locked database) raise
`StorageError` with a Vietnamese message naming the path; the file is never overwritten.
"""

from __future__ import annotations

import errno
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import StorageError
from desktop.core.sealed import KEY_FILE as KEY_FILE
from desktop.store.cipher import SQLITE_HEADER as SQLITE_HEADER
from desktop.store.faults import disk_full, not_writable

DB_NAME = "motcua.sqlite3"
# The schema this version writes (`PRAGMA user_version`; `desktop.store.migrations.LATEST`, checked by a test)
SCHEMA_VERSION = 13


def default_data_dir() -> Path:
    """The platform's per-user data folder for the application."""
    import platformdirs  # only without --data-dir

    return Path(platformdirs.user_data_dir("motcua", appauthor=False, roaming=False))


@dataclass(frozen=True)
class Profile:
    """The folders and files of one profile."""

    root: Path

    @property
    def db_path(self) -> Path:
        return self.root / DB_NAME

    @property
    def attachments_dir(self) -> Path:
        return self.root / "attachments"

    @property
    def backups_dir(self) -> Path:
        return self.root / "backups"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @property
    def output_dir(self) -> Path:
        """Printed PDFs are kept here, so a failed print still leaves the document."""
        return self.root / "printed"


def profile_root(data_dir: Path | None) -> Path:
    """The profile folder `--data-dir` names (the default folder when None); a file there is refused."""
    root = (Path(data_dir) if data_dir is not None else default_data_dir()).expanduser()
    if root.exists() and not root.is_dir():
        raise StorageError(f"Thư mục dữ liệu '{root}' là một tệp, không phải thư mục.", str(root))
    return root


def read_only_error(path: Path) -> StorageError:
    """A folder or file this process cannot write: read-only media, or no permission (told apart)."""
    return not_writable(path)


# The operating system's own wording is English (and changes between systems): the usual reasons in Vietnamese.
_OS_REASONS = {
    errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
    errno.ENOENT: "đường dẫn không tồn tại",
    errno.EEXIST: "đã có tệp trùng tên",
    errno.ENAMETOOLONG: "đường dẫn quá dài",
    errno.ELOOP: "đường dẫn có liên kết vòng",
    errno.EIO: "lỗi đọc/ghi ổ đĩa",
    errno.ENOSPC: "ổ đĩa đã đầy",
}


def os_reason(exc: OSError) -> str:
    """Why an OSError happened, in Vietnamese where known (else the system's text)."""
    return _OS_REASONS.get(exc.errno or 0) or exc.strerror or str(exc)


def folder_error(root: Path, exc: OSError, *, creating: bool = False) -> StorageError:
    """A clear message for an OSError met while creating or writing in the profile folder."""
    denied = exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
    if creating:
        reason = "không có quyền ghi vào thư mục chứa nó" if denied else os_reason(exc)
        return StorageError(f"Không tạo được thư mục dữ liệu '{root}' ({reason}).", str(root))
    if denied:
        return read_only_error(root)
    if exc.errno == errno.ENOSPC:
        return disk_full(root)
    return StorageError(f"Không dùng được thư mục dữ liệu '{root}': {os_reason(exc)}.", str(root))


def is_writable(folder: Path) -> bool:
    """Whether this process can create files in `folder`, found out by creating (and removing) one.

    `os.access` is not enough: it answers for the real user id, and "yes" to root on a read-only mount.
    """
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".motcua-write-test-"):
            return True
    except PermissionError:
        return False
    except OSError as exc:
        if exc.errno == errno.EROFS:
            return False
        raise


def prepare_profile(data_dir: Path | None) -> Profile:
    """Create (if needed) and check the profile folder; raise StorageError when it cannot be used."""
    root = profile_root(data_dir)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise folder_error(root, exc, creating=True) from exc
    try:
        if not is_writable(root):
            raise read_only_error(root)
        for sub in ("attachments", "backups", "logs", "printed"):
            (root / sub).mkdir(exist_ok=True)
        db = root / DB_NAME
        if db.is_file() and not os.access(db, os.W_OK, effective_ids=os.access in os.supports_effective_ids):
            raise not_writable(db)
    except OSError as exc:
        raise folder_error(root, exc) from exc
    return Profile(root)


def check_database_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database, without touching it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    if path.is_dir():
        raise StorageError(f"'{path}' là một thư mục, không phải cơ sở dữ liệu.", str(path))
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER and not (path.parent / KEY_FILE).is_file():  # else SQLCipher's (`cipher`)
        raise StorageError(
            f"Tệp '{path}' không phải cơ sở dữ liệu của Một Cửa (có thể bị hỏng hoặc là tệp khác). "
            "Tệp được giữ nguyên; hãy khôi phục từ bản sao lưu hoặc chọn thư mục dữ liệu khác.",
            str(path),
        )

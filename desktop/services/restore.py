"""Restoring a backup (`desktop.services.backup`) into an empty folder: a new profile, never over one.

A restore goes into an empty (or new) folder only, so it never replaces a profile, and "a backup from
another commune" cannot overwrite one: it becomes its own profile (`verify` refuses another commune's
backup when checked against a profile, `--data-dir`). Everything is written into a temporary folder beside
the target and moved into place only once every entry matched the manifest; the restored profile then
opens (an older schema migrated) and its audit log records the restore.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

from desktop.core.errors import ValidationError
from desktop.services import audit, backup, store_key
from desktop.store import cipher
from desktop.store.engine import open_store
from desktop.store.profile import DB_NAME


def restore_backup(
    path: Path, data_dir: Path, recovery_key: str | None = None, progress: backup.Progress | None = None
) -> backup.BackupInfo:
    """Restore into `data_dir`, which must be empty or absent; everything is written into a temporary
    folder beside it and moved into place only once every entry matched, so a bad file changes nothing."""
    target = Path(data_dir).expanduser()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        what = "một hồ sơ dữ liệu" if (target / DB_NAME).exists() else "các tệp khác"
        raise ValidationError(
            f"Thư mục '{target}' đang chứa {what}: chỉ khôi phục vào một thư mục trống (không ghi đè gì)."
        )
    header = backup.read_header(path)
    key = backup.key_for(header, recovery_key)
    cipher.remember(target, key.derive(store_key.DATABASE))  # its database: encrypted when it was
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.restoring-", dir=target.parent))
    try:

        def sink(name: str) -> BinaryIO:
            out = work / name
            out.parent.mkdir(parents=True, exist_ok=True)
            return out.open("wb")

        manifest = backup.read_entries(Path(path), key, sink, progress)
        (work / backup.STORE_ENTRY).rename(work / DB_NAME)
        (work / backup.KEY_ENTRY).rename(work / store_key.KEY_FILE)
        (work / "store").rmdir()
        if target.exists():
            target.rmdir()
        os.replace(work, target)
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise backup.write_error(target.parent, exc) from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    info = backup.info_from(Path(path), manifest)
    _record_restore(target, info)
    return info


def _record_restore(root: Path, info: backup.BackupInfo) -> None:
    store = open_store(root)
    try:
        with store.transaction() as session:
            audit.record(
                session,
                audit.BACKUP_RESTORED,
                None,
                detail=f"{info.path.name} ({info.created_at:%d/%m/%Y %H:%M})",
            )
    finally:
        store.close()

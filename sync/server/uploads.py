"""Abandoned scan uploads: tus's `expiration` extension and the purge (`motcua-server admin purge-uploads`).

An upload in progress expires `max_age` after it was created (7 days unless `motcua-server --upload-expiry
HOURS`; counted from creation, as tus-node-server does: a 64 MB scan takes about 35 minutes at 256 kbit/s).
Its `Upload-Expires` (an HTTP date) is on the answers to POST, HEAD and PATCH. An expired upload is answered
410 Gone by HEAD and PATCH, and a POST for the same scan starts it again from 0; its partial file and
record are removed then, whenever an upload is created (so a server left running frees them by itself), and
by the admin command, which also removes partial files no upload record refers to (a failed creation).
The clock is `sync.common.timeutil`'s (tests pin it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server.blobstore import BlobStorage
from sync.server.models import BlobUpload, utcnow
from sync.server.store import ServerStore

UPLOAD_MAX_AGE = timedelta(days=7)


@dataclass(frozen=True)
class Purged:
    uploads: int = 0
    bytes: int = 0


def expires_at(upload: BlobUpload, max_age: timedelta) -> datetime:
    created = upload.created_at
    if created.tzinfo is None:  # SQLite gives back the UTC it was given, without its zone
        created = created.replace(tzinfo=UTC)
    return created + max_age


def expires_header(upload: BlobUpload, max_age: timedelta) -> dict[str, str]:
    """`Upload-Expires` (RFC 9110 date) of an upload in progress."""
    return {"Upload-Expires": format_datetime(expires_at(upload, max_age).astimezone(UTC), usegmt=True)}


def expired(upload: BlobUpload, max_age: timedelta) -> bool:
    return expires_at(upload, max_age) <= utcnow()


def drop_upload(session: Session, storage: BlobStorage, upload: BlobUpload) -> int:
    """Forget one upload in progress, its record and its bytes; returns the bytes freed."""
    size = storage.partial_size(upload.sha256) or 0
    session.delete(upload)
    session.flush()
    storage.discard(upload.sha256)
    return size


def expired_uploads(session: Session, max_age: timedelta) -> list[str]:
    """The uploads in progress created more than `max_age` ago."""
    return list(session.scalars(select(BlobUpload.sha256).where(BlobUpload.created_at <= utcnow() - max_age)))


def purge_uploads(store: ServerStore, storage: BlobStorage, older_than: timedelta) -> Purged:
    """The admin command: uploads older than `older_than`, and partial files without a record."""
    with store.transaction() as session:
        old = [session.get_one(BlobUpload, sha) for sha in expired_uploads(session, older_than)]
        freed = sum(drop_upload(session, storage, upload) for upload in old)
        known = set(session.scalars(select(BlobUpload.sha256)))
    orphans = [(sha, size) for sha, size in storage.partials() if sha not in known]
    for sha, _size in orphans:
        storage.discard(sha)
    return Purged(len(old) + len(orphans), freed + sum(size for _sha, size in orphans))

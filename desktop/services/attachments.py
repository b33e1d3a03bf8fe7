"""Digitised documents of a dossier: linking stored blobs to document lines, and importing files.

Two steps, always in this order (design §2, issue 6):
1. `store_document` builds the PDF and puts it in the content-addressed `BlobStore` (fsynced file and
   folder) — no database involved, so it can run before the dossier exists (intake keeps `BlobRef`s
   in its draft);
2. `link_blobs` adds the `Attachment` rows and one `attachment_added` event per blob inside the caller's
   transaction (intake's `receive_dossier`, or `attach_files` here). It refuses a blob the store does not
   hold, so a committed row never points at a missing file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.errors import NotFoundError, StorageError, ValidationError
from desktop.core.text import clean
from desktop.scan.blobstore import PDF_MIME, BlobStore, SealTally
from desktop.scan.document import PageItem, build_pdf
from desktop.scan.importer import import_file
from desktop.scan.pipeline import PROFILES, PipelineOptions, ProgressFn
from desktop.services import store_key
from desktop.store.engine import Store
from desktop.store.events import append_event
from desktop.store.models import Attachment, DocumentLine, Dossier
from sync.events import AttachmentAdded, AttachmentRemoved

SOURCES_MAX = 60
SEALED_MARK = ".all-sealed"


@dataclass(frozen=True)
class BlobRef:
    """A stored blob waiting to be (or being) linked to a document line; JSON-friendly for drafts."""

    sha256: str
    pages: int
    size: int
    profile: str  # text | photo | original
    source: str  # sane:<device> | folder | import | wia:<device>
    mime: str = PDF_MIME
    original_name: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def of(cls, value: BlobRef | Mapping[str, Any] | Any) -> BlobRef:
        """A BlobRef from itself, a dict, or any object with the same attributes (intake's AttachmentRef)."""
        if isinstance(value, BlobRef):
            return value
        if isinstance(value, Mapping):
            return cls.from_dict(value)
        return cls.from_dict(
            {name: getattr(value, name) for name in cls.__dataclass_fields__ if hasattr(value, name)}
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BlobRef:
        return cls(
            sha256=str(data["sha256"]),
            pages=int(data["pages"]),
            size=int(data["size"]),
            profile=str(data.get("profile", "")),
            source=str(data.get("source", "")),
            mime=str(data.get("mime", PDF_MIME)),
            original_name=str(data.get("original_name", "")),
        )


@dataclass(frozen=True)
class AttachResult:
    file_name: str
    sha256: str
    pages: int
    size: int
    attachment_id: str
    document_number: int  # 1-based position of the document line in the dossier


def blob_store(store: Store) -> BlobStore:
    """The profile's attachment files: sealed with its store key (`desktop.scan.blobstore`)."""
    return BlobStore(store.profile.attachments_dir, store_key.profile_key(store.profile))


def seal_clear_scans(store: Store, progress: Callable[[int, int], None] | None = None) -> SealTally | None:
    """Seal the clear scans of a profile set up before its store key (`BlobStore.seal_clear_files`: each
    removed only after its sealed copy verifies; resumable). Once a run leaves no clear file behind, a mark
    in the folder makes later starts skip the walk (with the key, nothing is ever stored in clear again).
    None when there is nothing to do or the key is not at hand."""
    blobs = blob_store(store)
    mark = blobs.root / SEALED_MARK
    if not blobs.sealed or not blobs.root.is_dir() or mark.exists():
        return None
    tally = blobs.seal_clear_files(progress)
    if not tally.damaged:
        mark.write_text("every scan here is sealed with the store key\n", encoding="utf-8")
    return tally


def store_document(
    blobs: BlobStore, items: Sequence[PageItem], profile: str, source: str, original_name: str = ""
) -> BlobRef:
    """Build one PDF from the pages and store it durably; returns the reference to link later."""
    if not items:
        raise ValidationError("Chưa có trang nào để lưu.", "pages")
    blob = blobs.put(build_pdf(items), pages=len(items))
    return BlobRef(
        blob.sha256,
        blob.pages,
        blob.size,
        profile,
        source[:SOURCES_MAX],
        blob.mime,
        clean(original_name, 300),
    )


def link_blobs(
    session: Session,
    dossier_id: str,
    document_line_id: int,
    blobs: Sequence[BlobRef | Mapping[str, Any] | Any],
    officer_id: int | None,
    *,
    store: BlobStore | None = None,
) -> list[Attachment]:
    """Link stored blobs to a document line (after its existing scans), with one event per blob.

    `blobs` are `BlobRef`s, their dicts, or objects with the same attributes (sha256, pages, size,
    profile, source, mime, original_name). Runs inside the caller's transaction and does not commit.
    With `store`, every blob must already be in it with the stated size (pass it whenever you can).
    """
    line = session.get(DocumentLine, document_line_id)
    if line is None or line.dossier_id != dossier_id:
        raise NotFoundError("Không tìm thấy thành phần hồ sơ cần gắn bản số hoá.")
    refs = [BlobRef.of(b) for b in blobs]
    for ref in refs:
        if store is not None and not store.exists(ref.sha256, ref.size):
            raise StorageError(f"Tệp số hoá {ref.sha256[:12]}… chưa có trong kho; chưa gắn vào hồ sơ.")
        if ref.profile not in (*PROFILES, "original"):
            raise ValidationError(f"Chế độ số hoá '{ref.profile}' không hợp lệ.", "profile")
    last = session.scalar(
        select(func.max(Attachment.position)).where(Attachment.document_line_id == document_line_id)
    )
    position = (last if last is not None else -1) + 1
    rows: list[Attachment] = []
    for ref in refs:
        row = Attachment(
            dossier_id=dossier_id,
            document_line_id=document_line_id,
            position=position,
            sha256=ref.sha256,
            size=ref.size,
            pages=ref.pages,
            mime=ref.mime,
            profile=ref.profile,
            source=ref.source[:SOURCES_MAX],
            original_name=ref.original_name[:300],
            scanned_by=officer_id,
        )
        session.add(row)
        session.flush()
        append_event(
            session,
            dossier_id,
            AttachmentAdded.written(
                attachment_id=row.id,
                document_line_id=document_line_id,
                document_line_position=line.position,
                sha256=ref.sha256,
                size=ref.size,
                pages=ref.pages,
                mime=ref.mime,
                profile=ref.profile,
                source=row.source,
                original_name=row.original_name,
            ),
            officer_id,
        )
        rows.append(row)
        position += 1
    return rows


def remove_attachment(
    session: Session, attachment_id: str, officer_id: int | None, *, dossier_id: str | None = None
) -> None:
    """Take a scan off its dossier with an `attachment_removed` event, inside the caller's transaction.

    The store is append-only: the row is only marked removed and the blob file stays (stored files are
    never deleted). With `dossier_id`, the scan must belong to that dossier.
    """
    row = session.get(Attachment, attachment_id)
    if row is None or row.removed or (dossier_id is not None and row.dossier_id != dossier_id):
        raise NotFoundError("Không tìm thấy bản số hoá cần gỡ; có thể nó đã được gỡ trước đó.")
    line = session.get(DocumentLine, row.document_line_id) if row.document_line_id is not None else None
    row.removed = True
    append_event(
        session,
        row.dossier_id,
        AttachmentRemoved.written(
            attachment_id=row.id,
            document_line_id=row.document_line_id,
            document_line_position=line.position if line is not None else None,
            sha256=row.sha256,
            pages=row.pages,
            original_name=row.original_name,
        ),
        officer_id,
    )


def digitised_pages(session: Session, dossier_id: str) -> dict[int, int]:
    """Pages digitised per document line id (lines without a scan are absent)."""
    rows = session.execute(
        select(Attachment.document_line_id, func.sum(Attachment.pages))
        .where(Attachment.dossier_id == dossier_id, Attachment.removed.is_(False))
        .group_by(Attachment.document_line_id)
    ).all()
    return {int(line_id): int(pages or 0) for line_id, pages in rows if line_id is not None}


def _choose_line(session: Session, dossier: Dossier, document: int | None) -> tuple[DocumentLine, int]:
    lines = list(dossier.documents)
    if not lines:
        raise ValidationError(f"Hồ sơ {dossier.code} không có thành phần giấy tờ nào.", "document")
    if document is not None:
        if not 1 <= document <= len(lines):
            raise ValidationError(
                f"Hồ sơ {dossier.code} có {len(lines)} thành phần; không có thành phần số {document}.",
                "document",
            )
        return lines[document - 1], document
    scanned = digitised_pages(session, dossier.id)
    for number, line in enumerate(lines, start=1):
        if line.id not in scanned:
            return line, number
    raise ValidationError(
        f"Mọi thành phần của hồ sơ {dossier.code} đã có bản số hoá; hãy chỉ rõ --document N.", "document"
    )


def attach_files(
    store: Store,
    dossier_code: str,
    paths: Sequence[Path],
    *,
    officer_id: int | None,
    document: int | None = None,
    profile: str = "text",
    progress: ProgressFn | None = None,
) -> list[AttachResult]:
    """Import files into one document line of a dossier, one attachment per file.

    Every file is validated, converted and stored before the single transaction that links them, so a
    bad file leaves the dossier exactly as it was.
    """
    options = PipelineOptions(profile=profile)
    code = clean(dossier_code)
    with store.session() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.code == code)).first()
        if dossier is None:
            raise NotFoundError(f"Không tìm thấy hồ sơ '{code}'.")
        line, number = _choose_line(session, dossier, document)
        dossier_id, line_id = dossier.id, line.id
    blobs = blob_store(store)
    prepared: list[tuple[str, BlobRef]] = []
    for i, path in enumerate(paths):
        if progress is not None:
            progress(i, len(paths), path.name)
        items, pdf = import_file(Path(path), options, progress=None)
        used = "original" if pdf is not None else profile
        prepared.append((path.name, store_document(blobs, items, used, "import", path.name)))
    with store.transaction() as session:
        rows = link_blobs(session, dossier_id, line_id, [ref for _, ref in prepared], officer_id, store=blobs)
        return [
            AttachResult(name, ref.sha256, ref.pages, ref.size, row.id, number)
            for (name, ref), row in zip(prepared, rows, strict=True)
        ]

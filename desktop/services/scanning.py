"""Scanning sessions for the UI: the work the scan panel runs off the GUI thread, returning plain data.

Every function here may run on a worker thread: listing devices, scanning a batch (keeping the pages
done before a jam, an unplugged cable or a cancel), importing files, building and storing the document
(`save_document` for intake drafts, `attach_document` for an existing dossier), taking a saved scan off a
dossier (`remove_scan`), and reading/writing the remembered scan settings (device, source, resolution, mode, profile, auto-rotate, scan-to-folder inbox).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from desktop.core.errors import AppError, Interrupted, StorageError
from desktop.scan import backends as scan_backends
from desktop.scan.blobstore import BlobStore
from desktop.scan.devices import Capabilities, DeviceInfo, ProgressFn, ScanSettings
from desktop.scan.document import PageItem, PdfPageRef, pages_of
from desktop.scan.importer import check_pdf, import_data, read_file
from desktop.scan.inbox import seal_original
from desktop.scan.pipeline import EncodedPage, PipelineOptions, process_page
from desktop.services.attachments import (
    BlobRef,
    blob_store,
    digitised_pages,
    link_blobs,
    remove_attachment,
    store_document,
)
from desktop.store import settings as store_settings
from desktop.store.engine import Store
from desktop.store.models import DocumentLine

THUMB_BOX = (150, 212)
SETTING_KEYS = ("device", "source", "resolution", "mode", "profile", "auto_rotate", "inbox")


@dataclass
class PagesResult:
    """Pages produced by a scan or an import, plus the error that ended it early (if any)."""

    items: list[PageItem] = field(default_factory=list)
    thumbs: list[bytes | None] = field(default_factory=list)  # PNG bytes; None for PDF pages
    error: AppError | None = None
    dropped_blank: int = 0
    originals_sealed: int = 0  # inbox files moved into the sealed store (`import_inbox`)
    notice: AppError | None = None  # what the officer must still do (e.g. remove an original by hand)


def thumbnail_png(page: EncodedPage) -> bytes:
    with Image.open(io.BytesIO(page.data)) as im:
        im.draft("L", THUMB_BOX)
        small = im.convert("L")
    small.thumbnail(THUMB_BOX, Image.Resampling.BOX)
    buf = io.BytesIO()
    small.save(buf, "PNG")
    return buf.getvalue()


def list_devices() -> list[tuple[DeviceInfo, Capabilities]]:
    found = []
    for backend in scan_backends.available_backends():
        for device in backend.devices():
            try:
                caps = backend.capabilities(device.id)
            except AppError:
                continue
            found.append((device, caps))
    return found


def scan_batch(
    device_id: str, settings: ScanSettings, options: PipelineOptions, progress: ProgressFn
) -> PagesResult:
    """Scan until the feeder is empty; a jam, an unplugged cable or a cancel keeps the pages already done."""
    result = PagesResult()
    job = scan_backends.backend_for(device_id).open_job(device_id, settings)
    try:
        for raw in job.pages(progress):
            page = process_page(raw, options, settings.resolution)
            if page.blank and options.drop_blank:
                result.dropped_blank += 1
                continue
            result.items.append(page)
            result.thumbs.append(thumbnail_png(page))
    except Interrupted:
        pass  # cancelled: what was scanned is kept
    except AppError as exc:
        result.error = exc
    finally:
        job.close()
    return result


def import_paths(
    paths: Sequence[Path], options: PipelineOptions, progress: ProgressFn, originals: BlobStore | None = None
) -> PagesResult:
    """Import files one by one; a bad file stops there with its message, earlier files are kept. With
    `originals` (a sealed store), each imported file then moves into it (`desktop.scan.inbox.seal_original`);
    one that cannot is named in `notice` and stays where it is."""
    result = PagesResult()
    left: list[str] = []
    for n, path in enumerate(paths):
        progress(n, len(paths), path.name)
        try:
            data = read_file(Path(path))
            items, _pdf = import_data(data, Path(path), options)
        except AppError as exc:
            result.error = exc
            break
        for item in items:
            result.items.append(item)
            result.thumbs.append(thumbnail_png(item) if isinstance(item, EncodedPage) else None)
        if originals is not None:
            try:
                seal_original(originals, Path(path), data, len(items))
                result.originals_sealed += 1
            except StorageError as exc:
                left.append(str(exc))
    progress(len(paths), len(paths), "")
    if left:
        result.notice = StorageError("\n".join(left))
    return result


def import_inbox(
    store: Store, paths: Sequence[Path], options: PipelineOptions, progress: ProgressFn
) -> PagesResult:
    """Import files taken from the scan-to-folder inbox; in a profile whose scans are sealed, each original
    then leaves the copier's folder for the sealed store (no citizen's paper left there in clear)."""
    blobs = blob_store(store)
    return import_paths(paths, options, progress, blobs if blobs.sealed else None)


def load_blob(store: Store, ref: BlobRef) -> PagesResult:
    """The pages of an already stored document (to keep editing a draft's scan)."""
    return load_blobs(store, [ref])


def load_blobs(store: Store, refs: Sequence[BlobRef]) -> PagesResult:
    """The pages of several stored documents, one after the other (a paper scanned in several goes)."""
    result = PagesResult()
    for ref in refs:
        data = blob_store(store).read(ref.sha256)
        items = pages_of(check_pdf(data, Path(ref.original_name or ref.sha256[:12])))
        result.items.extend(items)
        result.thumbs.extend([None] * len(items))
    return result


def save_document(
    store: Store, items: Sequence[PageItem], profile: str, source: str, name: str = ""
) -> BlobRef:
    """Build the PDF and store it durably; nothing in the database yet."""
    used = "original" if items and all(isinstance(i, PdfPageRef) for i in items) else profile
    return store_document(blob_store(store), items, used, source, name)


def attach_document(
    store: Store,
    dossier_id: str,
    document_line_id: int,
    items: Sequence[PageItem],
    profile: str,
    source: str,
    officer_id: int | None,
) -> BlobRef:
    """Store the pages, then link them to a document line of an existing dossier in one transaction."""
    ref = save_document(store, items, profile, source)
    with store.transaction() as session:
        link_blobs(session, dossier_id, document_line_id, [ref], officer_id, store=blob_store(store))
    return ref


def remove_scan(store: Store, dossier_id: str, attachment_id: str, officer_id: int | None) -> None:
    """Take one saved scan off a dossier (an event; the stored file stays), in one transaction."""
    with store.transaction() as session:
        remove_attachment(session, attachment_id, officer_id, dossier_id=dossier_id)


def load_settings(store: Store) -> dict[str, str]:
    with store.session() as session:
        return {key: store_settings.get(session, f"scan.{key}") for key in SETTING_KEYS}


def save_settings(store: Store, values: dict[str, str]) -> None:
    with store.transaction() as session:
        for key, value in values.items():
            if key in SETTING_KEYS:
                store_settings.put(session, f"scan.{key}", value)


@dataclass(frozen=True)
class LineScan:
    """A document line of a dossier and how many digitised pages it has (0: not digitised)."""

    line_id: int
    number: int  # 1-based, as `motcua attach --document N`
    name: str
    pages: int


def line_scans(store: Store, dossier_id: str) -> list[LineScan]:
    with store.session() as session:
        pages = digitised_pages(session, dossier_id)
        lines = session.scalars(
            select(DocumentLine).where(DocumentLine.dossier_id == dossier_id).order_by(DocumentLine.position)
        ).all()
        return [
            LineScan(line.id, n, line.name, pages.get(line.id, 0)) for n, line in enumerate(lines, start=1)
        ]

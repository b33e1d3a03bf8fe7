"""Importing files into a dossier: `attach_files`, `motcua attach`, refusals, dedup, fsync before commit."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import event, select

from desktop.cli import main
from desktop.core.errors import NotFoundError, StorageError, ValidationError
from desktop.scan.devices import ScannerError
from desktop.scan.document import build_pdf
from desktop.scan.importer import MAX_PDF_PAGES, import_file
from desktop.scan.pipeline import PipelineOptions
from desktop.services.attachments import BlobRef, attach_files, blob_store, digitised_pages, link_blobs
from desktop.services.scanning import remove_scan
from desktop.store.events import typed
from desktop.store.models import Attachment, Event
from sync.events import AttachmentAdded, AttachmentRemoved
from tests.scan_fixtures import (  # noqa: F401
    DossierCase,
    decode_pdf_barcodes,
    dossier_fixture,
    dossier_state,
    pdf_pages,
    reset_injected_error,
    sane_env_fixture,
)
from tests.scan_samples import (
    QR_TEXT,
    blank_page,
    blank_pdf,
    encrypted_pdf,
    png_header_only,
    scanned,
    text_page,
)


def _jpeg(tmp: Path, name: str = "to-khai.jpg", skew: float = 0.8) -> Path:
    path = tmp / name
    scanned(text_page(200), skew=skew).save(path, "JPEG", quality=85, dpi=(200, 200))
    return path


def test_attach_a_jpeg_stores_one_text_pdf_with_a_readable_qr(dossier: DossierCase, tmp_path: Path) -> None:
    source = _jpeg(tmp_path)
    before = source.read_bytes()
    [result] = attach_files(dossier.store, dossier.code, [source], officer_id=dossier.officer.officer_id)
    assert result.document_number == 1 and result.pages == 1
    stored = blob_store(dossier.store).path_for(result.sha256)
    assert stored.stat().st_size == result.size < 60_000
    assert decode_pdf_barcodes(stored, tmp_path) == [QR_TEXT]
    assert source.read_bytes() == before
    with dossier.store.session() as session:
        row = session.scalars(select(Attachment)).one()
        assert (row.document_line_id, row.profile, row.source, row.original_name) == (
            dossier.line_ids[0],
            "text",
            "import",
            "to-khai.jpg",
        )
        ev = session.scalars(select(Event).where(Event.type == "attachment_added")).one()
        added = typed(ev)
        assert isinstance(added, AttachmentAdded) and (added.sha256, added.pages) == (result.sha256, 1)
        assert digitised_pages(session, dossier.dossier_id) == {dossier.line_ids[0]: 1}


def test_next_attach_goes_to_the_first_line_without_a_scan(dossier: DossierCase, tmp_path: Path) -> None:
    attach_files(dossier.store, dossier.code, [_jpeg(tmp_path, "a.jpg")], officer_id=None)
    [second] = attach_files(dossier.store, dossier.code, [_jpeg(tmp_path, "b.jpg", skew=-1)], officer_id=None)
    assert second.document_number == 2


def test_multipage_tiff_becomes_one_pdf_and_blank_pages_are_dropped(
    dossier: DossierCase, tmp_path: Path
) -> None:
    path = tmp_path / "ho-so.tif"
    pages = [scanned(text_page(200)), blank_page(200), scanned(text_page(200, qr=False), skew=-1.5)]
    pages[0].save(path, save_all=True, append_images=pages[1:], compression="tiff_lzw", dpi=(200, 200))
    [result] = attach_files(dossier.store, dossier.code, [path], officer_id=None, document=3)
    assert (result.pages, result.document_number) == (2, 3)
    assert pdf_pages(blob_store(dossier.store).path_for(result.sha256)) == 2


def test_pdf_is_kept_byte_for_byte(dossier: DossierCase, tmp_path: Path) -> None:
    path = tmp_path / "giay-chung-sinh.pdf"
    path.write_bytes(blank_pdf(3))
    [result] = attach_files(dossier.store, dossier.code, [path], officer_id=None)
    assert blob_store(dossier.store).path_for(result.sha256).read_bytes() == path.read_bytes()
    assert result.pages == 3
    with dossier.store.session() as session:
        assert session.scalars(select(Attachment.profile)).one() == "original"


def test_identical_content_is_stored_once(dossier: DossierCase, tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(blank_pdf(2))
    copy = tmp_path / "b.pdf"
    copy.write_bytes(path.read_bytes())
    first, second = attach_files(dossier.store, dossier.code, [path, copy], officer_id=None)
    assert first.sha256 == second.sha256
    files = [p for p in dossier.store.profile.attachments_dir.rglob("*") if p.is_file()]
    assert len(files) == 1
    assert not stat.S_IMODE(files[0].stat().st_mode) & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


BAD_FILES = {
    "zero": ("rong.pdf", lambda: b""),
    "corrupt_pdf": ("hong.pdf", lambda: b"%PDF-1.7\n1 0 obj <</Type /Catalog>> garbage \x00\xff" * 5),
    "corrupt_jpeg": ("hong.jpg", lambda: b"\xff\xd8\xff\xe0" + os.urandom(2000)),
    "encrypted": ("mat-khau.pdf", encrypted_pdf),
    "bomb": ("bom.png", lambda: png_header_only(30000, 30000)),
    "bomb_warning_band": ("bom-nho.png", lambda: png_header_only(10000, 10000)),  # Pillow only warns here
    "too_many_pages": ("10000-trang.pdf", lambda: blank_pdf(10_000)),
    "not_a_document": ("van-ban.docx", lambda: b"PK\x03\x04 not an image"),
}


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("zero", "rỗng"),
        ("corrupt_pdf", "hỏng"),
        ("corrupt_jpeg", "hỏng"),
        ("encrypted", "mật khẩu"),
        ("bomb", "quá lớn"),
        ("bomb_warning_band", "quá lớn"),
        ("too_many_pages", f"{MAX_PDF_PAGES} trang"),
        ("not_a_document", "chỉ nhận"),
    ],
)
def test_bad_files_are_refused_and_the_dossier_is_unchanged(
    dossier: DossierCase, tmp_path: Path, kind: str, words: str
) -> None:
    good = _jpeg(tmp_path)
    name, make = BAD_FILES[kind]
    bad = tmp_path / name
    bad.write_bytes(make())
    original = bad.read_bytes()
    before = dossier_state(dossier)
    with pytest.raises(ValidationError) as err:
        attach_files(dossier.store, dossier.code, [good, bad], officer_id=None)
    assert words in str(err.value) and bad.name in str(err.value)
    assert dossier_state(dossier) == before
    assert bad.read_bytes() == original


def test_cli_prints_sha_pages_and_bytes(
    dossier: DossierCase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _jpeg(tmp_path)
    code = main(
        [
            "--data-dir",
            str(dossier.store.profile.root),
            "attach",
            dossier.code,
            str(source),
            "--document",
            "2",
            "--profile",
            "photo",
            "--officer",
            "canbo1",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    with dossier.store.session() as session:
        row = session.scalars(select(Attachment)).one()
    assert row.sha256 in out and f"{row.size} byte" in out and "1 trang" in out
    assert row.document_line_id == dossier.line_ids[1] and row.profile == "photo"
    assert row.scanned_by == dossier.officer.officer_id


def test_cli_refuses_a_bad_file_with_exit_2(
    dossier: DossierCase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "rong.jpg"
    bad.write_bytes(b"")
    before = dossier_state(dossier)
    code = main(["--data-dir", str(dossier.store.profile.root), "attach", dossier.code, str(bad)])
    assert code == 2
    assert "Không nhận được tệp 'rong.jpg': tệp rỗng" in capsys.readouterr().err
    assert dossier_state(dossier) == before


def test_cli_unknown_dossier_and_line(
    dossier: DossierCase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _jpeg(tmp_path)
    root = str(dossier.store.profile.root)
    assert main(["--data-dir", root, "attach", "H21.55.10-000000-0000", str(source)]) == 2
    assert "Không tìm thấy hồ sơ" in capsys.readouterr().err
    assert main(["--data-dir", root, "attach", dossier.code, str(source), "--document", "9"]) == 2
    assert "không có thành phần số 9" in capsys.readouterr().err


def test_blob_is_fsynced_before_the_row_commits(
    dossier: DossierCase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    order: list[str] = []
    real_fsync = os.fsync

    def spying_fsync(fd: int) -> None:
        real_fsync(fd)
        order.append("fsync:" + os.readlink(f"/proc/self/fd/{fd}"))

    monkeypatch.setattr(os, "fsync", spying_fsync)
    event.listen(dossier.store.engine, "commit", lambda conn: order.append("commit"))
    [result] = attach_files(dossier.store, dossier.code, [_jpeg(tmp_path)], officer_id=None)
    blob = blob_store(dossier.store).path_for(result.sha256)
    commit = order.index("commit")
    file_sync = next(i for i, o in enumerate(order) if o.startswith("fsync:") and ".tmp-" in o)
    dir_sync = order.index(f"fsync:{blob.parent}")
    assert file_sync < dir_sync < commit


def test_link_refuses_a_blob_the_store_does_not_hold(dossier: DossierCase) -> None:
    missing = BlobRef("ab" * 32, pages=1, size=100, profile="text", source="import")
    before = dossier_state(dossier)
    with pytest.raises(StorageError), dossier.store.transaction() as session:
        link_blobs(
            session, dossier.dossier_id, dossier.line_ids[0], [missing], None, store=blob_store(dossier.store)
        )
    assert dossier_state(dossier) == before


def test_blob_refs_round_trip_through_a_draft_dict() -> None:
    ref = BlobRef(
        "cd" * 32, pages=2, size=1234, profile="photo", source="sane:test:0", original_name="ảnh.jpg"
    )
    assert BlobRef.from_dict(ref.to_dict()) == ref


def test_photo_profile_keeps_a_decodable_qr_and_stays_small(dossier: DossierCase, tmp_path: Path) -> None:
    path = tmp_path / "anh.png"
    scanned(text_page(200), gray=False).save(path, dpi=(200, 200))
    [result] = attach_files(dossier.store, dossier.code, [path], officer_id=None, profile="photo")
    stored = blob_store(dossier.store).path_for(result.sha256)
    assert result.size < 200_000
    assert decode_pdf_barcodes(stored, tmp_path, dpi=150) == [QR_TEXT]
    with Image.open(path) as im:
        assert im.size == (1654, 2339)


def test_link_accepts_intakes_attachment_refs(dossier: DossierCase, tmp_path: Path) -> None:
    from desktop.scan.document import ImportedPdf, pages_of
    from desktop.services.attachments import store_document
    from desktop.services.intake_draft import AttachmentRef

    blobs = blob_store(dossier.store)
    ref = store_document(blobs, pages_of(ImportedPdf(blank_pdf(2), 2)), "original", "import", "a.pdf")
    theirs = AttachmentRef(**ref.to_dict())
    with dossier.store.transaction() as session:
        [row] = link_blobs(session, dossier.dossier_id, dossier.line_ids[2], [theirs], None, store=blobs)
        assert (row.sha256, row.pages, row.original_name) == (ref.sha256, 2, "a.pdf")


def test_scan_batch_reports_a_scanner_error_with_the_pages_it_has(sane_env: None) -> None:
    from desktop.scan.devices import ScanSettings
    from desktop.services.scanning import scan_batch

    settings = ScanSettings(resolution=100, extra={"read-return-value": "SANE_STATUS_COVER_OPEN"})
    try:
        result = scan_batch("sane:test:0", settings, PipelineOptions(), lambda *a: None)
    finally:
        reset_injected_error()
    assert isinstance(result.error, ScannerError) and "Nắp máy quét đang mở" in str(result.error)
    assert len(result.items) == 0


def test_the_same_image_attached_twice_is_stored_once(dossier: DossierCase, tmp_path: Path) -> None:
    source = _jpeg(tmp_path)
    [first] = attach_files(dossier.store, dossier.code, [source], officer_id=None, document=1)
    time.sleep(1.1)  # PDF dates have one-second resolution: a clock in the file would show now
    [second] = attach_files(dossier.store, dossier.code, [source], officer_id=None, document=2)
    assert first.sha256 == second.sha256
    files = [p for p in dossier.store.profile.attachments_dir.rglob("*") if p.is_file()]
    assert len(files) == 1


def test_rotated_and_mixed_pages_build_the_same_pdf_every_time(tmp_path: Path) -> None:
    options = PipelineOptions(profile="text")
    image_items, _ = import_file(_jpeg(tmp_path), options)
    pdf_path = tmp_path / "giay.pdf"
    pdf_path.write_bytes(blank_pdf(2))
    pdf_items, _ = import_file(pdf_path, options)

    def build() -> bytes:
        items = [*image_items, *pdf_items]
        items[0].rotation = 90
        return build_pdf(items)

    first = build()
    time.sleep(1.1)
    assert build() == first
    assert build_pdf(image_items[:1]) == build_pdf(image_items[:1])


def test_removing_a_scan_is_an_event_and_the_paper_is_not_digitised_again(
    dossier: DossierCase, tmp_path: Path
) -> None:
    [result] = attach_files(dossier.store, dossier.code, [_jpeg(tmp_path)], officer_id=None, document=1)
    with pytest.raises(NotFoundError):  # a scan of this dossier, named through another dossier
        remove_scan(dossier.store, "another-dossier", result.attachment_id, None)
    remove_scan(dossier.store, dossier.dossier_id, result.attachment_id, dossier.officer.officer_id)
    with dossier.store.session() as session:
        assert digitised_pages(session, dossier.dossier_id) == {}
        ev = session.scalars(select(Event).where(Event.type == "attachment_removed")).one()
        removed = typed(ev)
        assert isinstance(removed, AttachmentRemoved)
        assert (removed.attachment_id, removed.pages) == (result.attachment_id, 1)
        assert ev.officer_id == dossier.officer.officer_id
    assert blob_store(dossier.store).exists(result.sha256, result.size)
    with pytest.raises(NotFoundError):  # removed once
        remove_scan(dossier.store, dossier.dossier_id, result.attachment_id, None)
    [again] = attach_files(dossier.store, dossier.code, [_jpeg(tmp_path)], officer_id=None)
    assert again.document_number == 1  # the first paper without a scan again

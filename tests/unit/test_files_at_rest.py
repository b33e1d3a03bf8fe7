"""Issue 18's "done when", for files: after receiving dossiers with scans, no file under the profile holds an
applicant's name, ID number, address, their unaccented search form, or a scan's original bytes in clear;
nor a printed form's PDF: form 01, the fee receipt (the payer's name, address, ID number) and the cash
statement (the payer's name).

The SQLite store itself (and its -wal/-shm) is checked too: SQLCipher encrypts it (`engine.encrypt`, as
the application does at start once the profile has a store key).
"""

from __future__ import annotations

import logging
import os
import unicodedata
from pathlib import Path

from sqlalchemy import select

from desktop.core.text import fold
from desktop.core.timeutil import today_local
from desktop.logs import setup_logging
from desktop.services import store_key
from desktop.services.attachments import BlobRef, attach_files, blob_store, link_blobs
from desktop.services.credentials import SignedIn
from desktop.services.drafts import save_draft
from desktop.services.fee_documents import print_cash_statement, print_receipts
from desktop.services.fees import collect_fees
from desktop.services.intake import receive_dossier
from desktop.services.printing import PrintJob, produce, read_copy
from desktop.store import engine
from desktop.store.engine import Store, open_store
from desktop.store.models import DocumentLine
from tests.factories import intake_draft
from tests.pdfcheck import pdf_text
from tests.scan_samples import scanned, text_page
from tests.sync_helpers import MemoryKeyring

NAME = "Lương Thị Bích Ngọc"
ID_NUMBER = "079199004517"
ADDRESS = "Số 12 Hẻm Trường Chinh, Phường Tân Phú"
PAPER = b"%PDF-1.4 Giay khai sinh cua Luong Thi Bich Ngoc, CCCD 079199004517\n" + os.urandom(200_000)


def _needles(*originals: bytes) -> dict[str, bytes]:
    needles: dict[str, bytes] = {}
    for text in (NAME, ADDRESS, "Bích Ngọc", "Trường Chinh"):
        for form in (text, unicodedata.normalize("NFD", text), fold(text), fold(text).upper()):
            needles[form] = form.encode()
            needles[form + " (utf-16)"] = form.encode("utf-16-le")
    needles[ID_NUMBER] = ID_NUMBER.encode()
    for number, original in enumerate(originals):  # a slice from the middle of each scan's original bytes
        middle = len(original) // 2
        needles[f"scan {number}"] = original[middle : middle + 48]
    return needles


def _profile_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def test_no_file_under_the_profile_holds_citizen_data_in_clear(
    ready_store: tuple[Store, SignedIn], memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    plain, officer = ready_store
    store_key.create_store_key(plain.profile)
    plain.close()
    assert engine.encrypt(plain.profile)  # as the application does at its next start
    store = open_store(plain.profile.root)
    setup_logging(store.profile.logs_dir)
    try:
        # chứng thực chữ ký: a fee of 10.000 đồng, its receipt in the payer's name
        draft = intake_draft(store, "2.000884", full_name=NAME, id_number=ID_NUMBER, address=ADDRESS)
        save_draft(store, officer, draft)  # an unsaved intake draft, as autosave keeps it
        received = receive_dossier(store, officer, draft)
        logging.getLogger("desktop.services.intake").warning(
            "received %s for %s (%s)", received.code, NAME, ID_NUMBER
        )
        image = tmp_path / "giay-to.jpg"
        scanned(text_page(100), skew=0.5).save(image, "JPEG", quality=80, dpi=(100, 100))
        printed = produce(store, PrintJob("receipt", received.code))  # its kept copy under printed/
        payment = collect_fees(store, officer, received.code, "cash")
        fee_receipt = print_receipts(store, [r.number for r in payment.receipts])
        statement, _ = print_cash_statement(store, today_local(), officer.username)
        [scan] = attach_files(store, received.code, [image], officer_id=officer.officer_id)
        blobs = blob_store(store)
        paper = blobs.put(PAPER, pages=1)
        with store.transaction() as session:
            line = session.scalars(
                select(DocumentLine.id).where(DocumentLine.dossier_id == received.id)
            ).first()
            assert line is not None
            link_blobs(
                session, received.id, line, [BlobRef(paper.sha256, 1, paper.size, "text", "import")], None
            )
    finally:
        root_logger = logging.getLogger()
        for handler in [h for h in root_logger.handlers if isinstance(h, logging.FileHandler)]:
            root_logger.removeHandler(handler)
            handler.close()
    kept = (printed, fee_receipt, statement)
    assert all(d.path.name.endswith(".pdf.sealed") and read_copy(store, d.path) == d.pdf for d in kept)
    assert NAME in pdf_text(fee_receipt.pdf) and NAME in pdf_text(statement.pdf)  # what the needles stand for
    originals = (blobs.read(scan.sha256), PAPER)
    assert originals[1] == PAPER and originals[0].startswith(b"%PDF")  # both read back whole
    store.close()  # its WAL checkpointed into the (encrypted) database file
    needles = _needles(*originals, *(d.pdf for d in kept))
    files = _profile_files(store.profile.root)
    assert len([p for p in files if p.is_relative_to(store.profile.attachments_dir)]) == 2
    assert any(p.name == "motcua.log" for p in files) and all(d.path in files for d in kept)
    assert any(p.name == "motcua.sqlite3" for p in files)
    found = [
        (str(p.relative_to(store.profile.root)), what)
        for p in files
        for what, needle in needles.items()
        if needle in p.read_bytes()
    ]
    assert found == []
    names = " ".join(str(p) for p in store.profile.root.rglob("*"))
    assert scan.sha256 not in names and paper.sha256 not in names  # nor a file name that hashes the content

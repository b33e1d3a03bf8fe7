"""SANE's test and pnm backends as real scanners (enabled by tests/sane/ via SANE_CONFIG_DIR)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.core.errors import Interrupted
from desktop.scan.devices import ADF, ScannerError, ScannerErrorKind, ScanSettings
from desktop.scan.document import build_pdf
from desktop.scan.pipeline import PipelineOptions, process_page
from desktop.scan.sane_process import SaneProcessBackend as SaneBackend
from desktop.services.attachments import blob_store, link_blobs, store_document
from desktop.store.models import Attachment
from tests.scan_fixtures import DossierCase, decode_pdf_barcodes, dossier_fixture, pdf_pages, sane_env_fixture  # noqa: F401
from tests.scan_samples import QR_TEXT, save_pnm, scanned, text_page
from tests.signals import sigpipe_ignored

pytestmark = [pytest.mark.sane, pytest.mark.usefixtures("sane_env")]


def test_devices_list_the_test_and_pnm_scanners() -> None:
    ids = {d.id for d in SaneBackend().devices()}
    assert {"sane:test:0", "sane:pnm:0"} <= ids


def test_capabilities_of_the_test_scanner_offer_adf_and_modes() -> None:
    caps = SaneBackend().capabilities("sane:test:0")
    assert caps.sources == ("flatbed", ADF)
    assert {"gray", "color"} <= set(caps.modes)
    assert 200 in caps.resolutions


def test_flatbed_scan_gives_one_a4_page_at_the_chosen_resolution() -> None:
    job = SaneBackend().open_job("sane:test:0", ScanSettings(resolution=200, extra={"test-picture": "Grid"}))
    try:
        pages = list(job.pages())
    finally:
        job.close()
    assert len(pages) == 1
    assert pages[0].size == (1653, 2338)  # 210 x 297 mm at 200 dpi (geometry raised in tests/sane)
    assert pages[0].info["dpi"] == (200, 200)


def test_page_with_vietnamese_text_and_qr_through_pnm_and_text_profile(
    dossier: DossierCase, tmp_path: Path
) -> None:
    source = save_pnm(scanned(text_page(200), skew=1.2), tmp_path / "page.pgm")
    before = source.read_bytes()
    job = SaneBackend().open_job("sane:pnm:0", ScanSettings(resolution=200, extra={"filename": str(source)}))
    try:
        raw = list(job.pages())
    finally:
        job.close()
    assert len(raw) == 1
    page = process_page(raw[0], PipelineOptions(profile="text"))
    assert page.fmt == "tiff-g4" and not page.blank
    blobs = blob_store(dossier.store)
    ref = store_document(blobs, [page], "text", "sane:pnm:0")
    with dossier.store.transaction() as session:
        link_blobs(
            session, dossier.dossier_id, dossier.line_ids[0], [ref], dossier.officer.officer_id, store=blobs
        )
    stored = blobs.path_for(ref.sha256)
    assert ref.size < 60_000  # a text page compresses to tens of kilobytes
    assert pdf_pages(stored) == 1
    assert decode_pdf_barcodes(stored, tmp_path) == [QR_TEXT]
    assert source.read_bytes() == before  # the original file is untouched
    with dossier.store.session() as session:
        row = session.scalars(select(Attachment)).one()
        assert (row.sha256, row.pages, row.profile, row.source) == (ref.sha256, 1, "text", "sane:pnm:0")


def test_adf_batch_reads_until_the_feeder_is_empty() -> None:
    settings = ScanSettings(source=ADF, resolution=100, extra={"test-picture": "Grid"})
    job = SaneBackend().open_job("sane:test:0", settings)
    seen: list[int] = []
    try:
        pages = list(job.pages(progress=lambda done, total, text="": seen.append(done)))
    finally:
        job.close()
    assert len(pages) == 10  # the test backend's feeder holds ten sheets
    assert max(seen) == 10


def test_jam_mid_batch_keeps_the_pages_already_scanned() -> None:
    settings = ScanSettings(source=ADF, resolution=100, extra={"test-picture": "Grid"})
    job = SaneBackend().open_job("sane:test:0", settings)
    kept = []
    try:
        with pytest.raises(ScannerError) as err:
            for page in job.pages():
                kept.append(page)
                if len(kept) == 3:
                    job.set_option("read-return-value", "SANE_STATUS_JAMMED")
    finally:
        job.set_option("read-return-value", "Default")  # the test backend keeps options between opens
        job.close()
    assert len(kept) == 3
    assert err.value.kind is ScannerErrorKind.JAMMED
    assert err.value.pages_done == 3
    assert "kẹt" in str(err.value) and "3 trang" in str(err.value)
    assert len(build_pdf([process_page(p, PipelineOptions(deskew=False), 100) for p in kept])) > 0


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        ("SANE_STATUS_COVER_OPEN", ScannerErrorKind.COVER_OPEN),
        ("SANE_STATUS_IO_ERROR", ScannerErrorKind.IO),
        ("SANE_STATUS_DEVICE_BUSY", ScannerErrorKind.BUSY),
    ],
)
def test_injected_sane_errors_become_scanner_errors(status: str, kind: ScannerErrorKind) -> None:
    job = SaneBackend().open_job(
        "sane:test:0", ScanSettings(resolution=75, extra={"read-return-value": status})
    )
    try:
        with pytest.raises(ScannerError) as err:
            list(job.pages())
    finally:
        job.set_option("read-return-value", "Default")  # the test backend keeps options between opens
        job.close()
    assert (err.value.kind, err.value.pages_done) == (kind, 0)
    assert str(err.value) == str(ScannerError(kind, "test:0", err.value.detail))


def test_cancel_during_a_slow_page_stops_the_scan_and_frees_the_device() -> None:
    calls: list[int] = []

    def progress(done: int, total: int, text: str = "") -> None:
        calls.append(done)
        if len(calls) >= 2:  # the first report comes before the page, the next while it is read
            raise Interrupted("Đã hủy.")

    slow = {"read-delay": 1, "read-delay-duration": 200_000, "read-limit": 1, "read-limit-size": 4096}
    job = SaneBackend().open_job("sane:test:0", ScanSettings(resolution=200, extra=slow))
    try:
        started = time.monotonic()
        with pytest.raises(Interrupted):
            list(job.pages(progress))
        assert time.monotonic() - started < 5  # reading this page uncancelled takes minutes
        job.set_option("read-delay", 0)
        job.set_option("read-limit", 0)
        assert len(list(job.pages())) == 1  # the device is usable again afterwards
    finally:
        # the test backend keeps options between opens: a slow page left behind would take minutes in
        # the next scan of this worker
        job.set_option("read-delay", 0)
        job.set_option("read-limit", 0)
        job.close()


def test_unknown_device_is_a_clear_error() -> None:
    with pytest.raises(ScannerError) as err:
        SaneBackend().open_job("sane:khong-co:9", ScanSettings())
    assert err.value.kind is ScannerErrorKind.NO_DEVICE
    assert "Không tìm thấy máy quét" in str(err.value)


def test_sigpipe_stays_ignored_after_scans_and_cancels() -> None:
    """libsane sets SIGPIPE back to its default when a scan's reader thread ends; the next write to a closed
    pipe or socket (a sync over a dropped connection) would then kill the application without a word."""
    settings = ScanSettings(resolution=75, extra={"read-return-value": "SANE_STATUS_COVER_OPEN"})
    job = SaneBackend().open_job("sane:test:0", settings)
    try:
        with pytest.raises(ScannerError):
            list(job.pages())
        job.set_option("read-return-value", "Default")
        assert len(list(job.pages())) == 1
    finally:
        job.set_option("read-return-value", "Default")
        job.close()
    assert sigpipe_ignored() is not False
    read, write = os.pipe()
    os.close(read)
    try:
        with pytest.raises(BrokenPipeError):  # not the process killed by SIGPIPE
            os.write(write, b"x")
    finally:
        os.close(write)

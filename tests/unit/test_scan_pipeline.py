"""The page pipeline on generated pages: geometry, blank pages, profiles, PDF assembly, the inbox."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageChops

from desktop.core.errors import ValidationError
from desktop.scan import imaging
from desktop.scan.document import ImportedPdf, build_pdf, pages_of
from desktop.scan.inbox import ScanInbox
from desktop.scan.pipeline import PipelineOptions, process_page, process_pages
from tests.scan_samples import blank_page, blank_pdf, photo_page, scanned, text_page


@pytest.fixture(scope="module")
def page() -> Image.Image:
    return text_page(200)


@pytest.mark.parametrize("skew", [-3.0, -1.2, 0.0, 2.5])
def test_skew_angle_is_measured_within_a_fifth_of_a_degree(page: Image.Image, skew: float) -> None:
    assert imaging.skew_angle(scanned(page, skew=skew)) == pytest.approx(-skew, abs=0.2)


@pytest.mark.parametrize("turned", [0, 90, 180, 270])
def test_orientation_finds_the_quarter_turn_that_brings_the_page_upright(
    page: Image.Image, turned: int
) -> None:
    upside = imaging.rotate_quarter(scanned(page, skew=1.0), (360 - turned) % 360)
    assert imaging.orientation(upside) == turned


def test_auto_rotate_in_the_pipeline_turns_a_page_upright(page: Image.Image) -> None:
    upside_down = imaging.rotate_quarter(scanned(page), 180)
    result = process_page(upside_down, PipelineOptions(auto_rotate=True), 200)
    assert "rotate 180" in result.notes
    assert (result.width, result.height) == (1654, 2339)


def test_blank_pages_are_detected_and_dropped(page: Image.Image) -> None:
    assert imaging.is_blank(blank_page())
    assert not imaging.is_blank(scanned(page))
    assert not imaging.is_blank(scanned(text_page(200, qr=False, table=False, stamp=False)))
    kept = process_pages([scanned(page), blank_page()], PipelineOptions())
    assert len(kept) == 1
    both = process_pages([scanned(page), blank_page()], PipelineOptions(drop_blank=False))
    assert [p.blank for p in both] == [False, True]


def test_dark_lid_borders_are_cropped_but_photos_are_not(page: Image.Image) -> None:
    bordered = scanned(page, border_mm=8)
    box = imaging.dark_border_box(bordered)
    assert 55 <= box.left <= 70 and 55 <= box.top <= 70
    assert abs((bordered.width - box.right) - box.left) <= 2 and box.bottom == bordered.height
    photo = scanned(photo_page(), gray=False)
    assert imaging.dark_border_box(photo) == imaging.Box(0, 0, photo.width, photo.height)


def test_pipeline_never_changes_its_input(page: Image.Image) -> None:
    raw = scanned(page, skew=2.0, border_mm=5)
    copy = raw.copy()
    process_page(raw, PipelineOptions(auto_rotate=True), 200)
    process_page(raw, PipelineOptions(profile="photo"), 200)
    assert ImageChops.difference(raw, copy).getbbox() is None


def test_profiles_choose_encoding_resolution_and_colour(page: Image.Image) -> None:
    text = process_page(scanned(page), PipelineOptions(), 300)
    assert (text.fmt, text.dpi) == ("tiff-g4", 300)
    low = process_page(scanned(page), PipelineOptions(), 100)
    assert low.dpi == 200  # text never below 200 dpi
    photo = process_page(scanned(photo_page(), gray=False), PipelineOptions(profile="photo"), 200)
    assert (photo.fmt, photo.dpi, photo.image().mode) == ("jpeg", 150, "RGB")
    gray = process_page(
        scanned(page, gray=False).convert("RGB").convert("L").convert("RGB"),
        PipelineOptions(profile="photo"),
        200,
    )
    assert gray.image().mode == "L"  # colourless colour scans are stored as grayscale
    with pytest.raises(ValidationError):
        PipelineOptions(profile="fax")


def test_rotation_and_order_are_applied_in_the_pdf(page: Image.Image) -> None:
    first = process_page(scanned(page), PipelineOptions(), 200)
    second = process_page(scanned(text_page(200, qr=False)), PipelineOptions(), 200)
    second.rotation = 90
    imported = ImportedPdf(blank_pdf(2), 2, "b.pdf")
    refs = pages_of(imported)
    refs[1].rotation = 180
    data = build_pdf([second, refs[1], first, refs[0]])
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 4
        assert [int(p.obj.get("/Rotate", 0)) for p in pdf.pages] == [90, 180, 0, 0]
    assert build_pdf(pages_of(imported)) == imported.data  # untouched import stays byte for byte


def test_inbox_takes_a_file_only_once_its_size_is_stable(tmp_path: Path) -> None:
    now = [100.0]
    inbox = ScanInbox(tmp_path, settle=2.0, clock=lambda: now[0])
    growing = tmp_path / "scan0001.pdf"
    growing.write_bytes(b"%PDF-1.4 part")
    (tmp_path / ".scan0002.pdf.tmp").write_bytes(b"x")
    (tmp_path / "notes.txt").write_bytes(b"x")
    assert inbox.poll() == []
    now[0] += 3
    with growing.open("ab") as fh:
        fh.write(b" more bytes")
    assert inbox.poll() == []  # it grew: wait again
    now[0] += 1
    assert inbox.poll() == []  # stable, but not for long enough
    now[0] += 2
    size = growing.stat().st_size
    [ready] = inbox.poll()
    assert ready.path == tmp_path / "taken" / "scan0001.pdf" and ready.size == size
    assert not growing.exists() and ready.path.read_bytes() == b"%PDF-1.4 part more bytes"
    now[0] += 5
    assert inbox.poll() == []  # offered once


def test_two_inboxes_on_one_share_take_a_file_once(tmp_path: Path) -> None:
    """Two scan panels (or two workstations) watching the same copier folder."""
    first, second = ScanInbox(tmp_path, settle=0.0), ScanInbox(tmp_path, settle=0.0)
    old = tmp_path / "taken" / "scan0001.pdf"
    old.parent.mkdir()
    old.write_bytes(b"%PDF yesterday")  # the copier reuses its names: yesterday's taken file stays
    (tmp_path / "scan0001.pdf").write_bytes(b"%PDF today")
    assert first.poll() == [] and second.poll() == []
    [taken] = first.poll()
    assert second.poll() == []
    assert taken.path.parent == tmp_path / "taken" and taken.path.read_bytes() == b"%PDF today"
    assert old.read_bytes() == b"%PDF yesterday"
    assert not (tmp_path / "scan0001.pdf").exists()


def test_a_share_we_may_not_rename_in_is_taken_in_place_once_per_application(tmp_path: Path) -> None:
    (tmp_path / "taken").write_bytes(b"")  # no taken/ folder can be made here
    first, second = ScanInbox(tmp_path, settle=0.0), ScanInbox(tmp_path, settle=0.0)
    page = tmp_path / "scan0007.pdf"
    page.write_bytes(b"%PDF in place")
    first.poll(), second.poll()
    found = first.poll() + second.poll()
    assert [f.path for f in found] == [page] and page.read_bytes() == b"%PDF in place"


def test_inbox_on_a_missing_folder_is_a_storage_error(tmp_path: Path) -> None:
    from desktop.core.errors import StorageError

    with pytest.raises(StorageError):
        ScanInbox(tmp_path / "khong-co").poll()
    assert not os.path.exists(tmp_path / "khong-co")

"""A sealed scan is shown from memory: the viewer reads its bytes, and offers no other program (that would
need a clear copy on disk)."""

from __future__ import annotations

from pathlib import Path

from desktop.ui.dossier.attachment_viewer import AttachmentViewer
from tests.scan_samples import blank_pdf


def test_the_viewer_shows_a_scan_from_its_bytes(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = blank_pdf(3)
    viewer = AttachmentViewer(data, "Tờ khai")
    qtbot.addWidget(viewer)
    viewer.show()
    assert viewer.page_count() == 3 and not viewer.external.isVisible()
    assert list(tmp_path.iterdir()) == []
    on_disk = tmp_path / "scan.pdf"
    on_disk.write_bytes(data)
    in_place = AttachmentViewer(on_disk, "Tờ khai")  # a profile without a store key: the file itself
    qtbot.addWidget(in_place)
    in_place.show()
    assert in_place.page_count() == 3 and in_place.external.isVisible()

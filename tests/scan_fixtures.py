"""Fixtures for the scanning tests: SANE's test/pnm devices through the project's config folder, and a
dossier with document lines. Import `dossier_fixture` / `sane_env_fixture` into a test module to use `dossier` / `sane_env`."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import func, select

from desktop.services.accounts import SignedIn
from desktop.store.engine import Store
from desktop.store.models import Attachment, DocumentLine, Event
from tests.factories import make_dossier

SANE_DIR = Path(__file__).resolve().parent / "sane"
LINE_NAMES = ("Tờ khai đăng ký khai sinh", "Giấy chứng sinh", "Giấy chứng nhận kết hôn (bản sao)")


@pytest.fixture(scope="session", name="sane_env")
def sane_env_fixture() -> Iterator[None]:
    """SANE reads SANE_CONFIG_DIR once, at sane.init(); point it at tests/sane for the whole session."""
    previous = os.environ.get("SANE_CONFIG_DIR")
    os.environ["SANE_CONFIG_DIR"] = str(SANE_DIR)
    yield
    if previous is None:
        os.environ.pop("SANE_CONFIG_DIR", None)
    else:
        os.environ["SANE_CONFIG_DIR"] = previous


@dataclass
class DossierCase:
    store: Store
    officer: SignedIn
    dossier_id: str
    code: str
    line_ids: list[int]


@pytest.fixture(name="dossier")
def dossier_fixture(ready_store: tuple[Store, SignedIn]) -> DossierCase:
    store, officer = ready_store
    with store.transaction() as session:
        d = make_dossier(session)
        for pos, name in enumerate(LINE_NAMES):
            session.add(DocumentLine(dossier_id=d.id, position=pos, name=name, originals=1))
        session.flush()
        lines = session.scalars(
            select(DocumentLine.id).where(DocumentLine.dossier_id == d.id).order_by(DocumentLine.position)
        ).all()
        return DossierCase(store, officer, d.id, d.code, list(lines))


def dossier_state(case: DossierCase) -> tuple[int, int]:
    """(attachments, events) of the dossier: what must not change when a file is refused."""
    with case.store.session() as session:
        attachments = session.scalar(
            select(func.count()).select_from(Attachment).where(Attachment.dossier_id == case.dossier_id)
        )
        events = session.scalar(
            select(func.count()).select_from(Event).where(Event.dossier_id == case.dossier_id)
        )
    return int(attachments or 0), int(events or 0)


def decode_pdf_barcodes(pdf: Path, tmp: Path, page: int = 1, dpi: int = 200) -> list[str]:
    """Rasterise one page with poppler's pdftoppm and decode its barcodes with zxing-cpp (PGM, not PNG: the
    same pixels without PNG's compression, most of pdftoppm's time)."""
    prefix = tmp / f"raster-{pdf.stem}-{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-gray",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(prefix),
        ],
        check=True,
    )
    with Image.open(prefix.with_suffix(".pgm")) as image:
        return [r.text for r in zxingcpp.read_barcodes(image)]


def pdf_pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def reset_injected_error() -> None:
    """SANE's test backend keeps its options between opens, and the SANE worker process serves every test of
    an xdist worker: put an injected read error back to normal after a test that set it."""
    from desktop.scan.devices import ScanSettings
    from desktop.scan.sane_process import SaneProcessBackend

    job = SaneProcessBackend().open_job("sane:test:0", ScanSettings())
    try:
        job.set_option("read-return-value", "Default")
    finally:
        job.close()

"""User stories: a walk-in citizen without every required paper. The officer ticks what was handed over,
saves, and chooses a supplement request (form 02) or a refusal (form 03), or goes back; rows in the store."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from PySide6.QtCore import Qt

from desktop.services.accounts import SignedIn
from desktop.store.engine import Store
from desktop.store.models import Dossier, DossierPause, Event
from desktop.ui.intake import IntakeView
from desktop.ui.intake.incomplete import IncompleteDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.print_preview import PrintPreviewDialog
from tests.pdfcheck import pdf_text
from tests.ui.helpers import visible_top_levels
from tests.ui.test_intake import CTRL, PAYLOAD, count, focused, key, open_view, scanner, type_here, window

__all__ = ["window"]

REQUIRED_1193 = (
    "Tờ khai đăng ký khai sinh theo mẫu",
    "Giấy chứng sinh hoặc văn bản của người làm chứng xác nhận về việc sinh",
)
OPTIONAL_1193 = "Giấy tờ tùy thân của người đi đăng ký"  # required: false in the catalogue, not ticked here


def fill_with_first_paper_only(qtbot: QtBot, win: MainWindow) -> tuple[IntakeView, IncompleteDialog]:
    view = open_view(qtbot, win)
    scanner(PAYLOAD)
    type_here("0912345678")
    key(Qt.Key.Key_F2)
    type_here("1.001193")
    key(Qt.Key.Key_Return)
    assert focused() is view.documents.rows[0].tick
    assert not any(row.tick.isChecked() for row in view.documents.rows)
    key(Qt.Key.Key_Space)  # only the declaration was handed over: the birth certificate is missing
    key(Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: bool(visible_top_levels(IncompleteDialog)))
    [dialog] = visible_top_levels(IncompleteDialog)
    assert isinstance(dialog, IncompleteDialog)
    qtbot.waitUntil(lambda: focused() is dialog.reason)
    return view, dialog


def previewed(qtbot: QtBot) -> PrintPreviewDialog:
    qtbot.waitUntil(lambda: bool(visible_top_levels(PrintPreviewDialog)), timeout=20000)
    [preview] = visible_top_levels(PrintPreviewDialog)
    assert isinstance(preview, PrintPreviewDialog)
    return preview


def test_missing_paper_records_a_supplement_request_and_previews_form_02(
    qtbot: QtBot, window: MainWindow, ready_store: tuple[Store, SignedIn]
) -> None:
    store, _ = ready_store
    view, dialog = fill_with_first_paper_only(qtbot, window)
    assert REQUIRED_1193[1] in dialog.intro.text() and REQUIRED_1193[0] not in dialog.intro.text()
    key(Qt.Key.Key_Return)  # no reason yet: the dialog says so and stays
    assert dialog.isVisible() and dialog.error.isVisible() and count(store, Dossier) == 0
    type_here("Thiếu giấy chứng sinh")
    key(Qt.Key.Key_Return)  # Enter = request supplement (form 02)

    qtbot.waitUntil(lambda: view.last_saved is not None)
    assert view.last_saved is not None and "form 02" in view.result.text()
    with store.session() as session:
        dossier = session.scalars(select(Dossier)).one()
        assert (dossier.status, dossier.status_code, dossier.reason) == (
            "supplement_requested",
            5,
            "Thiếu giấy chứng sinh",
        )
        lines = {line.name: line for line in dossier.documents}
        assert lines[REQUIRED_1193[0]].received and not lines[REQUIRED_1193[0]].missing_note
        assert not lines[REQUIRED_1193[1]].received and lines[REQUIRED_1193[1]].missing_note
        pause = session.scalars(select(DossierPause)).one()
        assert pause.started_at == dossier.received_at and pause.ended_at is None
        assert [e.type for e in session.scalars(select(Event).order_by(Event.seq))] == [
            "received",
            "supplement_requested",
        ]
    preview = previewed(qtbot)
    assert preview.document.form == "supplement"
    text = " ".join(pdf_text(preview.document.pdf).split())
    assert "Giấy chứng sinh" in text and "Thiếu giấy chứng sinh" in text  # the missing paper, the reason
    assert OPTIONAL_1193 not in text  # an "if any" paper not brought is nothing to supplement
    preview.close()
    assert view.applicant.full_name.text() == ""  # ready for the next citizen


def test_missing_paper_refused_at_the_counter_previews_form_03(
    qtbot: QtBot, window: MainWindow, ready_store: tuple[Store, SignedIn]
) -> None:
    store, _ = ready_store
    view, dialog = fill_with_first_paper_only(qtbot, window)
    type_here("Không thuộc thẩm quyền của xã")
    key(Qt.Key.Key_Tab)
    assert focused() is dialog.supplement_button
    key(Qt.Key.Key_Tab)
    assert focused() is dialog.refuse_button
    key(Qt.Key.Key_Space)

    qtbot.waitUntil(lambda: view.last_saved is not None)
    with store.session() as session:
        dossier = session.scalars(select(Dossier)).one()
        assert (dossier.status, dossier.status_code) == ("refused", 3)
        assert dossier.reason == "Không thuộc thẩm quyền của xã" and dossier.finished_at is not None
        assert [e.type for e in session.scalars(select(Event).order_by(Event.seq))] == ["received", "refused"]
    preview = previewed(qtbot)
    assert preview.document.form == "refusal"
    assert "Không thuộc thẩm quyền của xã" in " ".join(pdf_text(preview.document.pdf).split())
    preview.close()


def test_going_back_saves_nothing_and_keeps_the_form(
    qtbot: QtBot, window: MainWindow, ready_store: tuple[Store, SignedIn]
) -> None:
    store, _ = ready_store
    view, dialog = fill_with_first_paper_only(qtbot, window)
    key(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert count(store, Dossier) == 0
    assert view.applicant.full_name.text() == "NGUYỄN VĂN MẪU"
    qtbot.waitUntil(lambda: focused() is view.documents.rows[1].tick)  # on the missing paper
    key(Qt.Key.Key_Space)  # the citizen found the certificate after all
    key(Qt.Key.Key_S, CTRL)
    assert not visible_top_levels(IncompleteDialog)
    qtbot.waitUntil(lambda: view.last_saved is not None)
    with store.session() as session:
        assert session.scalars(select(Dossier)).one().status == "received"
    previewed(qtbot).close()

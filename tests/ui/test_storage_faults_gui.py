"""Issue 23, items 1 and 2 in the GUI. The disk fills up while the officer receives a dossier: the message
says the disk is full and what to do (never the crash dialog, never "restore a backup"), the form keeps
what was typed, and once space is freed the same form saves (a real full disk: a tmpfs the test mounts).
On a damaged store an intake is refused with the damage's message, the form kept, the file untouched."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from PySide6.QtWidgets import QMessageBox

from desktop.services.accounts import SignedIn, acting_officer, complete_setup
from desktop.store.engine import Store, open_store
from desktop.store.models import Dossier
from desktop.ui.intake import IntakeView
from desktop.ui.main_window import MainWindow
from tests.conftest import DEMO_SETUP
from tests.factories import intake_draft, make_dossier
from tests.small_disk import SmallDisk, damage_middle_page
from tests.ui.helpers import visible_top_levels


def test_a_full_disk_while_saving_an_intake_is_explained_and_the_form_kept(
    qtbot: QtBot, small_disk: SmallDisk, vietnamese: None
) -> None:
    store = open_store(small_disk.root / "profile")
    try:
        complete_setup(store, DEMO_SETUP)
        store.close()
        store = open_store(small_disk.root / "profile")  # its WAL empty again: the next write must grow it
        officer = acting_officer(store, None)
        window = MainWindow(store, officer)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.action_new_dossier.trigger()
        view = window.findChild(IntakeView, "intakeView")
        assert view is not None
        view.load_draft(intake_draft(store))
        small_disk.fill(leave=0)

        view.save_button.click()
        qtbot.waitUntil(lambda: bool(visible_top_levels(QMessageBox)))
        (box,) = visible_top_levels(QMessageBox)
        assert box.objectName() == "errorMessage"  # not the crash dialog
        assert box.text().startswith(f"Ổ đĩa {small_disk.root} đã đầy")
        assert "Dữ liệu đã lưu trước đó không bị mất" in box.text() and "khôi phục" not in box.text()
        assert view.applicant.full_name.text() == "Nguyễn Văn Mẫu" and view.save_button.isEnabled()
        box.close()

        small_disk.free_up()
        view.save_button.click()
        with store.session() as session:
            qtbot.waitUntil(lambda: session.scalar(select(func.count()).select_from(Dossier)) == 1)
    finally:
        for widget in visible_top_levels():
            widget.close()
        store.close()


def test_an_intake_on_a_damaged_store_is_refused_with_the_damage_and_the_form_kept(
    qtbot: QtBot, ready_store: tuple[Store, SignedIn], vietnamese: None
) -> None:
    store, officer = ready_store
    with store.transaction() as session:
        for n in range(300):
            make_dossier(session, name=f"Người Thử {n}")
    store.close()
    db = store.profile.db_path
    damage_middle_page(db, "dossier_fts_data")  # the search index: the list and the form still read
    before = db.read_bytes()
    damaged = open_store(store.profile.root)
    try:
        assert damaged.read_only
        window = MainWindow(damaged, officer)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.action_new_dossier.trigger()
        view = window.findChild(IntakeView, "intakeView")
        assert view is not None
        view.load_draft(intake_draft(damaged))
        view.autosave_now()  # nothing: the draft stays on screen only
        assert not visible_top_levels(QMessageBox)

        view.save_button.click()
        qtbot.waitUntil(lambda: bool(visible_top_levels(QMessageBox)))
        (box,) = visible_top_levels(QMessageBox)
        assert box.objectName() == "errorMessage"
        assert box.text().startswith(f"Tệp dữ liệu '{db}' bị hỏng")
        assert view.applicant.full_name.text() == "Nguyễn Văn Mẫu" and view.save_button.isEnabled()
        box.close()
    finally:
        for widget in visible_top_levels():
            widget.close()
        damaged.close()
    assert db.read_bytes() == before

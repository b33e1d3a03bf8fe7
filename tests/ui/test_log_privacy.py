"""The log in the profile folder holds what support needs, never passwords or citizen data (design §6)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import insert, select

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.core.errors import ValidationError
from desktop.services.intake import receive_dossier
from desktop.store.models import Applicant
from desktop.ui import errors
from desktop.ui.app import Startup
from desktop.ui.main_window import MainWindow
from tests.factories import intake_draft
from tests.ui.helpers import type_text, visible_top_levels

WRONG_PASSWORD = "sai-Mk-2468"
PASSWORD = "matkhau-123"  # tests/conftest.py DEMO_SETUP
NAME, ID_NUMBER, PHONE = "Trịnh Thị Phương Thảo", "064191078123", "0987654321"


def test_log_after_failed_sign_in_intake_and_errors_has_no_secrets_or_citizen_data(
    qtbot, startup: Startup, ready_store, data_dir: Path
):
    store, _officer = ready_store
    store.close()
    assert startup.start()
    login = startup.window

    login.username.setText("canbo1")
    type_text(login.password, WRONG_PASSWORD)
    qtbot.mouseClick(login.sign_in_button, Qt.MouseButton.LeftButton)
    login.username.setText(WRONG_PASSWORD)  # a password typed into the wrong field
    type_text(login.password, WRONG_PASSWORD)
    qtbot.mouseClick(login.sign_in_button, Qt.MouseButton.LeftButton)
    login.username.setText("canbo1")
    type_text(login.password, PASSWORD)
    qtbot.mouseClick(login.sign_in_button, Qt.MouseButton.LeftButton)
    window = startup.window
    assert isinstance(window, MainWindow)

    # a dossier is received; a refused input and an unexpected SQL error are shown (and logged)
    draft = intake_draft(startup.store, full_name=NAME, id_number=ID_NUMBER, gender="female", phone=PHONE)
    received = receive_dossier(startup.store, window.officer, draft)
    errors.show_error(
        ValidationError(f"Số định danh {ID_NUMBER} của {NAME} không khớp ngày sinh.", "id_number")
    )
    try:
        with startup.store.transaction() as session:
            existing = session.scalars(select(Applicant.id).where(Applicant.id_number == ID_NUMBER)).one()
            row = {"id": existing, "full_name": NAME, "id_number": ID_NUMBER, "phone": PHONE}
            session.execute(insert(Applicant), [row])  # the same primary key again
    except Exception as exc:  # an IntegrityError, i.e. a bug: the crash dialog and its traceback in the log
        errors.show_error(exc)
    assert {box.objectName() for box in visible_top_levels(QMessageBox)} == {"errorMessage", "crashDialog"}
    for box in visible_top_levels(QMessageBox):
        box.close()

    log = (data_dir / "logs" / "motcua.log").read_text(encoding="utf-8")
    # what support needs is there …
    assert "sign-in refused: wrong password for officer" in log
    assert "sign-in refused: unknown username" in log
    assert "signed in" in log and "input refused (field id_number)" in log
    assert "IntegrityError" in log and "Traceback" in log
    # … and nothing an officer typed or a citizen gave
    for secret in (WRONG_PASSWORD, PASSWORD, NAME, ID_NUMBER, PHONE, "Trịnh", "Thảo", "0987"):
        assert secret not in log, secret
    assert received.code  # the intake really happened

"""Collecting fees from the dossier view by keyboard: the shortcut opens the dialog on the payment method,
Down picks transfer, Enter collects; the receipt opens in the print preview (from memory: its kept copy
is sealed) and the dossier is paid."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.services.accounts import SignedIn
from desktop.services.fees import fee_summary
from desktop.services.intake import receive_dossier
from desktop.store.engine import Store
from desktop.ui.dossier.pay_dialog import PayDialog
from desktop.ui.dossier.view import DossierView
from desktop.ui.main_window import MainWindow
from desktop.ui.print_preview import PrintPreviewDialog
from tests.factories import intake_draft, receipt_day
from tests.pdfcheck import pdf_text
from tests.ui.helpers import visible_top_levels
from tests.ui.test_intake import key, open_view, type_here, window

__all__ = ["window"]


def shown(qtbot: QtBot, form: str) -> PrintPreviewDialog:
    """The print preview on screen of `form` ("fee_receipt", "cash_statement"), its copy kept in `printed/`
    (sealed once the profile has a store key: tests/unit/test_files_at_rest.py), one paper: no choice."""
    qtbot.waitUntil(lambda: any(d.job.form == form for d in _previews()), timeout=10_000)
    [dialog] = [d for d in _previews() if d.job.form == form]
    assert dialog.document.path.parent == dialog.store.profile.output_dir and dialog.paper.count() == 0
    return dialog


def _previews() -> list[PrintPreviewDialog]:
    return [d for d in visible_top_levels(PrintPreviewDialog) if isinstance(d, PrintPreviewDialog)]


@pytest.mark.usefixtures("vietnamese")
def test_collect_fees_by_keyboard_prints_the_receipt(
    qtbot: QtBot, ready_store: tuple[Store, SignedIn]
) -> None:
    store, officer = ready_store
    dossier = receive_dossier(store, officer, intake_draft(store, "2.000884"))
    view = DossierView(store, officer, dossier.id)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(view.follow_up.actions["collect_fee"].isEnabled)
    view.follow_up.actions["collect_fee"].trigger()
    qtbot.waitUntil(
        lambda: isinstance(view.follow_up.dialog, PayDialog) and view.follow_up.dialog.isVisible()
    )
    dialog = view.follow_up.dialog
    assert isinstance(dialog, PayDialog)
    assert dialog.findChild(type(dialog.error), "amountDue").text() == "<b>10.000 đ</b>"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.method)  # opens on its first field
    QTest.keyClick(dialog.method, Qt.Key.Key_Down)
    QTest.keyClick(dialog.method, Qt.Key.Key_Return)
    preview = shown(qtbot, "fee_receipt")
    assert fee_summary(store, dossier.code).payment_status == "paid"
    text = pdf_text(preview.document.pdf)
    assert "BIÊN LAI THU PHÍ" in text and "Chuyển khoản" in text and "Mười nghìn đồng" in text
    assert preview.print_button.isDefault()  # Enter prints it, Esc closes it
    QTest.keyClick(preview, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not _previews())


@pytest.mark.usefixtures("vietnamese")
def test_nothing_due_says_so_and_opens_no_dialog(
    qtbot: QtBot, ready_store: tuple[Store, SignedIn], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, officer = ready_store
    shown: list[str] = []
    monkeypatch.setattr(
        "desktop.ui.dossier.actions.QMessageBox.information", lambda _p, _t, text: shown.append(text)
    )
    dossier = receive_dossier(store, officer, intake_draft(store))  # a free procedure
    view = DossierView(store, officer, dossier.id)
    qtbot.addWidget(view)
    qtbot.waitUntil(view.follow_up.actions["collect_fee"].isEnabled)
    view.follow_up.actions["collect_fee"].trigger()
    qtbot.waitUntil(lambda: bool(shown))
    assert shown == ["Miễn phí, lệ phí"] and view.follow_up.dialog is None


def test_intake_shows_the_fee_and_collects_it_after_saving(
    qtbot: QtBot, window: MainWindow, ready_store: tuple[Store, SignedIn]
) -> None:
    store, officer = ready_store
    view = open_view(qtbot, window)
    type_here("Trần Thị Đào")
    key(Qt.Key.Key_Tab)
    type_here("064191234567")
    key(Qt.Key.Key_Tab)
    type_here("05/06/1991")
    view.applicant.address.setFocus()
    type_here("Thôn Đoàn Kết, Xã Ia Grai")
    view.picker.search.setFocus()
    type_here("2.000884")
    key(Qt.Key.Key_Return)
    assert "10.000" in view.fees.text() and "Phí chứng thực chữ ký" in view.fees.text()
    key(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.last_saved is not None)
    assert view.last_saved is not None
    qtbot.waitUntil(lambda: (d := view.findChild(PayDialog, "intakePayment")) is not None and d.isVisible())
    dialog = view.findChild(PayDialog, "intakePayment")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.method)
    QTest.keyClick(dialog.method, Qt.Key.Key_Return)  # cash
    assert f"01-{receipt_day()}-0001" in pdf_text(shown(qtbot, "fee_receipt").document.pdf)
    assert f"01-{receipt_day()}-0001" in view.notice.text()
    assert fee_summary(store, view.last_saved.code).payment_status == "paid"
    qtbot.waitUntil(lambda: view.findChildren(PayDialog) == [])  # deleted, not kept one per citizen
    for preview in visible_top_levels(PrintPreviewDialog):
        preview.close()

    # the end of the day: Dossier → Today's cash statement lists that receipt and its total
    qtbot.waitUntil(lambda: not _previews())
    window.findChild(QAction, "cashStatement").trigger()
    statement = pdf_text(shown(qtbot, "cash_statement").document.pdf)
    assert (
        f"01-{receipt_day()}-0001" in statement and "10.000" in statement and officer.full_name in statement
    )


@pytest.mark.usefixtures("vietnamese")
def test_an_exemption_chosen_in_the_dialog_sets_the_fee_to_zero_with_its_ground(
    qtbot: QtBot, ready_store: tuple[Store, SignedIn]
) -> None:
    store, officer = ready_store
    dossier = receive_dossier(store, officer, intake_draft(store, "1.004194"))  # lệ phí cư trú, exemptable
    view = DossierView(store, officer, dossier.id)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(view.follow_up.actions["collect_fee"].isEnabled)
    view.follow_up.actions["collect_fee"].trigger()
    qtbot.waitUntil(
        lambda: isinstance(view.follow_up.dialog, PayDialog) and view.follow_up.dialog.isVisible()
    )
    dialog = view.follow_up.dialog
    assert isinstance(dialog, PayDialog) and dialog.exemption.isEnabled()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.method)
    QTest.keyClick(dialog.method, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.exemption
    QTest.keyClick(dialog.exemption, Qt.Key.Key_Down)
    QTest.keyClick(dialog.exemption, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: fee_summary(store, dossier.code).payment_status == "exempt")
    summary = fee_summary(store, dossier.code)
    assert summary.items[0].amount == 0 and "Thông tư 75/2022/TT-BTC" in summary.items[0].exemption_ground
    assert not _previews()  # no receipt for an exemption


@pytest.mark.usefixtures("vietnamese")
def test_a_fee_per_copy_counts_the_copies_typed_in_the_dialog(
    qtbot: QtBot, ready_store: tuple[Store, SignedIn]
) -> None:
    store, officer = ready_store
    dossier = receive_dossier(store, officer, intake_draft(store, "2.000635"))  # 8.000 đồng per copy
    view = DossierView(store, officer, dossier.id)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(view.follow_up.actions["collect_fee"].isEnabled)
    view.follow_up.actions["collect_fee"].trigger()
    qtbot.waitUntil(
        lambda: isinstance(view.follow_up.dialog, PayDialog) and view.follow_up.dialog.isVisible()
    )
    dialog = view.follow_up.dialog
    assert isinstance(dialog, PayDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.method)
    QTest.keyClick(dialog.method, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.copies
    dialog.copies.selectAll()
    QTest.keyClicks(dialog.copies, "3")
    assert dialog.total.text() == "<b>24.000 đ</b>"
    QTest.keyClick(dialog.copies, Qt.Key.Key_Return)
    assert "24.000" in pdf_text(shown(qtbot, "fee_receipt").document.pdf)
    assert [(i.quantity, i.amount) for i in fee_summary(store, dossier.code).items] == [(3, 24_000)]

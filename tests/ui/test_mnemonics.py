"""Alt + the underlined letter of a field's label must reach that field: a label with "&" needs a buddy,
else Qt prints the "&" itself ("Tệp chứng chỉ C&A:") and Alt+A does nothing; and within one dialog each
letter is used once and is one the keyboard has (Alt+M went to "Mật khẩu", never to "Mở dữ liệu mẫu")."""

from __future__ import annotations

import pytest

from PySide6.QtWidgets import QAbstractButton, QDialog, QLabel

from desktop.services.sync_control import ConnectionSettings
from desktop.ui.login_dialog import LoginDialog
from desktop.ui.setup_dialog import SetupDialog
from desktop.ui.sync.connect_dialog import ConnectDialog

pytestmark = pytest.mark.usefixtures("vietnamese")


def _labels_without_buddy(dialog: QDialog) -> list[str]:
    return [
        label.text()
        for label in dialog.findChildren(QLabel)
        if "&" in label.text().replace("&&", "")
        and label.buddy() is None
        and not label.text().startswith("<")
    ]


def _mnemonics(dialog: QDialog) -> list[str]:
    """The Alt letters of the dialog's labels and buttons, lower-cased."""
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    texts += [button.text() for button in dialog.findChildren(QAbstractButton)]
    letters = []
    for text in texts:
        at = text.replace("&&", "").find("&")
        if at >= 0:
            letters.append(text.replace("&&", "")[at + 1].lower())
    return letters


def _assert_unique_typeable(dialog: QDialog) -> None:
    letters = _mnemonics(dialog)
    assert letters
    assert sorted(c for c in letters if letters.count(c) > 1) == []
    assert all(c.isascii() and c.isalnum() for c in letters), letters


def test_connect_dialog_labels_reach_their_fields(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    dialog = ConnectDialog(store, ConnectionSettings())
    qtbot.addWidget(dialog)
    assert _labels_without_buddy(dialog) == []
    assert any(label.buddy() is dialog.ca_bundle for label in dialog.findChildren(QLabel))


def test_setup_dialog_labels_reach_their_fields(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    dialog = SetupDialog(store)
    qtbot.addWidget(dialog)
    assert _labels_without_buddy(dialog) == []


def test_setup_login_and_connect_mnemonics_are_unique(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    for dialog in (
        SetupDialog(store),
        LoginDialog(store, "Xã Ia Grai"),
        ConnectDialog(store, ConnectionSettings()),
    ):
        qtbot.addWidget(dialog)
        _assert_unique_typeable(dialog)


def test_intake_form_mnemonics_do_not_clash_with_the_menus(qtbot, ready_store) -> None:  # type: ignore[no-untyped-def]
    """Alt+H was both the menu "Hồ sơ" and "Họ và tên", Alt+T both "Tệp" and "Điện thoại"."""
    from desktop.services.intake_draft import ORGANISATION
    from desktop.ui.intake import IntakeView
    from desktop.ui.main_window import MainWindow

    window = MainWindow(*ready_store)
    qtbot.addWidget(window)
    window.show()
    window.action_new_dossier.trigger()
    view = window.findChild(IntakeView, "intakeView")
    assert view is not None
    menus = [action.text() for action in window.menuBar().actions()]

    def letters() -> list[str]:
        texts = [
            label.text()
            for label in view.findChildren(QLabel)
            if label.buddy() is not None and label.isVisibleTo(window)
        ]
        texts += [b.text() for b in view.findChildren(QAbstractButton) if b.isVisibleTo(window)]
        found = []
        for text in [*texts, *menus]:
            plain = text.replace("&&", "")
            if "&" in plain:
                found.append(plain[plain.find("&") + 1].lower())
        return found

    for kind in (None, ORGANISATION):
        if kind is not None:
            view.applicant.kind.setCurrentIndex(view.applicant.kind.findData(kind))
        found = letters()
        assert sorted(c for c in found if found.count(c) > 1) == []
        assert all(c.isascii() and c.isalnum() for c in found), found

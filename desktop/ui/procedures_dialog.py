"""File → Procedures at the counter… (administrators only): untick the procedures this commune never
receives, so they leave the intake's procedure list (`desktop.services.procedure_visibility`).

Procedures are listed by field, each field a tick box of its own (ticking or unticking it does the whole
field); the search field above keeps the procedures whose code or name holds every typed word (with or
without diacritics). Keyboard: type to narrow, Tab to the list, Up/Down, Space ticks, Enter saves. Read on
the query pool, saved on the writer thread; dossiers already received are not touched.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core import limits
from desktop.core.text import fold
from desktop.services.accounts import SignedIn
from desktop.services.procedure_visibility import ProcedureVisibility, list_visibility, set_hidden
from desktop.store.engine import Store
from desktop.ui import tasks
from desktop.ui.form_helpers import error_label, save_cancel, show_failure, show_inline_error
from desktop.ui.text_limit import limit

CODE = Qt.ItemDataRole.UserRole
FOLDED = Qt.ItemDataRole.UserRole + 1  # code and name folded, for the search


class HiddenProceduresDialog(QDialog):
    """The catalogue's procedures by field, ticked when shown at the counter; `hidden` after saving."""

    def __init__(self, store: Store, officer: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hiddenProcedures")
        self.store, self.officer = store, officer
        self.hidden: frozenset[str] | None = None
        self.setWindowTitle(self.tr("Procedures at the counter"))
        self.setMinimumSize(640, 480)
        hint = QLabel(
            self.tr(
                "Untick the procedures this commune never receives: they leave the intake's procedure list "
                "on this workstation. Dossiers already received are not affected."
            ),
            self,
        )
        hint.setWordWrap(True)
        self.search = QLineEdit(self)
        limit(self.search, limits.SEARCH)
        self.search.setObjectName("procedureFilter")
        self.search.setClearButtonEnabled(True)
        label = QLabel(self.tr("&Find:"), self)
        label.setBuddy(self.search)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("procedureVisibility")
        self.tree.setHeaderLabels([self.tr("Shown at the counter")])
        self.tree.setUniformRowHeights(True)
        self.count = QLabel(self)
        self.count.setObjectName("hiddenCount")
        self.error = error_label(self)
        self.buttons = save_cancel(self, self.submit)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(label)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.search.textChanged.connect(self.narrow)
        self.tree.itemChanged.connect(self._count)
        self._busy(True)
        tasks.run_query(lambda: list_visibility(store), self._loaded, self._failed, owner=self)

    def _busy(self, busy: bool) -> None:
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            save.setEnabled(not busy)

    def _loaded(self, rows: list[ProcedureVisibility]) -> None:
        self.tree.blockSignals(True)
        fields: dict[str, QTreeWidgetItem] = {}
        for row in rows:
            parent = fields.get(row.field)
            if parent is None:
                parent = QTreeWidgetItem(self.tree, [row.field or self.tr("Other")])
                parent.setFlags(
                    parent.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate
                )
                fields[row.field] = parent
            item = QTreeWidgetItem(parent, [f"{row.code} — {row.name}"])
            item.setData(0, CODE, row.code)
            item.setData(0, FOLDED, fold(f"{row.code} {row.name}"))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Unchecked if row.hidden else Qt.CheckState.Checked)
        self.tree.expandAll()
        self.tree.blockSignals(False)
        self._count()
        if self.fields():
            self.tree.setCurrentItem(self.fields()[0])
        self._busy(False)
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def fields(self) -> list[QTreeWidgetItem]:
        found = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in found if item is not None]

    def procedures(self, field: QTreeWidgetItem | None = None) -> list[QTreeWidgetItem]:
        """The procedure rows (of one field, or all)."""
        fields = self.fields() if field is None else [field]
        found = (f.child(j) for f in fields for j in range(f.childCount()))
        return [item for item in found if item is not None]

    def hidden_codes(self) -> set[str]:
        return {str(i.data(0, CODE)) for i in self.procedures() if i.checkState(0) == Qt.CheckState.Unchecked}

    def _count(self, *_: object) -> None:
        self.count.setText(
            self.tr("{hidden} of {total} procedures hidden").format(
                hidden=len(self.hidden_codes()), total=len(self.procedures())
            )
        )

    def narrow(self, text: str) -> None:
        """Keep the procedures whose code or name holds every typed word; the first one highlighted."""
        typed = fold(text).split()
        first: QTreeWidgetItem | None = None
        for field in self.fields():
            shown = 0
            for item in self.procedures(field):
                match = all(w in str(item.data(0, FOLDED)) for w in typed)
                item.setHidden(not match)
                shown += match
                if match and first is None:
                    first = item
            field.setHidden(shown == 0)
        if first is not None:
            self.tree.setCurrentItem(first)

    def submit(self) -> None:
        show_inline_error(self.error, "")
        store, officer, codes = self.store, self.officer, self.hidden_codes()
        self._busy(True)
        tasks.run_write(lambda: set_hidden(store, officer, codes), self._done, self._failed, owner=self)

    def _done(self, hidden: frozenset[str]) -> None:
        self._busy(False)
        self.hidden = hidden
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        show_failure(self.error, exc, {}, self)

"""The dossier view's toolbar buttons are enabled exactly for the statuses of the one table of actions."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import update

from PySide6.QtWidgets import QToolBar

from desktop.core.actions import ACTIONS, Action
from desktop.core.status import STATUSES, Status, national_code
from desktop.core.timeutil import VN_TZ
from desktop.services.accounts import SignedIn
from desktop.services.intake import receive_dossier
from desktop.store.engine import Store
from desktop.store.models import Dossier
from desktop.ui.dossier.view import DossierView
from tests.factories import intake_draft

MONDAY_9 = datetime(2026, 10, 5, 9, 0, tzinfo=VN_TZ)

pytestmark = pytest.mark.usefixtures("vietnamese")

# what the officer can do from the view today (the table has more rows, without a dialog yet)
OFFERED = {
    Action.ACCEPT_ONLINE,
    Action.REQUEST_SUPPLEMENT,
    Action.SUPPLEMENT_RECEIVED,
    Action.REFUSE,
    Action.EXTEND,
    Action.APOLOGISE,
    Action.STOP,
    Action.HAND_OVER,
    Action.RESULT_READY,
    Action.RETURN_RESULT,
    Action.RESULT_DELIVERED,
    Action.WITHDRAW,
    Action.RATE,
    Action.UNDO,
    Action.REQUEST_OBLIGATION,
    Action.OBLIGATION_MET,
    Action.REPRINT_RECEIPT,
    Action.CONTROL_SLIP,
    Action.COLLECT_FEE,
    Action.RESOLVE_REVIEW,
}


def _button_enabled(view: DossierView, name: str) -> bool:
    action = view.follow_up.actions[name]
    for bar in view.findChildren(QToolBar):
        if action in bar.actions():
            button = bar.widgetForAction(action)
            assert button is not None
            return action.isEnabled() and button.isEnabled()
    raise AssertionError(f"{name} is on no toolbar")


def test_the_view_offers_the_actions_it_has_a_dialog_for(qtbot, ready_store) -> None:  # type: ignore[no-untyped-def]
    store, officer = ready_store
    view = DossierView(store, officer, receive_dossier(store, officer, intake_draft(store)).id)
    qtbot.addWidget(view)
    assert set(view.follow_up.actions) == {*OFFERED, "reprint_letter"}


@pytest.mark.parametrize("status", list(Status))
def test_buttons_are_enabled_exactly_where_the_table_allows(
    qtbot, ready_store: tuple[Store, SignedIn], status: Status
) -> None:  # type: ignore[no-untyped-def]
    store, officer = ready_store
    dossier = receive_dossier(store, officer, intake_draft(store), received_at=MONDAY_9)
    with store.transaction() as session:
        session.execute(
            update(Dossier)
            .where(Dossier.id == dossier.id)
            .values(status=status.value, status_code=national_code(status))
        )
    view = DossierView(store, officer, dossier.id)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    assert view.detail is not None and view.detail.status == status.value

    enabled = {name for name in view.follow_up.actions if _button_enabled(view, name)}
    expected: set[str] = {action for action in OFFERED if status in ACTIONS[action].allowed_from}
    expected.discard(
        Action.RESOLVE_REVIEW
    )  # only while flagged "Cần xem lại" (tests/ui/test_dossier_review.py)
    expected.discard(Action.RESULT_DELIVERED)  # only while with the post (tests/ui/test_post_delivery.py)
    if STATUSES[status].letter:
        expected.add("reprint_letter")
    assert enabled == expected

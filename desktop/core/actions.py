"""The one table of allowed actions, as the counter application uses it: what can be done to a dossier,
from which statuses, leading where. The table itself (`Action`, `Rule`, `ACTIONS`) is pure data in the
shared protocol package, `sync.common.lifecycle`, so the provincial server checks pushed events against the
same rows (`sync.server.history`).

Adding a status or an action touches that table, its label, and the service that performs it:

- a status: its row in `desktop.core.status.STATUSES` (code, labels), and in `sync.common.lifecycle` the
  rows it is allowed from or leads to;
- an action: a row in `ACTIONS` (the Vietnamese verb of its refusal, the statuses it is allowed from,
  the status it leads to), the service that performs it, which calls `require_allowed(Action.X, dossier)`
  inside its transaction before changing anything, and, when the dossier view gets a dialog for it, the
  view's menu text (`desktop.ui.dossier.actions`).

`ACTIONS` follows the transitions of the dossier lifecycle rule book (§1.3). The services check it
(`require_allowed`: a `ValidationError` on `status` with the Vietnamese message the officer sees, CLI
exit 2) and the dossier view enables its toolbar and menu items from it (`allowed_actions`, via
`DossierDetail.actions`), so there is no second copy of which status allows what.

Performed today: hand over (also several at once, `desktop.services.handover`), request supplement,
supplement received, financial obligation requested and met (`desktop.services.obligation`), refuse,
extend, stop (`desktop.services.followup`, `desktop.services.intake`), result ready, return at the counter,
hand to the post, delivered by the post (`desktop.services.result`), withdraw and rate
(`desktop.services.withdrawal`), undo the latest step by a correcting event (`desktop.services.corrections`)
and the two reprints (the dossier view; no service refuses a print). The other rows have no service yet;
the view shows only the actions it has a dialog for, so they appear nowhere until their service and dialog
are added.

One row differs from the rule book on purpose, keeping today's behaviour: `refuse` (form 03, intake) is
allowed from 1, 2 and 5 (a walk-in dossier waiting for its missing papers can still be refused), the
refusal after review being `decline`.
"""

from __future__ import annotations

from typing import Protocol

from desktop.core.errors import ValidationError
from desktop.core.status import label_vi
from sync.common.lifecycle import ACTIONS, Action, Rule

__all__ = [
    "ACTIONS",
    "Action",
    "OnDossier",
    "Rule",
    "allowed_actions",
    "allowed_steps",
    "is_allowed",
    "require_allowed",
]


class OnDossier(Protocol):
    """What the check reads of a dossier (the store's `Dossier` row, or any record with both)."""

    @property
    def code(self) -> str: ...

    @property
    def status(self) -> str: ...


def is_allowed(action: Action, status: str) -> bool:
    """Whether a dossier in `status` (a local status name) allows `action`; False for an unknown status."""
    return status in {s.value for s in ACTIONS[action].allowed_from}


def allowed_actions(status: str) -> frozenset[Action]:
    """Every action a dossier in `status` allows (empty for an unknown status)."""
    return frozenset(action for action in ACTIONS if is_allowed(action, status))


_REPRINTS = (Action.REPRINT_RECEIPT, Action.CONTROL_SLIP)
_UNLISTED = (*_REPRINTS, Action.RESOLVE_REVIEW)  # not steps; resolving only while flagged


def allowed_steps(status: str) -> str:
    """What a dossier in `status` still allows, in Vietnamese ("Có thể: chuyển xử lý, …"), printing
    again left out; the sentence that says nothing is left when no step is."""
    verbs = [ACTIONS[a].verb for a in Action if a not in _UNLISTED and is_allowed(a, status)]
    return f"Có thể: {', '.join(verbs)}." if verbs else "Hồ sơ không còn bước nào để thực hiện."


def require_allowed(action: Action, dossier: OnDossier) -> None:
    """ValidationError (field `status`) unless the dossier's status allows `action`; the message names the
    status and what it allows instead."""
    if not is_allowed(action, dossier.status):
        raise ValidationError(
            f"Hồ sơ {dossier.code} đang ở trạng thái '{label_vi(dossier.status)}', "
            f"không thể {ACTIONS[action].verb}. {allowed_steps(dossier.status)}",
            "status",
        )

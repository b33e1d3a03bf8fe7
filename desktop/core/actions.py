"""The one table of allowed actions: what can be done to a dossier, from which statuses, leading where.

Adding a status or an action touches this table, its label, and the service that performs it:

- a status: its row in `desktop.core.status.STATUSES` (code, labels), and here the rows it is allowed
  from or leads to;
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

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from desktop.core.errors import ValidationError
from desktop.core.status import OPEN, Status, label_vi


class Action(StrEnum):
    """Actions on a received dossier; the values are the dossier view's action names."""

    HAND_OVER = "hand_over"
    MOVE_STEP = "move_step"
    REQUEST_SUPPLEMENT = "supplement"
    SUPPLEMENT_RECEIVED = "supplement_received"
    REQUEST_OBLIGATION = "request_obligation"
    OBLIGATION_MET = "obligation_met"
    REFUSE = "refuse"
    EXTEND = "extend"
    APOLOGISE = "apologise"
    STOP = "stop"
    DECLINE = "decline"
    WITHDRAW = "withdraw"
    RESULT_READY = "result_ready"
    RETURN_RESULT = "return_result"
    POST_RESULT = "post_result"
    RESULT_DELIVERED = "result_delivered"
    SEND_RESULT_ONLINE = "send_result_online"
    RETURN_PAPERS = "return_papers"
    RATE = "rate"
    UNDO = "undo"
    COLLECT_FEE = "collect_fee"
    REPRINT_RECEIPT = "reprint_receipt"
    CONTROL_SLIP = "control_slip"


@dataclass(frozen=True)
class Rule:
    verb: str  # Vietnamese, completes "…, không thể {verb}."
    allowed_from: frozenset[Status]
    leads_to: tuple[Status, ...] = ()  # () = the status stays; several = the service picks by the dossier


def _from(*statuses: Status) -> frozenset[Status]:
    return frozenset(statuses)


_ISSUED = frozenset(set(Status) - {Status.REGISTERED})  # a receipt (form 01 or 03) exists
_RATED_FROM = frozenset(set(Status) - {Status.REGISTERED, Status.REFUSED})

ACTIONS: dict[Action, Rule] = {
    Action.HAND_OVER: Rule("chuyển xử lý", _from(Status.RECEIVED), (Status.PROCESSING,)),
    Action.MOVE_STEP: Rule("chuyển bước xử lý", _from(Status.PROCESSING)),
    Action.REQUEST_SUPPLEMENT: Rule(
        "yêu cầu bổ sung", _from(Status.RECEIVED, Status.PROCESSING), (Status.SUPPLEMENT_REQUESTED,)
    ),
    # back to 4 when it was handed over before the request, else to 2
    Action.SUPPLEMENT_RECEIVED: Rule(
        "nhận bổ sung", _from(Status.SUPPLEMENT_REQUESTED), (Status.PROCESSING, Status.RECEIVED)
    ),
    Action.REQUEST_OBLIGATION: Rule(
        "yêu cầu thực hiện nghĩa vụ tài chính", _from(Status.PROCESSING), (Status.FINANCIAL_OBLIGATION,)
    ),
    Action.OBLIGATION_MET: Rule(
        "ghi nhận hoàn thành nghĩa vụ tài chính", _from(Status.FINANCIAL_OBLIGATION), (Status.PROCESSING,)
    ),
    Action.REFUSE: Rule(
        "từ chối tiếp nhận",
        _from(Status.REGISTERED, Status.RECEIVED, Status.SUPPLEMENT_REQUESTED),
        (Status.REFUSED,),
    ),
    Action.EXTEND: Rule("gia hạn", OPEN),
    Action.APOLOGISE: Rule("gửi thư xin lỗi", OPEN | {Status.RESULT_READY}),
    Action.STOP: Rule("dừng giải quyết", OPEN, (Status.STOPPED,)),
    Action.DECLINE: Rule(
        "trả lời từ chối giải quyết",
        _from(Status.PROCESSING, Status.SUPPLEMENT_REQUESTED, Status.FINANCIAL_OBLIGATION),
        (Status.STOPPED,),
    ),
    Action.WITHDRAW: Rule("rút hồ sơ", OPEN, (Status.WITHDRAWN,)),
    Action.RESULT_READY: Rule("ghi nhận có kết quả", _from(Status.PROCESSING), (Status.RESULT_READY,)),
    Action.RETURN_RESULT: Rule("trả kết quả", _from(Status.RESULT_READY), (Status.RETURNED,)),
    Action.POST_RESULT: Rule("gửi kết quả qua bưu chính", _from(Status.RESULT_READY), (Status.RETURNED,)),
    Action.RESULT_DELIVERED: Rule("ghi nhận bưu chính đã phát kết quả", _from(Status.RETURNED)),
    Action.SEND_RESULT_ONLINE: Rule("trả kết quả trực tuyến", _from(Status.RESULT_READY), (Status.RETURNED,)),
    Action.RETURN_PAPERS: Rule("trả lại giấy tờ", _from(Status.WITHDRAWN, Status.STOPPED)),
    Action.RATE: Rule("ghi nhận đánh giá", _RATED_FROM),
    # a correction, not a step: the dossier returns to the status the corrected step found
    # (`desktop.services.corrections`), so no status of its own
    Action.UNDO: Rule("hoàn tác bước vừa ghi", _ISSUED),
    # fees are settled at intake (before form 01 is handed over) or at the return (lifecycle §3)
    Action.COLLECT_FEE: Rule("thu phí, lệ phí", OPEN | {Status.RESULT_READY}),
    Action.REPRINT_RECEIPT: Rule("in lại phiếu tiếp nhận", _ISSUED),
    Action.CONTROL_SLIP: Rule("in phiếu kiểm soát", _ISSUED),
}


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


def allowed_steps(status: str) -> str:
    """What a dossier in `status` still allows, in Vietnamese ("Có thể: chuyển xử lý, …"), printing
    again left out; the sentence that says nothing is left when no step is."""
    verbs = [ACTIONS[a].verb for a in Action if a not in _REPRINTS and is_allowed(a, status)]
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

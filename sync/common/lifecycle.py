"""The dossier's lifecycle as pure data, shared by the counter application and the provincial server:
the statuses with their national codes (`TrangThaiHoSo` 1..10) and the one table of allowed actions (what
can be done to a dossier, from which statuses, leading where; lifecycle rule book §1.3).

The counter application reads it through `desktop.core.status` (labels, printed letters) and
`desktop.core.actions` (the services' `require_allowed`, the dossier view's menus); the server checks each
pushed event's status change against the same table (`step_allowed`, `sync.server.history`), so there is
no second copy of which status allows what. Stdlib only.

Adding a status touches `Status`, `CODES`, and the rows of `ACTIONS` that allow it or lead to it (and its
labels in `desktop.core.status`); adding an action, a row in `ACTIONS` (the Vietnamese verb of its refusal,
the statuses it is allowed from, the status it leads to) and the service that performs it.

One row differs from the rule book on purpose, keeping today's behaviour: `refuse` (form 03, intake) is
allowed from 1, 2 and 5 (a walk-in dossier waiting for its missing papers can still be refused), the
refusal after review being `decline`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    REGISTERED = "registered"  # 1 Mới đăng ký (online, not yet checked at the counter)
    RECEIVED = "received"  # 2 Được tiếp nhận (form 01)
    REFUSED = "refused"  # 3 Không được tiếp nhận (form 03)
    PROCESSING = "processing"  # 4 Đang xử lý
    SUPPLEMENT_REQUESTED = "supplement_requested"  # 5 Yêu cầu bổ sung giấy tờ (form 02)
    FINANCIAL_OBLIGATION = "financial_obligation"  # 6 Yêu cầu thực hiện nghĩa vụ tài chính
    WITHDRAWN = "withdrawn"  # 7 Công dân yêu cầu rút hồ sơ
    STOPPED = "stopped"  # 8 Dừng xử lý (form 05)
    RESULT_READY = "result_ready"  # 9 Đã xử lý xong
    RETURNED = "returned"  # 10 Đã trả kết quả


# the national portal's TrangThaiHoSo of each status
CODES: dict[Status, int] = {status: code for code, status in enumerate(Status, start=1)}
BY_CODE: dict[int, Status] = {code: status for status, code in CODES.items()}

# Received and not yet ended: what can still be extended, stopped or withdrawn (lifecycle §1.3).
OPEN = frozenset(
    {Status.RECEIVED, Status.PROCESSING, Status.SUPPLEMENT_REQUESTED, Status.FINANCIAL_OBLIGATION}
)


class Action(StrEnum):
    """Actions on a received dossier; the values are the dossier view's action names."""

    ACCEPT_ONLINE = "accept_online"
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
    RESOLVE_REVIEW = "resolve_review"


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
    # an online submission checked at the counter and accepted (form 01; its `received` event, lifecycle §7)
    Action.ACCEPT_ONLINE: Rule(
        "tiếp nhận hồ sơ nộp trực tuyến", _from(Status.REGISTERED), (Status.RECEIVED,)
    ),
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
    # a dossier flagged "Cần xem lại" (lifecycle §7): the officer keeps the counter's status or takes the
    # province's, whichever it is (`step_allowed`: its kind may move between any two issued statuses, so
    # no status of its own here); offered only while the flag is set (`DossierDetail.actions`)
    Action.RESOLVE_REVIEW: Rule("giải quyết hồ sơ cần xem lại", _ISSUED),
}

# the event kind that receives a dossier at the counter, the one that reverses a step, and the officer's
# settling of a dossier flagged "Cần xem lại"
RECEPTION_KIND = "received"
CORRECTION_KIND = "corrected"
REVIEW_KIND = "review_resolved"

# the action(s) each event kind records (`sync.events` kinds); a kind not listed (a newer client's) may
# make any step of the table
KIND_ACTIONS: dict[str, tuple[Action, ...]] = {
    RECEPTION_KIND: (),
    "handed_over": (Action.HAND_OVER,),
    "supplement_requested": (Action.REQUEST_SUPPLEMENT,),
    "supplement_received": (Action.SUPPLEMENT_RECEIVED,),
    "obligation_requested": (Action.REQUEST_OBLIGATION,),
    "obligation_met": (Action.OBLIGATION_MET,),
    "refused": (Action.REFUSE,),
    "stopped": (Action.STOP, Action.DECLINE),
    "withdrawn": (Action.WITHDRAW,),
    "result_ready": (Action.RESULT_READY,),
    "result_returned": (Action.RETURN_RESULT,),
    "result_posted": (Action.POST_RESULT,),
    "result_delivered": (Action.RESULT_DELIVERED,),
    "due_extended": (Action.EXTEND,),
    "apology_issued": (Action.APOLOGISE,),
    "rated": (Action.RATE,),
    "fee_assessed": (),
    "fee_collected": (Action.COLLECT_FEE,),
    "fee_exempted": (Action.COLLECT_FEE,),
    "attachment_added": (),
    "attachment_removed": (),
    REVIEW_KIND: (Action.RESOLVE_REVIEW,),
}


def step_allowed(kind: str, before: Status, after: Status) -> bool:
    """Whether an event of `kind` may move a dossier from `before` to `after`: the status stays, the
    kind's action (`KIND_ACTIONS`) is allowed from `before` and leads to `after`, the reception takes an
    online registration (1) to the counter, a review's settling moves between two issued statuses, or a
    correction reverses one step of the table (back to a
    status from which an action leads to `before`)."""
    if before == after:
        return True
    if kind == RECEPTION_KIND:
        return before == Status.REGISTERED and after in (Status.RECEIVED, Status.REFUSED)
    if kind == REVIEW_KIND:  # the officer chose one of two facts (lifecycle §7 rule 7)
        return {before, after} <= ACTIONS[Action.RESOLVE_REVIEW].allowed_from
    if kind == CORRECTION_KIND:
        return any(after in rule.allowed_from and before in rule.leads_to for rule in ACTIONS.values())
    rules = [ACTIONS[action] for action in KIND_ACTIONS.get(kind, tuple(ACTIONS))]
    return any(before in rule.allowed_from and after in rule.leads_to for rule in rules)

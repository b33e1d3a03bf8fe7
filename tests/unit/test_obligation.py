"""During processing (status 4): a supplement request pauses the clock and its receipt brings the dossier
back to 4 with the appointment (and an extension) moved; a financial obligation takes it to 6 and its
payment back to 4, the clock running throughout. Services and `motcua dossier obligation|obligation-met`."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from desktop.cli import main
from desktop.core.actions import Action, allowed_actions
from desktop.core.errors import ValidationError
from desktop.core.timeutil import VN_TZ, as_local
from desktop.services.accounts import SignedIn
from desktop.services.followup import extend_due, hand_over
from desktop.services.intake import MissingItem, receive_dossier, request_supplement, supplement_received
from desktop.services.obligation import obligation_met, parse_amount, request_obligation
from desktop.store.engine import Store
from desktop.store.events import typed
from desktop.store.models import Dossier, Event
from sync.events import ObligationMet, ObligationRequested, SupplementReceived
from tests.clock import Clock
from tests.sync_helpers import make_draft


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=VN_TZ)


@pytest.fixture
def processing(ready_store: tuple[Store, SignedIn], clock: Clock) -> tuple[Store, SignedIn, str]:
    store, officer = ready_store
    clock.set(datetime(2026, 12, 1, 8, 0))
    code = receive_dossier(store, officer, make_draft(store, 1)).code
    hand_over(store, officer, code, "Công chức Tư pháp - Hộ tịch")
    return store, officer, code


def _dossier(store: Store, code: str) -> Dossier:
    with store.session() as session:
        d = session.scalars(select(Dossier).where(Dossier.code == code)).one()
        session.expunge(d)
        return d


def _last(store: Store, code: str) -> object:
    with store.session() as session:
        d = session.scalars(select(Dossier).where(Dossier.code == code)).one()
        row = session.scalars(
            select(Event).where(Event.dossier_id == d.id).order_by(Event.seq.desc())
        ).first()
        assert row is not None
        return typed(row)


def test_a_supplement_during_processing_pauses_and_comes_back_to_processing_with_the_due_moved(
    processing: tuple[Store, SignedIn, str], clock: Clock
) -> None:
    store, officer, code = processing
    due = as_local(_dossier(store, code).due_at)  # type: ignore[arg-type]
    clock.set(datetime(2026, 12, 1, 9, 0))
    extend_due(store, officer, code, due + timedelta(days=7), "Chờ xác minh")
    extended = as_local(_dossier(store, code).extended_due_at)  # type: ignore[arg-type]
    clock.set(datetime(2026, 12, 1, 10, 0))
    state = request_supplement(
        store, officer, code, [MissingItem("Bản sao chưa rõ", position=1)], "Thiếu giấy"
    )
    assert state.status == "supplement_requested"
    assert Action.SUPPLEMENT_RECEIVED in allowed_actions(state.status)
    clock.set(datetime(2026, 12, 2, 10, 0))  # one working day later (Wednesday)
    state = supplement_received(store, officer, code)
    assert state.status == "processing"
    d = _dossier(store, code)
    assert as_local(d.due_at) > due  # type: ignore[arg-type]
    assert as_local(d.extended_due_at) > extended  # type: ignore[arg-type]
    event = _last(store, code)
    assert isinstance(event, SupplementReceived) and event.extended_due_at == as_local(d.extended_due_at)  # type: ignore[arg-type]


def test_an_obligation_goes_to_6_and_its_payment_back_to_4(
    processing: tuple[Store, SignedIn, str], clock: Clock
) -> None:
    store, officer, code = processing
    clock.set(datetime(2026, 12, 2, 9, 0))
    state = request_obligation(
        store, officer, code, "123/TB-CCT", "Chi cục Thuế khu vực", 1_250_000, pay_by=date(2026, 12, 12)
    )
    assert state.status == "financial_obligation" and state.status_code == 6
    requested = _last(store, code)
    assert isinstance(requested, ObligationRequested)
    assert requested.amount == 1_250_000 and requested.notice_number == "123/TB-CCT"
    assert requested.notice_date == date(2026, 12, 2) and requested.previous_status == "processing"
    with pytest.raises(ValidationError, match="nghĩa vụ tài chính"):
        request_obligation(store, officer, code, "124", "Thuế", 5)
    clock.set(datetime(2026, 12, 3, 9, 30))
    state = obligation_met(store, officer, code, "BL-0001234", place="Kho bạc")
    assert state.status == "processing"
    met = _last(store, code)
    assert isinstance(met, ObligationMet) and met.amount == 1_250_000 and met.document_number == "BL-0001234"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"notice_number": " "}, "notice_number"),
        ({"issuing_body": ""}, "issuing_body"),
        ({"amount": -5}, "amount"),
        ({"amount": 0}, "amount"),
        ({"pay_by": date(2026, 11, 1)}, "pay_by"),
    ],
)
def test_a_bad_notice_is_refused_and_nothing_changes(
    processing: tuple[Store, SignedIn, str], kwargs: dict[str, object], field: str
) -> None:
    store, officer, code = processing
    args: dict[str, object] = {"notice_number": "1/TB", "issuing_body": "Thuế", "amount": 100_000}
    args.update(kwargs)
    with pytest.raises(ValidationError) as caught:
        request_obligation(store, officer, code, **args)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert _dossier(store, code).status == "processing"


def test_amounts_typed_with_separators() -> None:
    assert parse_amount("1.250.000") == 1_250_000 and parse_amount("1 250 000") == 1_250_000
    for bad in ("-100", "abc", "0", "1,5e6"):
        with pytest.raises(ValidationError):
            parse_amount(bad)


def test_the_commands_record_the_notice_and_the_payment(
    processing: tuple[Store, SignedIn, str], capsys: pytest.CaptureFixture[str]
) -> None:
    store, _, code = processing
    root = ["--data-dir", str(store.profile.root), "dossier"]
    assert main([*root, "obligation-met", code, "--document-number", "1"]) == 2
    assert "Đang xử lý" in capsys.readouterr().err
    assert main([*root, "obligation", code, "--notice", "9/TB", "--body", "Thuế", "--amount", "abc"]) == 2
    assert "Số tiền" in capsys.readouterr().err
    assert main([*root, "obligation", code, "--notice", "9/TB", "--body", "Thuế", "--amount", "50.000"]) == 0
    assert "nghĩa vụ tài chính" in capsys.readouterr().out
    assert _dossier(store, code).status == "financial_obligation"
    assert main([*root, "obligation-met", code, "--document-number", "BL-9"]) == 0
    assert _dossier(store, code).status == "processing"


def test_a_refused_command_names_the_status_and_what_it_allows(
    processing: tuple[Store, SignedIn, str], capsys: pytest.CaptureFixture[str]
) -> None:
    store, _, code = processing
    args = ["--data-dir", str(store.profile.root), "dossier", "hand-over", code, "--to", "Tư pháp"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "'Đang xử lý', không thể chuyển xử lý." in err
    assert "Có thể: " in err and "yêu cầu thực hiện nghĩa vụ tài chính" in err and "gia hạn" in err

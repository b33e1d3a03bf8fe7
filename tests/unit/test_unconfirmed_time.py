"""Time limits that are never guessed (issue 22 item 2): a procedure whose limit the catalogue leaves
unconfirmed gets the appointment the officer enters, the receipt claims no number, and the administrator's
confirmation makes the next intake compute it."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.errors import ValidationError
from desktop.core.timeutil import as_local, now_local
from desktop.forms.labels import long_time
from desktop.services.accounts import SignedIn
from desktop.services.intake import (
    MissingItem,
    receive_dossier,
    refuse_at_intake,
    request_supplement,
    supplement_received,
)
from desktop.services.intake_lookup import load_intake_context
from desktop.services.officers import add_officer
from desktop.services.online_intake import accept_online
from desktop.services.printing import PrintJob, render
from desktop.services.time_limits import confirm_time_limit, unconfirmed_procedures
from desktop.store.catalogue import load_catalogue, read_catalogue
from desktop.store.engine import Store
from desktop.store.events import typed
from desktop.store.models import Dossier, Event
from tests.clock import Clock
from tests.factories import intake_draft
from tests.pdfcheck import pdf_text

CODE = "1.004884"  # the factories' default procedure, made unconfirmed here
SAID = "Theo quy định của pháp luật chuyên ngành"


def unconfirm(store: Store, code: str = CODE, version: str = "test-unconfirmed-1") -> None:
    """Load a small catalogue version (the shipped one) where `code`'s limit is unconfirmed."""
    data = copy.deepcopy(read_catalogue())
    data["version"] = version
    data.pop("effective_from", None)
    item = next(p for p in data["procedures"] if p["code"] == code)
    item.update(time_confirmed=False, time_amount=None, time_unit=None, cutoff=None, time_text=SAID)
    with store.transaction() as session:
        load_catalogue(session, data)


@pytest.fixture
def unconfirmed(ready_store: tuple[Store, SignedIn]) -> tuple[Store, SignedIn]:
    store, officer = ready_store
    unconfirm(store)
    return store, officer


def _later(days: int, hour: int = 16) -> datetime:
    return (now_local() + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)


def test_intake_without_an_appointment_is_refused_in_vietnamese(unconfirmed: tuple[Store, SignedIn]) -> None:
    store, officer = unconfirmed
    with pytest.raises(ValidationError, match="thời hạn giải quyết chưa xác nhận: hãy nhập ngày hẹn") as exc:
        receive_dossier(store, officer, intake_draft(store))
    assert exc.value.field == "due"
    for wrong, message in (
        (now_local() - timedelta(hours=1), "sau thời điểm tiếp nhận"),
        (now_local() + timedelta(days=400), "quá xa"),
    ):
        with pytest.raises(ValidationError, match=message):
            receive_dossier(store, officer, intake_draft(store), due_at=wrong)
    with store.session() as session:
        assert session.query(Dossier).count() == 0


def test_the_entered_appointment_is_kept_marked_by_hand_and_printed_without_an_invented_limit(
    unconfirmed: tuple[Store, SignedIn],
) -> None:
    store, officer = unconfirmed
    due = _later(9)
    saved = receive_dossier(store, officer, intake_draft(store), due_at=due)
    assert (saved.due_at, saved.time_label) == (due, "Thời hạn chưa xác nhận")
    with store.session() as session:
        dossier = session.query(Dossier).one()
        assert dossier.time_rule["manual"] is True and dossier.time_rule["unit"] == ""
        event = typed(session.query(Event).filter_by(dossier_id=dossier.id, type="received").one())
        assert event.time_rule["manual"] is True and as_local(event.due_at) == due
    text = " ".join(pdf_text(render(store, PrintJob("receipt", saved.code))[0]).split())
    assert f"danh mục thủ tục ghi: {SAID}" in text
    assert f"Thời gian trả kết quả giải quyết hồ sơ: {long_time(due)}" in text
    assert "ngày làm việc" not in text  # no number of days is claimed


def test_a_supplement_moves_a_hand_entered_appointment_by_the_time_paused(
    unconfirmed: tuple[Store, SignedIn], clock: Clock
) -> None:
    store, officer = unconfirmed
    start = datetime(2026, 12, 7, 9, 0, tzinfo=now_local().tzinfo)  # a Monday
    clock.set(start)
    saved = receive_dossier(store, officer, intake_draft(store), due_at=start + timedelta(days=3, hours=7))
    request_supplement(
        store, officer, saved.id, [MissingItem("thiếu chữ ký", position=1)], "Bổ sung", at=start
    )
    clock.set(start + timedelta(days=1))
    state = supplement_received(store, officer, saved.id)  # the clock stood still one working day
    assert as_local(state.due_at) == start + timedelta(days=4, hours=7)  # type: ignore[arg-type]


def test_a_refusal_at_intake_needs_no_appointment(unconfirmed: tuple[Store, SignedIn]) -> None:
    store, officer = unconfirmed
    draft = intake_draft(store)
    refused = refuse_at_intake(store, officer, draft, "Không thuộc thẩm quyền")
    assert refused.due_at is None and refused.status == "refused"


def test_the_administrators_confirmation_makes_the_next_intake_compute_the_appointment(
    unconfirmed: tuple[Store, SignedIn],
) -> None:
    store, admin = unconfirmed
    waiting = [p.code for p in unconfirmed_procedures(store)]
    assert CODE in waiting
    assert load_intake_context(store, admin).due_for(CODE, now_local()) is None
    done = confirm_time_limit(store, admin, CODE, 5, "days", None, "Điều 12 Nghị định 23/2015/NĐ-CP")
    assert done.label == "05 ngày làm việc" and done.officer == admin.username
    context = load_intake_context(store, admin)
    expected = context.due_for(CODE, now_local())
    assert expected is not None and expected > now_local()
    saved = receive_dossier(store, admin, intake_draft(store))
    assert saved.time_label == "05 ngày làm việc" and saved.due_at == context.due_for(CODE, saved.received_at)
    with pytest.raises(ValidationError, match="không nhập tay"):
        receive_dossier(store, admin, intake_draft(store), due_at=_later(9))
    unconfirm(store, version="test-unconfirmed-2")  # a later catalogue version: the confirmation holds
    assert receive_dossier(store, admin, intake_draft(store)).time_label == "05 ngày làm việc"
    text = " ".join(pdf_text(render(store, PrintJob("receipt", saved.code))[0]).split())
    assert "05 ngày làm việc" in text


def test_only_an_administrator_confirms_and_never_a_limit_the_catalogue_gives(
    unconfirmed: tuple[Store, SignedIn],
) -> None:
    store, admin = unconfirmed
    row = add_officer(store, admin, "canbo2", "Trần Thị Cán", "matkhau-123", role="officer")
    clerk = replace(admin, officer_id=row.id, username=row.username, role=row.role)
    with pytest.raises(ValidationError, match="Chỉ quản trị viên"):
        confirm_time_limit(store, clerk, CODE, 5, "days", None, "Căn cứ")
    with pytest.raises(ValidationError, match="căn cứ pháp lý"):
        confirm_time_limit(store, admin, CODE, 5, "days", None, "  ")
    with pytest.raises(ValidationError, match="Danh mục đã xác nhận"):
        confirm_time_limit(store, admin, "1.001193", 1, "days", None, "Căn cứ")
    with pytest.raises(ValidationError, match="chỉ dùng cho thủ tục giải quyết trong ngày"):
        confirm_time_limit(store, admin, CODE, 5, "days", time(15, 0), "Căn cứ")
    assert unconfirmed_procedures(store)[0].confirmed is None


def test_an_online_submission_of_such_a_procedure_is_accepted_with_the_officers_appointment(
    unconfirmed: tuple[Store, SignedIn],
) -> None:
    from tests.unit.test_online_intake import waiting

    store, officer = unconfirmed
    code = waiting(store)
    with store.session() as session:
        dossier_id = session.query(Dossier).filter_by(code=code).one().id
    with pytest.raises(ValidationError, match="hãy nhập ngày hẹn"):
        accept_online(store, officer, dossier_id)
    due = _later(10)
    state = accept_online(store, officer, dossier_id, due_at=due)
    assert as_local(state.due_at) == due  # type: ignore[arg-type]


def test_the_commands_confirm_the_limit_and_take_the_appointment(
    unconfirmed: tuple[Store, SignedIn], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, officer = unconfirmed
    root = ["--data-dir", str(store.profile.root)]
    draft = tmp_path / "hs.json"
    draft.write_text(
        json.dumps({"procedure_code": CODE, "applicant": {"full_name": "Lê Văn Tám", "id_number": "064091234567",
                    "date_of_birth": "12/03/1991", "gender": "male", "address": "Thôn Thử, Xã Ia Grai"}}),
        encoding="utf-8",
    )  # fmt: skip
    assert main([*root, "dossier", "receive", str(draft)]) == 2
    assert "hãy nhập ngày hẹn trả kết quả" in capsys.readouterr().err
    due = _later(9)
    assert main([*root, "dossier", "receive", str(draft), "--due", due.isoformat()]) == 0
    code = capsys.readouterr().out.strip()
    with store.session() as session:
        assert as_local(session.query(Dossier).filter_by(code=code).one().due_at) == due  # type: ignore[arg-type]
    confirm = [*root, "catalogue", "confirm-time", CODE, "--amount", "3", "--unit", "days"]
    assert main(confirm) == 2 and "--basis" in capsys.readouterr().err
    assert main([*confirm, "--basis", "Quyết định 123/QĐ-UBND"]) == 0
    assert capsys.readouterr().out.startswith(f"{CODE}\t03 ngày làm việc\t")
    assert main([*root, "catalogue", "confirm-time", "--list"]) == 0
    assert "03 ngày làm việc" in capsys.readouterr().out

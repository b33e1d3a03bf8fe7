"""`motcua dossier receive FILE.json`: a JSON intake draft through the intake form's checks and service."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.cli import main
from desktop.services.accounts import SignedIn
from desktop.store.engine import Store
from desktop.store.models import Dossier


def _intake(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "procedure_code": "1.004884",
        "applicant": {
            "full_name": "Đặng Thị Hoà",
            "id_number": "064191000123",
            "date_of_birth": "12/03/1991",
            "gender": "female",
            "phone": "0912 345 678",
            "address": "Thôn Thử, Xã Ia Grai, Tỉnh Gia Lai",
        },
    }
    data.update(changes)
    return data


def _receive(store: Store, tmp_path: Path, content: str | bytes) -> int:
    path = tmp_path / "ho-so.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return main(["--data-dir", str(store.profile.root), "dossier", "receive", str(path)])


def _count(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(Dossier)) or 0)


def test_a_valid_file_is_received_with_every_paper_of_the_procedure(
    ready_store: tuple[Store, SignedIn], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, _ = ready_store
    data = _intake(submitter={"name": "Lê Văn Nộp", "phone": "0987 654 321"}, fees={"method": "transfer"})
    assert _receive(store, tmp_path, json.dumps(data, ensure_ascii=False)) == 0
    out, err = capsys.readouterr()
    code = out.strip()
    assert "không có khoản phí, lệ phí nào phải thu" in err  # a free procedure: nothing collected
    with store.session() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.code == code)).one()
        assert dossier.status == "received"
        assert dossier.applicant.full_name == "Đặng Thị Hoà"
        assert dossier.submitter_name == "Lê Văn Nộp"
        assert dossier.documents and all(line.received for line in dossier.documents)


def test_a_listed_paper_unticked_refuses_the_dossier_naming_the_papers(
    ready_store: tuple[Store, SignedIn], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, _ = ready_store
    with store.session() as session:
        from desktop.services.intake import find_procedure

        procedure = find_procedure(session, "1.004884")
        assert procedure is not None
        required = next(d.name for d in procedure.documents if d.required)
    data = _intake(
        papers=[{"name": required.upper(), "received": False}, {"name": "Giấy xác nhận cư trú", "copies": 1}]
    )
    assert _receive(store, tmp_path, json.dumps(data, ensure_ascii=False)) == 2
    err = capsys.readouterr().err
    assert "giấy tờ (papers)" in err and required in err
    assert _count(store) == 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"procedure_code": "1.004884",\n  "applicant": {"full_name": }}', "dòng 2, cột"),
        (json.dumps(_intake(applicant={"full_name": "Đặng Thị Hoà", "phone": 912})), "applicant.phone"),
        (json.dumps(_intake(sets_count=-1)), "số bộ hồ sơ"),
        (json.dumps(_intake(colour="red")), "colour"),
        (json.dumps(_intake(fees=[{"amount": 8000}])), "phí, lệ phí (fees): phải là một đối tượng JSON"),
        (json.dumps(_intake(fees={"method": "card"})), "hình thức thu phí (fees.method)"),
        (json.dumps(_intake(fees={"copies": -2})), "(fees.copies): phải là số nguyên từ 1 đến 999"),
        (json.dumps(_intake(fees={"copies": "2"})), "(fees.copies)"),
        (json.dumps(_intake(fees={"amount": 8000})), "fees.amount"),
        (json.dumps(_intake(procedure_code="9.999999")), "Không tìm thấy thủ tục"),
        (
            json.dumps(_intake(applicant={**_intake()["applicant"], "date_of_birth": "31/02/1991"})),
            "ngày sinh (applicant.date_of_birth)",
        ),
        (
            json.dumps(_intake(applicant={**_intake()["applicant"], "id_number": "123"})),
            "số định danh cá nhân (applicant.id_number)",
        ),
    ],
)
def test_bad_input_exits_2_naming_the_field_and_saves_nothing(
    ready_store: tuple[Store, SignedIn],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    expected: str,
) -> None:
    store, _ = ready_store
    assert _receive(store, tmp_path, content) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    assert _count(store) == 0


def test_a_10_mb_file_is_refused_unread(
    ready_store: tuple[Store, SignedIn], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, _ = ready_store
    assert _receive(store, tmp_path, b'{"notes": "' + b"x" * 10_000_000 + b'"}') == 2
    assert "1 MB" in capsys.readouterr().err
    assert _count(store) == 0


def test_fees_due_at_intake_are_collected_after_saving(
    ready_store: tuple[Store, SignedIn], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, _ = ready_store
    copies = _intake(procedure_code="2.000635", fees={"method": "cash", "copies": 3})  # 8.000 đ per copy
    assert _receive(store, tmp_path, json.dumps(copies, ensure_ascii=False)) == 0
    code, receipt = capsys.readouterr().out.splitlines()
    number, kind, amount = receipt.split("\t")
    assert (kind, amount) == ("Phí", "24.000") and number.startswith("01-")
    assert main(["--data-dir", str(store.profile.root), "dossiers", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["code"], row["fees_paid"]) == (code, 24_000)
    statement = main(["--data-dir", str(store.profile.root), "cash-statement"])
    assert statement == 0 and f"{number}\t{code}" in capsys.readouterr().out

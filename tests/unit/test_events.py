"""Typed events (`sync.events`): every kind reads back from the payload shape the services have always
stored and writes exactly that shape again; the hash covers the same bytes as in every earlier release;
old or unknown rows still load; and no code outside the events modules reads a payload by its keys."""

from __future__ import annotations

import ast
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.core.timeutil import VN_TZ
from desktop.services.demo import seed_demo
from desktop.store.engine import Store
from desktop.store.models import Event
from sync.events import (
    KINDS,
    ApologyIssued,
    AttachmentAdded,
    AttachmentRemoved,
    DueExtended,
    HandedOver,
    OtherEvent,
    Received,
    Refused,
    ResultReady,
    ResultReturned,
    Stopped,
    SupplementReceived,
    SupplementRequested,
    Withdrawn,
    content_fault,
    event_hash,
    read_event,
)

ROOT = Path(__file__).resolve().parents[2]
AT = "2026-11-30T09:00:00+07:00"
STATE = {"code": "H21.55.10-261130-0001", "status": "refused", "status_code": 3}

# one payload per kind, in the shape the services (and the demo) have always stored
FEE_LINE = {
    "position": 1, "fee_code": "P-CTCK", "name": "Phí chứng thực chữ ký", "kind": "phi", "basis": "per_case",
    "quantity": 1, "unit_amount": 10000, "amount": 10000, "timing": "before", "state": "due",
    "exemption_code": "", "exemption_ground": "", "method": "", "receipt_number": "",
}  # fmt: skip

STORED: dict[str, dict[str, Any]] = {
    "received": {
        "snapshot_version": 1,
        "dossier_id": "5f0e6a4c-1b2d-4e3f-8a9b-0c1d2e3f4a5b",
        "code": "H21.55.10-261130-0001",
        "unit_code": "H21.55.10",
        "procedure": {
            "code": "1.004884",
            "name": "Đăng ký khai sinh",
            "field": "Hộ tịch",
            "field_code": "HT",
        },
        "applicant": {
            "id": "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a",
            "kind": "person",
            "full_name": "Nguyễn Văn Mẫu",
            "id_number": "064091234567",
            "old_id_number": None,
            "id_issue_date": "2021-05-01",
            "date_of_birth": "1991-02-03",
            "gender": "male",
            "phone": "0912345678",
            "email": "",
            "address": "Thôn 1, xã Ia Grai",
            "province_code": "064",
            "ward_code": "",
        },  # fmt: skip
        "submitter": {"name": "", "id_number": "", "phone": ""},
        "documents": [
            {
                "position": 1,
                "name": "Tờ khai",
                "originals": 1,
                "copies": 0,
                "received": True,
                "procedure_document_id": 7,
                "procedure_document_code": "TK01",
                "missing_note": "",
                "attachments": [
                    {
                        "id": "a1",
                        "sha256": "ab" * 32,
                        "size": 10,
                        "pages": 1,
                        "mime": "application/pdf",
                        "profile": "text",
                        "source": "sane:test:0",
                    },
                ],
            },  # fmt: skip
        ],
        "documents_count": 1,
        "originals_total": 1,
        "copies_total": 0,
        "sets_count": 1,
        "submitted_at": AT,
        "received_at": AT,
        "due_at": "2026-12-07T09:00:00+07:00",
        "status": "received",
        "status_code": 2,
        "channel": "direct",
        "delivery": "counter",
        "delivery_address": "",
        "summary": "Đăng ký khai sinh",
        "notes": "",
        "fee_amount": None,
        "register_number": 1,
        "calendar_version": "vn-2026.11-1/h0.109",
        "time_rule": {"unit": "days", "amount": 5, "office_hours": [["07:30", "11:30"]]},
    },
    "supplement_requested": {
        **STATE,
        "status": "supplement_requested",
        "status_code": 5,
        "reason": "Thiếu giấy tờ",
        "missing": [{"position": 1, "name": "Tờ khai", "note": "Thiếu bản chính"}],
        "paused_at": AT,
        "previous_status": "received",
    },  # fmt: skip
    "supplement_received": {
        **STATE,
        "status": "received",
        "status_code": 2,
        "resumed_at": AT,
        "paused_at": AT,
        "documents_received": [1],
        "due_at": AT,
        "previous_due_at": AT,
        "calendar_version": "v",
        "note": "",
    },  # fmt: skip
    "refused": {**STATE, "reason": "Không thuộc thẩm quyền", "refused_at": AT, "previous_status": "received"},
    "stopped": {
        **STATE,
        "status": "stopped",
        "reason": "Dừng",
        "stopped_at": AT,
        "previous_status": "processing",
    },
    "withdrawn": {
        **STATE,
        "status": "withdrawn",
        "reason": "Rút",
        "withdrawn_at": AT,
        "previous_status": "received",
    },
    "rated": {
        "code": STATE["code"],
        "level": "dissatisfied",
        "reason": "Chờ lâu",
        "stage": "return",
        "source": "officer_screen",
        "rated_at": AT,
    },
    "corrected": {
        **STATE,
        "status": "received",
        "status_code": 2,
        "corrected_uuid": "0f0e6a4c-1b2d-4e3f-8a9b-0c1d2e3f4a5b",
        "corrected_seq": 2,
        "corrected_kind": "withdrawn",
        "reason": "Rút nhầm hồ sơ",
        "previous_status": "withdrawn",
        "corrected_at": AT,
    },
    "upstream_step": {
        **STATE,
        "status": "result_ready",
        "status_code": 9,
        "stepped_at": AT,
        "previous_status": "processing",
        "note": "Đã ký quyết định",
        "actor": "province",
    },
    "review_resolved": {
        **STATE,
        "status": "result_ready",
        "status_code": 9,
        "keep": "province",
        "previous_status": "withdrawn",
        "province_status": "result_ready",
        "review_note": "Tỉnh ghi 'Đã xử lý xong'; tại bộ phận một cửa hồ sơ đang ở 'Công dân yêu cầu rút hồ sơ'.",
        "note": "Công dân nhận kết quả",
        "resolved_at": AT,
    },
    "handed_over": {
        **STATE,
        "status": "processing",
        "status_code": 4,
        "handed_over_at": AT,
        "from_unit": "Bộ phận một cửa",
        "to_unit": "Công chức tư pháp - hộ tịch",
        "receiver": "",
    },  # fmt: skip
    "obligation_requested": {
        **STATE,
        "status": "financial_obligation",
        "status_code": 6,
        "requested_at": AT,
        "notice_number": "123/TB-CCT",
        "notice_date": "2026-10-05",
        "issuing_body": "Chi cục Thuế",
        "lines": [{"name": "Lệ phí trước bạ", "amount": 1250000}],
        "amount": 1250000,
        "pay_by": None,
        "previous_status": "processing",
    },
    "obligation_met": {
        **STATE,
        "status": "processing",
        "status_code": 4,
        "paid_at": AT,
        "amount": 1250000,
        "place": "Kho bạc",
        "document_number": "BL-1",
        "previous_status": "financial_obligation",
    },
    "due_extended": {**STATE, "reason": "Chờ xác minh", "previous_due_at": AT, "extended_due_at": AT},
    "apology_issued": {
        **STATE,
        "reason": "Chờ xác minh",
        "signer": "Chủ tịch UBND xã",
        "issued_at": AT,
        "missed_due_at": AT,
    },
    "result_ready": {
        **STATE,
        "status": "result_ready",
        "status_code": 9,
        "result_ready_at": AT,
        "previous_status": "processing",
    },
    "result_returned": {
        **STATE,
        "status": "returned",
        "status_code": 10,
        "returned_at": AT,
        "receiver": "",
        "previous_status": "result_ready",
    },
    "result_posted": {
        **STATE,
        "status": "returned",
        "status_code": 10,
        "posted_at": AT,
        "waybill": "EV123456789VN",
        "postal_staff": "",
        "previous_status": "result_ready",
    },
    "result_delivered": {**STATE, "status": "returned", "status_code": 10, "delivered_at": AT},
    "attachment_added": {
        "attachment_id": "a2",
        "document_line_id": 3,
        "document_line_position": 1,
        "sha256": "cd" * 32,
        "size": 99,
        "pages": 2,
        "mime": "application/pdf",
        "profile": "photo",
        "source": "import",
        "original_name": "to-khai.jpg",
    },  # fmt: skip
    "attachment_removed": {
        "attachment_id": "a2",
        "document_line_id": 3,
        "document_line_position": None,
        "sha256": "cd" * 32,
        "pages": 2,
        "original_name": "to-khai.jpg",
    },  # fmt: skip
    "fee_assessed": {
        "code": STATE["code"],
        "status": "received",
        "status_code": 2,
        "lines": [FEE_LINE],
        "assessed_at": AT,
        "catalogue_version": "2026.12-gialai-commune-1",
    },  # fmt: skip
    "fee_collected": {
        "code": STATE["code"],
        "status": "received",
        "status_code": 2,
        "lines": [{**FEE_LINE, "state": "collected", "method": "cash", "receipt_number": "01-261203-0001"}],
        "collected_at": AT,
        "method": "cash",
        "total": 10000,
        "receipts": [{"number": "01-261203-0001", "kind": "phi", "amount": 10000}],
    },  # fmt: skip
    "fee_exempted": {
        "code": STATE["code"],
        "status": "received",
        "status_code": 2,
        "lines": [{**FEE_LINE, "amount": 0, "state": "exempted", "exemption_code": "tt75_dieu4"}],
        "exempted_at": AT,
        "exemption_code": "tt75_dieu4",
        "ground": "Thông tư 75/2022/TT-BTC, Điều 4",
    },  # fmt: skip
}


def test_every_kind_has_a_stored_example() -> None:
    assert set(STORED) == set(KINDS)


@pytest.mark.parametrize("kind", sorted(STORED))
def test_each_kind_reads_its_stored_payload_and_writes_it_back_unchanged(kind: str) -> None:
    payload = json.loads(json.dumps(STORED[kind]))
    event = read_event(kind, payload)
    assert type(event) is KINDS[kind] and event.kind == kind
    assert event.to_payload() == payload
    assert read_event(kind, event.to_payload()) == event


def test_typed_attributes_are_the_stored_values() -> None:
    received = read_event("received", STORED["received"])
    assert isinstance(received, Received)
    assert (
        received.applicant.full_name == "Nguyễn Văn Mẫu" and received.documents[0].attachments[0].pages == 1
    )
    assert received.due_at == datetime(2026, 12, 7, 9, 0, tzinfo=VN_TZ)
    refused = read_event("refused", STORED["refused"])
    assert isinstance(refused, Refused) and refused.at == datetime(2026, 11, 30, 9, 0, tzinfo=VN_TZ)
    assert isinstance(read_event("handed_over", STORED["handed_over"]), HandedOver)


def test_writers_build_the_stored_shape() -> None:
    at = datetime(2026, 11, 30, 9, 0, tzinfo=VN_TZ)
    built = {
        "refused": Refused.closing(at, **STATE, reason="Không thuộc thẩm quyền", previous_status="received"),
        "stopped": Stopped.closing(at, **{**STATE, "status": "stopped"}, reason="Dừng", previous_status="processing"),
        "withdrawn": Withdrawn.closing(at, **{**STATE, "status": "withdrawn"}, reason="Rút", previous_status="received"),
        "due_extended": DueExtended(**STATE, reason="Chờ xác minh", previous_due_at=at, extended_due_at=at),
        "apology_issued": ApologyIssued(**STATE, reason="Chờ xác minh", signer="Chủ tịch UBND xã", issued_at=at,
                                        missed_due_at=at),
        "result_ready": ResultReady(**{**STATE, "status": "result_ready", "status_code": 9}, result_ready_at=at,
                                    previous_status="processing"),
        "result_returned": ResultReturned(**{**STATE, "status": "returned", "status_code": 10}, returned_at=at,
                                          receiver="", previous_status="result_ready"),
        "supplement_received": SupplementReceived(
            **{**STATE, "status": "received", "status_code": 2}, resumed_at=at, paused_at=at,
            documents_received=[1], due_at=at, previous_due_at=at, calendar_version="v", note="",
        ),
    }  # fmt: skip
    for kind, event in built.items():
        assert event.to_payload() == STORED[kind], kind
    assert SupplementRequested.kind == "supplement_requested"
    assert {AttachmentAdded.kind, AttachmentRemoved.kind} <= set(KINDS)


def test_a_writer_cannot_misname_a_field() -> None:
    with pytest.raises(TypeError, match="handed_over_att"):
        HandedOver.written(**STATE, handed_over_att=AT)
    with pytest.raises(TypeError, match="reson"):
        Refused.closing(datetime(2026, 11, 30, 9, 0, tzinfo=VN_TZ), **STATE, reson="x")


def test_the_hash_covers_the_bytes_of_every_earlier_release() -> None:
    """A vector computed by the release before typed events: stores written then still verify."""
    uuid = "0b7d1c2e-8f3a-4c5d-9e6f-7a8b9c0d1e2f"
    payload = {
        **STATE,
        "reason": "Không thuộc thẩm quyền của xã",
        "refused_at": AT,
        "previous_status": "received",
    }
    expected = "1134dfebf9badb693eedd29af9aa4306e855b7a369f4e0a9575d831a84e87d19"
    assert event_hash("ab" * 32, uuid, 2, "refused", payload) == expected
    event = Refused.closing(
        datetime(2026, 11, 30, 9, 0, tzinfo=VN_TZ), **STATE, reason="Không thuộc thẩm quyền của xã",
        previous_status="received",
    )  # fmt: skip
    assert event_hash("ab" * 32, uuid, 2, event.kind, event.to_payload()) == expected
    assert content_fault("ab" * 32, uuid, 2, "refused", payload, expected) is None
    fault = content_fault("ab" * 32, uuid, 2, "refused", {**payload, "reason": "khác"}, expected)
    assert fault is not None and fault.field == "hash" and "không khớp" in fault.reason


def test_unknown_kinds_and_rows_that_no_longer_fit_load_as_they_are() -> None:
    newer = read_event("rated_by_kiosk", {"stars": 5})
    assert newer == OtherEvent("rated_by_kiosk", {"stars": 5}) and newer.to_payload() == {"stars": 5}
    odd = read_event("refused", {"reason": ["not", "text"]})
    assert isinstance(odd, OtherEvent) and odd.to_payload() == {"reason": ["not", "text"]}
    extra = read_event("handed_over", {**STORED["handed_over"], "from_a_newer_client": 1})
    assert isinstance(extra, HandedOver) and extra.to_payload()["from_a_newer_client"] == 1


def test_every_demo_event_reads_back_to_its_stored_payload(ready_store: tuple[Store, object]) -> None:
    store, _ = ready_store
    seed_demo(store, 120)
    with store.session() as session:
        rows = session.scalars(select(Event)).all()
        kinds = {row.type for row in rows}
        for row in rows:
            event = read_event(row.type, row.payload)
            assert not isinstance(event, OtherEvent), row.type
            assert event.to_payload() == row.payload
            assert event_hash(row.prev_hash, row.uuid, row.seq, row.type, row.payload) == row.hash
    assert {"received", "handed_over", "result_returned"} <= kinds


# --- nobody reads a payload by its keys outside the events modules ------------------------------------

# reading `.payload` (a stored row's, a wire event's) is for these only: the typed reader, the hash
# check on the server, putting the stored bytes on the wire, handing a pushed event's payload to
# `sync.events.blob_hashes` for the scans the server lacks, and storing a step made upstream as it came
# (`sync.client.changes`: read through `read_event`, hashed and kept unchanged) or another workstation's
# chain as it came (`sync.client.unit_dossiers`: each hash recomputed, read through `read_event`, kept)
PAYLOAD_READERS = {
    "sync/events.py",
    "desktop/store/events.py",
    "sync/server/ingest.py",
    "sync/server/tus.py",
    "sync/client/records.py",
    "sync/client/changes.py",
    "sync/client/unit_dossiers.py",
}


def _offences(source: str, name: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        target = node.value if isinstance(node, ast.Subscript) else None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
            target = node.func.value
        named = (isinstance(target, ast.Name) and target.id == "payload") or (
            isinstance(target, ast.Attribute) and target.attr == "payload"
        )
        if named:
            found.append(f"{name}:{node.lineno} reads a payload by key")
        elif isinstance(node, ast.Attribute) and node.attr == "payload" and name not in PAYLOAD_READERS:
            found.append(f"{name}:{node.lineno} reads .payload")
    return found


def test_no_code_reads_an_event_payload_by_its_keys() -> None:
    files = {
        p.relative_to(ROOT).as_posix(): p for top in ("desktop", "sync") for p in (ROOT / top).rglob("*.py")
    }
    offences = [
        o
        for name, p in sorted(files.items())
        if name != "sync/events.py"
        for o in _offences(p.read_text("utf-8"), name)
    ]
    assert offences == []


def test_the_payload_check_finds_a_key_read() -> None:
    source = 'def f(e, payload):\n    return e.payload["reason"], e.payload.get("x"), payload["y"]\n'
    assert len(_offences(source, "desktop/services/x.py")) == 5
    assert len(_offences(source, "sync/client/records.py")) == 3

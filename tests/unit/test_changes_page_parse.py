"""A `GET /changes` page parsed item by item by its `kind` (`ChangesPage._by_kind`) types every item as the
plain union of the item models does, and the NUL/surrogate/NaN/depth check's quick path (`_clean`) refuses
and lets through what the value-by-value walk does."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, get_args

import pytest
from pydantic import TypeAdapter

from sync.common.timeutil import VN_TZ
from sync.common.wire_values import MAX_DEPTH, refuse_nul, walk
from sync.events import UpstreamStep
from sync.protocol import ChangesPage, OtherChange, StepChange, UpstreamEvent

AT = datetime(2026, 12, 7, 9, 30, tzinfo=VN_TZ)
UNION: TypeAdapter[Any] = TypeAdapter(get_args(ChangesPage.model_fields["items"].annotation)[0])


def _step(code: str) -> dict[str, Any]:
    body = UpstreamStep.written(
        code=code, status="result_ready", status_code=9, previous_status="processing", note="Đã ký"
    )
    event = UpstreamEvent(uuid=str(uuid.uuid4()), type=body.kind, occurred_at=AT, payload=body.to_payload())
    item = StepChange(dossier_code=code, status_code=9, note="Đã ký", at=AT, event=event)
    return item.model_dump(mode="json")


def _items() -> list[dict[str, Any]]:
    broken = _step("H21.55.10-261207-0003")
    del broken["event"]
    nul = _step("H21.55.10-261207-0002")
    nul["event"]["payload"]["note"] = "bad\x00note"  # a NUL: not a step, kept as the union keeps it
    return [
        _step("H21.55.10-261207-0001"),
        nul,
        broken,
        {"kind": "calendar", "version": "2027", "years": [2027], "schedule": {"days": []}},
        {"kind": "calendar", "version": "", "years": [], "schedule": {}},  # a malformed calendar
        {"kind": "unit_settings", "unit": "H21.55.10", "office_hours": "07:30-11:30"},
        {"kind": "from_a_newer_server", "anything": [1, 2]},
    ]


def test_a_page_types_each_item_as_the_union_does() -> None:
    items = _items()
    page = ChangesPage.model_validate({"items": items, "next_cursor": "7"})
    alone = [UNION.validate_python(item) for item in items]
    assert [type(item) for item in page.items] == [type(item) for item in alone]
    assert [item.model_dump() for item in page.items] == [item.model_dump() for item in alone]
    assert isinstance(page.items[0], StepChange) and isinstance(page.items[6], OtherChange)
    assert [type(item).__name__ for item in page.items[1:3]] == ["OtherChange", "OtherChange"]


def test_a_page_over_the_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="at most 500"):
        ChangesPage.model_validate({"items": [_step("H21.55.10-261207-0001")] * 501, "next_cursor": "1"})


def _nested(depth: int, leaf: Any, as_list: bool = False) -> Any:
    value = leaf
    for _ in range(depth):
        value = [value] if as_list else {"k": value}
    return value


@pytest.mark.parametrize(
    "value",
    [
        {"a": "x\x00"},
        {"a\x00": 1},
        {"a": "\ud800"},
        {"a": float("nan")},
        {"a": [1.5, float("-inf")]},
        {"a": "\\u0000 is text here"},
        {"a": "Nguyễn Văn A", "b": [1, 2.5, None, True]},
        {1: "a key that is not text"},
        {"a": (1, "x\x00")},
        {"a": {1, 2}},
        {"a": {}},
        *(_nested(n, "x") for n in range(MAX_DEPTH - 2, MAX_DEPTH + 3)),
        *(_nested(n, [], as_list=True) for n in range(MAX_DEPTH - 2, MAX_DEPTH + 3)),
        _nested(300, 1, as_list=True),
    ],
)
def test_the_quick_check_refuses_what_the_walk_refuses(value: Any) -> None:
    for depth in (-1, 0, 1, 3):  # -1: a model's own fields checked at once (`_no_nul`)
        said = []
        for check in (refuse_nul, walk):
            try:
                check(value, depth)
                said.append("")
            except ValueError as exc:
                said.append(str(exc))
        assert said[0] == said[1]

"""The shipped procedure catalogue (domain §7) and loading a catalogue version into the store."""

from __future__ import annotations

import copy
from datetime import date, time
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.core.errors import ValidationError
from desktop.store.catalogue import (
    active_procedures,
    active_version,
    ensure_catalogue,
    load_catalogue,
    read_catalogue,
)
from desktop.store.engine import Store
from desktop.store.models import CatalogueVersion, Procedure

# The commune-level procedures of the domain reference, §7.
DOMAIN_CODES = {
    "1.001193", "1.000894", "1.000656", "1.004884", "1.000419", "1.003583", "1.004746", "1.004837",
    "1.001022", "2.000635", "2.000908", "2.000815", "2.000884", "2.001019", "1.004194", "1.004222",
    "1.001612",
}  # fmt: skip


def test_shipped_catalogue_has_every_domain_procedure_with_its_time_fee_papers_and_result() -> None:
    data = read_catalogue()
    assert data["version"] and date.fromisoformat(data["effective_from"])
    by_code = {item["code"]: item for item in data["procedures"]}
    assert DOMAIN_CODES <= set(by_code)
    for code in DOMAIN_CODES:
        item = by_code[code]
        assert item["name"] and item["field"] and item["result"] and item["fee_text"] and item["time_text"], (
            code
        )
        assert item["time_unit"] in ("days", "hours", "sameday"), code
        if item["time_unit"] == "sameday":
            assert time.fromisoformat(item["cutoff"]) == time(15, 0), code
        else:
            assert item["time_amount"] > 0, code
        assert item["documents"], code
        for doc in item["documents"]:
            assert doc["name"] and doc["originals"] >= 0 and doc["copies"] >= 0, code
    # as the domain reference has them
    assert by_code["1.004194"]["time_amount"] == 7 and by_code["1.004194"]["fee_amount"] == 20000
    assert by_code["2.000635"]["time_unit"] == "sameday" and by_code["2.000635"]["fee_amount"] == 8000
    assert by_code["2.001019"]["time_amount"] == 2 and by_code["2.001019"]["fee_amount"] == 50000


def test_first_run_loads_it_once(store: Store) -> None:
    with store.transaction() as session:
        first = ensure_catalogue(session)
    with store.transaction() as session:
        assert ensure_catalogue(session).id == first.id
        procedures = {p.code: p for p in active_procedures(session)}
        assert set(procedures) == {item["code"] for item in read_catalogue()["procedures"]}
        birth = procedures["1.001193"]
        assert (birth.time_unit, birth.cutoff, birth.fee_amount) == ("sameday", time(15, 0), 0)
        assert [(d.originals, d.copies) for d in birth.documents][:2] == [(1, 0), (1, 0)]
        assert session.scalar(select(func.count()).select_from(CatalogueVersion)) == 1


def test_a_newer_version_replaces_the_active_one(store: Store) -> None:
    newer = copy.deepcopy(read_catalogue())
    newer["version"] = "2027.01-gialai-commune-1"
    newer["procedures"] = [p for p in newer["procedures"] if p["code"] != "1.001612"]
    with store.transaction() as session:
        ensure_catalogue(session)
        load_catalogue(session, newer, source="server")
    with store.session() as session:
        version = active_version(session)
        assert version is not None and (version.version, version.source) == (newer["version"], "server")
        assert "1.001612" not in {p.code for p in active_procedures(session)}


def _broken(change: str) -> dict[str, Any]:
    data = copy.deepcopy(read_catalogue())
    data["version"] = "broken-1"
    first = next(p for p in data["procedures"] if p["code"] == "1.001193")  # a verified one
    if change == "unit":
        first["time_unit"] = "weeks"
    elif change == "copies":
        first["documents"][0]["copies"] = -1
    elif change == "cutoff":
        first["cutoff"] = "3pm"
    elif change == "duplicate":
        data["procedures"].append(copy.deepcopy(first))
    elif change == "name":
        first["name"] = "  "
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("unit", "đơn vị thời hạn 'weeks'"),
        ("copies", "số bản chính/bản sao"),
        ("cutoff", "giờ tiếp nhận cuối '3pm'"),
        ("duplicate", "mã thủ tục bị trùng"),
        ("name", "thiếu mã hoặc tên thủ tục"),
    ],
)
def test_a_malformed_catalogue_is_refused_and_nothing_is_saved(
    store: Store, change: str, message: str
) -> None:
    with store.transaction() as session:
        ensure_catalogue(session)
    with pytest.raises(ValidationError, match=message) as raised, store.transaction() as session:
        load_catalogue(session, _broken(change), source="server")
    assert str(raised.value).startswith("Danh mục thủ tục không hợp lệ (thủ tục 1.001193)")
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(CatalogueVersion)) == 1
        assert active_version(session).version == read_catalogue()["version"]  # type: ignore[union-attr]
        assert session.scalar(select(func.count()).select_from(Procedure)) == len(
            read_catalogue()["procedures"]
        )


def _one(**fields: Any) -> dict[str, Any]:
    item = {"code": "9.999001", "name": "Thủ tục thử", "field": "Thử", "documents": []}
    return {"version": "t-unconfirmed", "procedures": [{**item, **fields}]}


def test_an_unconfirmed_time_limit_loads_without_a_number_and_computes_no_appointment(store: Store) -> None:
    from desktop.core.appointment import ProcessingTime, UnconfirmedTimeLimit

    data = _one(time_confirmed=False, time_amount=None, time_unit=None, time_text="1",
                provenance={"source": "test", "decision": "1/QĐ-TEST", "national_code": "9.999001"},
                documents=[{"name": "Căn cước", "originals": 0, "copies": 0, "shown": True}])  # fmt: skip
    with store.transaction() as session:
        load_catalogue(session, data)
    with store.transaction() as session:
        [procedure] = active_procedures(session)
        assert not procedure.time_confirmed and procedure.time_unit == ""
        assert procedure.details["provenance"]["decision"] == "1/QĐ-TEST"
        assert procedure.documents[0].shown
        with pytest.raises(UnconfirmedTimeLimit, match="chưa xác nhận"):
            ProcessingTime.from_procedure(procedure)


def test_an_unconfirmed_time_limit_with_a_number_is_refused() -> None:
    from desktop.store.catalogue import validate_catalogue

    with pytest.raises(ValidationError, match="chưa xác nhận"):
        validate_catalogue(_one(time_confirmed=False, time_amount=1, time_unit="days"))


def test_an_update_brings_its_shipped_catalogue_at_the_next_sign_in_unless_the_province_sent_one(
    ready_store: tuple[Store, Any],
) -> None:
    from sqlalchemy import update

    from desktop.services.accounts import sign_in
    from desktop.store import settings
    from desktop.store.catalogue import refresh_shipped
    from desktop.store.models import Dossier
    from tests.conftest import DEMO_SETUP
    from tests.factories import make_dossier

    store, _ = ready_store
    shipped = read_catalogue()
    with store.transaction() as session:  # as if an older release had shipped this profile's catalogue
        session.execute(update(CatalogueVersion).values(version="2026.06-older-release"))
        settings.put(session, settings.SHIPPED_CATALOGUE, "digest of the older file")
        old = make_dossier(session, procedure_code="1.001193").code
    sign_in(store, DEMO_SETUP.username, DEMO_SETUP.password)
    with store.transaction() as session:
        version = active_version(session)
        assert version is not None and version.version == shipped["version"]
        assert len(active_procedures(session)) == len(shipped["procedures"])
        dossier = session.scalars(select(Dossier).where(Dossier.code == old)).one()
        assert dossier.procedure.catalogue_version_id != version.id  # received under the older one
        assert refresh_shipped(session) is None  # once

    with store.transaction() as session:  # a province's version: the installer's never overtakes it
        newest = update(CatalogueVersion).where(CatalogueVersion.version == shipped["version"])
        session.execute(newest.values(source="server", version="province-1"))
        settings.put(session, settings.SHIPPED_CATALOGUE, "digest of the older file")
        assert refresh_shipped(session) is None
        assert active_version(session).version == "province-1"  # type: ignore[union-attr]


def test_a_paper_only_shown_at_the_counter_is_listed_and_printed_as_such() -> None:
    from desktop.services.intake_lookup import DocumentTemplate

    card = DocumentTemplate(1, "Căn cước của người đi đăng ký", 0, 0, True, "", shown=True)
    said = DocumentTemplate(2, "Giấy tờ tùy thân (xuất trình)", 0, 0, True, "", shown=True)
    kept = DocumentTemplate(3, "Tờ khai", 1, 0, True, "")
    assert [t.paper_name for t in (card, said, kept)] == [
        "Căn cước của người đi đăng ký (xuất trình)",
        "Giấy tờ tùy thân (xuất trình)",
        "Tờ khai",
    ]

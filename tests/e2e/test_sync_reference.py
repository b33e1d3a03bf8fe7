"""Catalogue and calendar from the province (issue 20, Deliver 5): published with `motcua-server admin
publish-catalogue|publish-calendar` (and the unit's settings with `set-unit-settings`), they come down with `motcua sync` against the server on loopback and
apply on their dates; a broken fee line, a past year, an item for another unit are refused with a reason."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.services.accounts import SignedIn
from desktop.services.intake import find_procedure, receive_dossier
from desktop.services.unit_settings import load_unit_settings
from desktop.store.catalogue import read_catalogue
from desktop.store.engine import Store
from desktop.store.models import Dossier, Procedure
from sync.server.cli import main as server_main
from sync.server.models import ServerChange
from sync.server.publish import announce, calendar_change
from sync.server.store import ServerStore
from tests.clock import Clock
from tests.sync_helpers import UNIT_CODE, LoopbackServer, MemoryKeyring, enrol_store, make_draft

PROCEDURE = "1.004884"  # 5 working days, 3 papers in the shipped catalogue
NEW_PAPER = "Giấy tờ chứng minh nơi cư trú (mới)"
CALENDAR_2027 = {
    "version": "gl-2027.01-1",
    "years": [2027],
    "exceptions": [{"day": "2027-01-05", "kind": "off", "reason": "Nghỉ hoán đổi (thử nghiệm)"}],
}


def catalogue(version: str, effective: str, fee: int = 8000) -> dict[str, object]:
    data = read_catalogue()
    data.update(version=version, effective_from=effective)
    for item in data["procedures"]:
        if item["code"] == PROCEDURE:
            item["time_amount"] = 3
            item["documents"].append({"name": NEW_PAPER, "originals": 1, "copies": 0})
            item["fees"][0]["amount"] = fee
    return data


def write(path: Path, data: object) -> str:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def procedure_now(store: Store) -> tuple[float, int]:
    with store.session() as session:
        found = find_procedure(session, PROCEDURE)
        assert found is not None
        return found.time_amount, len(found.documents)


@pytest.mark.parametrize("backend_url", ["sqlite"], indirect=True)
def test_a_new_catalogue_and_next_years_calendar_come_down_and_apply_on_their_dates(
    ready_store: tuple[Store, SignedIn],
    e2e_server: LoopbackServer,
    memory_keyring: MemoryKeyring,
    backend_url: str,
    backend_store: ServerStore,
    clock: Clock,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from desktop.cli import main

    clock.set(datetime(2026, 12, 3, 9, 30))
    store, officer = ready_store
    enrol_store(store, e2e_server.url)
    before = receive_dossier(store, officer, make_draft(store, 1, PROCEDURE))
    db = ["--db", backend_url, "admin"]
    good = write(tmp_path / "v2.json", catalogue("2027.01-gialai-2", "2027-01-04"))
    broken = write(tmp_path / "bad.json", catalogue("2027.01-gialai-3", "2027-01-04", fee=-5))
    assert server_main([*db, "publish-catalogue", good]) == 0
    assert server_main([*db, "publish-catalogue", broken]) == 0  # the server checks the shape only
    assert server_main([*db, "publish-calendar", write(tmp_path / "cal.json", CALENDAR_2027)]) == 0
    hours = ["set-unit-settings", "--unit", UNIT_CODE, "--office-hours", "07:00-11:00,13:00-17:00"]
    assert server_main([*db, *hours]) == 0
    assert server_main([*db, "set-unit-settings", "--unit", UNIT_CODE, "--lookup-url", "ftp://tra-cuu"]) == 0
    past = dict(CALENDAR_2027, version="gl-2025.01-1", years=[2025], exceptions=[])
    assert server_main([*db, "publish-calendar", write(tmp_path / "past.json", past)]) == 2
    assert "năm 2025 đã qua" in capsys.readouterr().err
    with backend_store.transaction() as session:  # what a faulty or newer server could still send
        unit_id = backend_store.unit_by_code(session, UNIT_CODE).id
        body = calendar_change(CALENDAR_2027).model_dump(mode="json")
        stale = {**body, "version": past["version"], "years": [2025], "schedule": past}
        session.add(ServerChange(unit_id=unit_id, kind="calendar", body=stale))
        session.add(ServerChange(unit_id=unit_id, kind="calendar", body={**body, "unit": "H21.55.99"}))

    capsys.readouterr()
    assert main(["--data-dir", str(store.profile.root), "sync"]) == 0
    out = capsys.readouterr().out
    assert "Đã nhận từ tỉnh: danh mục thủ tục 2027.01-gialai-2 (hiệu lực từ 04/01/2027)" in out
    assert "Đã nhận từ tỉnh: lịch làm việc gl-2027.01-1 (năm 2027)" in out
    assert "Đã nhận từ tỉnh: thông tin đơn vị (giờ làm việc 07:00-11:00,13:00-17:00)" in out
    assert "Thay đổi từ tỉnh bị bỏ qua: 4" in out
    assert "Thông tin đơn vị tỉnh gửi về không được nạp: Địa chỉ tra cứu phải bắt đầu bằng http" in out
    assert load_unit_settings(store).office_hours == "07:00-11:00,13:00-17:00"
    assert "Danh mục thủ tục 2027.01-gialai-3 không được nạp" in out and "mức thu của khoản" in out
    assert "năm 2025 đã qua" in out and "gửi cho đơn vị H21.55.99" in out
    assert procedure_now(store) == (5, 3)  # not yet in force: the intake offers the old version

    assert main(["--data-dir", str(store.profile.root), "sync"]) == 0  # nothing new the second time
    assert "Đã nhận từ tỉnh" not in capsys.readouterr().out

    clock.set(datetime(2027, 1, 4, 9, 0))  # Monday, the new version's first day
    assert procedure_now(store) == (3, 4)
    after = receive_dossier(store, officer, make_draft(store, 2, PROCEDURE))
    with store.session() as session:
        old, new = (session.get(Dossier, d.id) for d in (before, after))
        assert old is not None and new is not None
        versions = {
            d.code: session.scalar(
                select(Procedure.catalogue_version_id).where(Procedure.id == d.procedure_id)
            )
            for d in (old, new)
        }
        assert versions[old.code] != versions[new.code]  # the earlier dossier keeps its version
        assert old.due_at == before.due_at
        # 3 working days from Monday 04/01/2027 with Tuesday 05/01 off by the new calendar: Friday
        assert new.due_at is not None and new.due_at.date() == date(2027, 1, 8)
        assert "gl-2027.01-1" in new.calendar_version


def test_publishing_checks_the_file_and_reaches_every_unit(
    backend_url: str,
    backend_store: ServerStore,
    clock: Clock,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    clock.set(datetime(2026, 12, 3, 9, 30))  # 2027 still to come
    backend_store.create_unit("H21.55.11", "Xã khác")
    db = ["--db", backend_url, "admin"]
    assert (
        server_main([*db, "publish-catalogue", write(tmp_path / "v.json", catalogue("v-2", "2027-01-04"))])
        == 0
    )
    assert "cho 2 đơn vị" in capsys.readouterr().out
    assert server_main([*db, "publish-catalogue", write(tmp_path / "n.json", {"version": "x"})]) == 2
    assert "effective_from" in capsys.readouterr().err
    assert server_main([*db, "set-unit-settings", "--unit", UNIT_CODE]) == 2  # nothing to change
    assert "--office-hours" in capsys.readouterr().err
    assert (
        server_main([*db, "publish-calendar", write(tmp_path / "c.json", CALENDAR_2027), "--unit", UNIT_CODE])
        == 0
    )
    with backend_store.transaction() as session:
        rows = session.execute(select(ServerChange.kind, ServerChange.body["unit"].as_string())).all()
        assert sorted((kind, unit) for kind, unit in rows) == [
            ("calendar", UNIT_CODE),
            ("catalogue_version", None),
            ("catalogue_version", None),
        ]
        with pytest.raises(Exception, match="Không có đơn vị"):
            announce(session, calendar_change(CALENDAR_2027), "H99")

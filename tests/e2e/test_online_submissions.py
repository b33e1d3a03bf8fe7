"""Online submissions come down to the counter (issue 20, Deliver 4), against the reference server on
loopback: `motcua-server admin submit-online` places one, the pull makes it a local dossier in status 1 with
its files, the officer accepts (status 2, appointment from acceptance) or refuses it (form 03), and the
decision reaches the server; the same item twice is applied once, another unit's never comes, a broken
file refuses its submission with a reason and the rest is applied."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.core.appointment import ProcessingTime, compute_due
from desktop.core.worklists import Worklist
from desktop.scan.blobstore import BlobStore
from desktop.services.accounts import SignedIn
from desktop.services.worklists import load_worklist
from desktop.store.calendar_repo import calendar_for, office_hours_of
from desktop.store.engine import Store
from desktop.store.models import Attachment, Dossier, Event, SyncRun
from sync.client import changes
from sync.client.config import put_state
from sync.engine import PassResult, SyncEngine
from sync.server.blobstore import FileBlobStorage
from sync.server.cli import main as server_main
from sync.server.models import ServerDossier
from sync.server.online import submit_online
from sync.server.store import ServerStore
from tests.pdfcheck import pdf_text
from tests.sync_helpers import CLIENT_RETRY, UNIT_CODE, LoopbackServer, MemoryKeyring, enrol_store
from tests.unit.test_online_intake import APPLICANT

PAPER = b"%PDF-1.4 to khai cua cong dan\n"


@pytest.fixture
def counter(
    ready_store: tuple[Store, SignedIn], e2e_server: LoopbackServer, memory_keyring: MemoryKeyring
) -> tuple[Store, SignedIn]:
    store, officer = ready_store
    enrol_store(store, e2e_server.url)
    return store, officer


def submission(name: str = "Đặng Thị Hoà", **more: Any) -> dict[str, Any]:
    return {
        "procedure_code": "1.004884",
        "applicant": {**APPLICANT, "full_name": name},
        **more,
    }


def sync(store: Store) -> PassResult:
    return SyncEngine(store, policy=CLIENT_RETRY).run_pass("cli")


def local(store: Store, code: str) -> Dossier | None:
    with store.session() as session:
        found = session.scalars(select(Dossier).where(Dossier.code == code)).first()
        if found is not None:
            session.expunge(found)
        return found


def held(server: ServerStore, code: str) -> ServerDossier:
    with server.transaction() as session:
        found = session.scalars(select(ServerDossier).where(ServerDossier.code == code)).one()
        session.expunge(found)
        return found


def test_an_online_submission_is_accepted_at_the_counter_and_reaches_the_server_as_received(
    counter: tuple[Store, SignedIn],
    backend_url: str,
    backend_store: ServerStore,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from desktop.cli import main

    store, officer = counter
    (tmp_path / "to-khai.pdf").write_bytes(PAPER)
    (tmp_path / "online.json").write_text(
        json.dumps(submission(files=[{"path": "to-khai.pdf"}]), ensure_ascii=False), encoding="utf-8"
    )
    server = ["--db", backend_url, "--blob-dir", str(tmp_path / "server-blobs")]  # the loopback server's
    assert (
        server_main([*server, "admin", "submit-online", "--unit", UNIT_CODE, str(tmp_path / "online.json")])
        == 0
    )
    code = capsys.readouterr().out.split()[7]
    assert re.fullmatch(
        rf"{re.escape(UNIT_CODE)}-\d{{6}}-0001", code
    )  # the province's number, the unit's format

    assert main(["--data-dir", str(store.profile.root), "sync"]) == 0
    assert "Hồ sơ nộp trực tuyến chờ tiếp nhận: 1" in capsys.readouterr().out
    waiting = local(store, code)
    assert waiting is not None
    assert (waiting.status, waiting.status_code, waiting.channel, waiting.due_at) == (
        "registered",
        1,
        "online",
        None,
    )
    assert [row.code for row in load_worklist(store, Worklist.ONLINE_WAITING).rows] == [code]
    assert main(["--data-dir", str(store.profile.root), "worklist", "online-waiting", "--json"]) == 0
    assert [(r["code"], r["days_waiting"]) for r in json.loads(capsys.readouterr().out)] == [(code, 0)]
    sha = hashlib.sha256(PAPER).hexdigest()
    with store.session() as session:  # the file is here: the officer checks it offline
        assert session.scalars(
            select(Attachment.sha256).where(Attachment.dossier_id == waiting.id)
        ).all() == [sha]
        assert (
            session.scalar(select(func.count()).select_from(Event).where(Event.dossier_id == waiting.id)) == 0
        )
    assert BlobStore(store.profile.attachments_dir).read(sha) == PAPER

    receipt = tmp_path / "phieu-01.pdf"
    assert (
        main(["--data-dir", str(store.profile.root), "dossier", "accept", code, "--receipt", str(receipt)])
        == 0
    )
    assert "Được tiếp nhận" in capsys.readouterr().out and code in pdf_text(receipt.read_bytes())
    with store.session() as session:  # form 01 from the acceptance: the appointment counted from it
        accepted = session.scalars(select(Dossier).where(Dossier.code == code)).one()
        assert (accepted.status, accepted.officer_id) == ("received", officer.officer_id)
        rule = ProcessingTime.from_procedure(accepted.procedure)
        hours = office_hours_of(accepted.unit)
        assert accepted.due_at == compute_due(accepted.received_at, rule, calendar_for(session), hours)
        due = accepted.due_at
    assert not load_worklist(store, Worklist.ONLINE_WAITING).rows
    assert sync(store).all_acknowledged
    province = held(backend_store, code)
    assert province.status_code == 2 and province.record["KenhThucHien"] == 2
    assert province.record["NgayHenTra"] == due.strftime("%Y%m%d%H%M%S")
    assert backend_store.report(UNIT_CODE)["rejected_events"] == 0

    with store.transaction() as session:  # the same page delivered again: applied once
        put_state(session, changes.CURSOR, "")
    again = sync(store)
    assert (again.outcome, again.received, again.received_refused) == ("ok", 0, 0)
    assert local(store, code).status == "received"  # type: ignore[union-attr]


def test_a_refusal_prints_form_03_and_another_unit_or_a_broken_file_never_comes(
    counter: tuple[Store, SignedIn], backend_store: ServerStore, tmp_path: Path
) -> None:
    from desktop.cli import main

    store, _officer = counter
    storage = FileBlobStorage(tmp_path / "server-blobs")
    backend_store.create_unit("H21.55.11", "Xã khác")
    (tmp_path / "a.pdf").write_bytes(PAPER)
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4 ban sao hong\n")
    broken = submit_online(
        backend_store, storage, UNIT_CODE, submission("Lê Văn Hỏng", files=[{"path": "b.pdf"}]), tmp_path
    )
    other = submit_online(backend_store, storage, "H21.55.11", submission("Người Xã Khác"), tmp_path)
    refused = submit_online(
        backend_store, storage, UNIT_CODE, submission(files=[{"path": "a.pdf"}]), tmp_path
    )
    target = storage.root / broken.files[0].sha256[:2] / broken.files[0].sha256[2:4] / broken.files[0].sha256
    os.chmod(target, 0o644)
    target.write_bytes(b"%PDF-1.4 altered on the way\n")  # its bytes no longer match its hash

    pulled = sync(store)
    assert (pulled.received, pulled.received_online, pulled.received_refused) == (1, 1, 1)
    assert local(store, broken.dossier_code) is None and local(store, other.dossier_code) is None
    with store.session() as session:
        run = session.scalars(select(SyncRun).order_by(SyncRun.id.desc())).first()
        assert run is not None and f"Hồ sơ trực tuyến {broken.dossier_code}: tệp đính kèm" in run.message

    letter_pdf = tmp_path / "mau-03.pdf"
    reason = "Hồ sơ không thuộc thẩm quyền của xã"
    base = ["--data-dir", str(store.profile.root), "dossier"]
    assert main([*base, "refuse", refused.dossier_code, "--reason", reason, "--letter", str(letter_pdf)]) == 0
    assert local(store, refused.dossier_code).status_code == 3  # type: ignore[union-attr]
    assert main([*base, "accept", refused.dossier_code]) == 2  # refused: no longer waiting
    letter = pdf_text(letter_pdf.read_bytes())
    assert "TỪ CHỐI" in letter.upper() and reason in letter
    assert sync(store).all_acknowledged
    assert held(backend_store, refused.dossier_code).status_code == 3
    assert held(backend_store, broken.dossier_code).status_code == 1  # still waiting, never taken
    assert backend_store.report(UNIT_CODE)["rejected_events"] == 0

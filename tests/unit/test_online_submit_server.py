"""`motcua-server admin submit-online` (issue 20, Deliver 4): the dossier placed in status 1 with its files in
the blob store, its item in the unit's feed only, and bad input refused before anything is written."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import requests

from sync.protocol import API_PREFIX, ChangesPage, OnlineSubmissionChange
from sync.server.blobstore import FileBlobStorage
from sync.server.cli import main as server_main
from sync.server.store import ServerStore
from tests.sync_helpers import OFFICER, PASSWORD, UNIT_CODE, loopback_server


def test_submit_online_places_a_registered_dossier_and_its_files_for_the_unit_only(
    server_store: ServerStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server_store.create_unit("H21.55.11", "Xã khác")
    server_store.create_officer("H21.55.11", "canbo.khac", PASSWORD)
    (tmp_path / "cccd.pdf").write_bytes(b"%PDF-1.4 cccd\n")
    draft = {
        "procedure_code": "1.004884",
        "applicant": {"full_name": "Đặng Thị Hoà"},
        "files": [{"path": "cccd.pdf", "paper": "Tờ khai"}],
    }
    (tmp_path / "ok.json").write_text(json.dumps(draft, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "bad.json").write_text(
        json.dumps({**draft, "files": [{"path": "nowhere.pdf"}]}), encoding="utf-8"
    )
    (tmp_path / "odd.json").write_text(json.dumps({**draft, "colour": "red"}), encoding="utf-8")
    db = ["--db", server_store.url, "--blob-dir", str(tmp_path / "blobs")]
    for name, why in (("bad.json", "nowhere.pdf"), ("odd.json", "colour: trường không được hỗ trợ")):
        assert server_main([*db, "admin", "submit-online", "--unit", UNIT_CODE, str(tmp_path / name)]) == 2
        assert why in capsys.readouterr().err
    assert server_main([*db, "admin", "submit-online", "--unit", UNIT_CODE, str(tmp_path / "ok.json")]) == 0
    assert "Đã đặt hồ sơ nộp trực tuyến" in capsys.readouterr().out
    mine = server_store.enrol(OFFICER, PASSWORD, "quay-1").token
    theirs = server_store.enrol("canbo.khac", PASSWORD, "quay-khac").token
    sha = hashlib.sha256(b"%PDF-1.4 cccd\n").hexdigest()
    with (
        loopback_server(server_store, blobs=FileBlobStorage(tmp_path / "blobs")) as server,
        requests.Session() as http,
    ):

        def get(token: str, path: str) -> requests.Response:
            return http.get(
                f"{server.url}{API_PREFIX}{path}", headers={"Authorization": f"Bearer {token}"}, timeout=10
            )

        [item] = ChangesPage.model_validate(get(mine, "/changes").json()).items
        assert ChangesPage.model_validate(get(theirs, "/changes").json()).items == []
        assert get(mine, f"/blobs/sha256/{sha}").content == b"%PDF-1.4 cccd\n"
        assert get(theirs, f"/blobs/sha256/{sha}").status_code == 404  # another unit's file
    assert isinstance(item, OnlineSubmissionChange)
    assert item.dossier_code.startswith(f"{UNIT_CODE}-") and item.draft["channel"] == "online"
    assert [(f.sha256, f.paper, f.name) for f in item.files] == [(sha, "Tờ khai", "cccd.pdf")]
    report = server_store.report(UNIT_CODE)
    assert report["events"] == 0  # the chain starts with the counter's decision

"""The server's tus routes on the wire, with plain requests: what a client that gets things wrong is told,
and that nothing but a verified scan is ever kept; plus the client's chunk sizes."""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

import pytest
import requests

from sync.client.scans import ChunkSizer
from sync.protocol import MAX_BLOB_BYTES
from sync.server.store import ServerStore
from tests.sync_helpers import OFFICER, PASSWORD, UNIT_CODE, LoopbackServer

DATA = os.urandom(40_000)
SHA = hashlib.sha256(DATA).hexdigest()


@pytest.fixture
def tus(sync_server: LoopbackServer, server_store: ServerStore) -> requests.Session:
    token = server_store.enrol(OFFICER, PASSWORD, "may-thu").token
    session = requests.Session()
    session.headers.update({"Authorization": f"Bearer {token}", "Tus-Resumable": "1.0.0"})
    session.base_url = sync_server.url + "/api/v1/blobs"  # type: ignore[attr-defined]
    return session


def url(session: requests.Session, path: str) -> str:
    return str(session.base_url) + path  # type: ignore[attr-defined]


def meta(**values: str) -> str:
    return ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in values.items())


def create(session: requests.Session, data: bytes = DATA, sha: str = SHA, **extra: str) -> requests.Response:
    headers = {"Upload-Length": str(len(data)), "Upload-Metadata": meta(sha256=sha, **extra)}
    return session.post(url(session, "/"), headers=headers, timeout=10)


def patch(
    session: requests.Session, offset: int, chunk: bytes, checksum: str | None = None
) -> requests.Response:
    headers = {"Content-Type": "application/offset+octet-stream", "Upload-Offset": str(offset)}
    if checksum is not None:
        headers["Upload-Checksum"] = checksum
    return session.patch(url(session, f"/uploads/{SHA}"), data=chunk, headers=headers, timeout=10)


def sha1(chunk: bytes) -> str:
    return "sha1 " + base64.b64encode(hashlib.sha1(chunk).digest()).decode()


def blob_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and "partial" not in p.parts] if root.exists() else []


def test_options_says_what_the_server_speaks(tus: requests.Session) -> None:
    answer = tus.options(url(tus, "/"), timeout=10)
    assert answer.status_code == 204
    assert answer.headers["Tus-Version"] == "1.0.0"
    assert answer.headers["Tus-Extension"] == "creation,checksum"
    assert answer.headers["Tus-Checksum-Algorithm"] == "sha1,sha256"
    assert int(answer.headers["Tus-Max-Size"]) == MAX_BLOB_BYTES


def test_only_enrolled_devices_and_tus_clients_may_upload(tus: requests.Session) -> None:
    anonymous = requests.post(
        url(tus, "/"), headers={"Tus-Resumable": "1.0.0", "Upload-Length": "1"}, timeout=10
    )
    assert anonymous.status_code == 401
    assert requests.head(url(tus, f"/sha256/{SHA}"), timeout=10).status_code == 401
    old = tus.post(url(tus, "/"), headers={"Tus-Resumable": "0.2.2"}, timeout=10)
    assert old.status_code == 412 and old.headers["Tus-Version"] == "1.0.0"


def test_a_scan_goes_up_in_chunks_each_checked_and_is_kept_once_verified(
    tus: requests.Session, server_store: ServerStore, tmp_path: Path
) -> None:
    assert tus.head(url(tus, f"/sha256/{SHA}"), timeout=10).status_code == 404
    created = create(tus, filetype="application/pdf")
    assert created.status_code == 201 and created.headers["Upload-Offset"] == "0"
    assert created.headers["Location"].endswith(f"/blobs/uploads/{SHA}")
    first = patch(tus, 0, DATA[:16384], sha1(DATA[:16384]))
    assert first.status_code == 204 and first.headers["Upload-Offset"] == "16384"
    flipped = bytes([DATA[16384] ^ 1]) + DATA[16385:32768]
    refused = patch(tus, 16384, flipped, sha1(DATA[16384:32768]))
    assert refused.status_code == 460  # corrupted on the way: not kept
    offset = tus.head(url(tus, f"/uploads/{SHA}"), timeout=10)
    assert offset.headers["Upload-Offset"] == "16384" and offset.headers["Upload-Length"] == str(len(DATA))
    assert patch(tus, 0, DATA[:100]).status_code == 409  # not where the server is
    assert patch(tus, 16384, DATA[16384:32768], "md5 xyz").status_code == 400
    sha256 = "sha256 " + base64.b64encode(hashlib.sha256(DATA[16384:32768]).digest()).decode()
    assert patch(tus, 16384, DATA[16384:32768], sha256).status_code == 204
    assert blob_files(tmp_path / "server.blobs") == []  # nothing kept before the whole scan is there
    last = patch(tus, 32768, DATA[32768:], sha1(DATA[32768:]))
    assert last.status_code == 204 and last.headers["Upload-Offset"] == str(len(DATA))
    [kept] = blob_files(tmp_path / "server.blobs")
    assert kept.name == SHA and kept.read_bytes() == DATA
    assert tus.head(url(tus, f"/sha256/{SHA}"), timeout=10).status_code == 200  # "already have it"
    assert tus.get(url(tus, f"/sha256/{SHA}"), timeout=10).content == DATA
    again = create(tus)
    assert again.status_code == 201 and again.headers["Upload-Offset"] == str(len(DATA))
    report = server_store.report(UNIT_CODE)
    assert (report["attachments"], report["attachment_bytes"]) == (1, len(DATA))


def test_a_whole_scan_that_does_not_match_its_hash_is_deleted_and_refused(
    tus: requests.Session, server_store: ServerStore, tmp_path: Path
) -> None:
    other = os.urandom(len(DATA))
    assert create(tus).status_code == 201
    answer = tus.patch(
        url(tus, f"/uploads/{SHA}"),
        data=other,
        headers={"Content-Type": "application/offset+octet-stream", "Upload-Offset": "0"},
        timeout=10,
    )
    assert answer.status_code == 422 and "không khớp" in answer.json()["detail"]
    assert blob_files(tmp_path / "server.blobs") == []
    assert not any((tmp_path / "server.blobs" / "partial").iterdir())
    assert tus.head(url(tus, f"/uploads/{SHA}"), timeout=10).status_code == 404
    assert server_store.report(UNIT_CODE)["attachments"] == 0


def test_too_large_wrong_type_and_bad_metadata_are_answered_clearly(tus: requests.Session) -> None:
    huge = tus.post(
        url(tus, "/"),
        headers={"Upload-Length": str(MAX_BLOB_BYTES + 1), "Upload-Metadata": meta(sha256=SHA)},
        timeout=10,
    )
    assert huge.status_code == 413 and "quá lớn" in huge.json()["detail"]
    exe = create(tus, filetype="application/x-msdownload")
    assert exe.status_code == 415 and "không nhận tệp loại" in exe.json()["detail"]
    assert create(tus, sha="not-a-hash").status_code == 400
    assert tus.post(url(tus, "/"), headers={"Upload-Length": "10"}, timeout=10).status_code == 400


def test_chunks_follow_the_measured_throughput_within_bounds() -> None:
    sizer = ChunkSizer()
    assert sizer.current == 64 * 1024
    sizer.measured(64 * 1024, 2.0)  # 32 KB/s (a 256 kbit/s link): about 4 s a chunk
    assert sizer.current == 128 * 1024
    sizer.measured(128 * 1024, 16.0)  # slower now: 8 KB/s
    assert sizer.current == 32 * 1024
    sizer.failed()
    assert sizer.current == 16 * 1024
    sizer.failed()
    assert sizer.current == 16 * 1024  # never below the floor
    for _ in range(10):
        sizer.measured(sizer.current, 0.001)  # loopback: grows by at most 4x a chunk, up to the cap
    assert sizer.current == 4 * 1024 * 1024
    sizer.measured(1000, 10.0)  # a short last chunk says little about the link
    assert sizer.current == 4 * 1024 * 1024


def test_an_upload_with_every_byte_but_never_checked_is_checked_by_an_empty_last_chunk(
    tus: requests.Session, tmp_path: Path
) -> None:
    """As after a full disk when the file was being put in place: the bytes are all there, unchecked."""
    assert create(tus).status_code == 201
    (tmp_path / "server.blobs" / "partial" / SHA).write_bytes(DATA)
    assert tus.head(url(tus, f"/sha256/{SHA}"), timeout=10).status_code == 404
    assert tus.head(url(tus, f"/uploads/{SHA}"), timeout=10).headers["Upload-Offset"] == str(len(DATA))
    done = patch(tus, len(DATA), b"", sha1(b""))
    assert done.status_code == 204 and done.headers["Upload-Offset"] == str(len(DATA))
    assert [p.name for p in blob_files(tmp_path / "server.blobs")] == [SHA]
    assert tus.head(url(tus, f"/sha256/{SHA}"), timeout=10).status_code == 200

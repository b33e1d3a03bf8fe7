"""The server's tus routes on the wire, with plain requests: what a client that gets things wrong is told,
and that nothing but a verified scan is ever kept; plus the client's chunk sizes."""

from __future__ import annotations

import base64
import hashlib
import os
import socket
import time
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from sync.client.scans import ChunkSizer
from sync.protocol import MAX_BLOB_BYTES
from sync.server.cli import main as server_main
from sync.server.store import ServerStore
from tests.clock import Clock
from tests.sync_helpers import OFFICER, PASSWORD, UNIT_CODE, LoopbackServer, loopback_server

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
    assert answer.headers["Tus-Extension"] == "creation,creation-with-upload,checksum,expiration"
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


def test_the_first_chunk_may_come_with_the_creation_and_is_checked_like_any_other(
    tus: requests.Session, tmp_path: Path
) -> None:
    def create_with(chunk: bytes, checksum: str, data: bytes = DATA, sha: str = SHA) -> requests.Response:
        headers = {
            "Upload-Length": str(len(data)),
            "Upload-Metadata": meta(sha256=sha),
            "Content-Type": "application/offset+octet-stream",
            "Upload-Checksum": checksum,
        }
        return tus.post(url(tus, "/"), data=chunk, headers=headers, timeout=10)

    corrupted = create_with(b"!" + DATA[1:16384], sha1(DATA[:16384]))
    assert corrupted.status_code == 201 and corrupted.headers["Upload-Offset"] == "0"  # not kept
    first = create_with(DATA[:16384], sha1(DATA[:16384]))
    assert first.status_code == 201 and first.headers["Upload-Offset"] == "16384"
    assert first.headers["Location"].endswith(f"/blobs/uploads/{SHA}")
    again = create_with(DATA[:16384], sha1(DATA[:16384]))  # bytes already there: the body is ignored
    assert again.headers["Upload-Offset"] == "16384"
    assert tus.head(url(tus, f"/uploads/{SHA}"), timeout=10).headers["Upload-Offset"] == "16384"
    whole = os.urandom(30_000)
    sha = hashlib.sha256(whole).hexdigest()
    done = create_with(whole, sha1(whole), whole, sha)  # a text page: the whole scan in one request
    assert done.status_code == 201 and done.headers["Upload-Offset"] == str(len(whole))
    assert done.headers["Location"].endswith(f"/blobs/sha256/{sha}")
    assert [p.read_bytes() for p in blob_files(tmp_path / "server.blobs")] == [whole]
    assert not (tmp_path / "server.blobs" / "partial" / sha).exists()  # kept at once, never partial
    liar = os.urandom(30_000)  # a whole body that is not the scan it names: not kept
    refused = create_with(liar, sha1(liar), liar, hashlib.sha256(b"other").hexdigest())
    assert refused.status_code == 201 and refused.headers["Upload-Offset"] == "0"
    assert len(blob_files(tmp_path / "server.blobs")) == 1


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


def cut_patch(session: requests.Session, offset: int, chunk: bytes, arrived: int, checksum: str = "") -> None:
    """A PATCH whose link drops after `arrived` bytes of its `chunk` (a raw socket: requests sends all)."""
    target = urlsplit(url(session, f"/uploads/{SHA}"))
    headers = {
        **session.headers,
        "Host": str(target.netloc),
        "Content-Type": "application/offset+octet-stream",
        "Upload-Offset": str(offset),
        "Content-Length": str(len(chunk)),
        **({"Upload-Checksum": checksum} if checksum else {}),
    }
    head = f"PATCH {target.path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    with socket.create_connection((str(target.hostname), int(target.port or 80))) as sock:
        sock.sendall(head.encode() + b"\r\n" + chunk[:arrived])


def server_offset(session: requests.Session, wanted: int) -> int:
    """The upload's offset on the server once it is `wanted` (the server handles a cut when it sees it)."""
    deadline = time.monotonic() + 5
    while True:
        offset = int(session.head(url(session, f"/uploads/{SHA}"), timeout=10).headers["Upload-Offset"])
        if offset == wanted or time.monotonic() > deadline:
            return offset
        time.sleep(0.02)


def test_a_chunk_cut_on_the_way_keeps_what_arrived_unless_it_carried_a_checksum(
    tus: requests.Session, tmp_path: Path
) -> None:
    assert create(tus).status_code == 201
    cut_patch(tus, 0, DATA[:16384], 6000, sha1(DATA[:16384]))  # checksummed: all or nothing
    cut_patch(tus, 0, DATA[:16384], 10_000)  # tus core: the bytes that arrived are kept
    assert server_offset(tus, 10_000) == 10_000
    assert blob_files(tmp_path / "server.blobs") == []  # kept as a partial upload, not as a scan
    assert patch(tus, 10_000, DATA[10_000:]).status_code == 204  # goes on from there
    [kept] = blob_files(tmp_path / "server.blobs")
    assert kept.read_bytes() == DATA


def test_an_upload_left_unfinished_expires_after_seven_days_and_its_bytes_are_removed(
    tus: requests.Session, clock: Clock, tmp_path: Path
) -> None:
    partial = tmp_path / "server.blobs" / "partial" / SHA
    clock.set(datetime(2026, 12, 3, 9, 30))  # Vietnam time: 02:30 UTC
    created = create(tus)
    assert created.headers["Upload-Expires"] == "Thu, 10 Dec 2026 02:30:00 GMT"
    first = patch(tus, 0, DATA[:16384], sha1(DATA[:16384]))
    assert first.headers["Upload-Expires"] == created.headers["Upload-Expires"]  # counted from creation
    clock.advance(timedelta(days=7, seconds=-1))
    held = tus.head(url(tus, f"/uploads/{SHA}"), timeout=10)
    assert held.status_code == 200 and held.headers["Upload-Offset"] == "16384"
    clock.advance(timedelta(seconds=1))
    assert tus.head(url(tus, f"/uploads/{SHA}"), timeout=10).status_code == 410
    assert not partial.exists()  # its bytes are gone with it
    assert patch(tus, 16384, DATA[16384:32768]).status_code == 404
    again = create(tus)  # the workstation starts it again, from 0, for 7 more days
    assert again.status_code == 201 and again.headers["Upload-Offset"] == "0"
    assert again.headers["Upload-Expires"] == "Thu, 17 Dec 2026 02:30:00 GMT"

    assert patch(tus, 0, DATA[:16384], sha1(DATA[:16384])).status_code == 204
    clock.advance(timedelta(days=8))
    other = os.urandom(1000)
    assert create(tus, other, hashlib.sha256(other).hexdigest()).status_code == 201
    assert not partial.exists()  # an abandoned upload goes when the next one is created, untouched itself


def test_the_upload_expiry_is_a_serve_option(
    server_store: ServerStore, tus: requests.Session, clock: Clock, tmp_path: Path
) -> None:
    from sync.server.cli import build_parser

    options = build_parser().parse_args(["--upload-expiry", "1.5"])
    assert options.upload_expiry == timedelta(hours=1.5)
    assert build_parser().parse_args([]).upload_expiry == timedelta(days=7)
    clock.set(datetime(2026, 12, 3, 9, 30))
    with loopback_server(server_store, upload_max_age=options.upload_expiry) as server:
        tus.base_url = server.url + "/api/v1/blobs"  # type: ignore[attr-defined]
        assert create(tus).headers["Upload-Expires"] == "Thu, 03 Dec 2026 04:00:00 GMT"
        clock.advance(timedelta(hours=2))
        assert tus.head(url(tus, f"/uploads/{SHA}"), timeout=10).status_code == 410


def test_purge_uploads_removes_those_older_than_asked_and_says_what_it_freed(
    tus: requests.Session,
    server_store: ServerStore,
    clock: Clock,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    clock.set(datetime(2026, 12, 1, 9, 0))
    assert create(tus).status_code == 201
    assert patch(tus, 0, DATA[:16384], sha1(DATA[:16384])).status_code == 204
    clock.set(datetime(2026, 12, 3, 8, 0))
    recent = os.urandom(30_000)
    recent_sha = hashlib.sha256(recent).hexdigest()
    assert create(tus, recent, recent_sha).status_code == 201
    partial = tmp_path / "server.blobs" / "partial"
    (partial / ("e" * 64)).write_bytes(b"x" * 8192)  # no upload refers to it (a creation that failed)
    clock.set(datetime(2026, 12, 3, 9, 0))
    db = str(server_store.engine.url)
    assert server_main(["--db", db, "admin", "purge-uploads", "--older-than", "24"]) == 0
    assert capsys.readouterr().out == "Đã xoá 2 lượt tải bản số hoá bỏ dở, giải phóng 24 KB (24576 byte).\n"
    assert sorted(p.name for p in partial.iterdir()) == [recent_sha]  # the default folder, beside the db
    assert tus.head(url(tus, f"/uploads/{SHA}"), timeout=10).status_code == 404
    assert tus.head(url(tus, f"/uploads/{recent_sha}"), timeout=10).status_code == 200
    elsewhere = tmp_path / "shared-scans"
    (elsewhere / "partial").mkdir(parents=True)
    (elsewhere / "partial" / recent_sha).write_bytes(b"y" * 100)
    args = ["--db", db, "admin", "--blob-dir", str(elsewhere), "purge-uploads", "--older-than", "0"]
    assert server_main(args) == 0
    assert capsys.readouterr().out == "Đã xoá 1 lượt tải bản số hoá bỏ dở, giải phóng 1 KB (100 byte).\n"
    assert not any((elsewhere / "partial").iterdir())
    assert sorted(p.name for p in partial.iterdir()) == [recent_sha]  # another folder: not touched

"""The store encrypted with SQLCipher (`desktop.store.cipher`): a profile with a store key keeps no
applicant in clear in its database, plain sqlite3 cannot open it, and everything that reads the file
(the store, the peek before sign-in, `motcua doctor`, migrations' backups, backup and restore) still does;
a plain profile is converted in place, a conversion killed half-way leaves the data readable, and a locked
keyring asks for the recovery key."""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import keyring
import pytest
from keyring.backends import null

from desktop import cli
from desktop.core.errors import StoreLockedError, ValidationError
from desktop.services import backup, restore, store_key
from desktop.services.credentials import SignedIn
from desktop.store import cipher, migrations
from desktop.store.engine import Store, encrypt, open_store
from desktop.store.faults import last_verified_backup
from desktop.store.peek import peek
from desktop.store.profile import Profile
from desktop.store.queries import count_dossiers, fetch_page
from tests.factories import make_dossier
from tests.sync_helpers import MemoryKeyring

NAME = "Lường Thị Bích Ngọc"
ID_NUMBER = "064191234599"
REPO = Path(__file__).resolve().parents[2]


def _clear_in(path: Path) -> list[bytes]:
    data = path.read_bytes()
    return [s for s in (NAME.encode(), b"Luong Thi Bich Ngoc".lower(), ID_NUMBER.encode()) if s in data]


def _encrypt(root: Path, progress: list[float] | None = None) -> None:
    """What the GUI does at start, before its store opens."""
    assert encrypt(Profile(root), progress.append if progress is not None else None)


def _names(store: Store, search: str = "") -> list[str]:
    with store.session() as session:
        return [row.applicant_name for row in fetch_page(session, 0, 50, search)]


@pytest.fixture
def keyed(ready_store: tuple[Store, SignedIn], memory_keyring: MemoryKeyring) -> tuple[Path, str]:
    """A set-up profile with a dossier, given its store key, closed: its root and recovery key."""
    store, _ = ready_store
    with store.transaction() as session:
        make_dossier(session, NAME, id_number=ID_NUMBER)
    recovery = store_key.create_store_key(store.profile)
    root = store.profile.root
    store.close()
    return root, recovery


def test_a_profile_with_a_store_key_is_encrypted_and_still_works(keyed: tuple[Path, str]) -> None:
    root, _ = keyed
    db = root / "motcua.sqlite3"
    assert _clear_in(db)  # plain until the next start
    progress: list[float] = []
    _encrypt(root, progress)
    assert progress[-1] == 1.0 and cipher.is_encrypted(db)
    (before,) = (root / "backups").glob("motcua-v*.sqlite3")  # the backup made first, encrypted too
    assert cipher.is_encrypted(before) and last_verified_backup(root / "backups") is not None
    store = open_store(root)
    try:
        assert _names(store, "bich ngoc") == [NAME]  # FTS5 search, folded
        with store.transaction() as session:  # writes (and the day_figures triggers) go on
            make_dossier(session, "Phạm Văn Thử")
        with store.session() as session:
            assert count_dossiers(session) == 2
    finally:
        store.close()
    for path in [*root.glob("motcua.sqlite3*"), before]:
        assert not _clear_in(path), path
    with pytest.raises(sqlite3.DatabaseError), sqlite3.connect(db) as plain:
        plain.execute("SELECT count(*) FROM sqlite_master").fetchall()
    state = peek(store.profile)  # read before the ORM, with the key
    assert state.ready and state.current and state.unit_name == "Xã Ia Grai"


def test_backups_restore_and_doctor_read_the_encrypted_store(
    keyed: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, recovery = keyed
    _encrypt(root)
    store = open_store(root)
    try:
        copy = migrations.backup(store.profile.db_path, store.profile.backups_dir, migrations.LATEST)
        assert cipher.is_encrypted(copy) and last_verified_backup(store.profile.backups_dir) is not None
        made = backup.create_backup(store, tmp_path, store_key.load_store_key(store.profile)).path
    finally:
        store.close()
    assert cli.main(["--data-dir", str(root), "doctor", "--quick"]) == 0, capsys.readouterr()
    keyring.set_keyring(null.Keyring())  # another PC: the recovery key only
    store_key.forget_unlocked()  # nor has this process unlocked it
    target = tmp_path / "restored"
    restore.restore_backup(made, target, recovery)
    assert cipher.is_encrypted(target / "motcua.sqlite3")
    restored = open_store(target)
    try:
        assert _names(restored) == [NAME]
    finally:
        restored.close()


def test_a_locked_keyring_asks_for_the_recovery_key(
    keyed: tuple[Path, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root, recovery = keyed
    _encrypt(root)
    cipher.forget(root)
    keyring.set_keyring(null.Keyring())
    store_key.forget_unlocked()  # nor has this process unlocked it
    with pytest.raises(ValidationError, match="khoá khôi phục"):
        open_store(root)
    assert cli.main(["--data-dir", str(root), "dossiers", "--json"]) == 2  # a command: the message, no trace
    assert "motcua --recovery-key-stdin" in capsys.readouterr().err  # and how to give it
    monkeypatch.setattr(sys, "stdin", io.StringIO(recovery + "\n"))
    assert cli.main(["--data-dir", str(root), "--recovery-key-stdin", "dossiers", "--json"]) == 0
    assert NAME in capsys.readouterr().out  # any command opens it with the recovery key on stdin
    cipher.forget(root)
    store_key.forget_unlocked()
    monkeypatch.setattr(sys, "stdin", io.StringIO(recovery + "\n"))
    args = ["--data-dir", str(root), "backup", "create", "--to", str(tmp_path), "--recovery-key-stdin"]
    assert cli.main(args) == 0, capsys.readouterr().err
    cipher.forget(root)
    store_key.unlock_profile(Profile(root), recovery)  # what the GUI's prompt does
    store = open_store(root)
    try:
        assert _names(store) == [NAME]
    finally:
        store.close()
        cipher.forget(root)


def test_a_store_open_in_another_program_is_converted_at_a_later_start(keyed: tuple[Path, str]) -> None:
    root, _ = keyed
    db = root / "motcua.sqlite3"
    code = (  # another program with the profile open, idle (e.g. a scheduled `motcua sync` between reads)
        "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1]); c.execute('SELECT 1 FROM dossiers')"
        ".fetchall(); print('open', flush=True); time.sleep(60)"
    )
    other = subprocess.Popen([sys.executable, "-c", code, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "open"
        with pytest.raises(StoreLockedError):
            cipher.encrypt_in_place(db, os.urandom(32))
        assert not encrypt(Profile(root))  # no error: plain until a later start
        assert not cipher.is_encrypted(db) and not db.with_name(db.name + cipher.ENCRYPTING).exists()
    finally:
        other.kill()
        other.communicate()
    _encrypt(root)


def test_a_conversion_killed_half_way_leaves_the_data_readable(keyed: tuple[Path, str]) -> None:
    root, _ = keyed
    db = root / "motcua.sqlite3"
    with sqlite3.connect(db) as conn:  # enough pages for the conversion to report progress midway
        conn.execute("CREATE TABLE ballast (x BLOB)")
        conn.executemany("INSERT INTO ballast VALUES (randomblob(200))", [()] * 5000)
    conn.close()
    code = (
        "import sys, time; from pathlib import Path; from desktop.store import cipher\n"
        "def stop(done):\n"
        "    if done > 0.05: print('midway', flush=True); time.sleep(60)\n"
        "cipher.encrypt_in_place(Path(sys.argv[1]), bytes(32), stop)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(db)], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "midway"
        assert (root / ("motcua.sqlite3" + cipher.ENCRYPTING)).exists()
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate()
    assert not cipher.is_encrypted(db)  # the plain file, whole
    store = open_store(root)
    try:
        assert _names(store) == [NAME]
    finally:
        store.close()
    _encrypt(root)  # the next start converts again
    store = open_store(root)
    try:
        assert cipher.is_encrypted(db) and _names(store) == [NAME]
    finally:
        store.close()
    assert not (root / ("motcua.sqlite3" + cipher.ENCRYPTING)).exists()


def _count(db: Path, key: bytes) -> int:
    conn = cipher.connect(db, "mode=ro", key=key)
    try:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        return int(conn.execute("SELECT count(*) FROM dossiers").fetchone()[0])
    finally:
        conn.close()


def test_an_encrypted_store_is_copied_as_it_is_and_consistent_while_written(
    keyed: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The backups' snapshot of an encrypted file: its bytes once the WAL is checkpointed (no page decrypted
    and encrypted again), one consistent state while another connection keeps writing, and SQLite's
    backup API when a reader holds the WAL back."""
    root, _ = keyed
    _encrypt(root)
    db = root / "motcua.sqlite3"
    key = cipher.profile_key(root)
    assert key is not None
    store = open_store(root)
    try:
        with store.transaction() as session:  # frames in the WAL: the copy checkpoints them first
            make_dossier(session, "Hà Văn Mạnh")
        first = tmp_path / "first.sqlite3"
        migrations.online_copy(db, first)
        assert first.read_bytes() == db.read_bytes() and _count(first, key) == 2  # as it is, both dossiers

        stop = threading.Event()
        as_it_is: list[bool] = []
        checkpointed = migrations._copy_checkpointed

        def spy(*args: object) -> bool:
            as_it_is.append(checkpointed(*args))  # type: ignore[arg-type]
            return as_it_is[-1]

        def keep_writing() -> None:
            while not stop.is_set():
                with store.transaction() as session:
                    make_dossier(session, "Đinh Thị Thu")
                time.sleep(0.01)

        monkeypatch.setattr(migrations, "_copy_checkpointed", spy)
        writer = threading.Thread(target=keep_writing)
        writer.start()
        try:
            counts = []
            for n in range(30):  # until both ways were taken while the writer wrote
                copy = tmp_path / f"copy-{n}.sqlite3"
                migrations.online_copy(db, copy)  # as it is, or (the WAL busy) by the backup API
                counts.append(_count(copy, key))  # a whole state: it opens and checks
                if n >= 2 and any(as_it_is):
                    break
        finally:
            stop.set()
            writer.join()
        assert any(as_it_is) and counts == sorted(counts) and counts[0] >= 2
        monkeypatch.undo()

        reader = cipher.connect(db)  # a reader of the WAL's frames holds the checkpoint back
        try:
            with store.transaction() as session:
                make_dossier(session, "Lò Văn Pọm")
            reader.execute("BEGIN")
            reader.execute("SELECT count(*) FROM dossiers").fetchone()
            fallback = tmp_path / "fallback.sqlite3"
            migrations.online_copy(db, fallback)
            assert fallback.read_bytes() != db.read_bytes()  # pages encrypted anew by the backup API
            with store.session() as session:
                now = count_dossiers(session, "")
            assert cipher.is_encrypted(fallback) and _count(fallback, key) == now
        finally:
            reader.close()
    finally:
        store.close()

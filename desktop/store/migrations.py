"""Ordered schema migrations of the local store, keyed by SQLite's `PRAGMA user_version`.

Written by hand rather than with Alembic because the local store is only ever SQLite, must upgrade inside a
frozen PyInstaller bundle without a script folder, and needs exactly three things Alembic leaves to us
anyway: back up the file before migrating, run each step in one transaction together with the version
bump, and refuse a database newer than the code. (The provincial server, which does run on PostgreSQL,
creates its schema itself.)

A new database is created from the current models and stamped with the latest version; an existing one
runs the missing steps in order. Step 1 is the released first schema as literal DDL (`schema_v1`), never
today's models, so the steps replayed from an empty file also give today's schema.
`tests/unit/test_migrations.py` checks that every path gives the same schema. To change the schema: edit
the models, append a step to `STEPS`, never edit a released step.
"""

from __future__ import annotations

import functools
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, Engine, text

from desktop.core.errors import StorageError
from desktop.core.timeutil import now_local
from desktop.store import cipher, day_figures
from desktop.store.list_keys import list_values
from desktop.store.models import Base
from desktop.store.profile import Profile
from desktop.store.schema_v1 import STATEMENTS as SCHEMA_V1

# SQL run after the tables exist: full-text search over the folded search column, kept in step by triggers.
SEARCH_DDL = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS dossier_fts USING fts5("
    "search_text, content='dossiers', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS dossiers_fts_ai AFTER INSERT ON dossiers BEGIN "
    "INSERT INTO dossier_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS dossiers_fts_ad AFTER DELETE ON dossiers BEGIN "
    "INSERT INTO dossier_fts(dossier_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS dossiers_fts_au AFTER UPDATE OF search_text ON dossiers BEGIN "
    "INSERT INTO dossier_fts(dossier_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); "
    "INSERT INTO dossier_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END",
    # Events are append-only: the store itself refuses to delete or rewrite history.
    "CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events BEGIN "
    "SELECT RAISE(ABORT, 'events are append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS events_no_rewrite BEFORE UPDATE OF uuid, dossier_id, seq, type, payload, "
    "hash, prev_hash ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END",
    # The indicators' per-day summary and the triggers that keep it (`desktop.store.day_figures`).
    *day_figures.DDL,
]


@functools.cache
def _current_ddl() -> tuple[str, ...]:
    """The models' tables and indexes as SQLite DDL, compiled once per process (what `create_all` emits on
    an empty database; compiling it took about 25 ms per new store, paid hundreds of times by the tests)."""
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.schema import CreateIndex, CreateTable

    dialect = sqlite.dialect()
    statements: list[str] = []
    for table in Base.metadata.sorted_tables:
        statements.append(str(CreateTable(table).compile(dialect=dialect)))
        statements.extend(str(CreateIndex(index).compile(dialect=dialect)) for index in table.indexes)
    return tuple(statements)


def _create_current(conn: Connection) -> None:
    for statement in (*_current_ddl(), *SEARCH_DDL):
        conn.exec_driver_sql(statement)


def _schema_v1(conn: Connection) -> None:
    """Schema 1, as released."""
    for statement in SCHEMA_V1:
        conn.exec_driver_sql(statement)


_BATCH = 5000


def _list_columns(conn: Connection) -> None:
    """Schema 2: the list sorts by each column and finds the submitter. Adds the applicant's, submitter's
    and procedure's collation keys with their indexes (and indexes on status and appointment), and
    recomputes every row's keys and, where a submitter was recorded, its search text."""
    for column in ("applicant_key", "submitter_key", "procedure_key"):
        conn.exec_driver_sql(f"ALTER TABLE dossiers ADD COLUMN {column} VARCHAR(200) DEFAULT '' NOT NULL")
    last = 0
    while True:
        rows = conn.exec_driver_sql(
            "SELECT d.rowid, d.code, a.full_name, a.id_number, a.phone, p.code, p.name, d.submitter_name, "
            "d.submitter_id_number, d.submitter_phone, d.search_text FROM dossiers AS d "
            "JOIN applicants AS a ON a.id = d.applicant_id JOIN procedures AS p ON p.id = d.procedure_id "
            "WHERE d.rowid > ? ORDER BY d.rowid LIMIT ?",
            (last, _BATCH),
        ).all()
        if not rows:
            break
        keys, texts = [], []
        for rowid, code, name, id_number, phone, p_code, p_name, s_name, s_id, s_phone, search in rows:
            values = list_values(
                code=code,
                applicant_name=name,
                id_number=id_number,
                phone=phone,
                procedure_code=p_code,
                procedure_name=p_name,
                submitter_name=s_name,
                submitter_id_number=s_id,
                submitter_phone=s_phone,
            )
            keys.append((values["applicant_key"], values["submitter_key"], values["procedure_key"], rowid))
            if values["search_text"] != search:  # only these go through the full-text trigger
                texts.append((values["search_text"], rowid))
        conn.exec_driver_sql(
            "UPDATE dossiers SET applicant_key = ?, submitter_key = ?, procedure_key = ? WHERE rowid = ?",
            keys,
        )
        if texts:
            conn.exec_driver_sql("UPDATE dossiers SET search_text = ? WHERE rowid = ?", texts)
        last = rows[-1][0]
    for column in ("applicant_key", "submitter_key", "procedure_key", "status_code", "due_at"):
        conn.exec_driver_sql(f"CREATE INDEX ix_dossiers_{column} ON dossiers ({column})")


def _worklist_indexes(conn: Connection) -> None:
    """The worklists (`desktop.store.worklists`): each list's status along its current due (the extended
    appointment, else the appointment), and the time of the return for today's returns."""
    conn.exec_driver_sql(
        "CREATE INDEX ix_dossiers_status_current_due ON dossiers (status, coalesce(extended_due_at, due_at))"
    )
    conn.exec_driver_sql("CREATE INDEX ix_dossiers_returned_at ON dossiers (returned_at)")


def _result_columns(conn: Connection) -> None:
    """Schema 4: the result's kind and document number, and the delivery track of the result."""
    for column, size in (("result_kind", 10), ("result_number", 60), ("delivery_status", 20)):
        conn.exec_driver_sql(f"ALTER TABLE dossiers ADD COLUMN {column} VARCHAR({size}) DEFAULT '' NOT NULL")


def _fees(conn: Connection) -> None:
    """Schema 5, the fees (issue 16, item 4): each procedure's dated fee lines from the catalogue, a
    dossier's fee lines and its fee receipts. Existing procedures get no lines (an older catalogue)."""
    conn.exec_driver_sql("ALTER TABLE procedures ADD COLUMN fees JSON DEFAULT '[]' NOT NULL")
    conn.exec_driver_sql(
        "CREATE TABLE fee_receipts ( id VARCHAR(36) NOT NULL, number VARCHAR(40) NOT NULL, "
        "workstation INTEGER NOT NULL, day DATE NOT NULL, seq INTEGER NOT NULL, "
        "dossier_id VARCHAR(36) NOT NULL, officer_id INTEGER, kind VARCHAR(10) NOT NULL, "
        "method VARCHAR(10) NOT NULL, amount INTEGER NOT NULL, payer_name VARCHAR(300) NOT NULL, "
        "issued_at VARCHAR(32) NOT NULL, cancelled BOOLEAN NOT NULL, einvoice_number VARCHAR(60) NOT NULL, "
        "PRIMARY KEY (id), UNIQUE (workstation, day, seq), UNIQUE (number), "
        "FOREIGN KEY(dossier_id) REFERENCES dossiers (id), FOREIGN KEY(officer_id) REFERENCES officers (id) )"
    )
    conn.exec_driver_sql("CREATE INDEX ix_fee_receipts_dossier_id ON fee_receipts (dossier_id)")
    conn.exec_driver_sql(
        "CREATE TABLE fee_lines ( id INTEGER NOT NULL, dossier_id VARCHAR(36) NOT NULL, "
        "position INTEGER NOT NULL, fee_code VARCHAR(40) NOT NULL, name VARCHAR(300) NOT NULL, "
        "kind VARCHAR(10) NOT NULL, basis VARCHAR(12) NOT NULL, quantity INTEGER NOT NULL, "
        "unit_amount INTEGER NOT NULL, amount INTEGER NOT NULL, timing VARCHAR(8) NOT NULL, "
        "state VARCHAR(12) NOT NULL, exemption_code VARCHAR(40) NOT NULL, exemption_ground TEXT NOT NULL, "
        "method VARCHAR(10) NOT NULL, receipt_id VARCHAR(36), collected_at VARCHAR(32), collected_by INTEGER, "
        "PRIMARY KEY (id), FOREIGN KEY(dossier_id) REFERENCES dossiers (id), "
        "FOREIGN KEY(receipt_id) REFERENCES fee_receipts (id), FOREIGN KEY(collected_by) REFERENCES officers (id) )"
    )
    conn.exec_driver_sql("CREATE INDEX ix_fee_lines_dossier_id ON fee_lines (dossier_id)")


def _officers_security(conn: Connection) -> None:
    """Schema 6, officers and trust (issue 18): each officer's failed sign-ins in a row and the end of the
    lockout they caused, and the audit log (`desktop.services.audit`). Existing officers start unlocked."""
    conn.exec_driver_sql("ALTER TABLE officers ADD COLUMN failed_signins INTEGER DEFAULT '0' NOT NULL")
    conn.exec_driver_sql("ALTER TABLE officers ADD COLUMN locked_until VARCHAR(32)")
    conn.exec_driver_sql(
        "CREATE TABLE audit_log ( id INTEGER NOT NULL, at VARCHAR(32) NOT NULL, action VARCHAR(40) NOT NULL, "
        "officer_id INTEGER, subject_id INTEGER, workstation INTEGER NOT NULL, detail TEXT DEFAULT '' NOT NULL, "
        "PRIMARY KEY (id), FOREIGN KEY(officer_id) REFERENCES officers (id), "
        "FOREIGN KEY(subject_id) REFERENCES officers (id) )"
    )
    conn.exec_driver_sql("CREATE INDEX ix_audit_log_at ON audit_log (at)")


def _finished_index(conn: Connection) -> None:
    """Schema 7, the indicators (issue 17): the end of processing indexed, so a period's figures read the
    dossiers received in it, finished in it or still open, not every dossier received before its end."""
    conn.exec_driver_sql("CREATE INDEX ix_dossiers_finished_at ON dossiers (finished_at)")


def _way_back(conn: Connection) -> None:
    """Schema 8, the way back (issue 20): a dossier's review note ("Cần xem lại": a step from the province
    the lifecycle rules could not settle, both facts), and what each sync pass received from the province."""
    conn.exec_driver_sql("ALTER TABLE dossiers ADD COLUMN review_note TEXT DEFAULT '' NOT NULL")
    for column in ("received", "received_refused"):
        conn.exec_driver_sql(f"ALTER TABLE sync_runs ADD COLUMN {column} INTEGER DEFAULT 0 NOT NULL")


def _day_figures(conn: Connection) -> None:
    """Schema 9, the indicators (issue 17): the per-day summary, two narrow tables kept by triggers, counted
    from the existing dossiers (`desktop.store.day_figures`); the snapshots of the periodic reports made."""
    conn.exec_driver_sql(
        "CREATE TABLE report_snapshots ( id INTEGER NOT NULL, made_at VARCHAR(32) NOT NULL, "
        "kind VARCHAR(20) NOT NULL, period_from DATE NOT NULL, period_to DATE NOT NULL, "
        "preset VARCHAR(20) NOT NULL, cutoff BOOLEAN NOT NULL, label VARCHAR(200) NOT NULL, "
        "figures JSON NOT NULL, file TEXT NOT NULL, unsynced INTEGER NOT NULL, PRIMARY KEY (id) )"
    )
    conn.exec_driver_sql("CREATE INDEX ix_report_snapshots_made_at ON report_snapshots (made_at)")
    for statement in day_figures.DDL_V9:
        conn.exec_driver_sql(statement)
    day_figures.rebuild(conn)


def _review_index(conn: Connection) -> None:
    """Schema 10, the way back (issue 20): the dossiers flagged "Cần xem lại" indexed by themselves, so
    their worklist reads the few flagged rows, not every dossier."""
    conn.exec_driver_sql("CREATE INDEX ix_dossiers_review ON dossiers (updated_at) WHERE review_note != ''")


def _catalogue_details(conn: Connection) -> None:
    """Schema 11, the whole catalogue (issue 22): whether a procedure's time limit is confirmed, its details
    (per-channel limits, legal basis, provenance, authority, short names), and papers only shown at the
    counter with their form's name. The procedures already loaded keep their verified limits."""
    conn.exec_driver_sql("ALTER TABLE procedures ADD COLUMN time_confirmed BOOLEAN DEFAULT '1' NOT NULL")
    conn.exec_driver_sql("ALTER TABLE procedures ADD COLUMN details JSON DEFAULT '{}' NOT NULL")
    conn.exec_driver_sql("ALTER TABLE procedure_documents ADD COLUMN shown BOOLEAN DEFAULT '0' NOT NULL")
    conn.exec_driver_sql("ALTER TABLE procedure_documents ADD COLUMN form VARCHAR(200) DEFAULT '' NOT NULL")


def _time_limit_overrides(conn: Connection) -> None:
    """Schema 12, time limits never guessed (issue 22): the unit administrator's confirmations of the
    limits the catalogue marks unconfirmed (`desktop.store.time_limits`)."""
    conn.exec_driver_sql(
        "CREATE TABLE time_limit_overrides ( id VARCHAR(36) NOT NULL, procedure_code VARCHAR(40) NOT NULL, "
        "amount DOUBLE NOT NULL, unit VARCHAR(10) NOT NULL, cutoff TIME, basis TEXT NOT NULL, "
        "catalogue_version VARCHAR(60) NOT NULL, officer_id INTEGER, workstation INTEGER NOT NULL, "
        "confirmed_at VARCHAR(32) NOT NULL, pushed_at VARCHAR(32), PRIMARY KEY (id), "
        "FOREIGN KEY(officer_id) REFERENCES officers (id) )"
    )
    conn.exec_driver_sql(
        "CREATE INDEX ix_time_limit_overrides_procedure_code ON time_limit_overrides (procedure_code)"
    )


def _figures_hold(conn: Connection) -> None:
    """Schema 13, the way back at speed (issue 20): the per-day summary's triggers can be held while a page
    of `GET /changes` writes many dossiers, whose figures it then recounts at once (`day_figures.held`)."""
    conn.exec_driver_sql(day_figures.HOLD_DDL)
    triggers = conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_fig\\_%' ESCAPE '\\'"
    ).scalars()
    for name in list(triggers):
        conn.exec_driver_sql(f"DROP TRIGGER {name}")
    for statement in day_figures.DDL:
        if statement.startswith("CREATE TRIGGER"):
            conn.exec_driver_sql(statement)


# Step N upgrades a database at version N-1 to version N. Step 1 creates the first released schema.
STEPS: list[Callable[[Connection], None]] = [
    _schema_v1,
    _list_columns,
    _worklist_indexes,
    _result_columns,
    _fees,
    _officers_security,
    _finished_index,
    _way_back,
    _day_figures,
    _review_index,
    _catalogue_details,
    _time_limit_overrides,
    _figures_hold,
]
LATEST = len(STEPS)


def current_version(conn: Connection) -> int:
    return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())


def _is_empty(conn: Connection) -> bool:
    count = conn.execute(text("SELECT count(*) FROM sqlite_master WHERE type='table'")).scalar_one()
    return int(count) == 0


def check_version(engine: Engine, db_path: Path) -> int:
    """Refuse a database written by a newer version of the application."""
    with engine.connect() as conn:
        version = current_version(conn)
    if version > LATEST:
        raise StorageError(
            f"Cơ sở dữ liệu '{db_path}' được tạo bởi phiên bản mới hơn của Một Cửa (lược đồ {version}, "
            f"phiên bản này hỗ trợ đến {LATEST}). Hãy cập nhật chương trình; tệp được giữ nguyên.",
            str(db_path),
        )
    return version


def backup(db_path: Path, backups_dir: Path, version: int) -> Path:
    """Copy the database consistently (SQLite's online backup) before a migration: only a file the full
    `integrity_check` finds sound is copied (a damaged one raises DamagedStoreError), and the copy is
    quick-checked, so every backup in the folder was verified when made (`faults.last_verified_backup`
    checks it again before naming it)."""
    from desktop.store.faults import is_sound
    from desktop.store.soundness import check_at_open

    damage = check_at_open(db_path, "integrity_check")
    if damage is not None:
        raise damage
    stamp = now_local().strftime("%Y%m%d-%H%M%S")
    target = backups_dir / f"motcua-v{version}-{stamp}.sqlite3"
    online_copy(db_path, target)
    if not is_sound(target):
        target.unlink(missing_ok=True)
        raise StorageError(
            f"Bản sao lưu '{target}' không đọc lại được: chưa nâng cấp gì, tệp dữ liệu được giữ nguyên. "
            "Hãy kiểm tra ổ đĩa (chạy `motcua doctor`) rồi mở lại chương trình.",
            str(target),
        )
    return target


def online_copy(db_path: Path, target: Path) -> None:
    """SQLite's online backup: a consistent copy while other connections write (also `motcua backup`).
    An encrypted file is copied as it is when it can be (`_copy_checkpointed`): SQLite's backup API would
    decrypt and encrypt again every page (40 s for 1.4 GiB here, against 2 s for its bytes)."""
    key = cipher.key_for(db_path)  # an encrypted store's copy is encrypted with the same key
    if key is not None and _copy_checkpointed(db_path, target, key):
        return
    src = cipher.connect(db_path, key=key)
    try:
        dst = cipher.connect(target, key=key)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _copy_checkpointed(db_path: Path, target: Path, key: bytes) -> bool:
    """Copy the database file's bytes while they cannot change; False (nothing copied) when that cannot be
    made sure of, and the caller uses the backup API.

    In WAL mode writers append to the `-wal` file and only a checkpoint writes into the database file. A
    checkpoint that leaves the WAL empty (TRUNCATE), then a read transaction begun while it is still empty,
    is a reader of the database file alone (SQLite's read-lock 0), and no checkpoint writes into that file
    while such a reader is open: its bytes are then one consistent state, whatever is written meanwhile."""
    wal = db_path.with_name(db_path.name + "-wal")
    conn = cipher.connect(db_path, key=key)
    try:
        conn.isolation_level = None
        if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            return False
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if busy:
            return False  # a reader or a writer held it back: the WAL still has frames
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the read transaction starts here
        try:
            if wal.exists() and wal.stat().st_size > 0:  # written to since the checkpoint: not sure
                return False
            shutil.copyfile(db_path, target)
            with target.open("rb+") as fh:
                os.fsync(fh.fileno())
        finally:
            conn.execute("COMMIT")
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    finally:
        conn.close()
    return True


def upgrade(engine: Engine, profile: Profile) -> int:
    """Bring the schema to LATEST; returns the version the database had before."""
    version = check_version(engine, profile.db_path)
    if version == LATEST:
        return version
    with engine.connect() as conn:
        empty = _is_empty(conn)
    if version == 0 and not empty:
        raise StorageError(
            f"Tệp '{profile.db_path}' là một cơ sở dữ liệu SQLite khác, không phải của Một Cửa. "
            "Tệp được giữ nguyên; hãy chọn thư mục dữ liệu khác.",
            str(profile.db_path),
        )
    if empty:
        with engine.begin() as conn:
            _create_current(conn)
            conn.exec_driver_sql(f"PRAGMA user_version={LATEST}")
        return 0
    shutil.disk_usage(profile.backups_dir)  # raises early on a vanished folder
    backup(profile.db_path, profile.backups_dir, version)
    for number in range(version + 1, LATEST + 1):
        with engine.begin() as conn:
            STEPS[number - 1](conn)
            conn.exec_driver_sql(f"PRAGMA user_version={number}")
    return version

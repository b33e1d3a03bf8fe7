"""Step 1 of the local schema, as released: the literal DDL of the first version (user_version 1).

Frozen here so that step 1 never follows the models: replaying every step from an empty file gives today's
schema (`tests/unit/test_migrations.py` checks it, and that this equals the released snapshot
`tests/unit/schemas/v1.sql`). Never edit it; later changes are new steps in `desktop.store.migrations`.
"""

from __future__ import annotations

STATEMENTS: tuple[str, ...] = (
    """
    CREATE TABLE applicants (
        id VARCHAR(36) NOT NULL,
        kind VARCHAR(12) NOT NULL,
        full_name VARCHAR(300) NOT NULL,
        id_number VARCHAR(30) NOT NULL,
        old_id_number VARCHAR(30) NOT NULL,
        id_issue_date DATE,
        date_of_birth DATE,
        gender VARCHAR(10) NOT NULL,
        phone VARCHAR(30) NOT NULL,
        email VARCHAR(200) NOT NULL,
        address TEXT NOT NULL,
        province_code VARCHAR(20) NOT NULL,
        ward_code VARCHAR(20) NOT NULL,
        created_at VARCHAR(32) NOT NULL,
        PRIMARY KEY (id)
    )
    """,
    """
    CREATE TABLE attachments (
        id VARCHAR(36) NOT NULL,
        dossier_id VARCHAR(36) NOT NULL,
        document_line_id INTEGER,
        position INTEGER NOT NULL,
        sha256 VARCHAR(64) NOT NULL,
        size INTEGER NOT NULL,
        pages INTEGER NOT NULL,
        mime VARCHAR(60) NOT NULL,
        profile VARCHAR(10) NOT NULL,
        source VARCHAR(60) NOT NULL,
        original_name VARCHAR(300) NOT NULL,
        scanned_by INTEGER,
        created_at VARCHAR(32) NOT NULL,
        removed BOOLEAN NOT NULL,
        uploaded_at VARCHAR(32),
        PRIMARY KEY (id),
        FOREIGN KEY(dossier_id) REFERENCES dossiers (id),
        FOREIGN KEY(document_line_id) REFERENCES document_lines (id),
        FOREIGN KEY(scanned_by) REFERENCES officers (id)
    )
    """,
    """
    CREATE TABLE calendar_overrides (
        id INTEGER NOT NULL,
        day DATE NOT NULL,
        kind VARCHAR(4) NOT NULL,
        reason VARCHAR(300) NOT NULL,
        version VARCHAR(60) NOT NULL,
        source VARCHAR(20) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE (day, version)
    )
    """,
    """
    CREATE TABLE catalogue_versions (
        id INTEGER NOT NULL,
        version VARCHAR(60) NOT NULL,
        source VARCHAR(30) NOT NULL,
        effective_from DATE,
        loaded_at VARCHAR(32) NOT NULL,
        active BOOLEAN NOT NULL,
        PRIMARY KEY (id),
        UNIQUE (version)
    )
    """,
    """
    CREATE TABLE document_lines (
        id INTEGER NOT NULL,
        dossier_id VARCHAR(36) NOT NULL,
        position INTEGER NOT NULL,
        procedure_document_id INTEGER,
        name TEXT NOT NULL,
        originals INTEGER NOT NULL,
        copies INTEGER NOT NULL,
        received BOOLEAN NOT NULL,
        missing_note TEXT NOT NULL,
        PRIMARY KEY (id),
        FOREIGN KEY(dossier_id) REFERENCES dossiers (id),
        FOREIGN KEY(procedure_document_id) REFERENCES procedure_documents (id)
    )
    """,
    """
    CREATE VIRTUAL TABLE dossier_fts USING fts5(search_text,
        content='dossiers', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')
    """,
    """
    CREATE TABLE dossier_pauses (
        id INTEGER NOT NULL,
        dossier_id VARCHAR(36) NOT NULL,
        started_at VARCHAR(32) NOT NULL,
        ended_at VARCHAR(32),
        reason TEXT NOT NULL,
        PRIMARY KEY (id),
        FOREIGN KEY(dossier_id) REFERENCES dossiers (id)
    )
    """,
    """
    CREATE TABLE dossiers (
        id VARCHAR(36) NOT NULL,
        code VARCHAR(80) NOT NULL,
        unit_id INTEGER NOT NULL,
        procedure_id INTEGER NOT NULL,
        applicant_id VARCHAR(36) NOT NULL,
        officer_id INTEGER,
        status VARCHAR(30) NOT NULL,
        status_code INTEGER NOT NULL,
        channel VARCHAR(10) NOT NULL,
        delivery VARCHAR(10) NOT NULL,
        delivery_address TEXT NOT NULL,
        submitter_name VARCHAR(300) NOT NULL,
        submitter_id_number VARCHAR(30) NOT NULL,
        submitter_phone VARCHAR(30) NOT NULL,
        summary TEXT NOT NULL,
        notes TEXT NOT NULL,
        sets_count INTEGER NOT NULL,
        submitted_at VARCHAR(32) NOT NULL,
        received_at VARCHAR(32) NOT NULL,
        due_at VARCHAR(32),
        extended_due_at VARCHAR(32),
        calendar_version VARCHAR(60) NOT NULL,
        time_rule JSON NOT NULL,
        register_book VARCHAR(20) NOT NULL,
        register_number INTEGER,
        fee_amount INTEGER,
        payment_channel VARCHAR(20) NOT NULL,
        handed_over_at VARCHAR(32),
        processing_unit VARCHAR(200) NOT NULL,
        result_ready_at VARCHAR(32),
        returned_at VARCHAR(32),
        finished_at VARCHAR(32),
        rating INTEGER,
        reason TEXT NOT NULL,
        sync_status VARCHAR(20) NOT NULL,
        sync_error TEXT NOT NULL,
        search_text TEXT NOT NULL,
        created_at VARCHAR(32) NOT NULL,
        updated_at VARCHAR(32) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE (code),
        FOREIGN KEY(unit_id) REFERENCES units (id),
        FOREIGN KEY(procedure_id) REFERENCES procedures (id),
        FOREIGN KEY(applicant_id) REFERENCES applicants (id),
        FOREIGN KEY(officer_id) REFERENCES officers (id)
    )
    """,
    """
    CREATE TABLE drafts (
        id VARCHAR(36) NOT NULL,
        officer_id INTEGER,
        kind VARCHAR(20) NOT NULL,
        data JSON NOT NULL,
        created_at VARCHAR(32) NOT NULL,
        updated_at VARCHAR(32) NOT NULL,
        PRIMARY KEY (id),
        FOREIGN KEY(officer_id) REFERENCES officers (id)
    )
    """,
    """
    CREATE TABLE events (
        id INTEGER NOT NULL,
        uuid VARCHAR(36) NOT NULL,
        dossier_id VARCHAR(36) NOT NULL,
        seq INTEGER NOT NULL,
        type VARCHAR(40) NOT NULL,
        payload JSON NOT NULL,
        officer_id INTEGER,
        device_time VARCHAR(32) NOT NULL,
        clock_offset_ms INTEGER NOT NULL,
        prev_hash VARCHAR(64) NOT NULL,
        hash VARCHAR(64) NOT NULL,
        push_status VARCHAR(12) NOT NULL,
        push_error TEXT NOT NULL,
        pushed_at VARCHAR(32),
        PRIMARY KEY (id),
        UNIQUE (dossier_id, seq),
        UNIQUE (uuid),
        FOREIGN KEY(dossier_id) REFERENCES dossiers (id),
        FOREIGN KEY(officer_id) REFERENCES officers (id)
    )
    """,
    """
    CREATE TABLE number_blocks (
        id INTEGER NOT NULL,
        unit_code VARCHAR(60) NOT NULL,
        day DATE,
        first INTEGER NOT NULL,
        last INTEGER NOT NULL,
        next INTEGER NOT NULL,
        source VARCHAR(12) NOT NULL,
        reserved_at VARCHAR(32) NOT NULL,
        PRIMARY KEY (id)
    )
    """,
    """
    CREATE TABLE officers (
        id INTEGER NOT NULL,
        unit_id INTEGER NOT NULL,
        username VARCHAR(80) NOT NULL,
        full_name VARCHAR(200) NOT NULL,
        password_hash VARCHAR(200) NOT NULL,
        role VARCHAR(30) NOT NULL,
        active BOOLEAN NOT NULL,
        created_at VARCHAR(32) NOT NULL,
        last_login_at VARCHAR(32),
        PRIMARY KEY (id),
        FOREIGN KEY(unit_id) REFERENCES units (id),
        UNIQUE (username)
    )
    """,
    """
    CREATE TABLE procedure_documents (
        id INTEGER NOT NULL,
        procedure_id INTEGER NOT NULL,
        position INTEGER NOT NULL,
        code VARCHAR(40) NOT NULL,
        name TEXT NOT NULL,
        originals INTEGER NOT NULL,
        copies INTEGER NOT NULL,
        required BOOLEAN NOT NULL,
        note TEXT NOT NULL,
        PRIMARY KEY (id),
        FOREIGN KEY(procedure_id) REFERENCES procedures (id)
    )
    """,
    """
    CREATE TABLE procedures (
        id INTEGER NOT NULL,
        catalogue_version_id INTEGER NOT NULL,
        code VARCHAR(40) NOT NULL,
        name VARCHAR(400) NOT NULL,
        name_folded VARCHAR(400) NOT NULL,
        field VARCHAR(200) NOT NULL,
        field_code VARCHAR(40) NOT NULL,
        time_amount DOUBLE NOT NULL,
        time_unit VARCHAR(10) NOT NULL,
        cutoff TIME,
        time_text TEXT NOT NULL,
        fee_text TEXT NOT NULL,
        fee_amount INTEGER,
        result TEXT NOT NULL,
        online_level VARCHAR(20) NOT NULL,
        rules JSON NOT NULL,
        active BOOLEAN NOT NULL,
        PRIMARY KEY (id),
        UNIQUE (catalogue_version_id, code),
        FOREIGN KEY(catalogue_version_id) REFERENCES catalogue_versions (id)
    )
    """,
    """
    CREATE TABLE settings (
        "key" VARCHAR(100) NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY ("key")
    )
    """,
    """
    CREATE TABLE sync_runs (
        id INTEGER NOT NULL,
        started_at VARCHAR(32) NOT NULL,
        finished_at VARCHAR(32),
        "trigger" VARCHAR(20) NOT NULL,
        outcome VARCHAR(20) NOT NULL,
        pushed INTEGER NOT NULL,
        duplicates INTEGER NOT NULL,
        rejected INTEGER NOT NULL,
        pending INTEGER NOT NULL,
        bytes_sent INTEGER NOT NULL,
        message TEXT NOT NULL,
        PRIMARY KEY (id)
    )
    """,
    """
    CREATE TABLE sync_state (
        "key" VARCHAR(100) NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY ("key")
    )
    """,
    """
    CREATE TABLE units (
        id INTEGER NOT NULL,
        code VARCHAR(60) NOT NULL,
        name VARCHAR(200) NOT NULL,
        parent_name VARCHAR(200) NOT NULL,
        reception_name VARCHAR(200) NOT NULL,
        province VARCHAR(100) NOT NULL,
        place_name VARCHAR(100) NOT NULL,
        office_hours JSON NOT NULL,
        lookup_url VARCHAR(300) NOT NULL,
        valid_from DATE,
        valid_to DATE,
        created_at VARCHAR(32) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE (code)
    )
    """,
    "CREATE INDEX ix_applicants_id_number ON applicants (id_number)",
    "CREATE INDEX ix_applicants_phone ON applicants (phone)",
    "CREATE INDEX ix_attachments_dossier_id ON attachments (dossier_id)",
    "CREATE INDEX ix_attachments_sha256 ON attachments (sha256)",
    "CREATE INDEX ix_document_lines_dossier_id ON document_lines (dossier_id)",
    "CREATE INDEX ix_dossier_pauses_dossier_id ON dossier_pauses (dossier_id)",
    "CREATE INDEX ix_dossiers_received_at ON dossiers (received_at)",
    "CREATE INDEX ix_dossiers_status_due ON dossiers (status, due_at)",
    "CREATE INDEX ix_events_push ON events (push_status, id)",
    "CREATE INDEX ix_procedures_code ON procedures (code)",
    """
    CREATE TRIGGER dossiers_fts_ad AFTER DELETE ON dossiers BEGIN
        INSERT INTO dossier_fts(dossier_fts, rowid, search_text)
            VALUES ('delete', old.rowid, old.search_text);
    END
    """,
    """
    CREATE TRIGGER dossiers_fts_ai AFTER INSERT ON dossiers BEGIN
        INSERT INTO dossier_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
    END
    """,
    """
    CREATE TRIGGER dossiers_fts_au AFTER UPDATE OF search_text ON dossiers BEGIN
        INSERT INTO dossier_fts(dossier_fts, rowid, search_text)
            VALUES ('delete', old.rowid, old.search_text);
        INSERT INTO dossier_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
    END
    """,
    """
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN
        SELECT RAISE(ABORT, 'events are append-only');
    END
    """,
    """
    CREATE TRIGGER events_no_rewrite BEFORE UPDATE OF uuid, dossier_id, seq, type, payload, hash, prev_hash
    ON events BEGIN
        SELECT RAISE(ABORT, 'events are append-only');
    END
    """,
)

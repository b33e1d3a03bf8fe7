"""Synthetic test data (never real people)."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.status import national_code
from desktop.core.timeutil import VN_TZ, now_local
from desktop.services.intake import find_procedure
from desktop.services.intake_draft import ApplicantDraft, DocumentDraft, IntakeDraft
from desktop.store.engine import Store
from desktop.store.list_keys import list_values
from desktop.store.models import Applicant, Dossier, DossierPause, Procedure, Unit

_counter = itertools.count(1)


def make_dossier(
    session: Session,
    name: str = "Nguyễn Văn Mẫu",
    procedure_code: str = "1.001193",
    *,
    id_number: str | None = None,
    phone: str = "0912345678",
    received: datetime | None = None,
    number: int | None = None,
    submitter: str = "",
    status: str = "received",
) -> Dossier:
    """Insert a minimal dossier row directly (bypassing services) for store-level tests.

    The code is `<agency>-<received YYMMDD>-<number>` (a fresh number in 9000+ by default).
    """
    n = next(_counter)
    unit = session.scalars(select(Unit)).one()
    procedure = session.scalars(select(Procedure).where(Procedure.code == procedure_code)).first()
    assert procedure is not None
    applicant = Applicant(full_name=name, id_number=id_number or f"0640912{n:05d}", phone=phone)
    session.add(applicant)
    session.flush()
    received = received or now_local()
    code = f"{unit.code}-{received:%y%m%d}-{number if number is not None else 9000 + n:04d}"
    dossier = Dossier(
        code=code,
        unit_id=unit.id,
        procedure_id=procedure.id,
        applicant_id=applicant.id,
        received_at=received,
        due_at=received + timedelta(days=3),
        status=status,
        status_code=national_code(status),
        submitter_name=submitter,
        **list_values(
            code=code,
            applicant_name=name,
            id_number=applicant.id_number,
            phone=phone,
            procedure_code=procedure.code,
            procedure_name=procedure.name,
            submitter_name=submitter,
        ),
    )
    session.add(dossier)
    session.flush()
    return dossier


def intake_draft(store: Store, procedure_code: str = "1.004884", **applicant: str) -> IntakeDraft:
    """A complete intake draft (every paper of the procedure received) for a synthetic applicant;
    `applicant` overrides ApplicantDraft fields."""
    with store.session() as session:
        procedure = find_procedure(session, procedure_code)
        assert procedure is not None
        documents = [
            DocumentDraft(d.name, d.originals, d.copies, True, d.id, d.required) for d in procedure.documents
        ]
    fields = {
        "full_name": "Nguyễn Văn Mẫu",
        "id_number": "064091234567",
        "date_of_birth": "12/03/1991",
        "gender": "male",
        "phone": "0912 345 678",
        "address": "Thôn Thử, Xã Ia Grai, Tỉnh Gia Lai",
        **applicant,
    }
    return IntakeDraft(procedure_code=procedure_code, applicant=ApplicantDraft(**fields), documents=documents)


def at(day: int, month: int, hour: int, minute: int = 0) -> datetime:
    """A moment of 2026, Vietnam time."""
    return datetime(2026, month, day, hour, minute, tzinfo=VN_TZ)


def place(store: Store, dossiers: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Insert dossiers directly (label -> `status`, `received` and other `Dossier` fields, `pause`: the start of
    an open pause); returns label -> code."""
    codes: dict[str, str] = {}
    with store.session() as session:
        for label, given in dossiers.items():
            fields = dict(given)
            pause = fields.pop("pause", None)
            d = make_dossier(
                session, name=f"Người {label}", status=fields.pop("status"), received=fields.pop("received")
            )
            for key, value in fields.items():
                setattr(d, key, value)
            if pause is not None:
                session.add(DossierPause(dossier_id=d.id, started_at=pause))
            codes[label] = d.code
        session.commit()
    return codes


def receipt_day() -> str:
    """Today's part of a fee receipt number (`<workstation>-<yyMMdd>-<seq>`), at the tests' clock."""
    from desktop.core.timeutil import today_local

    return f"{today_local():%y%m%d}"

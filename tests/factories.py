"""Synthetic test data (never real people)."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.timeutil import now_local
from desktop.store.models import Applicant, Dossier, Procedure, Unit
from desktop.store.queries import build_search_text

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
        search_text=build_search_text(name, applicant.id_number, phone, code, procedure.name),
    )
    session.add(dossier)
    session.flush()
    return dossier

"""Synthetic test data (never real people)."""

from __future__ import annotations

import itertools
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.text import fold
from desktop.core.timeutil import now_local
from desktop.store.models import Applicant, Dossier, Procedure, Unit

_counter = itertools.count(1)


def make_dossier(session: Session, name: str = "Nguyễn Văn Mẫu", procedure_code: str = "1.001193") -> Dossier:
    """Insert a minimal dossier row directly (bypassing services) for store-level tests."""
    n = next(_counter)
    unit = session.scalars(select(Unit)).one()
    procedure = session.scalars(select(Procedure).where(Procedure.code == procedure_code)).first()
    assert procedure is not None
    applicant = Applicant(full_name=name, id_number=f"0640912{n:05d}", phone="0912345678")
    session.add(applicant)
    session.flush()
    received = now_local()
    code = f"{unit.code}-{received:%y%m%d}-{9000 + n:04d}"
    dossier = Dossier(
        code=code,
        unit_id=unit.id,
        procedure_id=procedure.id,
        applicant_id=applicant.id,
        received_at=received,
        due_at=received + timedelta(days=3),
        search_text=" ".join(
            [fold(name), applicant.id_number, applicant.phone, code.lower(), procedure.name_folded]
        ),
    )
    session.add(dossier)
    session.flush()
    return dossier

"""A stored catalogue version back as catalogue JSON (the format `desktop.store.catalogue` loads), so that a
new version can be made from the one in force plus an imported file, and listed or shown."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.store.catalogue import DETAIL_KEYS
from desktop.store.models import CatalogueVersion, Procedure


def procedure_item(procedure: Procedure) -> dict[str, Any]:
    """The catalogue JSON of one stored procedure (`load_catalogue` of it gives the same row back)."""
    confirmed = procedure.time_confirmed
    item: dict[str, Any] = {
        "code": procedure.code,
        "name": procedure.name,
        "field": procedure.field,
        "field_code": procedure.field_code,
        "time_confirmed": confirmed,
        "time_amount": _number(procedure.time_amount) if confirmed else None,
        "time_unit": procedure.time_unit if confirmed else None,
        "cutoff": procedure.cutoff.strftime("%H:%M") if procedure.cutoff else None,
        "time_text": procedure.time_text,
        "fee_text": procedure.fee_text,
        "fee_amount": procedure.fee_amount,
        "result": procedure.result,
        "online_level": procedure.online_level,
        "rules": dict(procedure.rules or {}),
        "fees": list(procedure.fees or []),
        "documents": [
            {
                "name": d.name,
                "originals": d.originals,
                "copies": d.copies,
                "required": d.required,
                "note": d.note,
                "code": d.code,
                "shown": d.shown,
                "form": d.form,
            }
            for d in procedure.documents
        ],
    }
    details = procedure.details or {}
    item.update({key: details[key] for key in DETAIL_KEYS if details.get(key)})
    return item


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else float(value)


def version_procedures(session: Session, version: CatalogueVersion) -> list[Procedure]:
    """The version's procedures in force (with their papers), by code."""
    return list(
        session.scalars(
            select(Procedure)
            .where(Procedure.catalogue_version_id == version.id, Procedure.active)
            .options(selectinload(Procedure.documents))
            .order_by(Procedure.code)
        )
    )


def version_items(session: Session, version: CatalogueVersion) -> dict[str, dict[str, Any]]:
    """code -> catalogue JSON of every procedure of `version`."""
    return {p.code: procedure_item(p) for p in version_procedures(session, version)}

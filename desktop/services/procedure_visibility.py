"""Procedures the commune never receives, hidden from the intake picker by the unit administrator.

Hidden codes are a workstation setting (`settings.HIDDEN_PROCEDURES`, a JSON list of codes), kept by code
so they stay hidden in the next catalogue version. Hiding only thins the picker: a dossier of a hidden
procedure still opens and prints as before, and a kept draft still finds its procedure. Only an
administrator changes them (`desktop.core.roles.require_admin`); the GUI dialog and `motcua catalogue
hide/unhide` share these functions.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.roles import require_admin
from desktop.services.accounts import SignedIn
from desktop.store import settings
from desktop.store.catalogue import active_procedures
from desktop.store.engine import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProcedureVisibility:
    code: str
    name: str
    field: str
    hidden: bool


def hidden_procedures(session: Session) -> frozenset[str]:
    """The codes hidden from the picker on this workstation (a damaged value hides nothing)."""
    raw = settings.get(session, settings.HIDDEN_PROCEDURES)
    try:
        codes = json.loads(raw) if raw else []
    except ValueError:
        log.warning("ignoring a malformed %s setting", settings.HIDDEN_PROCEDURES)
        return frozenset()
    return frozenset(str(c) for c in codes) if isinstance(codes, list) else frozenset()


def list_visibility(store: Store) -> list[ProcedureVisibility]:
    """Every procedure of the catalogue in force, by field then code, with whether it is hidden."""
    with store.session() as session:
        hidden = hidden_procedures(session)
        rows = [
            ProcedureVisibility(p.code, p.name, p.field, p.code in hidden) for p in active_procedures(session)
        ]
    return sorted(rows, key=lambda r: (r.field.casefold(), r.code))


def set_hidden(store: Store, officer: SignedIn, codes: Iterable[str]) -> frozenset[str]:
    """Hide exactly `codes` (the others shown); administrators only. Codes not in the catalogue in force are
    refused, except those already hidden (kept from an older catalogue version)."""
    require_admin(officer.role)
    wanted = frozenset(c.strip() for c in codes if c.strip())
    with store.transaction() as session:
        known = {p.code for p in active_procedures(session)} | hidden_procedures(session)
        unknown = sorted(wanted - known)
        if unknown:
            raise ValidationError(
                f"Không có thủ tục mã {', '.join(unknown)} trong danh mục đang áp dụng.", "code"
            )
        settings.put(session, settings.HIDDEN_PROCEDURES, json.dumps(sorted(wanted)))
    log.info("procedures hidden from the picker: %d", len(wanted))
    return wanted


def hide(store: Store, officer: SignedIn, codes: Iterable[str]) -> frozenset[str]:
    """Hide these codes too; the codes hidden afterwards."""
    with store.session() as session:
        current = hidden_procedures(session)
    return set_hidden(store, officer, current | set(codes))


def unhide(store: Store, officer: SignedIn, codes: Iterable[str]) -> frozenset[str]:
    """Show these codes again; the codes hidden afterwards."""
    with store.session() as session:
        current = hidden_procedures(session)
    return set_hidden(store, officer, current - {c.strip() for c in codes})

"""The intake form as plain data: what the officer has typed so far, JSON-safe for autosave.

Fields hold text as typed (dates too), so a half-filled form round-trips through the `drafts` table
unchanged; `desktop/services/intake_validate.py` turns a draft into checked values. Every string is capped
and cleaned of control characters on the way in (`from_dict`), so a 10 MB paste or a binary blob can
never reach the store through a draft.

Scans made during intake, before the dossier exists, are kept in the content store and referenced here
per document line (`AttachmentRef`); `receive_dossier` links them to the new dossier.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from desktop.core import limits
from desktop.core.text import clean

# Field length caps (characters), shared by the form widgets and the services.
MAX_NAME = limits.NAME  # the one table of limits: desktop/core/limits.py
MAX_ID = limits.ID
MAX_PHONE = limits.PHONE
MAX_EMAIL = limits.EMAIL
MAX_DATE = limits.DATE
MAX_ADDRESS = limits.ADDRESS
MAX_NOTES = limits.NOTES
MAX_DOCUMENT_NAME = limits.DOCUMENT_NAME
MAX_DOCUMENTS = 100
MAX_ATTACHMENTS = 50
MAX_COUNT = 99

PERSON = "person"
ORGANISATION = "organisation"
KINDS = (PERSON, ORGANISATION)
CHANNELS = ("direct", "postal", "online")
DELIVERIES = ("counter", "postal")

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _text(data: dict[str, Any], key: str, cap: int, default: str = "") -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        value = "" if value is None else str(value)
    # Cap before cleaning so a huge value costs nothing; clean() collapses runs of white space.
    return clean(value[: cap * 2], cap)


def _whole(data: dict[str, Any], key: str) -> str:
    """A name, an address or the notes, never cut (issue 21): a draft kept from before the limits (or
    written by hand) loads whole, the form shows it over its limit and `check_draft` refuses to save it
    until it is shortened. What comes here is bounded already: the form stops typing at the limit, and a
    file is read up to `intake_json.MAX_BYTES`."""
    value = data.get(key, "")
    return clean(value if isinstance(value, str) else "" if value is None else str(value))


def _int(data: dict[str, Any], key: str, default: int, low: int = 0, high: int = MAX_COUNT) -> int:
    try:
        value = int(data.get(key, default))
    except (TypeError, ValueError):
        value = default
    return max(low, min(high, value))


def _choice(data: dict[str, Any], key: str, choices: tuple[str, ...]) -> str:
    value = data.get(key)
    return value if value in choices else choices[0]


@dataclass(frozen=True)
class AttachmentRef:
    """A scan kept in the content store during intake, to be linked to the document line at save."""

    sha256: str
    pages: int = 0
    size: int = 0
    profile: str = ""  # text | photo | original
    source: str = ""  # sane:test:0 | folder | import
    mime: str = "application/pdf"
    original_name: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AttachmentRef | None:
        sha = str(data.get("sha256", "")).lower()
        if not _SHA256.match(sha):
            return None
        return cls(
            sha256=sha,
            pages=_int(data, "pages", 0, high=10_000),
            size=_int(data, "size", 0, high=2**40),
            profile=_text(data, "profile", 20),
            source=_text(data, "source", 60),
            mime=_text(data, "mime", 60, "application/pdf") or "application/pdf",
            original_name=_text(data, "original_name", 300),
        )


@dataclass
class DocumentDraft:
    """One line of the documents table: a paper with its original/copy counts, ticked when received."""

    name: str
    originals: int = 0
    copies: int = 0
    received: bool = True
    procedure_document_id: int | None = None  # None for a free extra line
    required: bool = False
    attachments: list[AttachmentRef] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentDraft:
        doc_id = data.get("procedure_document_id")
        refs = [
            AttachmentRef.from_dict(a)
            for a in data.get("attachments", [])[:MAX_ATTACHMENTS]
            if isinstance(a, dict)
        ]
        return cls(
            name=_text(data, "name", MAX_DOCUMENT_NAME),
            originals=_int(data, "originals", 0),
            copies=_int(data, "copies", 0),
            received=bool(data.get("received", True)),
            procedure_document_id=doc_id if isinstance(doc_id, int) else None,
            required=bool(data.get("required", False)),
            attachments=[r for r in refs if r is not None],
        )


@dataclass
class ApplicantDraft:
    """The applicant (chủ hồ sơ) as typed; dates as text (dd/mm/yyyy)."""

    kind: str = PERSON
    full_name: str = ""
    id_number: str = ""
    old_id_number: str = ""
    id_issue_date: str = ""
    date_of_birth: str = ""
    gender: str = ""  # male | female | ""
    phone: str = ""
    email: str = ""
    address: str = ""
    province_code: str = ""
    ward_code: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ApplicantDraft:
        return cls(
            kind=_choice(data, "kind", KINDS),
            full_name=_whole(data, "full_name"),
            id_number=_text(data, "id_number", MAX_ID),
            old_id_number=_text(data, "old_id_number", MAX_ID),
            id_issue_date=_text(data, "id_issue_date", MAX_DATE),
            date_of_birth=_text(data, "date_of_birth", MAX_DATE),
            gender=_choice(data, "gender", ("", "male", "female")),
            phone=_text(data, "phone", MAX_PHONE),
            email=_text(data, "email", MAX_EMAIL),
            address=_whole(data, "address"),
            province_code=_text(data, "province_code", 20),
            ward_code=_text(data, "ward_code", 20),
        )


@dataclass
class IntakeDraft:
    """Everything on the intake form. `to_dict`/`from_dict` are the autosave format."""

    procedure_code: str = ""
    applicant: ApplicantDraft = field(default_factory=ApplicantDraft)
    documents: list[DocumentDraft] = field(default_factory=list)
    submitter_name: str = ""
    submitter_id_number: str = ""
    submitter_phone: str = ""
    channel: str = "direct"
    delivery: str = "counter"
    delivery_address: str = ""
    summary: str = ""
    notes: str = ""
    sets_count: int = 1

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> IntakeDraft:
        applicant = data.get("applicant")
        documents = data.get("documents")
        return cls(
            procedure_code=_text(data, "procedure_code", 40),
            applicant=ApplicantDraft.from_dict(applicant if isinstance(applicant, dict) else {}),
            documents=[
                DocumentDraft.from_dict(d)
                for d in (documents if isinstance(documents, list) else [])[:MAX_DOCUMENTS]
                if isinstance(d, dict)
            ],
            submitter_name=_whole(data, "submitter_name"),
            submitter_id_number=_text(data, "submitter_id_number", MAX_ID),
            submitter_phone=_text(data, "submitter_phone", MAX_PHONE),
            channel=_choice(data, "channel", CHANNELS),
            delivery=_choice(data, "delivery", DELIVERIES),
            delivery_address=_whole(data, "delivery_address"),
            summary=_text(data, "summary", MAX_NOTES),
            notes=_whole(data, "notes"),
            sets_count=_int(data, "sets_count", 1, low=1),
        )

    def is_blank(self) -> bool:
        """True when nothing worth keeping has been typed (no autosave needed)."""
        a = self.applicant
        typed = (a.full_name, a.id_number, a.phone, a.email, a.address, a.date_of_birth, self.notes)
        return not self.procedure_code and not any(typed) and not self.submitter_name

"""Plain data the printed forms are rendered from, so a form is testable without a database.

`desktop.services.form_data` fills these from the store in one place; tests may build them directly.
All strings are expected NFC (the loader cleans them; the layout normalises again before drawing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

PAPERS = ("A4", "A5", "roll80")


@dataclass(frozen=True)
class UnitView:
    """The receiving unit as printed in the header."""

    code: str
    name: str  # "Xã Ia Grai"
    parent_name: str  # "UBND XÃ IA GRAI"
    reception_name: str  # "BỘ PHẬN MỘT CỬA"
    place_name: str  # printed in "Ia Grai, ngày … tháng … năm …"
    lookup_url: str = ""  # provincial lookup page; "{code}" is replaced by the dossier code


@dataclass(frozen=True)
class DocumentView:
    """One paper of the dossier (thành phần hồ sơ)."""

    name: str
    originals: int = 0
    copies: int = 0
    received: bool = True
    missing_note: str = ""
    optional: bool = False  # the catalogue lists it "if any" (nếu có): not bringing it is not a gap


@dataclass(frozen=True)
class ResultView:
    """The result and who took it (the result hand-over receipt)."""

    kind: str = "granted"  # granted | refused
    refused_reason: str = ""
    document_number: str = ""
    signer: str = ""
    issued_at: datetime | None = None
    outcome: str = ""  # "Trước hạn" | "Đúng hạn" | "Quá hạn" against the appointment in force
    receiver_kind: str = ""  # owner | authorised | other; "" until returned at the counter
    receiver_name: str = ""
    receiver_id_number: str = ""
    authorisation: str = ""
    originals_returned: str = ""
    returned_by: str = ""  # the officer who handed it over


@dataclass(frozen=True)
class HandOverView:
    """One hand-over of the dossier between bodies (process control slip)."""

    from_name: str
    to_name: str
    at: datetime | None = None
    result: str = ""  # "Trước hạn" | "Đúng hạn" | "Quá hạn" | ""
    note: str = ""


@dataclass(frozen=True)
class DossierView:
    """Everything a slip about one dossier prints."""

    code: str
    unit: UnitView
    applicant_name: str
    procedure_name: str
    received_at: datetime
    applicant_address: str = ""
    applicant_phone: str = ""
    applicant_email: str = ""
    applicant_id_number: str = ""
    submitter_name: str = ""  # when someone else submits for the applicant
    procedure_code: str = ""
    summary: str = ""
    time_text: str = ""  # legal processing time, as published
    fee_text: str = ""
    sets_count: int = 1
    due_at: datetime | None = None
    extended_due_at: datetime | None = None
    delivery: str = "counter"  # counter | postal
    delivery_address: str = ""
    register_book: str = ""
    register_number: int | None = None
    officer_name: str = ""
    status: str = ""
    reason: str = ""  # refusal / supplement / stop reason
    delay_reason: str = ""  # apology: why the dossier is late
    late_apology_signer: str = ""  # set when the latest apology is the late one (no new appointment)
    processing_unit: str = ""
    documents: tuple[DocumentView, ...] = ()
    handovers: tuple[HandOverView, ...] = ()
    result_ready_at: datetime | None = None
    returned_at: datetime | None = None
    result: ResultView | None = None  # once the result is ready


@dataclass(frozen=True)
class RegisterRow:
    """One line of the dossier tracking register (Mẫu 07)."""

    code: str
    procedure_name: str
    applicant_name: str
    applicant_contact: str
    sets_count: int
    received_at: datetime
    due_at: datetime | None = None
    processing_unit: str = ""
    handed_over_at: datetime | None = None
    result_ready_at: datetime | None = None
    returned_at: datetime | None = None
    note: str = ""


@dataclass(frozen=True)
class RegisterView:
    """The tracking register over a date range."""

    unit: UnitView
    date_from: date
    date_to: date
    rows: tuple[RegisterRow, ...] = ()


@dataclass(frozen=True)
class HandOverListRow:
    """One dossier on a batch hand-over list."""

    code: str
    procedure_name: str
    applicant_name: str
    received_at: datetime
    due_at: datetime | None = None
    sets_count: int = 1
    documents_count: int = 0


def list_number(batch_id: str) -> str:
    """A hand-over list's printed number: the start of its batch id, enough to find it again."""
    return batch_id.replace("-", "")[:10].upper()


@dataclass(frozen=True)
class HandOverListView:
    """A batch hand-over list (Danh sách bàn giao hồ sơ): who gave, who took, when, which dossiers."""

    unit: UnitView
    batch_id: str
    handed_over_at: datetime
    to_unit: str
    to_person: str = ""
    officer_name: str = ""
    rows: tuple[HandOverListRow, ...] = ()


@dataclass(frozen=True)
class EndOfDayView:
    """A workstation's day (the end-of-day sheet): what was done, and whether it reached the province.

    `reconciliation` is the last end-of-day check of that day as the officer read it ("" when none)."""

    unit: UnitView
    day: date
    officers: tuple[str, ...] = ()  # who received, handed over, returned, collected or scanned that day
    received: int = 0
    handed_over: int = 0
    returned: int = 0
    fees_total: int = 0  # VND, receipts not cancelled
    receipts: int = 0
    scan_files: int = 0
    scan_pages: int = 0
    events_waiting: int = 0  # the day's changes not yet acknowledged by the province
    events_refused: int = 0
    scans_waiting: int = 0  # the day's scans not yet uploaded
    reconciliation: str = ""
    reconciled_at: datetime | None = None
    matched: bool | None = None

    @property
    def all_synced(self) -> bool:
        return not (self.events_waiting or self.events_refused or self.scans_waiting)


@dataclass(frozen=True)
class PrintOptions:
    """How to print: paper, "2 liên", reprint mark, and the moment the slip is printed."""

    paper: str = "A4"  # A4 | A5 | roll80
    two_copies: bool = False
    reprint: bool = False
    printed_at: datetime | None = None

"""Producing a printed form: load the dossier (or the register range), render the PDF, keep a copy.

Every PDF is saved under the profile's `printed/` folder before anyone tries a printer, so a missing or
offline printer never loses the document. The command line and the GUI both come through `produce` (the
fee receipts and cash statements through `desktop.services.fee_documents`, kept by `keep_copy` too). Forms
use the profile's label override (`desktop.forms.labels`); its refused parts come back as warnings.

In a profile with a store key that copy is sealed (`NAME.pdf.sealed`, `desktop.core.sealed`, its own HKDF
label): the forms carry names, ID numbers and addresses. The preview and the printer take the PDF from
memory; `read_copy` opens a kept copy again; `--output PATH` still writes the clear PDF where asked.
"""

from __future__ import annotations

import io
import logging
import os
import re
import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from desktop import forms
from desktop.core.errors import StorageError, ValidationError
from desktop.core.sealed import SealedReader, SealedWriter, file_key_for, read_header
from desktop.core.timeutil import now_local
from desktop.forms import labels
from desktop.forms.model import PAPERS, PrintOptions
from desktop.services import store_key
from desktop.services.end_of_day import load_end_of_day_view
from desktop.services.form_data import load_dossier_view, load_handover_list_view, load_register_view
from desktop.store import settings
from desktop.store.engine import Store

PRINTER_SETTING = "printer.{form}"  # settings key: the printer last used for a form
PAPER_SETTING = "paper.{form}"  # the paper last printed on for a form
TWO_COPIES_SETTING = "two_copies.{form}"  # "1" when the receipt was last printed as "2 liên"
LANDSCAPE = ("register", "handover_list")  # always landscape A4
FEE_FORMS = ("fee_receipt", "cash_statement")  # `desktop.services.fee_documents`: A5 and A4, no choice
PURPOSE = b"printed"
SEALED_SUFFIX = ".sealed"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrintJob:
    """What to print. `code` for the dossier forms (the batch id for the hand-over list);
    `date_from`/`date_to` for the register; `date_from`, the day, for the end-of-day sheet."""

    form: str
    code: str = ""
    paper: str = "A4"
    two_copies: bool = False
    reprint: bool = False
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class PrintedDocument:
    """A rendered form: its bytes, its copy under `printed/`, and a title for the print queue."""

    form: str
    pdf: bytes
    path: Path
    title: str
    reprint: bool
    warnings: tuple[str, ...] = ()  # refused parts of the profile's label override (the shipped text is used)


@dataclass(frozen=True)
class PrintChoice:
    """How a form was last printed on this workstation: printer, paper, "2 liên" (receipt only)."""

    printer: str = ""
    paper: str = "A4"
    two_copies: bool = False


def papers_for(form: str) -> tuple[str, ...]:
    """The papers a form can be printed on: the receipt also on the 80 mm roll; the register and the
    hand-over list only on landscape A4, the end-of-day sheet only on A4, the fee receipts on A5 and the
    cash statement on A4 (no choice)."""
    if form in LANDSCAPE or form in forms.DATED or form in FEE_FORMS:
        return ()
    return PAPERS if form == "receipt" else ("A4", "A5")


def remembered_choice(session: Session, form: str) -> PrintChoice:
    """The choice stored for `form`; where nothing is stored: no printer, A4, and the receipt in "2 liên"
    (one copy kept with the control slip, one for the citizen)."""
    paper = settings.get(session, PAPER_SETTING.format(form=form), "A4")
    return PrintChoice(
        printer=settings.get(session, PRINTER_SETTING.format(form=form)),
        paper=paper if paper in papers_for(form) else "A4",
        two_copies=form == "receipt"
        and settings.get(session, TWO_COPIES_SETTING.format(form=form), "1") == "1",
    )


def remember_choice(session: Session, form: str, choice: PrintChoice) -> None:
    """Store `choice` as the one to offer next time `form` is printed."""
    settings.put(session, PRINTER_SETTING.format(form=form), choice.printer)
    if papers_for(form):
        settings.put(session, PAPER_SETTING.format(form=form), choice.paper)
    if form == "receipt":
        settings.put(session, TWO_COPIES_SETTING.format(form=form), "1" if choice.two_copies else "0")


def check_job(job: PrintJob) -> None:
    forms.check_form(job.form)
    if job.paper not in PAPERS:
        raise ValidationError(f"Khổ giấy '{job.paper}' không hợp lệ; chọn A4, A5 hoặc roll80.", "paper")
    if job.paper == "roll80" and job.form != "receipt":
        raise ValidationError("Khổ giấy cuộn 80 mm chỉ dùng cho phiếu hẹn trả kết quả.", "paper")
    if job.form == "register":
        if job.date_from is None or job.date_to is None:
            raise ValidationError("Sổ theo dõi hồ sơ cần khoảng ngày: --from NGÀY --to NGÀY.", "date_from")
    elif job.form in forms.DATED:
        if job.date_from is None:
            raise ValidationError("Báo cáo cuối ngày cần ngày: --date NGÀY.", "date_from")
        if job.paper != "A4":
            raise ValidationError("Báo cáo cuối ngày chỉ in trên khổ A4.", "paper")
    elif job.form == "handover_list":
        if not job.code.strip():
            raise ValidationError("Hãy cho biết số danh sách bàn giao cần in.", "code")
    elif not job.code.strip():
        raise ValidationError("Hãy cho biết mã hồ sơ cần in.", "code")


def _file_stem(job: PrintJob, stamp: str) -> str:
    if job.form == "register" and job.date_from and job.date_to:
        subject = f"{job.date_from:%Y%m%d}-{job.date_to:%Y%m%d}"
    elif job.form in forms.DATED and job.date_from:
        subject = f"{job.date_from:%Y%m%d}"
    else:
        subject = re.sub(r"[^0-9A-Za-z.\-]+", "_", job.code.strip())
    return f"{job.form}_{subject}_{stamp}{'_in-lai' if job.reprint else ''}"


def _create_temporary(folder: Path) -> tuple[int, Path]:
    """A new, exclusively created file in `folder` with the usual permissions (0666 less the umask, applied
    by the OS), unlike `tempfile.mkstemp`'s private 0600: the PDF is a document for others to open."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = folder / f".motcua-{secrets.token_hex(8)}.pdf"
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue


def write_pdf(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically (temporary file + rename); StorageError on disk problems."""
    write_file(path, data, "PDF")


def write_file(path: Path, data: bytes, kind: str) -> None:
    """`write_pdf` for any document; `kind` ("PDF", "Excel") names it in the Vietnamese message."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _create_temporary(path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise StorageError(f"Không ghi được tệp {kind} '{path}': {exc.strerror or exc}.", str(path)) from exc


def keep_copy(store: Store, kept: Path, pdf: bytes) -> Path:
    """Keep `pdf` under `printed/`: sealed with the store key (`kept` + `.sealed`) in a profile with one,
    else the PDF itself. Returns the file written."""
    key = store_key.profile_key(store.profile)
    if key is None:
        if store_key.key_file(store.profile).exists():  # the store itself will not open so once encrypted
            log.warning("printed copy kept unsealed: the store key is not at hand")
        write_pdf(kept, pdf)
        return kept
    sealed = io.BytesIO()
    writer = SealedWriter(sealed, key, PURPOSE, {"kind": "printed"})
    writer.write(pdf)
    writer.close()
    path = kept.with_name(kept.name + SEALED_SUFFIX)
    write_file(path, sealed.getvalue(), "PDF")
    return path


def read_copy(store: Store, path: Path) -> bytes:
    """The PDF of a copy `keep_copy` kept (sealed or not)."""
    if path.suffix != SEALED_SUFFIX:
        return path.read_bytes()
    key = store_key.load_store_key(store.profile)
    with open(path, "rb") as fh:
        header = read_header(fh)
        reader = SealedReader(fh, header, file_key_for(header, key, PURPOSE))
        data = reader.read()
        reader.finish()
    return data


def render(store: Store, job: PrintJob) -> tuple[bytes, str]:
    """(PDF bytes, title) for `job`, read from the store in one session."""
    check_job(job)
    options = PrintOptions(
        paper=job.paper, two_copies=job.two_copies, reprint=job.reprint, printed_at=now_local()
    )
    with labels.profile_labels(store.profile.root), store.session() as session:
        if job.form == "register":
            assert job.date_from is not None and job.date_to is not None
            view = load_register_view(session, job.date_from, job.date_to)
            title = f"{forms.FORMS['register'][1]} {job.date_from:%d/%m/%Y}-{job.date_to:%d/%m/%Y}"
            return forms.render("register", view, options), title
        if job.form in forms.DATED:
            assert job.date_from is not None
            day = load_end_of_day_view(session, job.date_from)
            return forms.render(
                job.form, day, options
            ), f"{forms.FORMS[job.form][1]} {job.date_from:%d/%m/%Y}"
        if job.form == "handover_list":
            batch = load_handover_list_view(session, job.code)
            return forms.render(job.form, batch, options), f"{forms.FORMS[job.form][1]} {job.code}"
        dossier = load_dossier_view(session, job.code)
        return forms.render(job.form, dossier, options), f"{forms.FORMS[job.form][1]} {dossier.code}"


def produce(store: Store, job: PrintJob, output: Path | None = None) -> PrintedDocument:
    """Render `job`, save its copy under `printed/` (and to `output` when given), return the result."""
    pdf, title = render(store, job)
    stamp = now_local().strftime("%Y%m%d-%H%M%S")
    kept = keep_copy(store, store.profile.output_dir / f"{_file_stem(job, stamp)}.pdf", pdf)
    if output is not None:
        write_pdf(output, pdf)
    warnings = labels.override_problems(store.profile.root)
    return PrintedDocument(job.form, pdf, kept, title, job.reprint, warnings)

"""The wire schema of sync protocol v1, shared by the client and the reference server (design §3).

Dossier records travel in the vocabulary of the national portal's one-stop sync service
(`DongBoHoSoMC`, domain §7): `MaHoSo`, `MaTTHC`, `NgayTiepNhan` as `yyyyMMddHHmmss` Asia/Ho_Chi_Minh,
`TrangThaiHoSo` 1..10 and so on, so a provincial gateway can forward a record unchanged. Local fields the
portal has no name for travel in `MoRong` ("extension"), so nothing the commune recorded is lost.

Every event is an envelope (UUID, dossier UUID, per-dossier sequence, type, hashes) around a `HoSo` record:
the first event of a dossier carries the full intake snapshot, later events only what changed plus
`TrangThaiHoSo`. `merge_record` folds them into the dossier's current state, identically on both ends.

All strings refuse NUL characters and every number is bounded, so malformed input is a 422, never a
database error on the server.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import date, datetime
from functools import cache
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)

from sync.common.timeutil import VN_TZ, as_local
from sync.common.wire_values import clean_at_once, refuse_nul

PROTOCOL_VERSION = 1
API_PREFIX = "/api/v1"
MIN_CLIENT_VERSION = "0.1.0"
MAX_BATCH = 500
NUMBER_DAYS_AHEAD = 7  # `POST /numbers:reserve` takes days from yesterday to today + this
MAX_BODY_BYTES = 16 * 1024 * 1024  # decompressed request body
TUS_VERSION = "1.0.0"  # scans go up by tus 1.0 under `/blobs/` (core, creation, checksum)
MAX_BLOB_BYTES = 64 * 1024 * 1024  # one scan (a document's PDF); larger is 413
BLOB_TYPES = ("application/pdf", "image/jpeg", "image/png", "image/tiff")  # others are 415
DVCQG_TIME = "%Y%m%d%H%M%S"
TIME_PATTERN = r"^\d{14}$"
UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
HASH_PATTERN = r"^([0-9a-f]{64})?$"

Text = Annotated[str, Field(max_length=4000)]
Short = Annotated[str, Field(max_length=300)]
SmallInt = Annotated[int, Field(ge=0, le=1_000_000)]


def _holds_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, WireModel):
        return True
    return any(_holds_model(arg) for arg in get_args(annotation))


@cache
def _nested_fields(model: type[WireModel]) -> frozenset[str]:
    """The fields of `model` that hold wire models: those check their own contents."""
    return frozenset(name for name, info in model.model_fields.items() if _holds_model(info.annotation))


# `model_validate(..., context=CHECKED)`: values the server read back from its own store, checked for NUL
# and the rest when they came in (`sync.server.unit_dossiers.expand`: a dossier's record and chain)
STORED = "stored"
CHECKED = {STORED: True}


class WireModel(BaseModel):
    """Base of every wire model: strict about unknown fields and NUL characters."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _no_nul(cls, data: Any, info: ValidationInfo) -> Any:
        # every value once: nested models are left to their own validator (not scanned at each level)
        if isinstance(info.context, dict) and info.context.get(STORED):
            return data
        if isinstance(data, dict):
            nested = _nested_fields(cls)
            own = {key: value for key, value in data.items() if key not in nested} if nested else data
            if clean_at_once(own, -1):  # at once: its keys and values at depth 0, as one by one below
                return data
            for key, value in data.items():
                refuse_nul(key)
                if key not in nested:
                    try:
                        refuse_nul(value)
                    except ValueError as exc:
                        raise ValueError(f"{exc}: {key}") from None
        else:
            refuse_nul(data)
        return data


# --- dossier record in the national portal's vocabulary -----------------------------------------------


class TaiLieu(WireModel):
    """A paper received with the dossier (`TaiLieuNop[]`), with the counts of originals and copies."""

    TenTepDinhKem: Text
    MaThanhPhanHoSo: Short | None = None
    TepDinhKemId: Short | None = None
    DuongDanTaiTepTin: Short | None = None
    IsDeleted: bool = False
    SoBanChinh: SmallInt = 0
    SoBanSao: SmallInt = 0


class LePhi(WireModel):
    """A fee or charge (`DanhSachLePhi[]`)."""

    TenPhiLePhi: Text
    MaPhiLePhi: Short | None = None
    HinhThucThu: Short | None = None
    Gia: Annotated[int, Field(ge=0, le=10**12)] = 0
    LoaiPhiLePhi: Annotated[int, Field(ge=0, le=9)] = 1


Time = Annotated[str, Field(pattern=TIME_PATTERN)]
SUPPLEMENT_PENDING, SUPPLEMENT_RECEIVED = 0, 1  # TrangThaiBoSung: requested, papers received


class GiayToBoSung(WireModel):
    """A paper asked for in a supplement request (`DanhSachGiayToBoSung[]`)."""

    TenGiayTo: Text
    MaThanhPhanHoSo: Short | None = None
    GhiChu: Text | None = None


class HoSoBoSung(WireModel):
    """One supplement cycle (`DanhSachHoSoBoSung[]`): the request (form 02) and, later, the receipt of the
    papers. A change event carries only the entry it touches; `merge_record` merges by `HoSoBoSungId`."""

    HoSoBoSungId: Short
    NguoiYeuCauBoSung: Short | None = None
    NoiDungBoSung: Text | None = None
    NgayBoSung: Time | None = None
    NguoiTiepNhanBoSung: Short | None = None
    ThongTinTiepNhan: Text | None = None
    NgayTiepNhanBoSung: Time | None = None
    TrangThaiBoSung: Annotated[int, Field(ge=0, le=1)] | None = None  # 0 requested, 1 papers received
    DanhSachGiayToBoSung: Annotated[list[GiayToBoSung], Field(max_length=200)] | None = None
    DanhSachLePhiBoSung: Annotated[list[LePhi], Field(max_length=50)] | None = None
    NgayHenTraTruoc: Time | None = None
    NgayHenTraMoi: Time | None = None


class GiayToKetQua(WireModel):
    """A result document (`DanhSachGiayToKetQua[]`): the decision, licence or reply the body issued."""

    TenGiayTo: Text
    SoKyHieu: Short | None = None
    NguoiKy: Short | None = None
    NgayKy: Time | None = None
    MaTepDinhKem: Short | None = None  # SHA-256 of the scan kept by the commune


DEMO_FLAG = "demo"  # `MoRong.demo: true`: synthetic data of a demo profile (training servers only)


def is_demo(record: HoSo) -> bool:
    """Whether a record is marked as demo data (`MoRong.demo` true)."""
    return bool(record.MoRong) and record.MoRong.get(DEMO_FLAG) is True  # type: ignore[union-attr]


SUPPLEMENT_TIMES = ("NgayBoSung", "NgayTiepNhanBoSung", "NgayHenTraTruoc", "NgayHenTraMoi")


class HoSo(WireModel):
    """One dossier record as `DongBoHoSoMC` knows it; `None` means "unchanged" in a change event."""

    MaHoSo: Short | None = None
    MaTTHC: Short | None = None
    TenTTHC: Text | None = None
    MaLinhVuc: Short | None = None
    TenLinhVuc: Short | None = None
    KenhThucHien: Annotated[int, Field(ge=1, le=3)] | None = None  # 1 direct, 2 online, 3 postal
    SoBienNhan: Short | None = None
    ChuHoSo: Short | None = None
    LoaiDoiTuong: Annotated[int, Field(ge=1, le=2)] | None = None  # 1 citizen, 2 organisation
    MaDoiTuong: Short | None = None
    ThongTinKhac: Text | None = None
    Email: Short | None = None
    SoDienThoai: Short | None = None
    DiaChi: Text | None = None
    TrichYeuHoSo: Text | None = None
    NgayTiepNhan: Annotated[str, Field(pattern=TIME_PATTERN)] | None = None
    NgayHenTra: Annotated[str, Field(pattern=TIME_PATTERN)] | None = None
    NgayTra: Annotated[str, Field(pattern=TIME_PATTERN)] | None = None
    NgayKetThucXuLy: Annotated[str, Field(pattern=TIME_PATTERN)] | None = None
    TrangThaiHoSo: Annotated[int, Field(ge=1, le=10)] | None = None
    ThongTinTra: Text | None = None
    HinhThuc: Annotated[int, Field(ge=0, le=1)] | None = None  # result: 0 at the counter, 1 by post
    DonViXuLy: Short | None = None
    GhiChu: Text | None = None
    TaiLieuNop: Annotated[list[TaiLieu], Field(max_length=200)] | None = None
    DanhSachLePhi: Annotated[list[LePhi], Field(max_length=50)] | None = None
    # 0 paid at the counter (cash, transfer) or nothing to pay, 1 through DVCQG, 2 a provincial gateway
    DuocThanhToanTrucTuyen: Annotated[int, Field(ge=0, le=2)] | None = None
    DanhSachHoSoBoSung: Annotated[list[HoSoBoSung], Field(max_length=50)] | None = None
    DanhSachGiayToKetQua: Annotated[list[GiayToKetQua], Field(max_length=50)] | None = None
    MoRong: Annotated[dict[str, Any], Field(max_length=100)] | None = None


# --- envelopes ----------------------------------------------------------------------------------------


class WireEvent(WireModel):
    """One event of the outbox as it travels.

    `payload`: the event's stored payload, exactly as hashed (`sync.events`): the server recomputes
    `hash` from (`prev_hash`, `uuid`, `seq`, `type`, `payload`) and refuses an event whose content does
    not match it (`rejected`, field `hash`). Optional: older clients send none and are taken as before."""

    uuid: Annotated[str, Field(pattern=UUID_PATTERN)]
    dossier_id: Annotated[str, Field(pattern=UUID_PATTERN)]
    seq: Annotated[int, Field(ge=1, le=1_000_000)]
    type: Annotated[str, Field(min_length=1, max_length=40)]
    occurred_at: datetime
    clock_offset_ms: Annotated[int, Field(ge=-(10**10), le=10**10)] = 0
    officer: Short | None = None
    prev_hash: Annotated[str, Field(pattern=HASH_PATTERN)] = ""
    hash: Annotated[str, Field(pattern=HASH_PATTERN)]
    record: HoSo
    attachments: Annotated[list[Annotated[str, Field(pattern=HASH_PATTERN)]], Field(max_length=200)] = []
    payload: Annotated[dict[str, Any], Field(max_length=200)] | None = None


class EventBatch(WireModel):
    unit_code: Short
    events: Annotated[list[WireEvent], Field(min_length=1, max_length=MAX_BATCH)]


EventStatus = Literal["accepted", "duplicate", "conflict", "rejected", "gap"]


class EventResult(WireModel):
    """The server's answer for one event. `reason` is Vietnamese, for the officer."""

    uuid: str
    status: EventStatus
    reason: str | None = None
    field: str | None = None
    expected_seq: int | None = None


class BatchResult(WireModel):
    results: list[EventResult]
    # SHA-256 of the scans the accepted (or already held) events of this batch refer to that the server
    # does not hold verified for the unit yet: upload them by tus under `/blobs/`
    missing_blobs: list[str] = []
    server_time: datetime


class Health(WireModel):
    """`training`: present (true) only on a training server (`motcua-server --training`), the only kind a
    demo profile may enrol with or sync to; absent on a real one, as older servers answer."""

    status: Literal["ok"] = "ok"
    protocol_version: int = PROTOCOL_VERSION
    server_time: datetime
    min_client_version: str = MIN_CLIENT_VERSION
    server_version: str
    training: Literal[True] | None = None


class EnrolRequest(WireModel):
    """`workstation`: this workstation's number in the commune (1-99, it splits the offline dossier
    numbers); refused with 409 while another live device of the unit holds it. `replaces_device_id`: the
    device this profile was enrolled as before (re-enrolment); the server revokes it and counts its
    dossiers as this one's. Both optional: older clients send neither.

    `enrolment_id`: a nonce the workstation keeps in its profile until the enrolment is complete. With it
    the device is pending (it holds no workstation number, revokes nothing and cannot push) until
    `POST /devices:confirm` with the new token, and a retry with the same id reuses that device with a
    new token, so a lost answer or a keyring that refused leaves nothing behind. Without it (older
    clients) the device is live at once. `unit_code`: the workstation's commune; an account of another
    unit is refused (403) before anything is created.

    Replacing a live device needs the unit administrator's account (403 otherwise): `replaces_device_id`
    naming a live device (unless the request carries that device's own token as bearer: the workstation
    re-enrolling itself), or `replace_workstation`, asking that the live device holding `workstation` be
    replaced by this one (without it, a held number is 409 for every account)."""

    username: Annotated[str, Field(min_length=1, max_length=80)]
    password: Annotated[str, Field(min_length=1, max_length=200)]
    device_name: Annotated[str, Field(max_length=120)] = ""
    client_version: Annotated[str, Field(max_length=40)] = ""
    workstation: Annotated[int, Field(ge=1, le=99)] | None = None
    replaces_device_id: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    enrolment_id: Annotated[str, Field(pattern=UUID_PATTERN)] | None = None
    unit_code: Short | None = None
    replace_workstation: bool = False


class EnrolResult(WireModel):
    device_id: str
    token: str
    unit_code: str
    unit_name: str
    officer_name: str


class DeviceConfirmed(WireModel):
    """The answer to `POST /devices:confirm`: the device is live and holds its workstation number."""

    device_id: str
    unit_code: str
    workstation: int | None = None


class NumberRequest(WireModel):
    day: date
    count: Annotated[int, Field(ge=1, le=500)]


class NumberBlockOut(WireModel):
    unit_code: str
    day: date
    first: int
    last: int


class ReconciliationItem(WireModel):
    """One dossier of the day as the server holds it: status, accepted event seqs, scans (SHA-256)."""

    code: str
    status: int
    seqs: list[int] = []
    scans: list[str] = []


class Reconciliation(WireModel):
    """A day's figures. `scope` is `device` when only the asking workstation's dossiers are counted
    (`?scope=device`); absent for the whole unit (as servers before it answered).

    Asked with `?detail=false|true` (issue 19; absent, the answer is as before, for older clients): also
    the digests of the day's events (lines `code|seq`) and scans (`code|sha256`), the scans' count, and with
    `true` each dossier as the server holds it (`items`), so a client can name what differs."""

    unit_code: str
    date: date
    dossiers: int
    events: int
    digest: str
    scope: Literal["device"] | None = None
    events_digest: str | None = None
    scans: int | None = None
    scans_digest: str | None = None
    items: Annotated[list[ReconciliationItem], Field(max_length=100_000)] | None = None


# --- the way back: `GET /changes` --------------------------------------------------------------------

MAX_CHANGES_PAGE = 500  # `limit` of `GET /changes`: the items of one page, at most
CHANGE_STEP = "step"
CHANGE_DOSSIER = "dossier"
MAX_CHAIN = 1000  # events of one dossier in a `dossier` item
UPSTREAM_ACTOR = "province"


class UpstreamEvent(WireModel):
    """An event made upstream, for the workstation to append to the dossier's chain with this `uuid` and
    `payload` (the chain's sequence and hashes are the workstation's, as for its own events); pushed back,
    the server knows it by its UUID and does not apply it twice."""

    uuid: Annotated[str, Field(pattern=UUID_PATTERN)]
    type: Annotated[str, Field(min_length=1, max_length=40)]
    occurred_at: datetime
    payload: Annotated[dict[str, Any], Field(max_length=200)]


class StepChange(WireModel):
    """`kind: step`: a status change of one of the unit's dossiers made upstream (`motcua-server admin
    set-status`), with the body's `note`, who made it (`actor`) and when (`at`); `event` is that step as
    an event (kind `upstream_step`, `sync.events.UpstreamStep`) for the dossier's chain."""

    kind: Literal["step"] = "step"
    dossier_code: Short
    status_code: Annotated[int, Field(ge=1, le=10)]
    note: Text = ""
    actor: Short = UPSTREAM_ACTOR
    at: datetime
    event: UpstreamEvent


CHANGE_ONLINE = "online_submission"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
# the top-level keys of an intake draft (`motcua dossier receive FILE.json`, desktop/services/intake_json.py)
DRAFT_KEYS = frozenset(
    {
        "procedure_code", "applicant", "papers", "submitter", "channel", "delivery", "delivery_address",
        "summary", "notes", "sets_count", "fees",
    }
)  # fmt: skip


class OnlineFile(WireModel):
    """A file a citizen attached on the portal, held by the server by its SHA-256 (`GET /blobs/sha256/…`);
    `paper`: the code or name of the paper it belongs to, as in the draft's `papers` (empty: the first)."""

    sha256: Annotated[str, Field(pattern=SHA256_PATTERN)]
    size: Annotated[int, Field(ge=0, le=2_000_000_000)]
    mime: Annotated[str, Field(max_length=60)] = "application/pdf"
    name: Short = ""
    paper: Short = ""


class OnlineSubmissionChange(WireModel):
    """`kind: online_submission`: a dossier a citizen submitted on the public portal for the unit (status 1,
    channel online), its code given by the province (`dossier_code`, the unit's format) and its id
    (`dossier_id`, the chain's); `draft` is the same JSON draft as `motcua dossier receive` (the
    workstation checks it against its catalogue), `files` the attachments to fetch by hash."""

    kind: Literal["online_submission"] = "online_submission"
    dossier_id: Annotated[str, Field(pattern=UUID_PATTERN)]
    dossier_code: Short
    submitted_at: datetime
    draft: Annotated[dict[str, Any], Field(max_length=len(DRAFT_KEYS))]
    files: Annotated[list[OnlineFile], Field(max_length=200)] = []


class ChainEvent(WireModel):
    """One event of a dossier's chain as the server stores it, for another workstation of the unit to
    keep: the envelope and `payload` exactly as hashed (the receiver recomputes `hash`); `status` is the
    server's answer to it (`rejected`: in the chain, its effect not applied)."""

    uuid: Annotated[str, Field(pattern=UUID_PATTERN)]
    seq: Annotated[int, Field(ge=1, le=1_000_000)]
    type: Annotated[str, Field(min_length=1, max_length=40)]
    occurred_at: datetime
    clock_offset_ms: Annotated[int, Field(ge=-(10**10), le=10**10)] = 0
    officer: Short | None = None
    prev_hash: Annotated[str, Field(pattern=HASH_PATTERN)] = ""
    hash: Annotated[str, Field(pattern=HASH_PATTERN)]
    payload: Annotated[dict[str, Any], Field(max_length=200)]
    status: Literal["accepted", "rejected"] = "accepted"


class DossierChange(WireModel):
    """`kind: dossier`: a dossier of the unit another workstation pushed (new, or new events of it):
    its record as the province holds it (`HoSo`, the fold of its accepted events), the workstation that
    received it (`workstation`, the holder of its chain) and its whole chain in sequence order (the
    receiver keeps the events it lacks, by UUID)."""

    kind: Literal["dossier"] = "dossier"
    dossier_id: Annotated[str, Field(pattern=UUID_PATTERN)]
    dossier_code: Short
    workstation: Annotated[int, Field(ge=1, le=99)] | None = None
    record: HoSo
    events: Annotated[list[ChainEvent], Field(min_length=1, max_length=MAX_CHAIN)]


CHANGE_CATALOGUE = "catalogue_version"
CHANGE_CALENDAR = "calendar"


class CatalogueChange(WireModel):
    """`kind: catalogue_version`: a procedure catalogue version the province published (`motcua-server
    admin publish-catalogue FILE`), in force from `effective_from`; `catalogue` is the document itself, in
    the format of `resources/catalogue/procedures.json` (the server checks its shape, the workstation all
    of it, fee lines included). `unit`: the unit it is meant for, None for every unit of the province."""

    kind: Literal["catalogue_version"] = "catalogue_version"
    version: Annotated[str, Field(min_length=1, max_length=60)]
    effective_from: date
    unit: Short | None = None
    catalogue: dict[str, Any]


class CalendarChange(WireModel):
    """`kind: calendar`: an official working calendar (`motcua-server admin publish-calendar FILE`), the
    document `motcua calendar import` takes (`schedule`), for `years`; `unit` as for a catalogue."""

    kind: Literal["calendar"] = "calendar"
    version: Annotated[str, Field(min_length=1, max_length=24)]
    years: Annotated[list[Annotated[int, Field(ge=1900, le=2200)]], Field(min_length=1, max_length=20)]
    unit: Short | None = None
    schedule: dict[str, Any]


CHANGE_UNIT_SETTINGS = "unit_settings"


class UnitSettingsChange(WireModel):
    """`kind: unit_settings`: settings of the unit the province changed (`motcua-server admin
    set-unit-settings`): the office hours the legal clock uses ("07:30-11:30,13:30-17:00") and the lookup
    address the receipt's QR carries (with `{code}`); None leaves a setting as it is. The workstation
    checks them as `motcua unit set` does."""

    kind: Literal["unit_settings"] = "unit_settings"
    unit: Short
    office_hours: Short | None = None
    lookup_url: Short | None = None


class OtherChange(BaseModel):
    """An item of a kind this version does not know (a newer server's): kept as it came, and skipped."""

    model_config = ConfigDict(extra="allow")

    kind: Annotated[str, Field(max_length=40)]


class ChangesPage(WireModel):
    """One page of `GET /changes?since=CURSOR&limit=N`: the unit's items after `since` in the order the
    server recorded them, each typed by its `kind` (a client skips the kinds it does not know);
    `next_cursor` is opaque (ask again with it; the same when nothing came), `more` whether more wait."""

    items: Annotated[
        list[
            StepChange
            | OnlineSubmissionChange
            | DossierChange
            | CatalogueChange
            | CalendarChange
            | UnitSettingsChange
            | OtherChange
        ],
        Field(max_length=MAX_CHANGES_PAGE),
    ]
    next_cursor: Short
    more: bool = False

    @field_validator("items", mode="wrap")
    @classmethod
    def _by_kind(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        """Each item validated as the model its `kind` names: the union alone tries its models in turn,
        each running its checks over the whole item first (six times the work on a page of dossiers).
        An item that does not fit its kind's model, or of a kind not listed, goes through the union as
        before (a malformed known kind and an unknown kind become `OtherChange`)."""
        if not isinstance(value, list) or len(value) > MAX_CHANGES_PAGE:
            return handler(value)
        typed: list[Any] = []
        for item in value:
            model = _KINDS.get(item.get("kind")) if isinstance(item, dict) else None
            if model is not None:
                try:
                    typed.append(model.model_validate(item))
                    continue
                except ValidationError:
                    pass
            typed.append(item)
        return handler(typed)


_KINDS: dict[Any, type[WireModel]] = {
    CHANGE_STEP: StepChange,
    CHANGE_ONLINE: OnlineSubmissionChange,
    CHANGE_DOSSIER: DossierChange,
    CHANGE_CATALOGUE: CatalogueChange,
    CHANGE_CALENDAR: CalendarChange,
    CHANGE_UNIT_SETTINGS: UnitSettingsChange,
}


class TimeLimitCorrection(WireModel):
    """The commune's correction of the catalogue (issue 22): its unit administrator confirmed the time limit
    of a procedure the catalogue marks unconfirmed. `id` makes a resend a duplicate; `unit`: "days",
    "hours", "sameday" or another unit of the client's legal clock; `cutoff` "HH:MM" (same day);
    `catalogue_version`: the version in force when confirmed."""

    id: Annotated[str, Field(pattern=UUID_PATTERN)]
    procedure_code: Annotated[str, Field(min_length=1, max_length=40)]
    amount: Annotated[float, Field(ge=0, le=1000)]
    unit: Annotated[str, Field(min_length=1, max_length=10)]
    cutoff: Annotated[str, Field(pattern=r"^\d{2}:\d{2}$")] | None = None
    basis: Text = ""
    catalogue_version: Short = ""
    confirmed_at: datetime
    officer: Short = ""
    workstation: Annotated[int, Field(ge=0, le=99)] = 0


class CorrectionBatch(WireModel):
    unit_code: Short
    corrections: Annotated[list[TimeLimitCorrection], Field(min_length=1, max_length=MAX_BATCH)]


class CorrectionsStored(WireModel):
    """The ids the server now holds (new or already there)."""

    stored: list[str]


class ErrorOut(BaseModel):
    detail: Any


# --- helpers used by both ends ------------------------------------------------------------------------

FIELD_LABELS = {
    "MaHoSo": "mã hồ sơ",
    "MaTTHC": "mã thủ tục",
    "TenTTHC": "tên thủ tục",
    "ChuHoSo": "chủ hồ sơ",
    "MaDoiTuong": "số giấy tờ của người nộp",
    "NgayTiepNhan": "ngày tiếp nhận",
    "NgayHenTra": "ngày hẹn trả",
    "NgayTra": "ngày trả kết quả",
    "NgayKetThucXuLy": "ngày kết thúc xử lý",
    "TrangThaiHoSo": "trạng thái hồ sơ",
    "TaiLieuNop": "giấy tờ nộp",
    "DanhSachLePhi": "lệ phí",
    "DuocThanhToanTrucTuyen": "thanh toán trực tuyến",
    "DanhSachHoSoBoSung": "yêu cầu bổ sung hồ sơ",
    "DanhSachGiayToKetQua": "giấy tờ kết quả",
    "ThongTinTra": "thông tin trả kết quả",
    "HinhThuc": "hình thức trả kết quả",
    "dossier_id": "mã nội bộ của hồ sơ",
    "seq": "thứ tự thay đổi",
    "prev_hash": "chuỗi kiểm tra lịch sử",
    "hash": "mã kiểm tra nội dung",
    "uuid": "mã sự kiện",
    "MoRong": "thông tin mở rộng (MoRong)",
    "KenhThucHien": "kênh tiếp nhận",
    "LoaiDoiTuong": "loại chủ hồ sơ",
    "officer": "cán bộ ghi nhận",
    "occurred_at": "thời điểm ghi nhận",
}


def field_label(name: str) -> str:
    """The Vietnamese name of a wire field, for messages to the officer (the wire name when unknown)."""
    return FIELD_LABELS.get(name, name)


def to_dvcqg_time(value: datetime) -> str:
    """`yyyyMMddHHmmss` in Asia/Ho_Chi_Minh, as the portal expects."""
    return as_local(value).strftime(DVCQG_TIME)


def dvcqg_time_or_none(value: Any) -> str | None:
    """`to_dvcqg_time` of an ISO text or datetime; None when empty or malformed."""
    if not value:
        return None
    try:
        return to_dvcqg_time(value if isinstance(value, datetime) else datetime.fromisoformat(str(value)))
    except ValueError:
        return None


def from_dvcqg_time(value: str) -> datetime:
    """Parse `yyyyMMddHHmmss` (Vietnam time) into an aware datetime; ValueError when malformed."""
    return datetime.strptime(value, DVCQG_TIME).replace(tzinfo=VN_TZ)


def merge_record(state: dict[str, Any], record: HoSo) -> dict[str, Any]:
    """The dossier's state after one more event: set fields replace, `MoRong` merges key by key,
    `DanhSachHoSoBoSung` entry by entry (`HoSoBoSungId`; a new id is appended)."""
    merged = dict(state)
    for key, value in record.model_dump(mode="json", exclude_none=True).items():
        if key == "MoRong":
            merged["MoRong"] = {**merged.get("MoRong", {}), **value}
        elif key == "DanhSachHoSoBoSung":
            merged[key] = _merge_entries(merged.get(key, []), value, "HoSoBoSungId")
        else:
            merged[key] = value
    return merged


def _merge_entries(old: list[dict[str, Any]], new: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    merged = [dict(entry) for entry in old]
    where = {entry.get(key): i for i, entry in enumerate(merged)}
    for entry in new:
        if entry[key] in where:
            merged[where[entry[key]]].update(entry)
        else:
            where[entry[key]] = len(merged)
            merged.append(entry)
    return merged


def content_digest(event: WireEvent | dict[str, Any]) -> str:
    """SHA-256 of an event's canonical JSON (`model_dump(mode="json")` may be passed instead of the
    event, to dump it once): same UUID and same digest means a harmless retry. The `payload` is left
    out (the `hash` covers it), so a retry of an event first sent by an older client still matches."""
    data = event.model_dump(mode="json") if isinstance(event, WireEvent) else event
    data = {key: value for key, value in data.items() if key != "payload"}
    body = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def reconciliation_digest(dossiers: Iterable[tuple[str, int]]) -> str:
    """Digest of a day's dossiers as (MaHoSo, TrangThaiHoSo) pairs, independent of order."""
    lines = sorted(f"{code}|{status}" for code, status in dossiers)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def lines_digest(lines: Iterable[str]) -> str:
    """Digest of a set of text lines, independent of order (the day's events and scans)."""
    return hashlib.sha256("\n".join(sorted(lines)).encode("utf-8")).hexdigest()

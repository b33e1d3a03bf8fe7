"""The documented maximum length of each free-text field, in characters (issue 21 item 3).

One table, read by the services' validation (`desktop.services.intake_draft`, the action services' reasons)
and by the screens (`maxLength`, the counter shown near the limit, the paste guard), so the two never
disagree. A value over its limit is refused with a message saying the limit, never cut.

The name and address limits are those a receipt (form 01) still prints on one page with both at their
maximum, applicant and submitter alike (tests/unit/test_forms.py): the longest Vietnamese full names run to
about 50 characters, a full old address with hamlet, commune, district and province to about 150.
"""

from __future__ import annotations

from desktop.core.errors import ValidationError
from desktop.core.text import clean

NAME = 100  # a person's or organisation's full name: applicant, submitter, receiver, requester
ADDRESS = 300  # an address: the applicant's, the delivery address
REASON = 2000  # the reason of a step: stop, supplement, refusal, withdrawal, correction, apology
NOTES = 2000  # the officer's notes on a dossier
ID = 30  # an identity or tax number as typed (spaces and dots allowed)
PHONE = 30
EMAIL = 200
DATE = 20  # a date as typed, dd/mm/yyyy
DOCUMENT_NAME = 500  # the name of a paper of the dossier
SHORT_TEXT = 300  # a signer, a document reference, an authorisation
BODY = 200  # an office or body: the unit a dossier is handed to, the body issuing a notice, a place
NUMBER = 60  # a document or notice number, a postal waybill, an amount as typed
OFFICER_NAME = 200  # an officer's full name
USERNAME = 80  # an officer's user name
PASSWORD = 128  # a password as typed
UNIT_NAME = 100  # the commune or ward's name
UNIT_CODE = 60  # the unit's code as issued by the province
BASIS = 1000  # the legal basis of a confirmed time limit
URL = 300  # the lookup link printed on receipts, the sync server's address
PATH = 1000  # a file or folder chosen or typed
SEARCH = 200  # what is typed to search or filter a list
DOSSIER_CODE = 40  # a dossier code as typed or scanned
RECOVERY_KEY = 60  # the recovery key as typed (40 characters, dashes and spaces allowed)
PERIOD = 20  # a report period as typed (2026-Q4)
OFFICE_HOURS = 60  # the office hours as typed (07:30-11:30,13:30-17:00)
BOOK = 20  # the register book ("quyển số") printed on receipts

# what the README and the help sheet list: (field, Vietnamese name, maximum)
TABLE: tuple[tuple[str, str, int], ...] = (
    ("name", "Họ và tên", NAME),
    ("address", "Địa chỉ", ADDRESS),
    ("reason", "Lý do", REASON),
    ("notes", "Ghi chú", NOTES),
    ("id", "Số giấy tờ", ID),
    ("phone", "Điện thoại", PHONE),
    ("email", "Thư điện tử", EMAIL),
    ("document_name", "Tên giấy tờ", DOCUMENT_NAME),
    ("short_text", "Người ký, số văn bản, giấy ủy quyền", SHORT_TEXT),
    ("body", "Cơ quan, bộ phận nhận; cơ quan ra thông báo; nơi nộp", BODY),
    ("number", "Số thông báo, số chứng từ, mã vận đơn, số tiền", NUMBER),
    ("officer_name", "Họ và tên cán bộ", OFFICER_NAME),
    ("username", "Tên đăng nhập", USERNAME),
    ("password", "Mật khẩu", PASSWORD),
    ("unit_name", "Tên xã/phường", UNIT_NAME),
    ("unit_code", "Mã định danh đơn vị", UNIT_CODE),
    ("basis", "Căn cứ pháp lý của thời hạn", BASIS),
    ("url", "Địa chỉ máy chủ, đường dẫn tra cứu", URL),
    ("path", "Tệp, thư mục", PATH),
    ("search", "Ô tìm kiếm", SEARCH),
    ("dossier_code", "Mã hồ sơ", DOSSIER_CODE),
    ("recovery_key", "Khoá khôi phục", RECOVERY_KEY),
    ("period", "Kỳ báo cáo", PERIOD),
    ("office_hours", "Giờ làm việc", OFFICE_HOURS),
    ("book", "Quyển số", BOOK),
)

COUNTER_FROM = 0.8  # a field shows "n/limit" once this share of its limit is used


def too_long(what: str, length: int, limit: int) -> str:
    """The message for a value over its limit: both lengths, never a cut."""
    return f"{what} dài {length} ký tự, tối đa {limit} ký tự: hãy rút gọn."


def bounded(value: str, limit: int, what: str, field: str) -> str:
    """`value` cleaned (`clean`: NFC, white space collapsed), whole; a ValidationError on `field` saying
    both lengths when it is longer than `limit` (what the command line and the screens send alike)."""
    text = clean(value)
    if len(text) > limit:
        raise ValidationError(too_long(what, len(text), limit), field)
    return text

"""The documented maximum length of each free-text field, in characters (issue 21 item 3).

One table, read by the services' validation (`desktop.services.intake_draft`, the action services' reasons)
and by the screens (`maxLength`, the counter shown near the limit, the paste guard), so the two never
disagree. A value over its limit is refused with a message saying the limit, never cut.

The name and address limits are those a receipt (form 01) still prints on one page with both at their
maximum, applicant and submitter alike (tests/unit/test_forms.py): the longest Vietnamese full names run to
about 50 characters, a full old address with hamlet, commune, district and province to about 150.
"""

from __future__ import annotations

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
)

COUNTER_FROM = 0.8  # a field shows "n/limit" once this share of its limit is used

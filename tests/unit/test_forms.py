"""The printed forms read back with real tools: every field in pdftotext, the QR and Code 128 decode,
nothing outside the printable area and no overlapping text, long data flowing onto a second page."""

from __future__ import annotations

import dataclasses
import subprocess
from datetime import date, datetime, timedelta

import pytest

from desktop import forms
from desktop.core import limits
from desktop.core.errors import ValidationError
from desktop.core.timeutil import VN_TZ
from desktop.forms.layout import PAPERS
from desktop.forms.model import (
    DocumentView,
    DossierView,
    HandOverView,
    PrintOptions,
    RegisterRow,
    RegisterView,
    UnitView,
)
from tests.pdfcheck import decode, layout_problems, page_count, page_texts, pdf_text

RECEIVED = datetime(2026, 11, 23, 9, 5, tzinfo=VN_TZ)
UNIT = UnitView("H21.55.10", "Xã Ia Grai", "UBND XÃ IA GRAI", "BỘ PHẬN MỘT CỬA", "Ia Grai")
CODE = "H21.55.10-261123-0007"


def dossier(**changes: object) -> DossierView:
    base = DossierView(
        code=CODE,
        unit=UNIT,
        applicant_name="Nguyễn Thị Hằng",
        procedure_name="Đăng ký khai sinh",
        received_at=RECEIVED,
        applicant_address="Thôn Đắk Đoa, xã Ia Grai, tỉnh Gia Lai",
        applicant_phone="0912345678",
        applicant_email="hang@example.vn",
        applicant_id_number="064191234567",
        submitter_name="Trần Văn Đức",
        time_text="03 ngày làm việc",
        fee_text="Miễn lệ phí",
        due_at=RECEIVED + timedelta(days=3),
        officer_name="Lê Thị Quỳnh",
        register_book="01/2026",
        register_number=15,
        documents=(
            DocumentView("Tờ khai đăng ký khai sinh theo mẫu", 1, 0),
            DocumentView("Giấy chứng sinh", 1, 2),
        ),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def render(form: str, view: DossierView | RegisterView, **options: object) -> bytes:
    return forms.render(form, view, PrintOptions(**options))  # type: ignore[arg-type]


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_receipt_gives_back_every_field(paper: str) -> None:
    text = pdf_text(render("receipt", dossier(), paper=paper))
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "UBND XÃ IA GRAI",
        "BỘ PHẬN MỘT CỬA",
        "Ia Grai, ngày 23 tháng 11 năm 2026",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        f"Mã hồ sơ: {CODE}",
        "Tiếp nhận hồ sơ của: Nguyễn Thị Hằng",
        "Người nộp hồ sơ: Trần Văn Đức",
        "064191234567",
        "Địa chỉ: Thôn Đắk Đoa, xã Ia Grai, tỉnh Gia Lai",
        "Số điện thoại: 0912345678",
        "Email: hang@example.vn",
        "Nội dung yêu cầu giải quyết: Đăng ký khai sinh",
        "Tờ khai đăng ký khai sinh theo mẫu",
        "Giấy chứng sinh 1 2",
        "2. Số lượng hồ sơ: 1 (bộ)",
        "3. Thời gian giải quyết hồ sơ theo quy định là: 03 ngày làm việc",
        "4. Thời gian nhận hồ sơ: 09 giờ 05 phút, ngày 23 tháng 11 năm 2026",
        "5. Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 05 phút, ngày 26 tháng 11 năm 2026",
        "6. Đăng ký nhận kết quả tại: BỘ PHẬN MỘT CỬA - Xã Ia Grai",
        "7. Phí, lệ phí: Miễn lệ phí",
        "Quyển số: 01/2026, Số thứ tự: 15",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Lê Thị Quỳnh",
    ]:
        assert expected in text, expected


def test_roll_slip_gives_back_the_appointment_and_fits_the_roll() -> None:
    pdf = render("receipt", dossier(), paper="roll80")
    text = pdf_text(pdf)
    for expected in [
        "PHIẾU HẸN TRẢ KẾT QUẢ",
        f"Mã hồ sơ: {CODE}",
        "Người nộp: Nguyễn Thị Hằng",
        "Thủ tục: Đăng ký khai sinh",
        "Nhận lúc: 09:05 ngày 23/11/2026",
        "Hẹn trả: 09:05 ngày 26/11/2026",
        "Cán bộ tiếp nhận: Lê Thị Quỳnh",
    ]:
        assert expected in text, expected
    assert page_count(pdf) == 1
    assert layout_problems(pdf, PAPERS["roll80"].safe) == []
    assert ("QRCode", CODE) in decode(pdf)


def test_text_is_nfc_even_from_decomposed_input() -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hằng")
    text = pdf_text(render("receipt", dossier(applicant_name=nfd)))
    assert "Tiếp nhận hồ sơ của: Nguyễn Thị Hằng" in text
    assert text == unicodedata.normalize("NFC", text)


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_receipt_qr_and_barcode_decode_to_the_dossier_code(paper: str) -> None:
    found = decode(render("receipt", dossier(), paper=paper))
    assert ("QRCode", CODE) in found
    assert ("Code128", CODE) in found


def test_qr_carries_the_lookup_address_when_configured() -> None:
    unit = dataclasses.replace(UNIT, lookup_url="https://dichvucong.gialai.gov.vn/tra-cuu?ma={code}")
    found = dict(decode(render("receipt", dossier(unit=unit))))
    assert found["QRCode"] == f"https://dichvucong.gialai.gov.vn/tra-cuu?ma={CODE}"


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_receipt_layout_stays_inside_and_does_not_overlap(paper: str) -> None:
    pdf = render("receipt", dossier(), paper=paper)
    assert page_count(pdf) == 1
    assert layout_problems(pdf, PAPERS[paper].safe) == []


def at_limit(limit: int, words: str) -> str:
    """The longest value a field takes: `words` repeated up to `limit` characters, ending on a letter."""
    return (words * (limit // len(words) + 1))[:limit].rstrip(" ,;")


@pytest.mark.parametrize("paper", ["A4", "A5"])
@pytest.mark.parametrize("two_copies", [False, True])
def test_a_receipt_with_names_and_address_at_their_maximum_fits_its_page(
    paper: str, two_copies: bool
) -> None:
    name = at_limit(limits.NAME, "Nguyễn Hoàng Thị Phương Thảo Quỳnh Anh ")
    submitter = at_limit(limits.NAME, "Tôn Nữ Thị Diễm Kiều Trang Hoàng Phủ ")
    address = at_limit(limits.ADDRESS, "Tổ dân phố số 12, thôn Đắk Yă, xã Ia Grai, tỉnh Gia Lai; ")
    assert len(name) >= limits.NAME - 2 and len(address) >= limits.ADDRESS - 2
    view = dossier(applicant_name=name, submitter_name=submitter, applicant_address=address)
    pdf = render("receipt", view, paper=paper, two_copies=two_copies)
    assert page_count(pdf) == (2 if two_copies else 1)  # one page per copy
    assert layout_problems(pdf, PAPERS[paper].safe) == []
    text = pdf_text(pdf)
    for value in (name, submitter, address):  # nothing cut
        assert value in text


LONG_NAME = ("Nguyễn Hoàng Thị Phương Thảo Quỳnh Anh " * 5)[:150].strip()
LONG_ADDRESS = ("Tổ dân phố số 12, thôn Đắk Yă, xã Ia Grai, tỉnh Gia Lai; " * 4)[:150].strip()


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_long_names_and_thirty_documents_flow_to_a_second_page(paper: str) -> None:
    docs = tuple(
        DocumentView(
            f"Giấy tờ số {i}: bản sao chứng thực giấy chứng nhận quyền sử dụng đất ở số {i}", 1, i % 3
        )
        for i in range(1, 31)
    )
    view = dossier(applicant_name=LONG_NAME, applicant_address=LONG_ADDRESS, documents=docs)
    pdf = render("receipt", view, paper=paper)
    pages = page_texts(pdf)
    assert len(pages) >= 2
    assert layout_problems(pdf, PAPERS[paper].safe) == []
    text = pdf_text(pdf)
    assert f"Tiếp nhận hồ sơ của: {LONG_NAME}" in text
    assert f"Địa chỉ: {LONG_ADDRESS}" in text
    for i in (1, 17, 30):
        assert f"Giấy tờ số {i}: bản sao chứng thực" in text
    assert "Tên giấy tờ, tài liệu" in pages[1]  # header row repeated
    assert f"Trang 2/{len(pages)}" in pages[1]


def test_two_copies_are_labelled_and_numbered_per_copy() -> None:
    pdf = render("receipt", dossier(), two_copies=True)
    pages = page_texts(pdf)
    assert len(pages) == 2
    assert "(Liên 1: Lưu tại Bộ phận Một cửa)" in pages[0]
    assert "(Liên 2: Giao người nộp hồ sơ)" in pages[1]
    assert "Trang" not in pdf_text(pdf)  # each copy is one page
    assert [c for c in decode(pdf) if c[0] == "QRCode"] == [("QRCode", CODE)] * 2


def test_reprint_is_marked() -> None:
    when = datetime(2026, 11, 24, 14, 30, tzinfo=VN_TZ)
    assert "BẢN IN LẠI - in lúc 14:30 ngày 24/11/2026" in pdf_text(
        render("receipt", dossier(), reprint=True, printed_at=when)
    )
    assert "BẢN IN LẠI" not in pdf_text(render("receipt", dossier()))


def test_fonts_are_embedded_subsets_and_nothing_else() -> None:
    out = subprocess.run(
        ["pdffonts", "-"], input=render("receipt", dossier()), capture_output=True, check=False
    )
    if out.returncode != 0:  # older poppler cannot read stdin
        pytest.skip("pdffonts cannot read from stdin")
    rows = out.stdout.decode().splitlines()[2:]
    assert rows and all(" yes yes yes " in row and "LiberationSerif" in row for row in rows)


WHEN = datetime(2026, 11, 30, 8, 0, tzinfo=VN_TZ)


def test_supplement_lists_what_is_missing_and_why() -> None:
    docs = (
        DocumentView("Tờ khai đăng ký khai sinh theo mẫu", 1, 0),
        DocumentView("Giấy xác nhận cư trú", 0, 1, received=False, missing_note="Bản sao có chứng thực"),
    )
    view = dossier(documents=docs, reason="Thiếu giấy tờ chứng minh nơi cư trú")
    text = pdf_text(render("supplement", view, printed_at=WHEN))
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "1. Giấy xác nhận cư trú: Bản sao có chứng thực" in text
    assert "Tờ khai đăng ký khai sinh" not in text
    assert "Lý do: Thiếu giấy tờ chứng minh nơi cư trú" in text
    assert "Ia Grai, ngày 30 tháng 11 năm 2026" in text


def test_refusal_states_the_reason() -> None:
    text = pdf_text(
        render("refusal", dossier(reason="Không thuộc thẩm quyền giải quyết của xã"), printed_at=WHEN)
    )
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Không thuộc thẩm quyền giải quyết của xã" in text
    assert "Nguyễn Thị Hằng" in text


def test_apology_gives_old_and_new_dates_and_the_delay_reason() -> None:
    view = dossier(extended_due_at=RECEIVED + timedelta(days=7), delay_reason="Cần xác minh tại xã Đắk Pơ")
    text = pdf_text(render("apology", view, printed_at=WHEN))
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT HỒ SƠ" in text
    assert "Kính gửi: Ông/Bà Nguyễn Thị Hằng" in text
    assert "09 giờ 05 phút, ngày 26 tháng 11 năm 2026" in text  # original appointment
    assert "đến: 09 giờ 05 phút, ngày 30 tháng 11 năm 2026" in text  # proposed new date
    assert "Lý do: Cần xác minh tại xã Đắk Pơ" in text


def test_stop_notice_states_the_reason() -> None:
    text = pdf_text(render("stop", dossier(reason="Người nộp đề nghị dừng giải quyết"), printed_at=WHEN))
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text
    assert "Lý do dừng giải quyết: Người nộp đề nghị dừng giải quyết" in text


@pytest.mark.parametrize(
    ("form", "view"),
    [
        ("refusal", dossier()),
        ("stop", dossier()),
        ("apology", dossier(delay_reason="x")),
        ("apology", dossier(extended_due_at=RECEIVED + timedelta(days=7))),
        ("supplement", dossier(documents=())),
    ],
)
def test_a_letter_without_its_reason_is_refused(form: str, view: DossierView) -> None:
    with pytest.raises(ValidationError):
        render(form, view)


def test_control_slip_has_the_hand_over_and_blank_rows() -> None:
    view = dossier(
        handovers=(
            HandOverView("Bộ phận Một cửa", "Công chức Tư pháp - Hộ tịch", RECEIVED + timedelta(hours=1)),
        )
    )
    pdf = render("control", view)
    text = pdf_text(pdf)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert "(Kèm theo hồ sơ của: Nguyễn Thị Hằng)" in text
    assert "1. Giao: Bộ phận Một cửa" in text
    assert "2. Nhận: Công chức Tư pháp - Hộ tịch" in text
    assert "10 giờ 05 phút, ngày 23 tháng 11 năm 2026" in text
    assert text.count("Người giao") == 4  # one filled row + three blank rows
    assert layout_problems(pdf, PAPERS["A4"].safe) == []


def test_register_repeats_its_header_on_every_page() -> None:
    rows = tuple(
        RegisterRow(
            f"H21.55.10-261123-{i:04d}",
            "Chứng thực bản sao từ bản chính",
            f"Phạm Văn Lộc {i}",
            "Thôn 3, xã Ia Grai; 0987654321",
            1,
            RECEIVED + timedelta(minutes=i),
            RECEIVED + timedelta(days=1),
        )
        for i in range(1, 61)
    )
    pdf = render("register", RegisterView(UNIT, date(2026, 11, 1), date(2026, 11, 30), rows), printed_at=WHEN)
    pages = page_texts(pdf)
    assert len(pages) >= 3
    assert all("Tên cá nhân, tổ chức" in p for p in pages)
    assert "SỔ THEO DÕI HỒ SƠ" in pages[0] and "Từ ngày 01/11/2026 đến ngày 30/11/2026" in pages[0]
    text = pdf_text(pdf)
    for i in (1, 30, 60):
        assert f"H21.55.10-261123-{i:04d}" in text
    assert layout_problems(pdf, PAPERS["A4-landscape"].safe) == []


def test_unknown_form_and_roll_paper_for_a_letter_are_refused() -> None:
    with pytest.raises(ValidationError):
        render("certificate", dossier())
    with pytest.raises(ValidationError):
        render("refusal", dossier(reason="x"), paper="roll80")


def test_numeric_dates_are_dd_mm_yyyy_everywhere_and_words_follow_decree_30() -> None:
    august = datetime(2026, 8, 6, 9, 5, tzinfo=VN_TZ)
    view = dossier(received_at=august, due_at=august + timedelta(days=4))
    slip = pdf_text(render("receipt", view, paper="roll80", reprint=True, printed_at=august))
    assert "Nhận lúc: 09:05 ngày 06/08/2026" in slip and "Hẹn trả: 09:05 ngày 10/08/2026" in slip
    assert "BẢN IN LẠI - in lúc 09:05 ngày 06/08/2026" in slip
    a4 = pdf_text(render("receipt", view, reprint=True, printed_at=august))
    assert "BẢN IN LẠI - in lúc 09:05 ngày 06/08/2026" in a4
    assert "09 giờ 05 phút, ngày 06 tháng 8 năm 2026" in a4  # in words: months 1-2 only are padded
    row = RegisterRow(CODE, "Đăng ký khai sinh", "Nguyễn Thị Hằng", "0912345678", 1, august, august)
    register = pdf_text(render("register", RegisterView(UNIT, date(2026, 8, 1), date(2026, 8, 31), (row,))))
    assert "06/08/2026" in register and "6/8/2026" not in register.replace("06/08/2026", "")

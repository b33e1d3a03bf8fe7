"""A province's wording fix kept in the profile (`<data-dir>/forms/labels_vi.json`), so an upgrade does not
lose it: printed from a real store and read back with pdftotext; a broken fix never breaks printing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.forms import labels
from desktop.services.accounts import SignedIn
from desktop.services.intake import receive_dossier
from desktop.services.printing import PrintJob, produce
from desktop.store.engine import Store
from tests.pdfcheck import pdf_text
from tests.unit.test_intake_services import MONDAY_9, make_draft

SHIPPED_FROM = "Tiếp nhận hồ sơ của: Nguyễn Văn Mẫu"


@pytest.fixture
def received(ready_store: tuple[Store, SignedIn]) -> tuple[Store, str]:
    store, officer = ready_store
    return store, receive_dossier(store, officer, make_draft(store), received_at=MONDAY_9).code


def write_override(store: Store, content: object) -> Path:
    path = labels.override_path(store.profile.root)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def test_an_override_in_the_profile_changes_the_printed_text(received: tuple[Store, str]) -> None:
    store, code = received
    assert SHIPPED_FROM in pdf_text(produce(store, PrintJob("receipt", code)).pdf)
    write_override(
        store,
        {
            "_note": "Sửa theo Công văn của tỉnh",
            "receipt": {"received_from": "Nhận hồ sơ của ông/bà: {name}"},
            "common": {"sign_hint": "(Ký, ghi rõ họ và tên)"},
        },
    )
    printed = produce(store, PrintJob("receipt", code))
    text = pdf_text(printed.pdf)
    assert "Nhận hồ sơ của ông/bà: Nguyễn Văn Mẫu" in text and SHIPPED_FROM not in text
    assert "(Ký, ghi rõ họ và tên)" in text and "(Ký và ghi rõ họ tên)" not in text
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text  # keys it does not contain stay shipped
    assert printed.warnings == ()
    # The shipped file is untouched, and a form built outside the profile uses it.
    assert "Nhận hồ sơ của ông/bà" not in labels.labels_path().read_text(encoding="utf-8")
    assert labels.text("receipt", "received_from", name="X") == "Tiếp nhận hồ sơ của: X"


def test_a_broken_label_is_refused_by_name_and_the_shipped_one_is_printed(
    received: tuple[Store, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store, code = received
    write_override(
        store,
        {
            "receipt": {
                "received_from": "Nhận hồ sơ của ông/bà",  # drops {name}
                "item_sets": "Số lượng hồ sơ: {count} bộ, {pages} trang",  # invents {pages}
                "title": "GIẤY BIÊN NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",  # fine
                "phone": "Số điện thoại: {value:d}",  # a format no text can take: printing broke with a traceback
                "slogan": "Phục vụ nhân dân",  # no such label
            },
            "register": {"cols": ["STT"]},  # a list of the wrong length
        },
    )
    printed = produce(store, PrintJob("receipt", code))
    text = pdf_text(printed.pdf)
    assert SHIPPED_FROM in text and "Số lượng hồ sơ: 1 (bộ)" in text
    assert "GIẤY BIÊN NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    warnings = "\n".join(printed.warnings)
    assert "nhãn 'receipt.received_from' bỏ mất chỗ điền {name}" in warnings
    assert "nhãn 'receipt.item_sets' có chỗ điền {pages} mà bản gốc không có" in warnings
    assert "nhãn 'receipt.slogan' không có trong nhãn gốc" in warnings
    assert "nhãn 'register.cols'" in warnings
    assert "nhãn 'receipt.phone' có chỗ điền {value:d} không dùng được" in warnings
    assert len(printed.warnings) == 5
    assert all(str(labels.override_path(store.profile.root)) in w for w in printed.warnings)

    out_pdf = tmp_path / "phieu.pdf"
    root = str(store.profile.root)
    assert main(["--data-dir", root, "print", "register", "--from", "01/10/2026", "--to", "31/10/2026"]) == 0
    assert main(["--data-dir", root, "print", "receipt", code, "-o", str(out_pdf)]) == 0
    out, err = capsys.readouterr()
    assert "Lưu ý: Tệp sửa nhãn biểu mẫu" in err and "receipt.received_from" in err
    assert SHIPPED_FROM in pdf_text(out_pdf.read_bytes())

    store.close()  # the doctor reads the file itself
    assert main(["--data-dir", root, "doctor"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "Nhãn biểu mẫu" in x)
    assert "CẢNH BÁO" in line and "dùng 1 nhãn, bỏ qua 5" in line and "receipt.received_from" in line


def test_an_unreadable_override_is_ignored_as_a_whole(received: tuple[Store, str]) -> None:
    store, code = received
    path = write_override(store, '{"receipt": {"received_from": "Nhận hồ sơ của: {name}",')
    printed = produce(store, PrintJob("receipt", code))
    assert SHIPPED_FROM in pdf_text(printed.pdf)
    assert len(printed.warnings) == 1 and "không đọc được tệp (dòng 1" in printed.warnings[0]
    # Fixed while the program runs: picked up on the next print.
    path.write_text(json.dumps({"receipt": {"received_from": "Nhận hồ sơ của: {name}"}}), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    printed = produce(store, PrintJob("receipt", code))
    assert "Nhận hồ sơ của: Nguyễn Văn Mẫu" in pdf_text(printed.pdf) and printed.warnings == ()


def test_doctor_mentions_a_valid_override_and_nothing_without_one(
    received: tuple[Store, str], capsys: pytest.CaptureFixture[str]
) -> None:
    store, _ = received
    root = str(store.profile.root)
    assert main(["--data-dir", root, "doctor"]) == 0
    assert "Nhãn biểu mẫu" not in capsys.readouterr().out
    path = write_override(store, {"receipt": {"title": "GIẤY BIÊN NHẬN HỒ SƠ"}})
    assert main(["--data-dir", root, "doctor"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "Nhãn biểu mẫu" in x)
    assert f"dùng bản sửa {path} (1 nhãn)" in line

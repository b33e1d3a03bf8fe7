"""`motcua catalogue import | list | show` on a real profile, with small synthetic files in the national
database's and the provinces' formats (openpyxl), run in-process through `desktop.cli.main`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import time, timedelta
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from desktop.cli import main
from desktop.core.errors import ValidationError
from desktop.core.timeutil import today_local
from desktop.services.accounts import SignedIn, acting_officer
from desktop.services.catalogue_import import apply_import, preview_import
from desktop.services.officers import add_officer
from desktop.store.catalogue import active_procedures, active_version, read_catalogue
from desktop.store.engine import Store
from desktop.store.models import CatalogueVersion, Dossier
from tests.factories import make_dossier

HEADER = ["Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực"]
SHIPPED_CUTOFF = time(15, 0)
SHIPPED = {p["code"]: p for p in read_catalogue()["procedures"]}


def national_list(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    """An XLSX in the national database's list-export layout: merged title, header on row 2."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["DANH SÁCH THỦ TỤC HÀNH CHÍNH"])
    sheet.merge_cells("A1:E1")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def shipped_rows(*leave_out: str) -> list[list[str]]:
    return [
        [code, p["name"], "Bộ Tư pháp", "", p["field"]]
        for code, p in sorted(SHIPPED.items())
        if code not in leave_out
    ]


def versions(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(CatalogueVersion)) or 0)


def run(store: Store, *argv: str) -> int:
    return main(["--data-dir", str(store.profile.root), "catalogue", *argv])


def test_the_national_list_imports_as_a_new_version_and_old_dossiers_keep_theirs(
    ready_store: tuple[Store, SignedIn], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, _officer = ready_store
    with store.transaction() as session:
        old_birth = make_dossier(session, procedure_code="1.001193").code
    rows = shipped_rows("1.001612")
    birth = next(r for r in rows if r[0] == "1.001193")
    birth[1] = "Đăng ký khai sinh (tên mới)"
    construction = next(r for r in rows if r[0] == "2.000815")
    construction[0] = "2.000815.000.00.00.H55"  # the province's local code: the same procedure
    rows.append(["1.012753.H19", "Thủ tục mới của tỉnh", "UBND tỉnh", "UBND xã\nCông an xã", "Hộ tịch"])
    path = national_list(tmp_path / "danh-sach.xlsx", rows)

    assert run(store, "import", str(path), "--dry-run") == 0
    shown = capsys.readouterr().out
    assert (
        f"danh sách thủ tục xuất từ Cơ sở dữ liệu quốc gia (toàn bộ danh mục), {len(rows)} thủ tục" in shown
    )
    assert "+ 1.012753 Thủ tục mới của tỉnh — thời hạn chưa xác nhận" in shown
    assert "~ 1.001193 Đăng ký khai sinh (tên mới): tên" in shown
    assert f"- 1.001612 {SHIPPED['1.001612']['name']}" in shown
    assert "2.000815" not in shown.split("Giữ nguyên")[0].split("Thêm")[1]  # unchanged under its local code
    assert f"Giữ nguyên: {len(SHIPPED) - 2} thủ tục." in shown  # all but the renamed and the retired
    assert versions(store) == 1  # a dry run writes nothing

    assert run(store, "import", str(path), "--yes") == 0
    assert "Đã nhập danh mục thủ tục phiên bản" in capsys.readouterr().out
    with store.session() as session:
        version = active_version(session)
        assert version is not None and version.source == "import"
        procedures = {p.code: p for p in active_procedures(session)}
        assert "1.001612" not in procedures and procedures["1.012753"].time_confirmed is False
        new = procedures["1.012753"]
        assert new.details["authority"] == "UBND xã; Công an xã"
        assert new.details["provenance"]["local_code"] == "1.012753.H19"
        renamed = procedures["1.001193"]  # the list carries no time, papers, fees: the verified ones stay
        assert renamed.name == "Đăng ký khai sinh (tên mới)"
        assert (renamed.time_unit, renamed.cutoff, renamed.time_confirmed) == (
            "sameday",
            SHIPPED_CUTOFF,
            True,
        )
        assert [d.name for d in renamed.documents] == [d["name"] for d in SHIPPED["1.001193"]["documents"]]
        assert renamed.fees == SHIPPED["1.001193"]["fees"]
        dossier = session.scalars(select(Dossier).where(Dossier.code == old_birth)).one()
        assert dossier.procedure.name == "Đăng ký khai sinh"  # received under the older version: untouched
        assert dossier.procedure.catalogue_version_id != version.id

    assert run(store, "show", "1.012753") == 0
    shown = capsys.readouterr().out
    assert "Thời hạn giải quyết: thời hạn chưa xác nhận" in shown
    assert "mã địa phương 1.012753.H19" in shown and "danh-sach.xlsx" in shown

    assert run(store, "import", str(path), "--yes") == 0  # the same file again: nothing to do
    assert "đã khớp với tệp" in capsys.readouterr().out and versions(store) == 2


def test_an_appendix_changes_limits_and_retires_nothing(
    ready_store: tuple[Store, SignedIn], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, _officer = ready_store
    path = tmp_path / "phu-luc.csv"
    path.write_text(
        "PHỤ LỤC DANH MỤC THỦ TỤC HÀNH CHÍNH\n"
        "(Kèm theo Quyết định số 1234/QĐ-UBND ngày 01/12/2026 của Chủ tịch UBND tỉnh)\n"
        "STT;Mã số TTHC;Tên thủ tục hành chính;Thời hạn giải quyết;Phí, lệ phí\n"
        "I.;;LĨNH VỰC HỘ TỊCH;;\n"
        f"1;2.000635;{SHIPPED['2.000635']['name']};2 Giờ;Lệ phí 10.000 đồng/bản\n"
        f"2;1.000656;{SHIPPED['1.000656']['name']};3;\n"
        "3;1.099999;Thủ tục mới;4 Giờ làm việc;Miễn phí\n"
        "4;1.099998;Thủ tục chưa có thời hạn;;\n",
        encoding="utf-8",
    )
    assert run(store, "import", str(path), "--yes") == 0
    shown = capsys.readouterr().out
    assert "phụ lục quyết định công bố của tỉnh (một phần danh mục), 4 thủ tục" in shown
    assert "+ 1.099998 Thủ tục chưa có thời hạn — thời hạn chưa xác nhận" in shown
    assert f"~ 2.000635 {SHIPPED['2.000635']['name']}: thời hạn, phí, lệ phí\n" in shown
    assert "~ 1.000656" not in shown and "Bãi bỏ" not in shown
    assert f"Giữ nguyên: {len(SHIPPED) - 1} thủ tục." in shown  # all but 2.000635
    note = "dòng 6 (1.000656): thời hạn '3': '3' không ghi đơn vị (ngày làm việc, ngày hay giờ); giữ thời hạn"
    assert note in shown
    with store.session() as session:
        procedures = {p.code: p for p in active_procedures(session)}
        decision = procedures["2.000635"].details["provenance"]["decision"]
    assert len(procedures) == len(SHIPPED) + 2
    assert procedures["1.099998"].time_confirmed is False
    copy = procedures["2.000635"]
    assert (copy.time_amount, copy.time_unit, copy.fee_text) == (2, "hours", "Lệ phí 10.000 đồng/bản")
    assert decision == "1234/QĐ-UBND"
    death = procedures["1.000656"]  # unreadable "3": the verified limit stays
    shipped = SHIPPED["1.000656"]
    assert (death.time_amount, death.time_unit) == (shipped["time_amount"], shipped["time_unit"])
    new = procedures["1.099999"]
    assert (new.field, new.time_amount, new.time_unit, new.time_confirmed) == ("Hộ tịch", 4, "hours", True)


DETAIL = """Tên thủ tục\tĐăng ký kết hôn (chi tiết)
Mã thủ tục\t1.000894
Số quyết định\t163/QĐ-BTP
Cấp thực hiện\tCấp xã
Lĩnh vực\tHộ tịch
Cơ quan có thẩm quyền\tỦy ban nhân dân cấp xã
Trình tự thực hiện
Bước 1: nộp hồ sơ
Cách thức thực hiện
Hình thức nộp\tThời gian\tPhí, lệ phí\tMô tả
Trực tiếp\t5 Ngày làm việc\tLệ phí : 0 Đồng\t
Trực tuyến\t5 Ngày làm việc\tLệ phí : 0 Đồng\t
Thành phần hồ sơ
Giấy tờ phải nộp
Tên giấy tờ\tMẫu đơn, tờ khai\tSố lượng
Tờ khai đăng ký kết hôn\tTK-KH.docx\t1 bản chính, 0 bản sao
Giấy tờ phải xuất trình
Tên giấy tờ\tMẫu đơn, tờ khai\tSố lượng
Căn cước công dân\t\t1 bản chính, 0 bản sao
Căn cứ pháp lý
Luật Hộ tịch 2014
"""


def test_detail_pages_carry_channels_papers_and_fee(
    ready_store: tuple[Store, SignedIn], tmp_path: Path
) -> None:
    store, officer = ready_store
    path = tmp_path / "chi-tiet.txt"
    path.write_text(DETAIL, encoding="utf-8")
    preview = preview_import(store, path)
    assert [(e.code, e.changes) for e in preview.changed] == [
        ("1.000894", ("tên", "thời hạn", "phí, lệ phí", "thành phần hồ sơ", "cơ quan thực hiện"))
    ]
    apply_import(store, preview, officer)
    with store.session() as session:
        marriage = next(p for p in active_procedures(session) if p.code == "1.000894")
        assert (marriage.time_amount, marriage.time_unit, marriage.fee_text) == (5, "days", "Lệ phí : 0 Đồng")
        assert marriage.details["channels"]["truc_tuyen"] == {"amount": 5, "unit": "days", "cutoff": None}
        papers = [(d.name, d.originals, d.copies, d.shown, d.form) for d in marriage.documents]
        assert papers == [
            ("Tờ khai đăng ký kết hôn", 1, 0, False, "TK-KH.docx"),
            ("Căn cước công dân", 1, 0, True, ""),
        ]
        assert marriage.details["provenance"]["decision"] == "163/QĐ-BTP"


@pytest.mark.parametrize(
    ("rows", "reasons"),
    [
        (
            [["1.001193", "A", "", "", "Hộ tịch"], ["1.001193.H21", "B", "", "", "Hộ tịch"]],
            ["dòng 4: mã 1.001193 trùng với dòng 3"],
        ),
        (
            [["1.0011", "A", "", "", ""], ["X.001193", "B", "", "", ""]],
            ["dòng 3: mã '1.0011'", "dòng 4: mã 'X.001193'"],
        ),
        ([["1.001193", "", "", "", ""]], ["dòng 3: thiếu tên thủ tục"]),
    ],
    ids=["duplicate", "pattern", "no-name"],
)
def test_a_bad_row_refuses_the_whole_file_with_its_row(
    ready_store: tuple[Store, SignedIn],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    rows: list[list[str]],
    reasons: list[str],
) -> None:
    store, _officer = ready_store
    good = shipped_rows()  # a whole valid list, so that only the bad rows stop it
    path = national_list(tmp_path / "sai.xlsx", rows + good[1:])
    assert run(store, "import", str(path), "--yes") == 2
    err = capsys.readouterr().err
    assert "không được nhập (danh mục không thay đổi)" in err
    assert all(reason in err for reason in reasons), err
    assert versions(store) == 1


def test_a_file_in_no_known_format_is_refused(
    ready_store: tuple[Store, SignedIn], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, _officer = ready_store
    other = tmp_path / "bang.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Họ tên", "Ngày sinh"])
    book.save(other)
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    binary = tmp_path / "anh.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    for path, reason in (
        (other, "không phải danh sách thủ tục xuất từ Cơ sở dữ liệu quốc gia"),
        (broken, "không phải tệp Excel (.xlsx) đọc được"),
        (binary, "không phải Excel (.xlsx) cũng không phải văn bản UTF-8"),
    ):
        assert run(store, "import", str(path), "--yes") == 2
        assert reason in capsys.readouterr().err
    assert versions(store) == 1


def test_only_an_administrator_imports_and_declining_changes_nothing(
    ready_store: tuple[Store, SignedIn],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store, admin = ready_store
    add_officer(store, admin, "canbo", "Cán Bộ Thường", "mat-khau-dai-1234")
    path = national_list(tmp_path / "ds.xlsx", shipped_rows("1.001612"))
    officer = acting_officer(store, "canbo")
    preview = preview_import(store, path)
    with pytest.raises(ValidationError, match="Chỉ quản trị viên"):
        apply_import(store, preview, officer)
    assert run(store, "import", str(path), "--officer", "canbo", "--yes") == 2
    monkeypatch.setattr("builtins.input", lambda prompt: "k")
    assert run(store, "import", str(path), "--officer", admin.username) == 1
    assert "Chưa nhập" in capsys.readouterr().out
    assert versions(store) == 1


def test_list_json_is_stable_and_filters_by_field(
    ready_store: tuple[Store, SignedIn], capsys: pytest.CaptureFixture[str]
) -> None:
    store, _officer = ready_store
    assert run(store, "list", "--field", "ho tich", "--json") == 0
    listing = json.loads(capsys.readouterr().out)
    assert listing["version"] == read_catalogue()["version"] and listing["effective_from"]
    codes = [p["code"] for p in listing["procedures"]]
    assert codes == sorted(c for c, p in SHIPPED.items() if p["field"] == "Hộ tịch")
    birth = next(p for p in listing["procedures"] if p["code"] == "1.001193")
    assert birth == {
        "code": "1.001193",
        "name": "Đăng ký khai sinh",
        "field": "Hộ tịch",
        "time_confirmed": True,
        "time_amount": 0,
        "time_unit": "sameday",
        "cutoff": "15:00",
        "fee_text": SHIPPED["1.001193"]["fee_text"],
    }
    assert run(store, "show", "1.001193") == 0
    shown = capsys.readouterr().out
    assert "Thời hạn giải quyết: trong ngày (nhận đến 15:00)" in shown
    assert "1. Tờ khai đăng ký khai sinh theo mẫu: 1 bản chính, 0 bản sao" in shown
    assert "  - Lệ phí đăng ký khai sinh (lệ phí): 0 đồng (chưa đối chiếu nghị quyết của tỉnh)" in shown
    assert run(store, "show", "9.999999") == 2
    assert "không có thủ tục 9.999999" in capsys.readouterr().err


def test_a_later_effective_date_waits_and_an_earlier_one_is_refused(
    ready_store: tuple[Store, SignedIn], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, _officer = ready_store
    path = national_list(tmp_path / "ds.xlsx", shipped_rows("1.001612"))
    assert run(store, "import", str(path), "--yes", "--effective-from", "01/01/2027") == 2
    assert "Ngày hiệu lực '01/01/2027' không hợp lệ" in capsys.readouterr().err
    assert run(store, "import", str(path), "--yes", "--effective-from", "2026-10-31") == 2
    assert "trước ngày hiệu lực của danh mục đang dùng (01/11/2026)" in capsys.readouterr().err
    later = (today_local() + timedelta(days=30)).isoformat()
    assert run(store, "import", str(path), "--yes", "--effective-from", later) == 0
    with store.session() as session:
        in_force = active_version(session)
        waiting = active_version(session, today_local() + timedelta(days=30))
        assert in_force is not None and in_force.source == "shipped"
        assert waiting is not None and waiting.source == "import"
    assert run(store, "show", "1.001612.000.00.00.H21") == 0  # a local code; still in force today
    assert "1.001612" in capsys.readouterr().out
    assert (
        run(store, "import", str(path), "--yes") == 2
    )  # an earlier version would be overtaken by the waiting one
    assert "đang chờ hiệu lực từ" in capsys.readouterr().err


def test_a_code_excel_turned_into_a_number_keeps_its_six_digits(tmp_path: Path) -> None:
    from desktop.store.catalogue_import_files import read_import_file

    path = national_list(tmp_path / "so.xlsx", [[1.00065, "Thủ tục", "", "", "Hộ tịch"]])  # typed 1.000650
    (row,) = read_import_file(path).rows
    assert (row.row, row.code, row.name) == (3, "1.000650", "Thủ tục")

"""Cleaning the papers ("Thành phần hồ sơ") of the national TTHC database: pure rules, no I/O.

`clean_papers` turns the source's `[{name, originals, copies}]` into catalogue documents and notes:

- the form is split from the name: "Tờ khai thay đổi thông tin cư trú (Mẫu CT01 ban hành kèm theo …)
  .1.MuCT01….doc" → name "Tờ khai thay đổi thông tin cư trú", `form` "Mẫu CT01 ban hành kèm theo …"; a
  downloaded file's name glued on ("….doc", ".pdf") is dropped, or becomes the form when no "(mẫu …)" says it
  and it is words ("Mẫu ban hành kèm theo …"), not a download's stem ("Mus22"); a name saying "… theo Mẫu số
  22 Phụ lục IIA …" keeps it and gives it as the form too;
- a paper presented and handed back ("Xuất trình thẻ căn cước …", "Giấy tờ phải xuất trình: …") is `shown`
  (not required in the checklist: nothing is kept or scanned); a copy "và xuất trình bản chính để đối chiếu"
  is still a paper handed in;
- rows that are explanations, not papers ("Lưu ý: …", "Ghi chú …", and every other "0 bản chính, 0 bản sao"
  row, "Giấy tờ phải xuất trình: Trường hợp …" included) are taken out of the papers and returned as the procedure's notes (`paper_notes`), none dropped;
- a name the source cut at 250 characters ("…") is kept and flagged (`name_cut`, with a note for the officer);
- an absurd count (the scrape glued digits: "20201 bản chính") is not trusted: 0, with a note;
- the same paper listed twice (one list per case in the source) is kept once.
"""

from __future__ import annotations

import re
from typing import Any

from desktop.core.text import clean, fold

FORM_MAX = 200  # ProcedureDocument.form
MAX_COUNT = 9  # more originals or copies of one paper is a scrape error
CUT_NOTE = "Tên giấy tờ trong nguồn bị cắt (250 ký tự): xem văn bản công bố thủ tục."

_FILE = re.compile(r"\.(?:docx?|pdf|xlsx?|rar|zip)$", re.IGNORECASE)
_FORM_OPEN = re.compile(r"\((?:theo\s+)?mẫu\b", re.IGNORECASE)
_FORM_STATED = re.compile(r"\btheo\s+(mẫu số [^;]+?)(?:;|$)", re.IGNORECASE)
_SHOWN = ("xuat trinh ", "giay to phai xuat trinh", "cac giay to phai xuat trinh")
_NOTES = ("luu y", "ghi chu")


def _closing(text: str, start: int) -> int:
    """Index of the parenthesis closing the one at `start` (or -1)."""
    depth = 0
    for i in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return i
    return -1


def _form(text: str) -> str:
    """ "theo mẫu số 01 …" → "Mẫu số 01 …"."""
    form = clean(re.sub(r"^\s*theo\s+", "", text, flags=re.IGNORECASE))
    return form[:1].upper() + form[1:]


def split_form(name: str) -> tuple[str, str, str]:
    """(name, form, rest): the paper's name, its form, and text after the form that is not a file name."""
    has_file = bool(_FILE.search(name))
    stem = (
        re.sub(r"\s*\(\d+\)$", "", _FILE.sub("", name)) if has_file else name
    )  # "… (2).docx": a copy's number
    opening = list(_FORM_OPEN.finditer(stem))
    if opening:
        start = opening[-1].start()
        end = _closing(stem, start)
        if end > 0 and stem[:start].strip():
            rest = "" if has_file else stem[end + 1 :].strip(" .;:,")
            return stem[:start].strip(" .;:,"), _form(stem[start + 1 : end]), rest
    stated = _FORM_STATED.search(
        stem
    )  # "… theo Mẫu số 22 Phụ lục IIA ban hành kèm theo …": the name keeps it
    if not has_file:
        return name, _form(stated[1]) if stated else "", ""
    cut = max(stem.rfind(")"), stem.rfind(";"))
    glue = next((i for i in range(1, len(stem)) if stem[i - 1].islower() and stem[i].isupper()), 0)
    at = cut + 1 if cut > 0 else glue  # "…khiếu nạiMẫu ban hành….doc": a file name glued on
    head, tail = stem[:at].strip(" .;:,"), stem[at:].strip(" .;:,")
    tail = re.sub(r"^[\d.]+", "", tail).strip(" .")
    if not head:
        return tail, "", ""
    if stated:
        return head, _form(stated[1]), ""
    # a file's name is the form only when it says "Mẫu …" in words, not as a download's stem ("Mus22")
    return head, _form(tail) if "mẫu" in tail.lower() else "", ""


def _is_shown(name: str) -> bool:
    folded = fold(name[:60]).lstrip("*+-• ")  # the ends only: folding whole long names costs the build
    if folded.startswith("xuat trinh hoac"):
        return False  # "Xuất trình hoặc gửi bản chính …": may be handed in
    if folded.partition(":")[2].strip().startswith(("truong hop", "doi voi")):
        return False  # "Giấy tờ phải xuất trình: Trường hợp không khai thác được …": an explanation
    return folded.startswith(_SHOWN) or fold(name[-20:]).endswith("(xuat trinh)")


def clean_papers(papers: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """(documents, notes) of one procedure (module docstring)."""
    documents: list[dict[str, Any]] = []
    notes: list[str] = []
    seen: set[tuple[Any, ...]] = set()
    for paper in papers:
        raw = clean(str(paper.get("name", "")))
        originals, copies = int(paper.get("originals", 0)), int(paper.get("copies", 0))
        if not raw:
            continue
        shown = _is_shown(raw)
        if fold(raw[:10]).startswith(_NOTES) or (originals == copies == 0 and not shown):
            if raw not in notes:
                notes.append(raw)
            continue
        name, form, rest = split_form(raw)
        doc: dict[str, Any] = {"name": name, "originals": originals, "copies": copies}
        remarks = [rest] if rest else []
        if max(originals, copies) > MAX_COUNT:
            doc["originals"] = doc["copies"] = 0
            remarks.append(f"Số bản trong nguồn không đọc được ({originals} bản chính, {copies} bản sao).")
        if form:
            doc["form"] = form[:FORM_MAX]
        if shown:
            doc["shown"] = True
            doc["required"] = False
        if raw.endswith("…"):
            doc["name_cut"] = True
            remarks.append(CUT_NOTE)
        if remarks:
            doc["note"] = " ".join(remarks)
        key = (name, form, doc["originals"], doc["copies"], shown)
        if key not in seen:
            seen.add(key)
            documents.append(doc)
    return documents, notes

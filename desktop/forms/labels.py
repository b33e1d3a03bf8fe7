"""The wording of the printed forms, read from `resources/forms/labels_vi.json`, with a profile's override.

Labels are data so a province can fix a wording without a code change. The shipped file is replaced on
every upgrade, so a local fix goes in the profile folder instead, `<data-dir>/forms/labels_vi.json`, with the
same sections and only the keys it changes (`{"receipt": {"title": "…"}}`). Each overriding label is checked
against the shipped one: an unknown section or key, a different type (text / list of the same length), or
text that drops or invents a `{placeholder}`, or gives one a format (`{name:d}`, `{name!r}`), or does not
render with a sample of its fields, is refused with a message naming the key, and the shipped label is
used; an unreadable file is ignored as a whole. `motcua print` and the print preview report the
refusals (`override_problems`), `motcua doctor` mentions the override. The file is re-read when it changes.

Forms read the override of the profile set by `profile_labels(root)` (a context variable, so each thread
building a PDF sees its own profile; `desktop.services.printing.render` sets it).

Dates written out in words follow the Vietnamese administrative style (Decree 30/2020 convention [U]): day
below 10 and months 1-2 get a leading zero ("ngày 05 tháng 8 năm 2026"). Numeric dates are always
dd/mm/yyyy ("05/08/2026"), the same on the register, the roll slip and the reprint mark.
"""

from __future__ import annotations

import json
import logging
import string
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from desktop.core.text import nfc
from desktop.core.timeutil import as_local
from desktop.resources import resource

log = logging.getLogger(__name__)

OVERRIDE_PARTS = ("forms", "labels_vi.json")  # under the profile folder
Labels = dict[str, dict[str, Any]]

_profile_root: ContextVar[Path | None] = ContextVar("labels_profile_root", default=None)


@cache
def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def labels_path() -> Path:
    return resource("forms", "labels_vi.json")


def override_path(root: Path) -> Path:
    """Where a profile keeps its wording fixes."""
    return root.joinpath(*OVERRIDE_PARTS)


def _placeholders(template: str) -> set[str]:
    """The {names} a label uses; ValueError on a malformed one ("{" without "}")."""
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


def _label_problem(name: str, shipped: Any, value: Any) -> str | None:
    """Why `value` cannot replace the shipped label `name` (None: it can)."""
    if isinstance(shipped, list):
        if not isinstance(value, list) or len(value) != len(shipped):
            return f"nhãn '{name}' phải là danh sách {len(shipped)} dòng chữ như bản gốc"
        for index, (old, new) in enumerate(zip(shipped, value, strict=True), start=1):
            problem = _label_problem(f"{name}[{index}]", old, new)
            if problem:
                return problem
        return None
    if not isinstance(value, str):
        return f"nhãn '{name}' phải là một dòng chữ"
    try:
        found = _placeholders(value)
    except ValueError:
        return f"nhãn '{name}' có dấu ngoặc {{ }} không khớp"
    expected = _placeholders(str(shipped))
    if found - expected:
        invented = ", ".join("{" + p + "}" for p in sorted(found - expected))
        return f"nhãn '{name}' có chỗ điền {invented} mà bản gốc không có"
    if expected - found:
        dropped = ", ".join("{" + p + "}" for p in sorted(expected - found))
        return f"nhãn '{name}' bỏ mất chỗ điền {dropped}"
    styled = sorted(
        "{" + field + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
        for _, field, spec, conv in string.Formatter().parse(value)
        if field is not None and (spec or conv)
    )
    if styled:  # "{name:d}" renders no text: every print of the form would fail
        return f"nhãn '{name}' có chỗ điền {', '.join(styled)} không dùng được: chỉ viết {{tên}} như bản gốc"
    try:
        value.format(**{field: "mẫu" for field in found})
    except (ValueError, KeyError, IndexError, AttributeError) as exc:
        return f"nhãn '{name}' không điền được ({exc})"
    return None


def _check_override(raw: Any, shipped: dict[str, Any]) -> tuple[Labels, tuple[str, ...]]:
    if not isinstance(raw, dict):
        return {}, ("tệp phải là một đối tượng JSON gồm các mục như bản gốc",)
    accepted: Labels = {}
    problems: list[str] = []
    for section, values in raw.items():
        if section.startswith("_"):
            continue  # comments such as "_note"
        if not isinstance(shipped.get(section), dict) or not isinstance(values, dict):
            problems.append(f"mục '{section}' không có trong nhãn gốc")
            continue
        for key, value in values.items():
            name = f"{section}.{key}"
            if key not in shipped[section]:
                problems.append(f"nhãn '{name}' không có trong nhãn gốc")
                continue
            problem = _label_problem(name, shipped[section][key], value)
            if problem:
                problems.append(problem)
            else:
                accepted.setdefault(section, {})[key] = value
    return accepted, tuple(problems)


@lru_cache(maxsize=8)
def _read_override(path: Path, _stamp: tuple[int, int]) -> tuple[Labels, tuple[str, ...]]:
    """The accepted labels of an override file and the refusals; `_stamp` (mtime, size) re-reads edits."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        detail = f"dòng {exc.lineno}, cột {exc.colno}" if isinstance(exc, json.JSONDecodeError) else str(exc)
        accepted: Labels = {}
        problems: tuple[str, ...] = (f"không đọc được tệp ({detail}), dùng toàn bộ nhãn gốc",)
    else:
        accepted, problems = _check_override(raw, _load(labels_path()))
    for problem in problems:
        log.warning("form labels override %s: %s", path, problem)
    return accepted, problems


def read_override(root: Path | None) -> tuple[Labels, tuple[str, ...]] | None:
    """(accepted labels, refusals) of the profile's override file; None when it has none."""
    if root is None:
        return None
    path = override_path(root)
    try:
        stat = path.stat()
    except OSError:
        return None
    return _read_override(path, (stat.st_mtime_ns, stat.st_size))


def override_problems(root: Path | None) -> tuple[str, ...]:
    """The refused parts of the profile's override, each a Vietnamese sentence naming the key and file."""
    found = read_override(root)
    if root is None or not found:
        return ()
    path = override_path(root)
    return tuple(f"Tệp sửa nhãn biểu mẫu '{path}': {problem}; dùng nhãn gốc." for problem in found[1])


@contextmanager
def profile_labels(root: Path | None) -> Iterator[None]:
    """Forms built inside use the override of the profile at `root` (if it has one)."""
    token = _profile_root.set(root)
    try:
        yield
    finally:
        _profile_root.reset(token)


def raw(form: str, key: str) -> Any:
    """A label value as stored (string or list), from `form`, falling back to `common`; the profile's
    accepted override first."""
    data = _load(labels_path())
    found = read_override(_profile_root.get())
    override = found[0] if found else {}
    for section in (form, "common"):
        if key in override.get(section, {}):
            return override[section][key]
        values = data.get(section, {})
        if key in values:
            return values[key]
    raise KeyError(f"label {form}.{key} missing in {labels_path()}")


def text(form: str, key: str, **values: object) -> str:
    """The label `key` of `form` with its {placeholders} filled, NFC-normalised."""
    template = raw(form, key)
    return nfc(str(template).format(**values)) if values else nfc(str(template))


def date_parts(value: date | datetime, *, numeric: bool = False) -> dict[str, str]:
    """{day, month, year, hour, minute} as printed. In words: 05, 02, 12 (months 1-2 padded, 3-12 not);
    `numeric` (dd/mm/yyyy): every month padded, 08."""
    if isinstance(value, datetime):
        value = as_local(value)
    parts = {
        "day": f"{value.day:02d}",
        "month": f"{value.month:02d}" if numeric or value.month < 3 else str(value.month),
        "year": str(value.year),
    }
    if isinstance(value, datetime):
        parts.update(hour=f"{value.hour:02d}", minute=f"{value.minute:02d}")
    return parts


def long_date(value: date | datetime) -> str:
    """ "ngày 05 tháng 02 năm 2026"."""
    return text("common", "date", **date_parts(value))


def long_time(value: datetime | None) -> str:
    """ "09 giờ 30 phút, ngày 23 tháng 11 năm 2026", or a dotted blank to fill by hand."""
    if value is None:
        return text("common", "blank_time")
    return text("common", "time", **date_parts(value))


def short_date(value: date | datetime | None) -> str:
    """ "23/11/2026" (register columns); empty for None."""
    if value is None:
        return ""
    parts = date_parts(value, numeric=True)
    return f"{parts['day']}/{parts['month']}/{parts['year']}"

"""Which source procedures the commune one-stop counter receives: pure rules over the national TTHC rows.

"Cấp xã" in the source is not "at the commune counter" (the source README's caveat 2). A row is kept when
its competent authority (`Cơ quan có thẩm quyền`) names a commune body:

- the commune People's Committee, its chairman or one of its offices ("… cấp xã", "Ủy ban nhân dân xã", and
  the former district People's Committee, whose procedures passed to the commune on 01/07/2025) →
  `receiving` "ubnd_xa";
- the commune police ("Công an cấp Xã") → "cong_an_xa";
- no authority recorded (or one outside the state, e.g. notaries beside the commune for certification), when the
  commune is the only local level of the row (`Cấp xã`, possibly with `Cấp bộ` or `Cơ quan khác`): the commune's
  People's Committee, or its police for residence and identity fields; in the civil status, certification,
  adoption and mediation fields (`COMMUNE_FIELDS`) whenever the row's levels include the commune.

Left out, each with its reason (`REASONS`): customs offices; tax offices and the social insurance agency (the
source names only them, never the commune counter, as the place of receipt: none of their rows is kept; a
province that has the counter receive one adds it by its own list, `motcua catalogue import`); provincial,
district or central bodies only; no authority recorded while the province also handles the procedure; and one
source page listed under several codes (the scrape could not tell which code is the page's).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from desktop.core.text import clean, fold

REASONS = {
    "customs": "customs office (Hải quan)",
    "tax": "tax office only; the source never names the commune counter as the place of receipt",
    "social_insurance": "social insurance agency only; the source never names the commune counter",
    "above_commune": "provincial, district or central body only",
    "unknown_shared": "no authority recorded and the province also handles it",
    "shared_page": "one source page listed under several codes (the code is uncertain)",
}
POLICE_FIELDS = ("Đăng ký, quản lý cư trú", "Cấp, quản lý căn cước")
# civil status, certification, adoption records and grassroots mediation: the commune People's Committee is the
# authority wherever the row's levels include the commune (Luật Hộ tịch 2014 art. 7, Nghị định 23/2015 art. 5)
COMMUNE_FIELDS = ("Hộ tịch", "Chứng thực", "Nuôi con nuôi", "Hòa giải ở cơ sở")
UNKNOWN_AUTHORITY = ("", "khong co thong tin")

_COMMUNE = re.compile(
    r"\b(?:(?:ubnd|uy ban nhan dan|chu tich)\b[^,]*?\bxa\b(?! hoi)|cap xa\b|ubnd cap huyen)"
)
_POLICE = re.compile(r"\bcong an cap xa\b")
_ABOVE = re.compile(  # on the lower-cased text: folded, "sở" (department) would meet "sổ" (register)
    r"\b(?:tỉnh|cục|bộ|(?<!cơ )sở|huyện|tòa án|cảng vụ|kho bạc|văn phòng đăng ký đất đai|chi nhánh|"
    r"khu quản lý|ban quản lý)\b"
)


def receiving(
    row: Mapping[str, str], extra: Mapping[str, str], shared_pages: frozenset[str]
) -> tuple[str, str]:
    """(receiving, "") for a kept row, ("", reason key) for one left out. `row` is a commune_procedures.csv
    row, `extra` its commune_procedures_extra.csv row, `shared_pages` the detail URLs listed more than once."""
    authority = fold(extra.get("authority", ""))
    if "hai quan" in authority or row.get("field") == "Hải quan":
        return "", "customs"
    if extra.get("detail_url") in shared_pages:
        return "", "shared_page"
    police = _POLICE.search(authority)
    if extra.get("authority_mentions_ubnd_xa") == "True" or _COMMUNE.search(_POLICE.sub("", authority)):
        return "ubnd_xa", ""
    if police:
        return "cong_an_xa", ""
    if re.search(r"\bthue\b", authority):
        return "", "tax"
    if "bao hiem xa hoi" in authority:
        return "", "social_insurance"
    if authority not in UNKNOWN_AUTHORITY and _ABOVE.search(clean(extra.get("authority", "")).lower()):
        return "", "above_commune"
    levels = {level.strip() for level in row.get("level", "").split(",")} - {"Cấp bộ", "Cơ quan khác"}
    if row.get("field") in COMMUNE_FIELDS and "Cấp xã" in levels:
        return "ubnd_xa", ""
    if levels != {"Cấp xã"}:
        return "", "unknown_shared"
    return ("cong_an_xa" if row.get("field") in POLICE_FIELDS else "ubnd_xa"), ""

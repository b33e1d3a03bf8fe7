"""The rows of the procedure picker's list (issue 22): procedures, grouped by field under headers when the
query is empty or broad, the commune's most used first.

- Empty query: a "most used" group (the unit's most used procedures, up to `MOST_USED`), then every field,
  the most used fields first (then by name), each field's procedures most used first (then as given).
- A query matching more than `BROAD` procedures: the matches ranked by `filter_choices`, grouped by field
  in the order of each field's best match (the best match stays the first procedure of the list).
- A narrower query: the ranked matches, without headers.

Procedures the administrator hid (`ProcedureChoice.hidden`) are never listed. Pure and fast: it runs on
every keystroke over the choices loaded once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from desktop.core.text import fold
from desktop.services.intake_lookup import ProcedureChoice, filter_choices

MOST_USED = 8  # procedures in the "most used" group of the empty query
BROAD = 15  # a query with more matches than this is shown grouped by field


@dataclass(frozen=True)
class Header:
    """A field's header row (not selectable); `most_used` for the group of the unit's most used."""

    field: str
    count: int
    most_used: bool = False


Row = Header | ProcedureChoice


def _grouped(ranked: list[ProcedureChoice], field_order: list[str]) -> list[Row]:
    by_field: dict[str, list[ProcedureChoice]] = {}
    for choice in ranked:
        by_field.setdefault(choice.field, []).append(choice)
    rows: list[Row] = []
    for field in field_order:
        members = by_field[field]
        rows.append(Header(field, len(members)))
        rows.extend(members)
    return rows


def picker_rows(choices: list[ProcedureChoice], query: str) -> list[Row]:
    """The list's rows for what the officer typed (see the module)."""
    shown = [c for c in choices if not c.hidden]
    if query.strip():
        ranked = filter_choices(shown, query)
        if len(ranked) <= BROAD:
            return list(ranked)
        return _grouped(ranked, list(dict.fromkeys(c.field for c in ranked)))
    by_use = sorted(shown, key=lambda c: -c.uses)  # stable: as given (recent first, then code) among equals
    most = [c for c in by_use if c.uses > 0][:MOST_USED]
    uses: Counter[str] = Counter()
    for choice in shown:
        uses[choice.field] += choice.uses
    fields = sorted(uses, key=lambda f: (-uses[f], fold(f)))
    rows: list[Row] = [Header("", len(most), most_used=True), *most] if most else []
    return rows + _grouped(by_use, fields)

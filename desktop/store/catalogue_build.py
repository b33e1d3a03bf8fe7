"""Build the shipped catalogue (`resources/catalogue/procedures.json`) from its sources (`resources/catalogue/source`).

    python -m desktop.store.catalogue_build            # writes procedures.json, prints what was kept and left out
    python -m desktop.store.catalogue_build --check    # rebuilds in memory: exit 0 when the file is identical

The sources: the national TTHC database rows (`commune_procedures.csv`, `commune_procedures_extra.csv`,
`papers.jsonl`, their provenance in `README.md` and `PROVENANCE.md`) and `verified.json`, the procedures checked
by hand, which win over the raw rows (the catalogue's header comes from it too). The rules: which rows the
commune counter receives (`desktop.core.catalogue_select`), time limits and fees (`desktop.core.catalogue_source`),
papers (`desktop.core.catalogue_papers`). The output is reproducible: procedures sorted by code, keys sorted, no
timestamp; `validate_catalogue` accepts it.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.catalogue_papers import clean_papers
from desktop.core.catalogue_select import REASONS, receiving
from desktop.core.catalogue_source import parse_fees, parse_time_limit
from desktop.core.text import clean
from desktop.resources import resource
from desktop.store.catalogue import validate_catalogue

SOURCE_FILES = ("commune_procedures.csv", "commune_procedures_extra.csv", "papers.jsonl", "verified.json")


def catalogue_dir() -> Path:
    return resource("catalogue")


@dataclass
class Report:
    """What a build kept and left out (printed by the command, checked by the tests)."""

    kept: Counter[str] = field(default_factory=Counter)  # by receiving body
    left_out: Counter[str] = field(default_factory=Counter)  # by reason (`REASONS`)
    unconfirmed: Counter[str] = field(default_factory=Counter)  # unconfirmed limits by problem
    verified: int = 0
    papers: int = 0
    paper_notes: int = 0
    cut_names: int = 0

    def lines(self) -> list[str]:
        out = [f"kept {sum(self.kept.values())} procedures ({self.verified} verified by hand): "
               + ", ".join(f"{k} {n}" for k, n in sorted(self.kept.items()))]  # fmt: skip
        out.append(f"left out {sum(self.left_out.values())}:")
        out += [f"  {n:4d}  {REASONS[k]}" for k, n in self.left_out.most_common()]
        out.append(f"time limit unconfirmed (time_confirmed: false) {sum(self.unconfirmed.values())}:")
        out += [f"  {n:4d}  {k}" for k, n in self.unconfirmed.most_common()]
        out.append(
            f"papers {self.papers} ({self.cut_names} names cut by the source, flagged); "
            f"{self.paper_notes} explanatory rows turned into the procedures' notes"
        )
        return out


def _read_sources(
    folder: Path,
) -> tuple[list[dict[str, str]], dict[str, dict[str, str]], dict[str, Any], Any]:
    with (folder / "commune_procedures.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    with (folder / "commune_procedures_extra.csv").open(encoding="utf-8", newline="") as fh:
        extra = {r["code"]: r for r in csv.DictReader(fh)}
    with (folder / "papers.jsonl").open(encoding="utf-8") as fh:
        papers = {item["code"]: item for item in map(json.loads, filter(str.strip, fh))}
    verified = json.loads((folder / "verified.json").read_text(encoding="utf-8"))
    return rows, extra, papers, verified


def _procedure(
    row: dict[str, str], extra: dict[str, str], papers: dict[str, Any], report: Report
) -> dict[str, Any]:
    code = row["code"]
    limit = parse_time_limit(row["time_limit_text"])
    documents, notes = clean_papers(papers.get(code, {}).get("papers", []))
    item: dict[str, Any] = {
        "code": code,
        "name": clean(row["name"]),
        "field": clean(row["field"]),
        "time_text": clean(row["time_limit_text"]),
        "fee_text": clean(row["fee_text"]),
        "fees": parse_fees(code, row["fee_text"], row["name"]),
        "documents": documents,
    }
    if limit.confirmed:
        item.update(time_amount=limit.amount, time_unit=limit.unit)
    else:
        item.update(time_confirmed=False, time_amount=None, time_unit=None)
        report.unconfirmed[limit.problem] += 1
    if limit.channels:
        item["channels"] = limit.channels
    if notes:
        item["paper_notes"] = notes
    report.papers += len(documents)
    report.paper_notes += len(notes)
    report.cut_names += sum(1 for d in documents if d.get("name_cut"))
    return item


def build(folder: Path | None = None) -> tuple[dict[str, Any], Report]:
    """The catalogue the sources give, and the report of the build."""
    rows, extra, papers, verified = _read_sources(folder or catalogue_dir() / "source")
    report = Report()
    urls = Counter(e.get("detail_url", "") for e in extra.values())
    shared = frozenset(url for url, n in urls.items() if url and n > 1)
    overlay = {item["code"]: item for item in verified["procedures"]}
    procedures: dict[str, dict[str, Any]] = {}
    for row in rows:
        code, more = row["code"], extra.get(row["code"], {})
        body, reason = receiving(row, more, shared)
        if not body and code not in overlay:
            report.left_out[reason] += 1
            continue
        item = overlay[code] if code in overlay else _procedure(row, more, papers, report)
        item = {
            "provenance": {
                "source": row["source"],
                "decision": more.get("decision", ""),
                "national_code": code,
            },
            "authority": clean(more.get("authority", "")),
            "receiving": body or "ubnd_xa",
            **item,
        }
        report.kept[item["receiving"]] += 1
        procedures[code] = item
    for code, item in overlay.items():  # verified entries the source lacks
        procedures.setdefault(code, item)
    for code in overlay:  # the procedures a commune counter receives most (domain §7), checked by hand
        procedures[code]["common"] = True
    report.verified = len(overlay)
    data = {**verified["catalogue"], "procedures": [procedures[code] for code in sorted(procedures)]}
    validate_catalogue(data)
    return data, report


def render(data: dict[str, Any]) -> str:
    """The file's text: stable (keys sorted, one procedure's keys per line block), UTF-8, newline at the end."""
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m desktop.store.catalogue_build",
        description="Build resources/catalogue/procedures.json from resources/catalogue/source.",
    )
    parser.add_argument("--check", action="store_true", help="rebuild in memory; exit 1 if the file differs")
    args = parser.parse_args(argv)
    data, report = build()
    target = catalogue_dir() / "procedures.json"
    text = render(data)
    for line in report.lines():
        print(line)
    if args.check:
        same = target.is_file() and target.read_text(encoding="utf-8") == text
        print(f"{target}: {'identical to the sources' if same else 'DIFFERS from the sources: rebuild it'}")
        return 0 if same else 1
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({len(data['procedures'])} procedures)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

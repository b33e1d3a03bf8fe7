"""The end-of-day sheet (Báo cáo cuối ngày): one workstation's day on A4 portrait, no form of Appendix I.

The unit, the day and the officers who worked; a table of the day's work (received, handed over, returned,
fees collected with the receipts, scan files and pages); then whether it all reached the province, or what
has not, and the last end-of-day check of the day.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.core.fees import money
from desktop.core.timeutil import now_local
from desktop.forms import labels, layout
from desktop.forms.layout import esc, para, rich
from desktop.forms.model import EndOfDayView, PrintOptions

FORM = "end_of_day"


def _work_rows(v: EndOfDayView) -> list[list[str]]:
    figures = [
        ("received", str(v.received)),
        ("handed_over", str(v.handed_over)),
        ("returned", str(v.returned)),
        ("fees", money(v.fees_total)),
        ("receipts", str(v.receipts)),
        ("scan_files", str(v.scan_files)),
        ("scan_pages", str(v.scan_pages)),
    ]
    return [[str(i), labels.text(FORM, key), value] for i, (key, value) in enumerate(figures, 1)]


def _sync_lines(v: EndOfDayView) -> list[str]:
    if v.all_synced:
        return [labels.text(FORM, "all_synced")]
    waiting = [
        labels.text(FORM, key, count=count)
        for key, count in (
            ("events_waiting", v.events_waiting),
            ("events_refused", v.events_refused),
            ("scans_waiting", v.scans_waiting),
        )
        if count
    ]
    return [labels.text(FORM, "not_synced"), *(f"- {line}" for line in waiting)]


def story(v: EndOfDayView, p: layout.Paper, when: datetime) -> list[Flowable]:
    st = layout.styles(p.name)
    out: list[Flowable] = [layout.national_header(v.unit, p, when)]
    out.append(para(esc(labels.text(FORM, "title")), st.title))
    out.append(para(esc(labels.text(FORM, "subtitle", day=labels.short_date(v.day))), st.center_italic))
    out.append(Spacer(1, p.size * 0.6))
    out.append(para(rich(FORM, "unit", unit=v.unit.name), st.body))
    names = ", ".join(v.officers) or labels.text(FORM, "no_officer")
    out.append(para(rich(FORM, "officers", names=names), st.body))
    out += [Spacer(1, p.size * 0.4), para(f"<b>{esc(labels.text(FORM, 'work'))}</b>", st.body)]
    widths = [12 * mm, p.frame_width - 52 * mm, 40 * mm]
    header = [str(c) for c in labels.raw(FORM, "cols")]
    out.append(layout.table(p, header, _work_rows(v), widths, center_cols=(0, 2)))
    out += [Spacer(1, p.size * 0.6), para(f"<b>{esc(labels.text(FORM, 'sync'))}</b>", st.body)]
    out += [para(esc(line), st.body) for line in _sync_lines(v)]
    if v.reconciled_at is not None:
        at = labels.date_parts(v.reconciled_at)
        result = labels.text(FORM, "reconciled", time=f"{at['hour']}:{at['minute']}", result=v.reconciliation)
        out.append(para(esc(result), st.body))
    else:
        out.append(para(esc(labels.text(FORM, "not_reconciled")), st.body))
    hint = labels.text("common", "sign_hint")
    out += [
        Spacer(1, p.size),
        layout.signatures(p, [("", "", ""), (labels.text(FORM, "officer_sign"), hint, "")]),
    ]
    return out


def build(v: EndOfDayView, options: PrintOptions) -> bytes:
    p = layout.paper("A4")
    title = f"{labels.text(FORM, 'title').capitalize()} {labels.short_date(v.day)}"
    return layout.build_pdf(p, [story(v, p, options.printed_at or now_local())], options, title, v.unit.name)

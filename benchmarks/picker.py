"""Finding one procedure among hundreds (issue 22): the picker's keystroke and loading the catalogue.

    .venv/bin/python -P benchmarks/picker.py [--size 600] [--runs 15]

A profile in a temporary folder holds the shipped catalogue (17 procedures) and then a synthetic one of
`--size` procedures (`tests.synthetic_catalogue`: twenty fields, Vietnamese names, papers, fees). Offscreen,
in the process; every figure a median over `--runs`, after a warm-up.

1. Per keystroke, the whole path: a key event into the picker's search field (the real `ProcedurePicker`,
   shown, the choices loaded as the intake view loads them) until the event loop is idle again: the text
   edited, `picker_rows` (filter, rank, group), the list model reset, the highlight and the details pane
   updated, the list repainted. The queries are typed letter by letter: "đăng ký khai sinh", "ks",
   "1.001193", "chung thuc ban sao". Baselines in the same run: the same keys into a bare QLineEdit
   (Qt's own cost of a keystroke), and `filter_choices` alone. Target: <= 30 ms per keystroke.
2. Loading the catalogue into the intake screen: `load_intake_context` (the query pool, off the GUI thread)
   and what the GUI thread then does with it (`ProcedurePicker.set_choices`, the first list shown), for
   the 17 shipped procedures and for `--size`. "Added to the main window" is the GUI-thread difference
   between the two. Target: <= 50 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")  # never the real keyring

from PySide6.QtCore import QCoreApplication, QMessageLogContext, Qt, QtMsgType, qInstallMessageHandler  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget  # noqa: E402

from desktop.services.accounts import SetupData, complete_setup  # noqa: E402
from desktop.services.intake_lookup import ProcedureChoice, filter_choices, load_intake_context  # noqa: E402
from desktop.store.catalogue import load_catalogue  # noqa: E402
from desktop.store.engine import open_store  # noqa: E402
from desktop.ui.intake.procedure_picker import ProcedurePicker  # noqa: E402
from tests.synthetic_catalogue import synthetic_catalogue  # noqa: E402

QUERIES = ("đăng ký khai sinh", "ks", "1.001193", "chung thuc ban sao")
SETUP = SetupData("Xã Thử", "H00.00.01", "Gia Lai", 1, "canbo", "Cán bộ Thử", "matkhau-123")
KEY_TARGET_MS, LOAD_TARGET_MS = 30, 50


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def keystroke_ms(field: QLineEdit, runs: int) -> float:
    """Median ms of one typed character into `field` until the event loop is idle (every query typed)."""
    times = []
    for _ in range(runs):
        for query in QUERIES:
            field.clear()
            QCoreApplication.processEvents()
            for ch in query:
                start = time.perf_counter()
                QTest.sendKeyEvent(
                    QTest.KeyAction.Click, field, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
                )
                QCoreApplication.processEvents()
                times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def shown(widget: QWidget) -> QWidget:
    widget.resize(700, 520)
    widget.show()
    widget.activateWindow()
    QCoreApplication.processEvents()
    return widget


def quiet(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's messages, but the offscreen platform's note on every window shown."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def main() -> None:
    qInstallMessageHandler(quiet)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=600)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory(prefix="motcua-picker-") as tmp:
        store = open_store(Path(tmp) / "profile")
        officer = complete_setup(store, SETUP)
        loads: dict[str, tuple[float, float]] = {}
        choices: list[ProcedureChoice] = []
        for label, data in (("shipped", None), ("full", synthetic_catalogue(args.size, "bench-full"))):
            if data is not None:
                with store.transaction() as session:
                    load_catalogue(session, data)
            choices = load_intake_context(store, officer).choices
            query_ms = median_ms(lambda: load_intake_context(store, officer), args.runs)
            picker = shown(ProcedurePicker())

            def fill(picker: ProcedurePicker = picker, choices: list[ProcedureChoice] = choices) -> None:
                picker.set_choices(choices)
                QCoreApplication.processEvents()

            loads[f"{label} ({len(choices)})"] = (query_ms, median_ms(fill, args.runs))
            picker.close()
        store.close()

    print(f"1. picker, per keystroke over {len(choices)} procedures, median (ms)")
    picker = shown(ProcedurePicker())
    picker.set_choices(choices)
    bare = shown(QLineEdit())
    ours = keystroke_ms(picker.search, args.runs)
    qt_only = keystroke_ms(bare, args.runs)
    prefixes = [q[: i + 1] for q in QUERIES for i in range(len(q))]
    filtering = median_ms(lambda: [filter_choices(choices, p) for p in prefixes], args.runs) / len(prefixes)
    print(f"   {'bare QLineEdit (baseline)':<42}{qt_only:8.2f}")
    print(f"   {'filter_choices alone':<42}{filtering:8.2f}")
    print(
        f"   {'whole keystroke in the picker':<42}{ours:8.2f}   x{ours / qt_only:.1f} of bare  (target <= {KEY_TARGET_MS})"
    )
    print("2. loading the catalogue into the intake screen, median (ms)")
    print(f"   {'':<22}{'query pool':>12}{'GUI thread':>12}")
    for label, (query_ms, gui_ms) in loads.items():
        print(f"   {label:<22}{query_ms:12.1f}{gui_ms:12.1f}")
    (_, small), (_, big) = loads.values()
    print(f"   added to the main window (GUI thread): {big - small:.1f}  (target <= {LOAD_TARGET_MS})")
    app.quit()


if __name__ == "__main__":
    main()

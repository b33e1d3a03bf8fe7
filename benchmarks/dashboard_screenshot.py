"""Render the dashboard (F7) offscreen on a seeded demo profile into `docs/dashboard.png` (the README's
picture).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/dashboard_screenshot.py [--dossiers 3000] [--seed 1] [-o docs/dashboard.png]

The profile is a temporary folder, removed afterwards; the history ends at the application clock's now.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QAction  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.services.accounts import complete_setup  # noqa: E402
from desktop.services.demo import DEMO_SETUP, seed_demo  # noqa: E402
from desktop.store.engine import open_store  # noqa: E402
from desktop.ui.dashboard import DashboardPage  # noqa: E402
from desktop.ui.i18n import install_translators  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "dashboard.png")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    install_translators(app, "vi")  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "profile")
        try:
            officer = complete_setup(store, DEMO_SETUP)
            seed_demo(store, args.dossiers, seed=args.seed)
            window = MainWindow(store, officer, workstation="1")
            window.resize(1280, 800)
            window.show()
            action = window.findChild(QAction, "dashboard")  # F7
            assert action is not None
            action.trigger()
            page = window.tabs.currentWidget()
            assert isinstance(page, DashboardPage)
            deadline = time.monotonic() + 60
            while page.data is None and time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.02)
            for _ in range(20):
                app.processEvents()
            args.output.parent.mkdir(parents=True, exist_ok=True)
            if not window.grab().save(str(args.output), "PNG", 9):
                print(f"could not write {args.output}", file=sys.stderr)
                return 1
            window.close()
        finally:
            store.close()
    print(f"{args.output}: {args.output.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

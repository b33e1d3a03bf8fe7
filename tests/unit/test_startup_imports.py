"""What the main window loads before it shows: only what the first screen needs (benchmarks/startup.py).

Each feature view is imported when it is first opened, so a new view does not slow every start. The check
runs in a fresh process, like a real start.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# loaded only when the officer opens the view that needs them
LATER = [
    "desktop.ui.intake.view",  # Ctrl+N (with its services it was a third of the main window's start-up)
    "reportlab",  # printing
    "desktop.ui.dossier.view",  # Enter on a dossier: the view, its services, scanning (img2pdf, Pillow)
    "desktop.services.dossier_detail",
    "img2pdf",
    "holidays",  # the legal clock: intake and the dossier view
    "sync.engine",  # the first probe makes the sync engine on a worker thread
    "sync.client.http",
    "requests",
    "pydantic",
]


def test_main_window_imports_no_feature_view() -> None:
    code = (
        "import json, sys\n"
        "import desktop.ui.app\n"
        "import desktop.ui.main_window\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False, timeout=120
    )
    assert out.returncode == 0, out.stderr
    loaded = set(json.loads(out.stdout))
    assert "desktop.ui.main_window" in loaded
    assert [name for name in LATER if name in loaded] == []

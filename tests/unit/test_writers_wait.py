"""Several programs writing one profile (the GUI, a scheduled `motcua sync`, a second window): a write waits
for another's lock up to the busy timeout instead of failing at once (issue 23 item 3). Write transactions
begin IMMEDIATE (`desktop.store.engine`); with a deferred BEGIN, 35 of 80 intakes by 3 processes failed with
"database is locked" after a few milliseconds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from desktop.services.accounts import SignedIn
from desktop.store.engine import Store
from desktop.store.models import Dossier

ROOT = Path(__file__).resolve().parents[2]
PROCESSES, EACH = 4, 20  # the deferred BEGIN lost 35 of 80 such intakes

# one writer process: EACH intakes through the real service, as fast as it can once all are ready
WRITER = """
import sys
from pathlib import Path
from desktop.services.accounts import acting_officer
from desktop.services.intake import receive_dossier
from desktop.store.engine import open_store
from tests.sync_helpers import make_draft

store = open_store(Path(sys.argv[1]))
officer = acting_officer(store, None)
print("ready", flush=True)
sys.stdin.readline()  # all writers start together, so that they contend
start = int(sys.argv[2])
for number in range(start, start + int(sys.argv[3])):
    receive_dossier(store, officer, make_draft(store, number))
store.close()
print("done")
"""


def test_four_processes_receiving_twenty_dossiers_each_save_all_eighty(
    ready_store: tuple[Store, SignedIn],
) -> None:
    store, _ = ready_store
    root = store.profile.root
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(root), str(1 + index * EACH), str(EACH)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for index in range(PROCESSES)
    ]
    for writer in writers:  # imported and open: then all go at once
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    results = [writer.communicate(timeout=180) for writer in writers]
    for writer, (out, err) in zip(writers, results, strict=True):
        assert writer.returncode == 0 and out.strip() == "done", err[-2000:]
    with store.session() as session:
        codes = session.scalars(select(Dossier.code)).all()
        assert session.scalar(select(func.count()).select_from(Dossier)) == PROCESSES * EACH
    assert len(set(codes)) == PROCESSES * EACH  # unique across the processes

"""Issue 19's "done when", as one story: a fresh profile's 12 dossiers with 2 scanned pages each reach the
province through a slow link that drops mid-request, every scan verified there, and the end-of-day check
(the pass `motcua sync --end-of-day` runs) says the day matches. On SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from desktop.services.accounts import SignedIn
from desktop.store.engine import Store
from sync.client.reconcile import MATCHED
from sync.engine import SyncEngine
from sync.server.store import ServerStore
from tests.e2e.faultproxy import FaultProxy
from tests.e2e.scan_sync import assert_all_verified, local_scans, scan_dossiers
from tests.sync_helpers import CLIENT_RETRY, UNIT_CODE


def test_a_fresh_profiles_day_with_scans_reaches_the_province_over_a_flaky_slow_link_and_matches(
    proxied_client: tuple[Store, SignedIn], proxy: FaultProxy, backend_store: ServerStore, tmp_path: Path
) -> None:
    store, officer = proxied_client
    scan_dossiers(store, officer, 12, pages=2, sizes=(20_000, 40_000))
    scans = local_scans(store)
    assert len(scans) == 24
    proxy.rate = 4_000_000  # bytes a second: slow enough to be a link, fast enough for a test
    proxy.drop_every = 90_000  # the link drops mid-request after every ~90 KB sent (about 3 pages)

    day = SyncEngine(store, policy=CLIENT_RETRY).run_pass("end_of_day")

    assert proxy.drops >= sum(scans.values()) // 90_000 >= 5  # the link did drop, mid-chunk
    assert day.all_acknowledged and day.scans_sent == 24, day
    assert day.reconciled is True and MATCHED in day.message, day.message
    assert day.scan_bytes < sum(scans.values()) + proxy.drops * 64 * 1024  # at most a chunk per drop again
    assert_all_verified(store, backend_store, tmp_path / "server-blobs")
    assert backend_store.report(UNIT_CODE)["dossiers"] == 12

"""What the counter application needs around the sync engine, Qt-free (design §3, "when to sync").

- `read_overview(store)`: enrolled or not, the connection settings, the last successful (and end-of-day)
  pass and the number of changes waiting, for the status bar and the close prompt.
- `connect(store, settings, username, password, workstation, replace_workstation)`: enrol through
  `sync.client.enrol` (the token goes to the OS keyring) using the given CA bundle, proxy, end-of-day time
  and workstation number, kept only when it succeeds (`replace_workstation`: a unit administrator's
  account replaces the computer that holds the number);
  `update_settings(store, settings)` changes them without a new login once the server answers through them.
- `ProbeSchedule`: how long to wait before the next `/health` probe: a steady interval while the server
  answers (a dead server is noticed within 10 s), short exponential backoff with jitter while it does not
  (a server back is noticed within 30 s).
- `end_of_day_due` / `seconds_until`: the daily end-of-day pass.

The GUI's `desktop/ui/sync/controller.py` turns these into timers; `motcua sync --end-of-day` is the
headless equivalent for the OS scheduler.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from desktop.core.errors import SyncError, SyncErrorKind, ValidationError
from desktop.core.timeutil import as_local
from desktop.store import settings
from desktop.store.engine import Store
from desktop.store.events import pending_count
from sync.client.config import DEVICE_ID, LAST_EOD, LAST_SUCCESS, ClientConfig, get_state

if TYPE_CHECKING:  # the HTTP client (requests, pydantic) loads on first use, not with the main window
    from sync.client.enrol import Enrolled

DEFAULT_END_OF_DAY = "16:30"  # half an hour before the counter closes (setting `end_of_day_sync`)


@dataclass(frozen=True)
class ConnectionSettings:
    server_url: str = ""
    ca_bundle: str = ""  # PEM file of the province's CA; "" = the system's trusted CAs
    proxy_url: str = ""  # "" = the environment's proxy, if any
    end_of_day: str = DEFAULT_END_OF_DAY  # "HH:MM"; "" = no automatic end-of-day pass


@dataclass(frozen=True)
class SyncOverview:
    enrolled: bool
    settings: ConnectionSettings
    last_success: datetime | None
    last_end_of_day: datetime | None
    pending: int
    demo: bool = False  # a demo profile: its synthetic changes are not asked about at quitting


def _when(text: str) -> datetime | None:
    try:
        return as_local(datetime.fromisoformat(text)) if text else None
    except ValueError:
        return None


def read_overview(store: Store) -> SyncOverview:
    with store.session() as session:
        config = ConnectionSettings(
            server_url=settings.get(session, settings.SERVER_URL),
            ca_bundle=settings.get(session, settings.CA_BUNDLE),
            proxy_url=settings.get(session, settings.PROXY_URL),
            end_of_day=settings.get(session, settings.END_OF_DAY, DEFAULT_END_OF_DAY),
        )
        return SyncOverview(
            enrolled=bool(config.server_url and get_state(session, DEVICE_ID)),
            settings=config,
            last_success=_when(get_state(session, LAST_SUCCESS)),
            last_end_of_day=_when(get_state(session, LAST_EOD)),
            pending=pending_count(session),
            demo=settings.is_demo(session),
        )


# --- checking and saving the settings -----------------------------------------------------------------


def parse_end_of_day(text: str) -> time | None:
    """ "16:30" -> 16:30; "" -> None (no automatic pass); anything else is a ValidationError."""
    text = text.strip()
    if not text:
        return None
    hours, sep, minutes = text.partition(":")
    if sep and hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60:
        return time(int(hours), int(minutes))
    raise ValidationError(
        f"Giờ đồng bộ cuối ngày '{text}' không hợp lệ (dạng GG:PP, ví dụ 16:30).", "end_of_day"
    )


def _check_url(url: str, what: str, field: str) -> str:
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(f"{what} '{url}' không hợp lệ: cần dạng http://… hoặc https://…", field)
    return url


def check_settings(config: ConnectionSettings) -> ConnectionSettings:
    """The settings with blanks trimmed, or a ValidationError naming the field to fix."""
    server_url = (
        _check_url(config.server_url, "Địa chỉ máy chủ tỉnh", "server_url") if config.server_url else ""
    )
    proxy_url = _check_url(config.proxy_url, "Địa chỉ proxy", "proxy_url") if config.proxy_url.strip() else ""
    ca_bundle = config.ca_bundle.strip()
    if ca_bundle:
        path = Path(ca_bundle).expanduser()
        try:
            head = path.read_bytes()[:1_000_000]
        except OSError:
            raise ValidationError(f"Không đọc được tệp chứng chỉ (CA) '{ca_bundle}'.", "ca_bundle") from None
        if b"-----BEGIN CERTIFICATE-----" not in head:
            raise ValidationError(
                f"Tệp '{ca_bundle}' không phải chứng chỉ dạng PEM (-----BEGIN CERTIFICATE-----).", "ca_bundle"
            )
        ca_bundle = str(path.resolve())
    end = parse_end_of_day(config.end_of_day)
    return ConnectionSettings(server_url, ca_bundle, proxy_url, end.strftime("%H:%M") if end else "")


def save_settings(store: Store, config: ConnectionSettings) -> None:
    """Save the CA bundle, proxy and end-of-day time (the server URL is saved by a successful enrolment)."""
    _write_settings(store, check_settings(config))


def _write_settings(store: Store, config: ConnectionSettings) -> None:
    with store.transaction() as session:
        settings.put(session, settings.CA_BUNDLE, config.ca_bundle)
        settings.put(session, settings.PROXY_URL, config.proxy_url)
        settings.put(session, settings.END_OF_DAY, config.end_of_day)


def connect(
    store: Store,
    config: ConnectionSettings,
    username: str,
    password: str,
    workstation: int | None = None,
    replace_workstation: bool = False,
) -> Enrolled:
    """Enrol this workstation with the server through the given settings, which are kept only on success
    (a mistyped proxy never breaks a workstation that was syncing); clear Vietnamese errors. `workstation`:
    a new workstation number (e.g. after the server said another workstation holds this one);
    `replace_workstation`: this computer replaces the one holding the number (unit administrator only)."""
    if not config.server_url.strip():
        raise ValidationError("Hãy nhập địa chỉ máy chủ tỉnh.", "server_url")
    config = check_settings(config)
    previous = read_overview(store).settings
    _write_settings(store, config)  # `enrol` reaches the server through the saved CA bundle and proxy
    try:
        return _enrol(store, config, username, password, workstation, replace_workstation)
    except BaseException:
        _write_settings(store, previous)
        raise


def _enrol(
    store: Store,
    config: ConnectionSettings,
    username: str,
    password: str,
    workstation: int | None,
    replace_workstation: bool,
) -> Enrolled:
    from sync.client.enrol import enrol

    try:
        return enrol(
            store,
            config.server_url,
            username,
            password,
            workstation=workstation,
            replace_workstation=replace_workstation,
        )
    except SyncError as exc:
        raise _explained(exc, config) from None


def _explained(exc: SyncError, config: ConnectionSettings) -> SyncError:
    """The client's error with the server (and proxy) it was trying to reach, for the connect dialog."""
    from sync.client.http import TlsError

    if isinstance(exc, TlsError):
        return exc
    if exc.kind is SyncErrorKind.NETWORK:
        via = f" qua proxy {config.proxy_url}" if config.proxy_url else ""
        return SyncError(
            f"{exc} Máy chủ: {config.server_url}{via}. Hãy kiểm tra địa chỉ, đường mạng và proxy rồi thử lại.",
            SyncErrorKind.NETWORK,
        )
    if exc.kind is SyncErrorKind.REJECTED:
        return SyncError(
            f"{config.server_url} không phải máy chủ một cửa của tỉnh hoặc không nhận đăng ký ({exc}).",
            SyncErrorKind.REJECTED,
        )
    return exc


def update_settings(store: Store, config: ConnectionSettings) -> None:
    """Change the CA bundle, proxy and end-of-day time of an enrolled workstation without a new login;
    saved only once the server's `/health` answers through them."""
    config = check_settings(config)
    current = read_overview(store)
    if not current.enrolled:
        raise ValidationError(
            "Máy trạm chưa kết nối máy chủ tỉnh: hãy nhập tài khoản để kết nối.", "username"
        )
    if config.server_url and config.server_url != current.settings.server_url:
        raise ValidationError(
            "Đổi máy chủ tỉnh cần kết nối lại: hãy nhập tài khoản và mật khẩu rồi bấm Kết nối.", "server_url"
        )
    config = replace(config, server_url=current.settings.server_url)
    from sync.client.http import SyncHttp
    from sync.protocol import Health

    http = SyncHttp(ClientConfig(config.server_url, config.ca_bundle, config.proxy_url))
    try:
        http.call("GET", "/health", Health)
    except SyncError as exc:
        raise _explained(exc, config) from None
    finally:
        http.close()
    _write_settings(store, config)


# --- when to probe and when to sync ---------------------------------------------------------------------


@dataclass(frozen=True)
class ProbeSchedule:
    """Seconds between `/health` probes, and how soon a new change is pushed while online.

    A probe is one small GET without retries that gives up after `ClientConfig.probe_timeout` (2 s).
    While the server answers it is asked every 5 to 6.25 s (`online_interval` plus up to `online_jitter`
    of it, so the workstations of a province do not ask in step): a server that dies is shown offline at
    most `dead_noticed_within()` = 8.25 s after its last answer. While it does not answer, the waits double
    from 2 s up to `offline_cap` = 20 s (equal jitter): a server that comes back is shown online, and what
    is waiting is sent, at most `back_noticed_within()` = 24 s later (the probe that was failing as it came
    back, the wait, the probe that finds it).
    """

    online_interval: float = 5.0
    online_jitter: float = 0.25  # a fraction of online_interval
    offline_base: float = 2.0
    offline_cap: float = 20.0
    push_delay: float = 3.0

    def next_probe(self, failures: int, rng: random.Random) -> float:
        """After `failures` failed probes in a row: the steady interval, or backoff with equal jitter."""
        if failures <= 0:
            return self.online_interval * (1 + rng.uniform(0, self.online_jitter))
        ceiling = min(self.offline_cap, self.offline_base * 2 ** (min(failures, 60) - 1))
        return rng.uniform(ceiling / 2, ceiling)

    def dead_noticed_within(self, probe_timeout: float = ClientConfig.probe_timeout) -> float:
        """The longest time from the server's last answer until a probe has found it silent."""
        return self.online_interval * (1 + self.online_jitter) + probe_timeout

    def back_noticed_within(self, probe_timeout: float = ClientConfig.probe_timeout) -> float:
        """The longest time from the server's return until a probe has found it answering."""
        return probe_timeout + self.offline_cap + probe_timeout


def end_of_day_due(now: datetime, at: time | None, last_done: datetime | None) -> bool:
    """True from `at` until midnight when today's end-of-day pass has not succeeded yet."""
    if at is None:
        return False
    now = as_local(now)
    if now.time() < at:
        return False
    return last_done is None or as_local(last_done).date() < now.date()


def seconds_until(now: datetime, at: time) -> float:
    """Seconds from `now` to the next `at` (tomorrow's when today's has passed)."""
    now = as_local(now)
    target = now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    if target <= now:
        target += timedelta(days=1)
    return (target - now).total_seconds()

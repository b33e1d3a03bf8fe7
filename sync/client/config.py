"""Where and how the client reaches the provincial server: URL, CA bundle, proxy, timeouts.

Read from the profile's settings (`desktop/store/settings.py`; the GUI's connect dialog writes them):

- `server_url` (`settings.SERVER_URL`): `https://…`, saved by a successful enrolment;
- `ca_bundle` (`settings.CA_BUNDLE`): path of a PEM file; the server's certificate is verified against
  it instead of the system's CAs (a province's private CA). "" = the system's trust store. TLS
  verification itself is never turned off;
- `proxy_url` (`settings.PROXY_URL`): `http://host:port` of an HTTP proxy (HTTPS goes through CONNECT).
  "" = the environment's HTTP(S)_PROXY / NO_PROXY, if any;
- `upload_rate_kbit` (`settings.UPLOAD_RATE`): a cap on the bytes the client sends, in kbit/s, so the
  counter's other work keeps part of a slow link (`sync.client.http.TokenBucket`). "" or 0 = no cap.

Both settings win over the environment (`REQUESTS_CA_BUNDLE`, `HTTPS_PROXY`; see `sync.client.http`).
The sync facts (device id, unit, last success) live in `SyncState`. Nothing secret lives here: the device
token is only in the OS keyring.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from desktop.store import settings
from desktop.store.models import SyncState

DEVICE_ID = "device_id"
SERVER_UNIT = "server_unit_code"
LAST_SUCCESS = "last_success_at"
LAST_EOD = "last_end_of_day_at"
# the nonce of an enrolment not completed yet (`sync.client.enrol`): a retry reuses the server's pending device
PENDING_ENROLMENT = "pending_enrolment_id"


@dataclass(frozen=True)
class ClientConfig:
    server_url: str
    # setting `ca_bundle`: a PEM file of the CAs that vouch for the provincial server (e.g. the province's
    # private CA); the server is then verified against this file only. "" = the system's trust store.
    ca_bundle: str = ""
    # setting `proxy_url`: http://proxy:3128 (HTTPS goes through CONNECT); "" = the environment's
    # HTTP(S)_PROXY / NO_PROXY, if any. Verification is never turned off.
    proxy_url: str = ""
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    # a probe (`/health` asked only to know whether the server answers, and the first contact of a pass the
    # officer waits for) gives up sooner: connected (TLS included) and answered within 2 s in all
    probe_connect_timeout: float = 2.0
    probe_timeout: float = 2.0
    upload_rate_kbit: int = 0  # setting `upload_rate_kbit`: a cap on request bodies; 0 = none

    @property
    def upload_rate(self) -> float:
        """The cap in bytes per second (0: none)."""
        return self.upload_rate_kbit * 1000 / 8

    @property
    def api(self) -> str:
        return self.server_url.rstrip("/") + "/api/v1"


def get_state(session: Session, key: str, default: str = "") -> str:
    return settings.read_value(session, SyncState, key, default)


def put_state(session: Session, key: str, value: str) -> None:
    settings.write_value(session, SyncState, key, value)


def load_config(session: Session) -> ClientConfig:
    return ClientConfig(
        server_url=settings.get(session, settings.SERVER_URL),
        ca_bundle=settings.get(session, settings.CA_BUNDLE),
        proxy_url=settings.get(session, settings.PROXY_URL),
        upload_rate_kbit=upload_rate_kbit(session),
    )


def upload_rate_kbit(session: Session) -> int:
    """The upload cap setting in kbit/s; 0 (none) when unset or unreadable."""
    text = settings.get(session, settings.UPLOAD_RATE).strip()
    return int(text) if text.isdigit() else 0

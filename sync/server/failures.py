"""Unexpected failures of the server: a plain 500 for the client, and a log line that says where, not what.

An exception's text may carry the request's values (pydantic and SQLAlchemy errors quote them: citizen
data), and uvicorn would log it whole with the traceback. `HideFailureValues` answers the 500 itself and
logs only the exception's kind (with those it was raised from), the method and path without the query,
and the stack's frames (file, line, function, source line), so the log never copies what was sent.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi.responses import JSONResponse

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

log = logging.getLogger("motcua.server")
UNEXPECTED = (
    "Máy chủ gặp lỗi ngoài dự kiến, hãy thử lại sau. Nếu lỗi lặp lại, hãy báo quản trị hệ thống tỉnh."
)


def describe(exc: BaseException) -> str:
    """The kinds of `exc` and of the exceptions it was raised from, and its frames: never its text."""
    kinds: list[str] = []
    current: BaseException | None = exc
    while current is not None and len(kinds) < 10:
        kinds.append(f"{type(current).__module__}.{type(current).__qualname__}")
        current = current.__cause__ or current.__context__
    frames = "".join(traceback.format_tb(exc.__traceback__))
    return " <- ".join(kinds) + "\n" + frames.rstrip()


class HideFailureValues:
    """The outermost middleware: an exception no handler took becomes a 500 answered here (not re-raised,
    so uvicorn does not log its text) and one log line from `describe`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as exc:  # every failure, logged without its values
            log.error(
                "unexpected failure in %s %s: %s", scope.get("method"), scope.get("path"), describe(exc)
            )
            if not started:
                await JSONResponse({"detail": UNEXPECTED}, status_code=500)(scope, receive, send)

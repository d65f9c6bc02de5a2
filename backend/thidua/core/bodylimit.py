"""Request body limits, counted while the body streams in.

A body over its route's limit is refused with 413 in the problem shape: before the route runs when
Content-Length already says so, else as soon as the received bytes pass the limit, so that neither a
JSON body nor a multipart upload is ever held whole in memory or spooled whole to disk.
"""

import re
from collections.abc import Sequence

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from thidua.core.errors import problem_response


def byte_size(n: int) -> str:
    """A size limit as people say it: 10 MB, 64 KB, 900 byte."""
    if n >= 1024 * 1024:
        return f"{n // (1024 * 1024)} MB"
    return f"{n // 1024} KB" if n >= 1024 else f"{n} byte"


class BodyTooLarge(HTTPException):
    """Raised from receive(): routes let an HTTPException out of body parsing, and the app's handler
    answers it in the problem shape."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"Dữ liệu gửi lên vượt quá giới hạn {byte_size(limit)}; không có gì được lưu.")


class BodyLimit:
    """`default` bytes for every request, except paths matching one of `routes` (pattern, limit)."""

    def __init__(
        self, app: ASGIApp, default: int, routes: Sequence[tuple[re.Pattern[str], int]] = ()
    ) -> None:
        self.app = app
        self.default = default
        self.routes = list(routes)

    def limit_for(self, path: str) -> int:
        for pattern, limit in self.routes:
            if pattern.fullmatch(path):
                return limit
        return self.default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            response = problem_response(413, BodyTooLarge(limit).detail, slug="too-large")
            await response(scope, receive, send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, limited_receive, send)

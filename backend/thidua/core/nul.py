"""U+0000 (NUL) is refused at the door, in the path, the query string and JSON or form bodies: no real
text holds it, PostgreSQL cannot store it in text (it answered 500), and SQLite would keep it for the
exports to choke on. Multipart forms and imported files check their own fields and lines."""

import re
from urllib.parse import parse_qsl

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from thidua.core.errors import FieldError, problem_response

MESSAGE = "Dữ liệu chứa ký tự NUL (\\x00) không hợp lệ."
# A JSON \u0000 escape; after an escaped backslash (\\u0000) it is six characters of plain text.
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")
_FORM_NUL = re.compile(rb"%00|\x00")


def nul_error(path: str) -> FieldError:
    return FieldError(path=path, message=MESSAGE, type="nul_character")


class NulInBody(HTTPException):
    """Raised from receive(): routes let an HTTPException out of body parsing (as for BodyTooLarge)."""

    def __init__(self) -> None:
        super().__init__(422, MESSAGE)
        self.errors = [nul_error("body")]


def _url_errors(scope: Scope) -> list[FieldError]:
    errors = [nul_error("path")] if "\x00" in scope["path"] else []
    query: bytes = scope.get("query_string", b"")
    if b"%00" in query or b"\x00" in query:
        for name, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
            if "\x00" in name + value:
                errors.append(nul_error("query." + name.replace("\x00", "")))
    return errors


class RejectNul:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        errors = _url_errors(scope)
        if errors:
            response = problem_response(422, MESSAGE, slug="validation", errors=errors)
            await response(scope, receive, send)
            return
        media_type = Headers(scope=scope).get("content-type", "").split(";")[0].strip().lower()
        if media_type == "application/json" or media_type.endswith("+json"):
            pattern = _JSON_NUL
        elif media_type == "application/x-www-form-urlencoded":
            pattern = _FORM_NUL
        else:
            await self.app(scope, receive, send)
            return
        tail = b""  # the end of the previous chunk: an escape may be cut in two

        async def checked_receive() -> Message:
            nonlocal tail
            message = await receive()
            if message["type"] == "http.request":
                chunk = tail + message.get("body", b"")
                if pattern.search(chunk):
                    raise NulInBody()
                tail = chunk[-16:]
            return message

        await self.app(scope, checked_receive, send)

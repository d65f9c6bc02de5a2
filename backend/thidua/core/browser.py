"""What the server does for browsers: the security headers of every response, the API docs page with a
policy of its own, and CORS refusals in the API's one error shape."""

import base64
import hashlib
import re
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import HTMLResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from thidua.core.concurrency import none_match
from thidua.core.errors import problem_response

# The SPA is built into files only (no inline script or style), so the policy allows nothing inline and
# nothing from another origin; data: images are for previews the app makes itself.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}
# Sent on https only: a browser that saw it will not use plain http for this host for a year.
HSTS = "max-age=31536000"


class ResponseHeaders:
    """Every response: the security headers, `Cache-Control: no-store` under the API, HSTS behind TLS;
    and If-None-Match on anything that carries an ETag answered 304 without a body. Plain ASGI, because
    Starlette's BaseHTTPMiddleware (`@app.middleware`) costs a task and a stream on every request."""

    def __init__(self, app: ASGIApp, api_prefix: str) -> None:
        self.app = app
        self.api_prefix = api_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        asked = Headers(scope=scope).get("if-none-match") if scope["method"] in ("GET", "HEAD") else None
        api = scope["path"].startswith(self.api_prefix)
        https = scope.get("scheme") == "https"
        not_modified = False

        async def send_with_headers(message: Message) -> None:
            nonlocal not_modified
            if message["type"] == "http.response.start":
                etag = MutableHeaders(scope=message).get("etag")
                if asked and etag and message["status"] == 200 and none_match(asked, etag):
                    not_modified = True
                    message = {
                        "type": "http.response.start",
                        "status": 304,
                        "headers": [(b"etag", etag.encode())],
                    }
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if api:
                    headers.setdefault("Cache-Control", "no-store")
                if https:  # behind TLS (directly or via --proxy-headers): stay on https
                    headers.setdefault("Strict-Transport-Security", HSTS)
            elif message["type"] == "http.response.body" and not_modified:
                if message.get("more_body", False):
                    return  # the body the client already has: dropped
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app(scope, receive, send_with_headers)


# Swagger UI comes from this CDN (FastAPI's default) and starts with one inline script, which the docs
# page's policy names by its hash; Swagger UI sets inline styles, so styles may be inline there only.
SWAGGER_CDN = "https://cdn.jsdelivr.net"
SWAGGER_FAVICON = "https://fastapi.tiangolo.com"
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.S)


def docs_policy(page: bytes) -> str:
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(script).digest()).decode()}'"
        for script in _INLINE_SCRIPT.findall(page)
    )
    return (
        f"default-src 'self'; script-src {SWAGGER_CDN} {hashes}; style-src 'self' {SWAGGER_CDN} "
        f"'unsafe-inline'; img-src 'self' data: {SWAGGER_FAVICON}; connect-src 'self'; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )


def swagger_ui_page(app: FastAPI) -> Callable[[Request], Awaitable[HTMLResponse]]:
    """FastAPI's docs page, with the policy that lets it run (the app-wide one would blank it)."""

    async def page(request: Request) -> HTMLResponse:
        root_path = request.scope.get("root_path", "").rstrip("/")
        response = get_swagger_ui_html(
            openapi_url=root_path + (app.openapi_url or ""), title=f"{app.title} - Swagger UI"
        )
        response.headers["Content-Security-Policy"] = docs_policy(bytes(response.body))
        return response

    return page


_REFUSED_PARTS = {
    "origin": "nguồn gọi (Origin)",
    "method": "phương thức",
    "headers": "tiêu đề",
    "private-network": "truy cập mạng nội bộ",
}


class ProblemCORSMiddleware(CORSMiddleware):
    """Starlette's CORS, with a refused preflight answered as problem details (still without any
    Access-Control-Allow-Origin, so the browser blocks the call)."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code != 400:
            return response
        failures = bytes(response.body).decode().removeprefix("Disallowed CORS ").split(", ")
        refused = ", ".join(_REFUSED_PARTS.get(f, f) for f in failures)
        return problem_response(
            400,
            f"Trình duyệt không được phép gọi API theo cách này: {refused} không nằm trong danh sách "
            "được phép (CORS_ORIGINS).",
            slug="cors-refused",
        )

"""Browser-facing protection from the server: security headers on every kind of response (API data,
every error, the SPA's page and assets, file downloads, the API docs page) and CORS limited to the
configured origins."""

import base64
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.helpers import World, assert_problem
from thidua.config import Settings
from thidua.main import create_app

API = "/api/v1"
ALLOWED_ORIGIN = "https://congthongtin.thanhthuy.example"
OTHER_ORIGIN = "https://evil.example"

# What every response must carry. The policy allows scripts, styles, fonts and data from the app's
# own origin only: no inline script or style, no eval, no plugin, no framing, no foreign form target.
EXPECTED_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}
EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def csp_of(response: Any) -> dict[str, str]:
    policy = response.headers.get("content-security-policy", "")
    directives = (d.strip().split(None, 1) for d in policy.split(";") if d.strip())
    return {d[0]: d[1] if len(d) > 1 else "" for d in directives}


def header_problems(response: Any) -> list[str]:
    found = [
        f"{name}: {response.headers.get(name)!r}"
        for name, value in EXPECTED_HEADERS.items()
        if response.headers.get(name) != value
    ]
    if csp_of(response) != EXPECTED_CSP:
        found.append(f"content-security-policy: {response.headers.get('content-security-policy')!r}")
    permissions = response.headers.get("permissions-policy", "")
    if not all(f"{feature}=()" in permissions for feature in ("camera", "microphone", "geolocation")):
        found.append(f"permissions-policy: {permissions!r}")
    return found


@pytest.fixture
def spa_dist(tmp_path: Path) -> Path:
    """A built SPA like `npm run build` makes: index.html loading hashed assets, no inline code."""
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="vi"><head><meta charset="UTF-8" /><title>Thi Đua Số</title>'
        '<script type="module" crossorigin src="/assets/index-abc123.js"></script>'
        '<link rel="stylesheet" crossorigin href="/assets/index-abc123.css"></head>'
        '<body><div id="root"></div></body></html>'
    )
    (tmp_path / "assets" / "index-abc123.js").write_text("console.log('thi dua so')")
    (tmp_path / "assets" / "index-abc123.css").write_text("body { margin: 0 }")
    (tmp_path / "favicon.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    return tmp_path


def app_with(world: World, **changes: Any) -> FastAPI:
    settings: Settings = world.settings.model_copy(update=changes)
    return create_app(settings)


@pytest.fixture
def spa_client(world: World, spa_dist: Path) -> Iterator[TestClient]:
    app = app_with(world, frontend_dist=spa_dist)

    def boom() -> None:
        raise RuntimeError("a bug")

    # A route with a bug, to see the 500 answer; it sits before the SPA, which takes every other path.
    app.add_api_route(f"{API}/boom-for-test", boom, methods=["GET"])
    app.router.routes.insert(0, app.router.routes.pop())
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    app.state.engine.dispose()


def test_every_kind_of_response_carries_the_security_headers(spa_client: TestClient, world: World) -> None:
    admin = world.headers("admin")
    for _ in range(5):
        spa_client.post(f"{API}/auth/token", data={"username": "manager_a", "password": "Sai-12345"})
    responses = {
        "API data": spa_client.get(f"{API}/units", headers=admin),
        "health": spa_client.get(f"{API}/health"),
        "401": spa_client.get(f"{API}/units"),
        "403": spa_client.get(f"{API}/users", headers=world.headers("teacher_a")),
        "404 of the API": spa_client.get(f"{API}/no-such-thing", headers=admin),
        "404 of an object": spa_client.get(f"{API}/units/987654", headers=admin),
        "405": spa_client.delete(f"{API}/health"),
        "422": spa_client.post(f"{API}/units", json={"code": ""}, headers=admin),
        "429": spa_client.post(f"{API}/auth/token", data={"username": "manager_a", "password": "x"}),
        "500": spa_client.get(f"{API}/boom-for-test"),
        "SPA page": spa_client.get("/"),
        "SPA route reloaded": spa_client.get("/ke-hoach/12"),
        "script asset": spa_client.get("/assets/index-abc123.js"),
        "style asset": spa_client.get("/assets/index-abc123.css"),
        "icon": spa_client.get("/favicon.svg"),
        "CSV download": spa_client.get(f"{API}/exports/units.csv", headers=admin),
        "XLSX download": spa_client.get(f"{API}/exports/units.xlsx", headers=admin),
        "OpenAPI document": spa_client.get(f"{API}/openapi.json"),
    }

    expected_status = {
        "401": 401,
        "403": 403,
        "404 of the API": 404,
        "404 of an object": 404,
        "405": 405,
        "422": 422,
        "429": 429,
        "500": 500,
    }
    wrong = {}
    for name, response in responses.items():
        status = expected_status.get(name, 200)
        if response.status_code != status:
            wrong[name] = [f"status {response.status_code}, expected {status}"]
        elif problems := header_problems(response):
            wrong[name] = problems
    assert not wrong, wrong
    # Errors are problem details, never the SPA's page; downloads are attachments; API answers are not cached.
    assert_problem(responses["404 of the API"], 404)
    assert_problem(responses["500"], 500)
    assert responses["SPA route reloaded"].text == responses["SPA page"].text
    assert '<div id="root">' in responses["SPA page"].text
    for name in ("CSV download", "XLSX download"):
        assert responses[name].headers["content-disposition"].startswith("attachment;")
    for name in ("API data", "401", "CSV download"):
        assert responses[name].headers["cache-control"] == "no-store"


def test_https_responses_tell_the_browser_to_stay_on_https(client: TestClient) -> None:
    app = client.app
    assert "strict-transport-security" not in client.get(f"{API}/health").headers

    over_tls = TestClient(app, base_url="https://thidua.thanhthuy.example").get(f"{API}/health")

    assert over_tls.headers["strict-transport-security"] == "max-age=31536000"


def test_the_spa_page_has_no_inline_script_or_style() -> None:
    """The policy forbids inline code, so the page must not need any (Vite emits files only); the built
    page is checked too when `npm run build` has made it."""
    frontend = Path(__file__).parents[2] / "frontend"
    pages = [p for p in (frontend / "index.html", frontend / "dist" / "index.html") if p.exists()]

    assert pages
    for path in pages:
        page = path.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), f"inline <script> in {path}"
        assert not re.search(r"<style|\sstyle=|\son\w+\s*=", page, re.I), f"inline style or handler in {path}"


def test_the_api_docs_page_may_load_swagger_ui_and_nothing_else(client: TestClient) -> None:
    """The docs page needs Swagger UI from its CDN and one inline bootstrap script: its policy names
    that script by hash instead of allowing inline scripts, and keeps every other protection."""
    response = client.get(f"{API}/docs")

    assert response.status_code == 200 and "SwaggerUIBundle" in response.text
    policy = csp_of(response)
    inline_scripts = re.findall(r"<script>(.*?)</script>", response.text, re.S)
    assert inline_scripts
    hashes = {
        f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in inline_scripts
    }
    script_sources = set(policy["script-src"].split())
    assert hashes <= script_sources
    assert script_sources - hashes == {"https://cdn.jsdelivr.net"}
    assert "'unsafe-eval'" not in policy["script-src"] and "'unsafe-inline'" not in policy["script-src"]
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert policy["connect-src"] == "'self'"
    assert response.headers["x-frame-options"] == "DENY"
    # The rest of the API keeps the strict policy.
    assert csp_of(client.get(f"{API}/health")) == EXPECTED_CSP


# --- CORS ---------------------------------------------------------------------------------------


@pytest.fixture
def cors_client(world: World) -> Iterator[TestClient]:
    app = app_with(world, cors_origins=[ALLOWED_ORIGIN])
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    app.state.engine.dispose()


def preflight(
    client: TestClient, origin: str, method: str = "PATCH", headers: str = "authorization,if-match"
) -> Any:
    return client.options(
        f"{API}/units/1",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": headers,
        },
    )


def test_a_configured_origin_may_call_the_api_from_a_browser(cors_client: TestClient, world: World) -> None:
    allowed = preflight(cors_client, ALLOWED_ORIGIN)

    assert allowed.status_code == 200, allowed.text
    assert allowed.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    assert "PATCH" in allowed.headers["access-control-allow-methods"]
    assert {"authorization", "if-match"} <= set(
        allowed.headers["access-control-allow-headers"].lower().split(", ")
    )
    # Bearer tokens, not cookies: the browser never sends credentials on its own.
    assert "access-control-allow-credentials" not in allowed.headers
    assert header_problems(allowed) == []
    read = cors_client.get(f"{API}/units", headers={**world.headers("admin"), "Origin": ALLOWED_ORIGIN})
    assert read.status_code == 200
    assert read.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    assert "etag" in read.headers["access-control-expose-headers"].lower()


# Origins that look close to the allowed one, and "null" (sandboxed frames, local files).
OTHER_ORIGINS = [
    OTHER_ORIGIN,
    "null",
    ALLOWED_ORIGIN.replace("https", "http"),  # another scheme is another origin
    ALLOWED_ORIGIN + ".evil.example",
    ALLOWED_ORIGIN + ":8443",
    "https://evil.example/" + ALLOWED_ORIGIN,
]


def test_any_other_origin_is_refused(cors_client: TestClient, world: World) -> None:
    for origin in OTHER_ORIGINS:
        refused = preflight(cors_client, origin)

        assert_problem(refused, 400)
        assert "access-control-allow-origin" not in refused.headers, origin
        assert header_problems(refused) == [], origin
        read = cors_client.get(f"{API}/units", headers={**world.headers("admin"), "Origin": origin})
        assert read.status_code == 200 and "access-control-allow-origin" not in read.headers, origin


def test_a_configured_origin_cannot_use_a_method_or_header_outside_the_list(cors_client: TestClient) -> None:
    assert_problem(preflight(cors_client, ALLOWED_ORIGIN, method="TRACE"), 400)
    assert_problem(preflight(cors_client, ALLOWED_ORIGIN, headers="authorization,x-forwarded-for"), 400)


def test_without_configured_origins_no_browser_origin_is_allowed(client: TestClient, world: World) -> None:
    refused = preflight(client, ALLOWED_ORIGIN)

    assert refused.status_code in (400, 405), refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert "access-control-allow-origin" not in refused.headers
    read = client.get(f"{API}/units", headers={**world.headers("admin"), "Origin": ALLOWED_ORIGIN})
    assert read.status_code == 200 and "access-control-allow-origin" not in read.headers

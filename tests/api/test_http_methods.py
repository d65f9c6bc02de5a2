"""A method the path does not serve is 405 with an Allow header naming every method it does serve
(both found by fuzzing: Starlette named only the first route's methods, and a literal path such as
/frameworks/sources, sent with another method, fell into /frameworks/{framework_id} and got 422)."""

from pathlib import Path

from fastapi.testclient import TestClient

from tests.helpers import World, assert_problem
from thidua.main import create_app


def test_405_names_every_method_of_the_path(client: TestClient, world: World) -> None:
    admin = world.headers("admin")
    for method, path, allow in [
        ("PUT", "/api/v1/units", "GET, HEAD, POST"),
        ("OPTIONS", "/api/v1/units", "GET, HEAD, POST"),
        ("POST", "/api/v1/units/1", "GET, HEAD, PATCH"),
        ("DELETE", "/api/v1/health", "GET, HEAD"),
    ]:
        response = client.request(method, path, headers=admin)
        assert_problem(response, 405)
        assert response.headers["allow"] == allow, (method, path)


def test_a_literal_path_is_not_taken_for_an_id(client: TestClient, world: World) -> None:
    # Each caller may use the method on the templated path, so the answer is not 403.
    for login, method, path, allow in [
        ("admin", "PUT", "/api/v1/frameworks/sources", "GET, HEAD"),
        ("admin", "PATCH", "/api/v1/plans/tracking", "GET, HEAD"),
        ("admin", "PATCH", "/api/v1/nominations/eligibility", "POST"),
        ("manager_a", "DELETE", "/api/v1/self-assessments/1/evidence/links", "POST"),
        # /imports/{job_id} takes numbers, /imports/{kind} the names of kinds.
        ("admin", "POST", "/api/v1/imports/1", "GET, HEAD"),
        ("admin", "GET", "/api/v1/imports/units", "POST"),
    ]:
        headers = {**world.headers(login), "If-Match": "*"}
        response = client.request(method, path, headers=headers, json={})
        assert_problem(response, 405)
        assert response.headers["allow"] == allow, (method, path)
    # A malformed id on a path and method that exist is still 422 naming the parameter.
    admin = world.headers("admin")
    assert_problem(client.get("/api/v1/units/abc", headers=admin), 422, "path.unit_id")
    assert_problem(client.post("/api/v1/imports/nothing", headers=admin, json=[]), 422, "path.kind")


def test_with_the_web_app_served_api_paths_still_answer_as_the_api(world: World, tmp_path: Path) -> None:
    """The built web app is mounted at /, which matches every path: GET on the POST-only auth routes
    answered 404 there (405 everywhere else), and /health, /openapi.json answered the app's HTML."""
    (tmp_path / "index.html").write_text("<!doctype html><title>Thi Đua Số</title>", encoding="utf-8")
    app = create_app(world.settings.model_copy(update={"frontend_dist": tmp_path}))
    client = TestClient(app)
    for path in ("/api/v1/auth/token", "/api/v1/auth/password"):
        response = client.get(path)
        assert_problem(response, 405)
        assert response.headers["allow"] == "POST", path
    assert_problem(client.get("/api/v1/khong-co"), 404)
    for old, new in [("/health", "/api/v1/health"), ("/openapi.json", "/api/v1/openapi.json")]:
        moved = client.get(old, follow_redirects=False)
        assert moved.status_code == 308 and moved.headers["location"] == new, old
        followed = client.get(old)
        assert followed.status_code == 200 and followed.headers["content-type"] == "application/json"
    assert client.get("/health").json() == {"status": "ok"}
    # The web app's own routes still get its page.
    page = client.get("/phong-trao/1")
    assert page.status_code == 200 and "Thi Đua Số" in page.text
    app.state.engine.dispose()

"""The default classification, read from scoring through the API (the frontend's source of truth)."""

from fastapi.testclient import TestClient

from tests.fixtures.api import with_etag
from tests.fixtures.assessments import URL as ASSESSMENTS
from tests.fixtures.assessments import open_window, submitted
from tests.helpers import World, assert_problem
from thidua.scoring.engine import DEFAULT_CLASSIFICATION

URL = "/api/v1/scorecards/classification"


def test_every_signed_in_user_reads_the_default_classification(client: TestClient, world: World) -> None:
    response = client.get(URL, headers=world.headers("teacher_a"))
    assert response.status_code == 200, response.text
    assert response.json() == [
        {"min_percent": str(b.min_percent), "code": b.code, "label": b.label} for b in DEFAULT_CLASSIFICATION
    ]
    assert [b["code"] for b in response.json()] == ["excellent", "good", "completed", "not_completed"]
    assert_problem(client.get(URL), 401)


def test_a_scorecard_carries_an_etag_and_if_none_match_answers_304(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    officer = world.headers("officer")
    a = submitted(client, world, catalogue)
    url = f"/api/v1/scorecards/{a['id']}"
    first = client.get(url, headers=officer)
    etag = first.headers["etag"]
    assert first.status_code == 200 and etag.startswith('"') and not etag.startswith("W/")

    same = client.get(url, headers={**officer, "If-None-Match": etag})
    assert same.status_code == 304 and same.content == b"" and same.headers["etag"] == etag
    assert client.get(url, headers={**officer, "If-None-Match": f"W/{etag}"}).status_code == 304

    # Verifying changes what the scorecard says: the old tag no longer matches.
    open_window(client, world, catalogue["movement"])
    with_etag(client.post(f"{ASSESSMENTS}/{a['id']}/verify", headers={**officer, "If-Match": a["etag"]}))
    changed = client.get(url, headers={**officer, "If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag
    assert changed.json()["verified_total"] == "33.60"
    # Another school's manager still gets 404, not a 304 that would confirm the tag.
    other = client.get(url, headers={**world.headers("manager_b"), "If-None-Match": changed.headers["etag"]})
    assert_problem(other, 404)

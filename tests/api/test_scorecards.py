"""The default classification, read from scoring through the API (the frontend's source of truth)."""

from fastapi.testclient import TestClient

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

"""The default classification, read from scoring through the API (the frontend's source of truth)."""

from decimal import Decimal

from fastapi.testclient import TestClient

from tests.fixtures.api import with_etag
from tests.fixtures.assessments import URL as ASSESSMENTS
from tests.fixtures.assessments import VALUES, open_window, start, submitted, verified
from tests.helpers import World, assert_problem
from thidua.scoring.engine import DEFAULT_CLASSIFICATION

URL = "/api/v1/scorecards/classification"
NAMES = {"manager_a": "Trường THCS A", "manager_b": "Trường Tiểu học B"}


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


def test_a_schools_results_across_the_years_sit_beside_the_commune_average(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    """The chart of a school's results (issue 18.7): one row per school year of the scorecard's code,
    the school's completion beside the average of every school ranked that year."""
    last_year, this_year = "2025-2026", "2026-2027"
    verified(client, world, catalogue, "manager_a", school_year=last_year, values={**VALUES, "TC2.1": "40"})
    now = verified(client, world, catalogue, "manager_a", school_year=this_year, stop_at="submitted")
    verified(
        client,
        world,
        catalogue,
        "manager_b",
        school_year=this_year,
        reviewed={"TC5.2": "1"},
        stop_at="submitted",
    )
    start(client, world, catalogue, "manager_a", school_year="2027-2028")  # a draft: not a result yet

    def completion(login: str, year: str) -> Decimal:
        url = f"/api/v1/scorecards?framework_id={catalogue['unit']}&school_year={year}"
        rows = client.get(url, headers=world.headers("officer")).json()["items"]
        return Decimal(next(r["completion_percent"] for r in rows if r["unit_name"] == NAMES[login]))

    r = client.get(f"/api/v1/scorecards/{now['id']}/history", headers=world.headers("manager_a"))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["subject_name"] == "Trường THCS A" and body["framework_code"] == "BDC-CSGD"
    years = {y["school_year"]: y for y in body["years"]}
    assert list(years) == [last_year, this_year]
    last, this = years[last_year], years[this_year]
    assert last["status"] == "verified" and Decimal(last["completion_percent"]) == completion(
        "manager_a", last_year
    )
    # Last year only school A was ranked: the average is its own figure, over one school.
    assert (last["commune_average_percent"], last["commune_count"]) == (last["completion_percent"], 1)
    a, b = completion("manager_a", this_year), completion("manager_b", this_year)
    assert a > b and Decimal(this["completion_percent"]) == a
    expected = ((a + b) / 2).quantize(Decimal("0.01"))
    assert (Decimal(this["commune_average_percent"]), this["commune_count"]) == (expected, 2)
    # The school's own results cannot be read by another school; the officer reads them.
    url = f"/api/v1/scorecards/{now['id']}/history"
    assert_problem(client.get(url, headers=world.headers("manager_b")), 404)
    assert client.get(url, headers=world.headers("officer")).json() == body

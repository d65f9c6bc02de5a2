"""Study visits and exchanges between schools (issue 17, point 5; seed IV.7): an activity of the host
school that names the partner school; both schools read it, only the host edits it."""

from fastapi.testclient import TestClient

from tests.fixtures.api import made, with_etag
from tests.helpers import World, assert_problem

URL = "/api/v1/activities"


def _visit(world: World, **overrides: object) -> dict[str, object]:
    return {
        "kind": "study_visit",
        "title": "Tham quan mô hình lớp học số tại Trường Tiểu học B",
        "activity_date": "2025-12-10",
        "partner_unit_id": world.units["TH-B"],
        "attendees": [{"staff_id": world.staff["A-01"]}],
        **overrides,
    }


def test_a_study_visit_is_seen_by_both_schools_and_edited_by_its_host(
    client: TestClient, world: World
) -> None:
    visit = made(client.post(URL, headers=world.headers("manager_a"), json=_visit(world)))
    assert (visit["kind_label"], visit["partner_unit_name"]) == (
        "Tham quan, học tập, giao lưu giữa các trường",
        "Trường Tiểu học B",
    )
    # The partner school finds it in its own list and opens it, but may not change it.
    partner = world.headers("manager_b")
    listed = client.get(f"{URL}?kind=study_visit", headers=partner).json()
    assert [a["id"] for a in listed["items"]] == [visit["id"]]
    seen = with_etag(client.get(f"{URL}/{visit['id']}", headers=partner))
    assert seen["allowed_actions"] == [] and seen["unit_name"] == "Trường THCS A"
    assert seen["attendees"] == []  # the host's staff list stays with the host
    assert client.get(f"{URL}/{visit['id']}", headers=world.headers("teacher_b")).status_code == 200
    refused = client.patch(
        f"{URL}/{visit['id']}", headers={**partner, "If-Match": seen["etag"]}, json={"title": "x"}
    )
    assert_problem(refused, 403)
    assert_problem(client.delete(f"{URL}/{visit['id']}", headers={**partner, "If-Match": seen["etag"]}), 403)
    assert client.get(f"{URL}/{visit['id']}", headers=partner).json()["title"] == visit["title"]
    # Another activity of school A stays out of school B's reach.
    seminar = made(
        client.post(
            URL,
            headers=world.headers("manager_a"),
            json={"kind": "seminar", "title": "Chuyên đề", "activity_date": "2025-11-20"},
        )
    )
    assert_problem(client.get(f"{URL}/{seminar['id']}", headers=partner), 404)
    assert client.get(URL, headers=partner).json()["total"] == 1

    # The host changes the partner: the former partner loses it.
    fresh = with_etag(client.get(f"{URL}/{visit['id']}", headers=world.headers("manager_a")))
    moved = client.patch(
        f"{URL}/{visit['id']}",
        headers={**world.headers("manager_a"), "If-Match": fresh["etag"]},
        json={"kind": "seminar"},
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["partner_unit_id"] is None
    assert_problem(client.get(f"{URL}/{visit['id']}", headers=partner), 404)


def test_a_study_visit_needs_another_school(client: TestClient, world: World) -> None:
    manager = world.headers("manager_a")
    for body, path in (
        (_visit(world, partner_unit_id=None), "body.partner_unit_id"),
        (_visit(world, partner_unit_id=world.units["THCS-A"]), "body.partner_unit_id"),
        (_visit(world, partner_unit_id=world.units["TH-B-K45"]), "body.partner_unit_id"),
        (_visit(world, partner_unit_id=99999), "body.partner_unit_id"),
        (_visit(world, kind="seminar"), "body.partner_unit_id"),
        (_visit(world, activity_date="2025-02-30"), "body.activity_date"),
    ):
        assert_problem(client.post(URL, headers=manager, json=body), 422, path)
    assert client.get(URL, headers=world.headers("admin")).json()["total"] == 0

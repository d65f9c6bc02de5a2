"""The Ban chỉ đạo (seed IV.1): the commune officer establishes it by decision (with the signed scan),
adds members from the commune's staff and assigns them content areas and schools; every signed-in user
reads it; a head's staff record shows the school's classification per year from the stored scores."""

from typing import Any

from fastapi.testclient import TestClient

from tests.fixtures.api import PDF, audit_actions, made, with_etag
from tests.fixtures.assessments import verified
from tests.fixtures.awards import db
from tests.fixtures.steering import URL, add_member, committee_with_member, content_area_ids, create_committee
from tests.helpers import World, assert_problem
from thidua.awards.nominations.history import load_history


def test_officer_sets_up_the_committee_and_everyone_reads_it(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    areas = content_area_ids(client, world, catalogue["movement"])
    officer = world.headers("officer")
    committee = made(create_committee(client, world))
    assert committee["members"] == [] and committee["scan"] is None
    assert committee["allowed_actions"] == ["update", "attach_scan", "add_member", "add_assignment"]
    cid = committee["id"]
    deputy = made(add_member(client, world, cid, "B-01", "deputy"))
    head = made(add_member(client, world, cid, "A-01", "head"))
    assert head["full_name"] == "Nguyễn Thị Hương" and head["position_label"] == "Trưởng ban"
    assert head["unit_name"] == "Trường THCS A"

    first_area = sorted(areas.values())[0]
    assignment = made(
        client.post(
            f"{URL}/{cid}/assignments",
            headers=officer,
            json={
                "member_id": deputy["id"],
                "content_area_id": first_area,
                "unit_ids": [world.units["TH-B"], world.units["THCS-A"]],
                "note": "Theo dõi hằng tháng",
            },
        )
    )
    assert [s["code"] for s in assignment["schools"]] == ["TH-B", "THCS-A"]  # by unit code
    assert assignment["member_name"] == "Lê Thị Lan"

    scan = client.post(
        f"{URL}/{cid}/decision-scan", headers=officer, files={"file": ("QĐ 125.pdf", PDF, "application/pdf")}
    )
    assert scan.status_code == 200, scan.text
    assert scan.json()["scan"] == {
        "filename": "QĐ 125.pdf",
        "content_type": "application/pdf",
        "size_bytes": len(PDF),
    }

    # A teacher of school A reads the whole committee: the head first, then the deputy.
    read = client.get(f"{URL}/{cid}", headers=world.headers("teacher_a"))
    assert read.status_code == 200
    body = read.json()
    assert [(m["full_name"], m["position"]) for m in body["members"]] == [
        ("Nguyễn Thị Hương", "head"),
        ("Lê Thị Lan", "deputy"),
    ]
    assert body["allowed_actions"] == [] and body["members"][0]["allowed_actions"] == []
    assert [a["content_area_id"] for a in body["assignments"]] == [first_area]
    download = client.get(f"{URL}/{cid}/decision-scan", headers=world.headers("teacher_a"))
    assert download.status_code == 200 and download.content == PDF
    assert download.headers["content-type"] == "application/pdf"

    # Changing a member bumps the committee's version (its ETag tells of child changes).
    assert body["version"] > committee["version"]
    moved = client.patch(
        f"{URL}/{cid}/members/{deputy['id']}",
        headers={**officer, "If-Match": deputy["etag"]},
        json={"position": "standing_member"},
    )
    assert moved.status_code == 200 and moved.json()["position_label"] == "Ủy viên thường trực"
    assert_problem(
        client.patch(
            f"{URL}/{cid}/members/{deputy['id']}", headers={**officer, "If-Match": deputy["etag"]}, json={}
        ),
        412,
    )
    # A member still assigned cannot be removed; the assignment first.
    deputy_now = {**officer, "If-Match": moved.headers["etag"]}
    assert_problem(client.delete(f"{URL}/{cid}/members/{deputy['id']}", headers=officer), 428)
    assert_problem(client.delete(f"{URL}/{cid}/members/{deputy['id']}", headers=deputy_now), 409)
    gone = client.delete(
        f"{URL}/{cid}/assignments/{assignment['id']}", headers={**officer, "If-Match": assignment["etag"]}
    )
    assert gone.status_code == 204
    assert client.delete(f"{URL}/{cid}/members/{deputy['id']}", headers=deputy_now).status_code == 204
    assert [m["full_name"] for m in client.get(f"{URL}/{cid}", headers=officer).json()["members"]] == [
        "Nguyễn Thị Hương"
    ]
    assert audit_actions(client, world, "steering_committee", cid) == ["attach_scan", "create"]
    assert audit_actions(client, world, "steering_member", deputy["id"]) == ["delete", "update", "create"]


def test_bad_inputs_name_the_field_and_change_nothing(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    officer = world.headers("officer")
    committee, member = committee_with_member(client, world)
    cid = committee["id"]
    area = sorted(content_area_ids(client, world, catalogue["movement"]).values())[0]
    before = client.get(f"{URL}/{cid}", headers=officer).json()

    assert_problem(add_member(client, world, cid, "A-01", "member"), 422, "body.staff_id")  # already in
    missing = client.post(
        f"{URL}/{cid}/members", headers=officer, json={"staff_id": 999_999, "position": "member"}
    )
    assert "không có cán bộ" in assert_problem(missing, 422, "body.staff_id")["errors"][0]["message"].lower()
    assert_problem(
        client.post(
            f"{URL}/{cid}/members",
            headers=officer,
            json={"staff_id": world.staff["A-02"], "position": "boss"},
        ),
        422,
        "body.position",
    )

    def assign(**fields: Any) -> Any:
        body = {
            "member_id": member["id"],
            "content_area_id": area,
            "unit_ids": [world.units["THCS-A"]],
            **fields,
        }
        return client.post(f"{URL}/{cid}/assignments", headers=officer, json=body)

    assert_problem(assign(unit_ids=[world.units["VHXH"]]), 422, "body.unit_ids.0")  # an office, not a school
    assert_problem(assign(unit_ids=[world.units["THCS-A"], 999_999]), 422, "body.unit_ids.1")
    assert_problem(assign(content_area_id=999_999), 422, "body.content_area_id")
    assert_problem(assign(member_id=999_999), 422, "body.member_id")
    assert_problem(assign(unit_ids=[]), 422, "body.unit_ids")
    assert_problem(create_committee(client, world, decision_date="10/09/2025"), 422, "body.decision_date")
    assert_problem(create_committee(client, world, decision_number=""), 422, "body.decision_number")
    not_a_scan = client.post(
        f"{URL}/{cid}/decision-scan", headers=officer, files={"file": ("qd.pdf", b"hello", "application/pdf")}
    )
    assert_problem(not_a_scan, 422, "body.file")

    assert client.get(f"{URL}/{cid}", headers=officer).json() == before
    # Only the commune sets it up; another committee is 404.
    assert_problem(create_committee(client, world, login="manager_a"), 403)
    assert_problem(add_member(client, world, cid, "A-02", "member", login="manager_a"), 403)
    assert_problem(client.get(f"{URL}/999999", headers=officer), 404)
    assert_problem(client.delete(f"{URL}/{cid}/members/999999", headers={**officer, "If-Match": '"1"'}), 404)


def test_a_heads_record_shows_the_schools_classification_per_year(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    officer = world.headers("officer")
    head_id = world.staff["A-01"]
    plain = client.get(f"/api/v1/staff/{head_id}/school-results", headers=officer).json()
    assert plain["is_head"] is False and plain["years"] == []  # a teacher, not the head

    etag = with_etag(client.get(f"/api/v1/staff/{head_id}", headers=officer))["etag"]
    assert (
        client.patch(
            f"/api/v1/staff/{head_id}",
            headers={**officer, "If-Match": etag},
            json={"position": "Hiệu trưởng"},
        ).status_code
        == 200
    )
    a = verified(client, world, catalogue)
    score = client.get(f"/api/v1/scorecards/{a['id']}", headers=officer).json()
    results = client.get(f"/api/v1/staff/{head_id}/school-results", headers=world.headers("manager_a")).json()
    assert results["is_head"] is True and results["unit_name"] == "Trường THCS A"
    assert [(y["school_year"], y["status"]) for y in results["years"]] == [("2025-2026", "verified")]
    year = results["years"][0]
    assert year["classification_label"] == score["classification_label"]
    assert year["verified_total"] == score["verified_total"]
    # Award rules read the same classification (seed IV.1: the head's rating follows the school's).
    with db(world) as session:
        history = load_history(session, world.units["THCS-A"], head_id)
        assert history.headed_school == {"2025-2026": year["classification_code"]}
        assert load_history(session, world.units["THCS-A"], world.staff["A-02"]).headed_school is None
    # Another school's head record is out of reach.
    assert_problem(
        client.get(f"/api/v1/staff/{head_id}/school-results", headers=world.headers("manager_b")), 404
    )

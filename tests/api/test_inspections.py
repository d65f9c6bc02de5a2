"""Inspections: the team records verified values only for its own inspection and assigned units."""

from fastapi.testclient import TestClient

from tests.fixtures.assessments import submitted
from tests.fixtures.inspections import URL, create_inspection
from tests.helpers import World, assert_problem


def test_inspector_records_verified_values_for_assigned_units(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    a = submitted(client, world, catalogue)
    created = create_inspection(client, world)
    assert created.status_code == 201, created.text
    inspection = created.json()
    assert [m["login"] for m in inspection["members"]] == ["inspector"]
    assert [u["code"] for u in inspection["units"]] == ["THCS-A"]

    inspector = world.headers("inspector")
    seen = client.get(f"{URL}/{inspection['id']}", headers=inspector)
    assert seen.json()["allowed_actions"] == ["record", "close"]  # the only member leads the team
    url = f"{URL}/{inspection['id']}/values"
    body = {
        "unit_id": world.units["THCS-A"],
        "values": [{"indicator_code": "TC2.1", "value": "50", "comment": "Kiểm tra sổ LMS"}],
    }
    assert_problem(client.post(url, headers=inspector, json=body), 428)
    r = client.post(url, headers={**inspector, "If-Match": seen.headers["etag"]}, json=body)
    assert r.status_code == 200, r.text
    assert [(v["indicator_code"], v["value"]) for v in r.json()["values"]] == [("TC2.1", "50.00")]

    # The value is now the entry's verified value: 50 % of 7 = 3.50 instead of 5.60.
    assessment = client.get(f"/api/v1/self-assessments/{a['id']}", headers=world.headers("manager_a"))
    assert assessment.headers["etag"] != a["etag"]
    assert assessment.json()["score"]["verified_total"] == "31.50"
    assert {e["indicator_code"]: e["verified_value"] for e in assessment.json()["entries"]}[
        "TC2.1"
    ] == "50.00"

    etag = r.headers["etag"]
    other_unit = {**body, "unit_id": world.units["TH-B"]}
    assert_problem(
        client.post(url, headers={**inspector, "If-Match": etag}, json=other_unit), 422, "body.unit_id"
    )
    bad = {**body, "values": [{"indicator_code": "TC2.1", "value": "150"}]}
    assert_problem(
        client.post(url, headers={**inspector, "If-Match": etag}, json=bad), 422, "body.values.0.value"
    )
    unknown = {**body, "values": [{"indicator_code": "TC9.9", "value": "1"}]}
    assert_problem(
        client.post(url, headers={**inspector, "If-Match": etag}, json=unknown),
        422,
        "body.values.0.indicator_code",
    )
    assert_problem(client.post(url, headers={**inspector, "If-Match": '"1"'}, json=body), 412)

    closed = client.patch(
        f"{URL}/{inspection['id']}",
        headers={**world.headers("officer"), "If-Match": etag},
        json={"status": "closed", "findings": "Đơn vị báo cáo cao hơn thực tế ở TC2.1."},
    )
    assert closed.status_code == 200 and closed.json()["allowed_actions"] == ["update", "decide"]
    assert_problem(
        client.post(url, headers={**inspector, "If-Match": closed.headers["etag"]}, json=body), 409
    )


def test_inspections_are_visible_to_their_team_and_inspected_units_only(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    r = client.post(
        "/api/v1/users",
        headers=world.headers("admin"),
        json={
            "login": "kiemtra2",
            "full_name": "Thành viên khác",
            "password": "matkhau2026",
            "roles": ["inspector"],
            "unit_id": world.units["VHXH"],
        },
    )
    assert r.status_code == 201, r.text
    other_inspector = world.headers_for(r.json()["id"])
    inspection = create_inspection(client, world).json()
    for who, h, visible in (
        ("inspector", world.headers("inspector"), True),
        ("kiemtra2", other_inspector, False),
        ("manager_a", world.headers("manager_a"), True),
        ("manager_b", world.headers("manager_b"), False),
        ("leader", world.headers("leader"), True),
        ("officer", world.headers("officer"), True),
    ):
        assert (client.get(f"{URL}/{inspection['id']}", headers=h).status_code == 200) is visible, who
        assert client.get(URL, headers=h).json()["total"] == (1 if visible else 0), who
    for login in ("teacher_a", "finance", "comms"):
        assert_problem(client.get(URL, headers=world.headers(login)), 403)
    assert_problem(
        client.post(
            f"{URL}/{inspection['id']}/values",
            headers={**other_inspector, "If-Match": '"1"'},
            json={"unit_id": world.units["THCS-A"], "values": [{"indicator_code": "TC2.1", "value": "1"}]},
        ),
        404,
    )
    assert_problem(client.post(URL, headers=world.headers("inspector"), json={}), 403)


def test_the_team_must_be_inspectors_and_units_schools(client: TestClient, world: World) -> None:
    assert_problem(
        create_inspection(client, world, member_user_ids=[world.users["teacher_a"].id]),
        422,
        "body.member_user_ids.0",
    )
    assert_problem(create_inspection(client, world, unit_ids=[world.units["VHXH"]]), 422, "body.unit_ids.0")
    assert_problem(create_inspection(client, world, kind="surprise"), 422, "body.kind")
    assert_problem(
        create_inspection(client, world, inspection_date="15/12/2025"), 422, "body.inspection_date"
    )
    assert client.get(URL, headers=world.headers("officer")).json()["total"] == 0


def test_values_need_a_self_assessment_to_hold_them(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    inspection = create_inspection(client, world)
    body = {"unit_id": world.units["THCS-A"], "values": [{"indicator_code": "TC2.1", "value": "50"}]}
    r = client.post(
        f"{URL}/{inspection.json()['id']}/values",
        headers={**world.headers("inspector"), "If-Match": inspection.headers["etag"]},
        json=body,
    )
    assert_problem(r, 409)
    # The inspection says why before anyone tries (issue 18.8): the button is offered only where it works.
    seen = client.get(f"{URL}/{inspection.json()['id']}", headers=world.headers("inspector")).json()
    assert seen["units"][0]["record_blocked"] == "Đơn vị chưa lập bản tự đánh giá năm học 2025-2026."
    # Nobody who cannot record is told about recording.
    school_seen = client.get(f"{URL}/{inspection.json()['id']}", headers=world.headers("manager_a")).json()
    assert school_seen["units"][0]["record_blocked"] is None

    submitted(client, world, catalogue)
    ready = client.get(f"{URL}/{inspection.json()['id']}", headers=world.headers("inspector")).json()
    assert ready["units"][0]["record_blocked"] is None

"""Pickers' look-ups: names and ids within what each role may read, searched, and bad input refused."""

from typing import Any

from fastapi.testclient import TestClient

from tests.helpers import World


def _get(client: TestClient, world: World, login: str, path: str, **params: Any) -> Any:
    r = client.get(f"/api/v1/lookups/{path}", headers=world.headers(login), params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_commune_officer_picks_inspectors_without_the_account_list(client: TestClient, world: World) -> None:
    # The account list is the administrator's alone; the officer still chooses the team by name.
    assert client.get("/api/v1/users", headers=world.headers("officer")).status_code == 403
    team = _get(client, world, "officer", "people", role="inspector")
    assert team == [{"id": world.users["inspector"].id, "label": "Inspector", "detail": "inspector"}]
    found = _get(client, world, "officer", "people", q="MANAGER")
    assert [p["detail"] for p in found] == ["manager_a", "manager_b"]


def test_school_users_see_only_their_schools_people(client: TestClient, world: World) -> None:
    people = {p["detail"] for p in _get(client, world, "manager_a", "people")}
    assert people == {"manager_a", "teacher_a"}
    staff = [s["label"] for s in _get(client, world, "teacher_b", "staff")]
    assert staff == ["Lê Thị Lan", "Phạm Minh Đức"]
    school = _get(client, world, "officer", "staff", unit_id=world.units["THCS-A"])
    assert [s["detail"] for s in school] == ["A-01", "A-02"]  # with the subject group's member
    # An id of another school reads like a missing one: no name comes back.
    assert _get(client, world, "manager_a", "staff", ids=[world.staff["B-01"]]) == []


def test_names_for_ids_a_page_holds(client: TestClient, world: World) -> None:
    # The finance office reads plans but not the staff list: task owners still show by name.
    assert client.get("/api/v1/staff", headers=world.headers("finance")).status_code == 403
    owners = _get(client, world, "finance", "staff", ids=[world.staff["A-02"], world.staff["B-01"]])
    assert sorted(o["label"] for o in owners) == ["Lê Thị Lan", "Trần Văn Dũng"]
    schools = _get(client, world, "manager_a", "units", kind="school")
    assert [u["label"] for u in schools] == ["Trường THCS A", "Trường Tiểu học B"]
    reach = _get(client, world, "manager_a", "units", in_reach=True)
    assert {u["detail"] for u in reach} == {"THCS-A", "THCS-A-KHTN"}
    assert [u["detail"] for u in _get(client, world, "officer", "units", q="khtn")] == ["THCS-A-KHTN"]


def test_indicators_and_award_types_in_force(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    found = _get(client, world, "manager_a", "indicators", q="1.1", limit=100)
    assert found and all("1.1" in i["label"] for i in found)
    assert len(_get(client, world, "manager_a", "indicators", limit=3)) == 3
    codes = {t["detail"] for t in _get(client, world, "teacher_a", "award-types")}
    assert codes == {"GK-DV-CN", "GK-XA-TT", "GK-XA-CN", "BK-TINH-TT", "BK-TINH-CN"}
    assert [t["detail"] for t in _get(client, world, "teacher_a", "award-types", q="bằng khen")] in (
        ["BK-TINH-CN", "BK-TINH-TT"],
        ["BK-TINH-TT", "BK-TINH-CN"],
    )


def test_bad_input_names_the_field(client: TestClient, world: World) -> None:
    headers = world.headers("officer")
    for params, field in [
        ({"role": "chief"}, "role"),
        ({"limit": 0}, "limit"),
        ({"q": "x" * 101}, "q"),
        ({"ids": "abc"}, "ids"),
        ({"kind": "planet"}, "kind"),
    ]:
        path = "units" if field == "kind" else "people"
        r = client.get(f"/api/v1/lookups/{path}", headers=headers, params=params)
        assert r.status_code == 422, (params, r.text)
        assert any(field in e["path"] for e in r.json()["errors"]), r.text
    assert client.get("/api/v1/lookups/people").status_code == 401

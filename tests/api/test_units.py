"""Units: the commune hierarchy, bad input in the one error shape, If-Match on updates."""

from fastapi.testclient import TestClient

from tests.fixtures.units import create_school
from tests.helpers import World, assert_problem


def _units_total(client: TestClient, world: World) -> int:
    return client.get("/api/v1/units?include_inactive=true", headers=world.headers("officer")).json()["total"]


def test_officer_creates_school_and_subject_group(client: TestClient, world: World) -> None:
    h = world.headers("officer")
    r = create_school(client, world, code="MN-C", name="Trường Mầm non C", school_level="preschool")
    assert r.status_code == 201, r.text
    school = r.json()
    assert r.headers["etag"] == '"1"'
    assert school["parent_name"] == "UBND xã Thử Nghiệm"
    assert school["allowed_actions"] == ["update", "deactivate"]
    r = client.post(
        "/api/v1/units",
        headers=h,
        json={"code": "MN-C-MG", "name": "Tổ Mẫu giáo", "kind": "subject_group", "parent_id": school["id"]},
    )
    assert r.status_code == 201, r.text
    listed = client.get(f"/api/v1/units?parent_id={school['id']}", headers=h).json()
    assert [u["code"] for u in listed["items"]] == ["MN-C-MG"]


def test_everyone_reads_units_but_only_commune_staff_write(client: TestClient, world: World) -> None:
    for login in ("manager_a", "teacher_a", "leader", "finance", "inspector", "integration"):
        assert client.get("/api/v1/units", headers=world.headers(login)).status_code == 200
        assert_problem(create_school(client, world, login, code="X1", name="Trường X"), 403)
    r = client.get(f"/api/v1/units/{world.units['TH-B']}", headers=world.headers("manager_a"))
    assert r.status_code == 200 and r.json()["allowed_actions"] == []


def test_list_filters_paginate_in_stable_order(client: TestClient, world: World) -> None:
    h = world.headers("teacher_a")
    schools = client.get("/api/v1/units?kind=school", headers=h).json()
    assert [u["code"] for u in schools["items"]] == ["TH-B", "THCS-A"]
    assert schools["total"] == 2
    page1 = client.get("/api/v1/units?limit=2&offset=0", headers=h).json()
    page2 = client.get("/api/v1/units?limit=2&offset=2", headers=h).json()
    page3 = client.get("/api/v1/units?limit=2&offset=4", headers=h).json()
    codes = [u["code"] for p in (page1, page2, page3) for u in p["items"]]
    assert codes == sorted(codes) and len(set(codes)) == 6 == page1["total"]
    assert page1["limit"] == 2 and page2["offset"] == 2
    found = client.get("/api/v1/units?q=KHOA HỌC", headers=h).json()
    assert [u["code"] for u in found["items"]] == ["THCS-A-KHTN"]
    assert [u["code"] for u in client.get("/api/v1/units?q=TỔ KHỐI", headers=h).json()["items"]] == [
        "TH-B-K45"
    ]
    assert client.get("/api/v1/units?q=%", headers=h).json()["total"] == 0
    assert client.get("/api/v1/units?school_level=primary", headers=h).json()["total"] == 1
    assert_problem(client.get("/api/v1/units?limit=0", headers=h), 422, "query.limit")
    assert_problem(client.get("/api/v1/units?limit=201", headers=h), 422, "query.limit")
    assert_problem(
        client.get("/api/v1/units?offset=1931210957151916030689280", headers=h), 422, "query.offset"
    )
    assert client.get("/api/v1/units?offset=2147483647", headers=h).json()["items"] == []
    assert_problem(client.get("/api/v1/units?kind=castle", headers=h), 422, "query.kind")


def test_bad_input_is_refused_in_one_shape_and_nothing_is_stored(client: TestClient, world: World) -> None:
    h = world.headers("officer")
    before = _units_total(client, world)
    ubnd = world.units["UBND"]
    cases = [
        (
            {"name": "Không mã", "kind": "school", "school_level": "primary", "parent_id": ubnd},
            422,
            "body.code",
        ),
        ({"code": "T1", "kind": "school", "school_level": "primary", "parent_id": ubnd}, 422, "body.name"),
        ({"code": "T1", "name": "Sai loại", "kind": "castle", "parent_id": ubnd}, 422, "body.kind"),
        (
            {
                "code": "T1",
                "name": "Sai kiểu",
                "kind": "school",
                "school_level": "primary",
                "parent_id": "abc",
            },
            422,
            "body.parent_id",
        ),
        (
            {"code": "T1", "name": "x" * 256, "kind": "school", "school_level": "primary", "parent_id": ubnd},
            422,
            "body.name",
        ),
        (
            {
                "code": "C" * 33,
                "name": "Mã dài",
                "kind": "school",
                "school_level": "primary",
                "parent_id": ubnd,
            },
            422,
            "body.code",
        ),
        (
            {
                "code": "có dấu",
                "name": "Mã sai",
                "kind": "school",
                "school_level": "primary",
                "parent_id": ubnd,
            },
            422,
            "body.code",
        ),
        (
            {
                "code": "T1",
                "name": "Thừa",
                "kind": "school",
                "school_level": "primary",
                "parent_id": ubnd,
                "x": 1,
            },
            422,
            "body.x",
        ),
        (
            {
                "code": "T1",
                "name": "Cha lạ",
                "kind": "school",
                "school_level": "primary",
                "parent_id": 999999,
            },
            422,
            "body.parent_id",
        ),
        (
            {"code": "T1", "name": "Không cấp học", "kind": "school", "parent_id": ubnd},
            422,
            "body.school_level",
        ),
        (
            {"code": "T1", "name": "Tổ dưới xã", "kind": "subject_group", "parent_id": ubnd},
            422,
            "body.parent_id",
        ),
        ({"code": "T1", "name": "Xã thứ hai", "kind": "commune", "parent_id": ubnd}, 422, "body.parent_id"),
        (
            {
                "code": "thcs-a",
                "name": "Trùng mã",
                "kind": "school",
                "school_level": "primary",
                "parent_id": ubnd,
            },
            409,
            "body.code",
        ),
    ]
    for body, status, path in cases:
        problem = assert_problem(client.post("/api/v1/units", headers=h, json=body), status, path)
        assert all(e["message"] for e in problem["errors"])
    assert_problem(
        client.post("/api/v1/units", headers={**h, "content-type": "application/json"}, content=b"{not json"),
        422,
    )
    assert _units_total(client, world) == before


def test_vietnamese_text_is_trimmed_and_normalised_to_nfc(client: TestClient, world: World) -> None:
    decomposed = "Trường Tiểu học Thanh Thủy".encode().decode()
    import unicodedata

    nfd = unicodedata.normalize("NFD", decomposed)
    r = create_school(client, world, code="TH-N", name=f"  {nfd} ")
    assert r.status_code == 201, r.text
    assert r.json()["name"] == unicodedata.normalize("NFC", decomposed)


def test_a_unit_cannot_become_its_own_ancestor(client: TestClient, world: World) -> None:
    h = world.headers("officer")
    school = world.units["THCS-A"]
    etag = client.get(f"/api/v1/units/{school}", headers=h).headers["etag"]
    r = client.patch(f"/api/v1/units/{school}", headers={**h, "If-Match": etag}, json={"parent_id": school})
    assert_problem(r, 422, "body.parent_id")
    group = world.units["THCS-A-KHTN"]
    r = client.patch(f"/api/v1/units/{school}", headers={**h, "If-Match": etag}, json={"parent_id": group})
    assert_problem(r, 422, "body.parent_id")
    unchanged = client.get(f"/api/v1/units/{school}", headers=h)
    assert unchanged.json()["parent_id"] == world.units["UBND"] and unchanged.headers["etag"] == etag


def test_update_needs_if_match_and_refuses_stale_versions(client: TestClient, world: World) -> None:
    h = world.headers("officer")
    url = f"/api/v1/units/{world.units['TH-B']}"
    assert_problem(client.patch(url, headers=h, json={"name": "Tên mới"}), 428)
    first = client.patch(url, headers={**h, "If-Match": '"1"'}, json={"name": "Trường Tiểu học B mới"})
    assert first.status_code == 200, first.text
    assert first.headers["etag"] == '"2"' and first.json()["version"] == 2
    # A second editor still holding version 1 must not overwrite the first one's change.
    assert_problem(client.patch(url, headers={**h, "If-Match": '"1"'}, json={"name": "Ghi đè"}), 412)
    assert client.get(url, headers=h).json()["name"] == "Trường Tiểu học B mới"
    # If-Match compares strongly (RFC 9110): a weak tag never matches, even of the current version.
    weak = client.patch(url, headers={**h, "If-Match": 'W/"2"'}, json={"address": "Thôn 3, xã Thanh Thủy"})
    assert_problem(weak, 412)
    assert client.get(url, headers=h).json()["address"] != "Thôn 3, xã Thanh Thủy"
    strong = client.patch(url, headers={**h, "If-Match": '"2"'}, json={"address": "Thôn 3, xã Thanh Thủy"})
    assert strong.status_code == 200 and strong.json()["address"] == "Thôn 3, xã Thanh Thủy"
    # "*" is the client saying "whatever version is there" (RFC 9110), so it is a deliberate overwrite.
    star = client.patch(url, headers={**h, "If-Match": "*"}, json={"name": "Ghi đè có chủ ý"})
    assert star.status_code == 200 and star.json()["version"] == 4


def test_if_none_match_answers_304_while_the_etag_holds(client: TestClient, world: World) -> None:
    h = world.headers("officer")
    url = f"/api/v1/units/{world.units['TH-B']}"
    etag = client.get(url, headers=h).headers["etag"]

    same = client.get(url, headers={**h, "If-None-Match": etag})
    assert same.status_code == 304 and same.content == b"" and same.headers["etag"] == etag
    assert client.get(url, headers={**h, "If-None-Match": '"99", ' + etag}).status_code == 304
    assert client.patch(url, headers={**h, "If-Match": etag}, json={"name": "Tên mới B"}).status_code == 200
    after = client.get(url, headers={**h, "If-None-Match": etag})
    assert after.status_code == 200 and after.json()["name"] == "Tên mới B"
    # Without a token the answer is still 401, never a 304.
    assert_problem(client.get(url, headers={"If-None-Match": after.headers["etag"]}), 401)


def test_update_rejects_empty_required_fields_and_duplicate_codes(client: TestClient, world: World) -> None:
    h = world.headers("officer")
    url = f"/api/v1/units/{world.units['TH-B']}"
    assert_problem(client.patch(url, headers={**h, "If-Match": '"1"'}, json={"name": None}), 422, "body.name")
    assert_problem(
        client.patch(url, headers={**h, "If-Match": '"1"'}, json={"code": "THCS-A"}), 409, "body.code"
    )
    assert client.get(url, headers=h).json()["code"] == "TH-B"


def test_deactivate_refuses_units_still_in_use_and_records_audit(client: TestClient, world: World) -> None:
    h = world.headers("officer")
    url = f"/api/v1/units/{world.units['TH-B']}"
    assert_problem(client.post(f"{url}/deactivate", headers=h), 428)
    assert_problem(client.post(f"{url}/deactivate", headers={**h, "If-Match": '"1"'}), 409)
    r = create_school(client, world, code="EMPTY", name="Trường trống")
    empty = r.json()
    r = client.post(f"/api/v1/units/{empty['id']}/deactivate", headers={**h, "If-Match": '"1"'})
    assert r.status_code == 200 and r.json()["is_active"] is False
    assert r.json()["allowed_actions"] == ["update", "activate"]
    assert "EMPTY" not in [u["code"] for u in client.get("/api/v1/units", headers=h).json()["items"]]
    events = client.get(f"/api/v1/audit-events?entity_type=unit&entity_id={empty['id']}", headers=h).json()
    assert [e["action"] for e in events["items"]] == ["deactivate", "create"]
    assert (
        events["items"][0]["before"]["is_active"] is True
        and events["items"][0]["after"]["is_active"] is False
    )
    assert events["items"][0]["actor_login"] == "officer"


def test_unknown_unit_is_404_in_problem_shape(client: TestClient, world: World) -> None:
    assert_problem(client.get("/api/v1/units/424242", headers=world.headers("officer")), 404)
    for huge in ("3000000000", "99999999999999999999", "0", "-1"):
        assert_problem(
            client.get(f"/api/v1/units/{huge}", headers=world.headers("officer")), 422, "path.unit_id"
        )
        assert_problem(
            client.get(f"/api/v1/staff/{huge}", headers=world.headers("officer")), 422, "path.staff_id"
        )
    body = {
        "code": "BIG",
        "name": "Cha quá lớn",
        "kind": "school",
        "school_level": "primary",
        "parent_id": 3000000000,
    }
    assert_problem(
        client.post("/api/v1/units", headers=world.headers("officer"), json=body), 422, "body.parent_id"
    )
    r = client.get("/api/v1/audit-events?entity_id=3000000000", headers=world.headers("officer"))
    assert_problem(r, 422, "query.entity_id")
    assert_problem(client.get("/api/v1/units/abc", headers=world.headers("officer")), 422, "path.unit_id")

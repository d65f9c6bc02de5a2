"""Communes as tenants of one province (issue 20): the Department above the communes, a commune's
users walled in their commune (another commune's objects are 404, exactly like a missing one), codes
unique per commune, the Department reading every commune and writing nothing, and its view: the
inbox of consolidated reports, the communes × criteria heatmap, the ranking across communes on one
framework version, and the communes' proposals for the province's awards."""

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.fixtures.api import with_etag
from tests.fixtures.assessments import submitted
from tests.fixtures.province import make_province
from tests.fixtures.reports import open_report, request_reports, write_and_submit
from tests.helpers import World, assert_problem
from thidua.core.models import today
from thidua.demo.catalogue import MOVEMENT, framework_document

API = "/api/v1"
YEAR = "2025-2026"


@pytest.fixture
def province(client: TestClient, world: World, catalogue: dict[str, int]) -> dict[str, int]:
    """Commune A's movement and frameworks exist before the province does (a one-commune deployment
    that grows): they stay commune A's."""
    make_province(client, world)
    return catalogue


def _get(client: TestClient, world: World, login: str, url: str, **params: Any) -> Any:
    return client.get(API + url, headers=world.headers(login), params=params)


def _second_commune_defaults(client: TestClient, world: World) -> dict[str, int]:
    """Commune B starts from the province's defaults: the same movement and framework codes."""
    h = world.headers("officer_2")
    r = client.post(f"{API}/movements", headers=h, json=MOVEMENT)
    assert r.status_code == 201, r.text
    movement = r.json()["id"]
    doc = framework_document(movement, "unit")
    r = client.post(f"{API}/frameworks", headers=h, json=doc)
    assert r.status_code == 201, r.text
    framework = with_etag(r)
    assert (framework["code"], framework["version_number"]) == ("BDC-CSGD", 1)
    r = client.post(
        f"{API}/frameworks/{framework['id']}/activate", headers={**h, "If-Match": framework["etag"]}
    )
    assert r.status_code == 200, r.text
    return {"unit": framework["id"], "movement": movement}


def test_a_communes_users_see_nothing_of_another_commune(
    client: TestClient, world: World, province: dict[str, int]
) -> None:
    a_school, a_staff = world.units["THCS-A"], world.staff["A-01"]
    # Commune B's officer: its own units only; commune A's objects answer 404 like missing ones.
    units = _get(client, world, "officer_2", "/units").json()["items"]
    assert {u["code"] for u in units} == {"UBND-2", "VHXH-2", "TH-C"}
    assert _get(client, world, "officer_2", "/movements").json()["items"] == []
    for url in (
        f"/units/{a_school}",
        f"/staff/{a_staff}",
        f"/movements/{province['movement']}",
        f"/frameworks/{province['unit']}",
    ):
        assert_problem(_get(client, world, "officer_2", url), 404)
    # ... and naming one in a body is refused on its field, nothing stored.
    r = request_reports(client, world, province)  # commune A's officer: fine
    assert r.status_code == 201, r.text
    body = {**r.json(), "unit_ids": [world.units["TH-C"]]}
    body = {k: body[k] for k in ("movement_id", "kind", "title", "period_label", "school_year", "unit_ids")}
    body["due_date"] = (today() + timedelta(days=10)).isoformat()
    assert_problem(
        client.post(f"{API}/report-requests", headers=world.headers("officer_2"), json=body),
        422,
        "body.movement_id",
    )
    new_user = {"login": "gv.c", "full_name": "Giáo viên C", "password": "Mat-khau-rat-dai-2026"}
    assert_problem(
        client.post(
            f"{API}/users",
            headers=world.headers("admin_2"),
            json={**new_user, "roles": ["staff"], "unit_id": a_school},
        ),
        422,
        "body.unit_id",
    )
    # A commune's administrator neither creates communes nor grants province roles.
    commune = {"code": "UBND-3", "name": "UBND xã Ba", "kind": "commune", "parent_id": world.units["SO-GDDT"]}
    assert_problem(client.post(f"{API}/units", headers=world.headers("admin_2"), json=commune), 403)
    assert_problem(
        client.post(
            f"{API}/users",
            headers=world.headers("admin_2"),
            json={**new_user, "roles": ["department_officer"], "unit_id": world.units["UBND-2"]},
        ),
        403,
    )
    assert _get(client, world, "admin_2", "/users", q="gv.c").json()["items"] == []

    # Commune A keeps everything it had before the wall went up, and sees nothing of commune B.
    movements = _get(client, world, "officer", "/movements").json()["items"]
    assert [m["id"] for m in movements] == [province["movement"]]
    assert world.units["TH-C"] not in {
        u["id"] for u in _get(client, world, "officer", "/units").json()["items"]
    }
    assert_problem(_get(client, world, "officer", f"/units/{world.units['TH-C']}"), 404)
    assert_problem(_get(client, world, "admin", f"/users/{world.users['officer_2'].id}"), 404)


def test_codes_are_unique_per_commune(client: TestClient, world: World, province: dict[str, int]) -> None:
    second = _second_commune_defaults(client, world)  # the same codes as commune A's: allowed
    assert second["movement"] != province["movement"]
    again = client.post(f"{API}/movements", headers=world.headers("officer_2"), json=MOVEMENT)
    assert_problem(again, 409, "body.code")  # but not twice in one commune
    codes = {f["code"] for f in _get(client, world, "officer_2", "/frameworks").json()["items"]}
    assert codes == {"BDC-CSGD"}


def test_the_department_reads_every_commune_and_writes_nothing(
    client: TestClient, world: World, province: dict[str, int]
) -> None:
    second = _second_commune_defaults(client, world)
    movements = {m["id"] for m in _get(client, world, "department", "/movements").json()["items"]}
    assert movements == {province["movement"], second["movement"]}
    communes = _get(client, world, "department", "/province/communes").json()
    assert [(c["code"], c["schools"]) for c in communes] == [("UBND", 2), ("UBND-2", 1)]
    # Every write of a commune's data: 403, nothing stored.
    h = {**world.headers("department"), "If-Match": "*"}
    assert_problem(client.post(f"{API}/movements", headers=h, json={**MOVEMENT, "code": "SO"}), 403)
    assert_problem(
        client.patch(f"{API}/units/{world.units['THCS-A']}", headers=h, json={"address": "x"}), 403
    )
    assert_problem(
        client.post(
            f"{API}/self-assessments", headers=h, json={"framework_id": second["unit"], "school_year": YEAR}
        ),
        403,
    )
    assert len(_get(client, world, "department", "/movements").json()["items"]) == 2
    # The province's administrator made the communes; a commune's own account sees no province view.
    assert_problem(_get(client, world, "officer", "/province/communes"), 403)
    assert_problem(_get(client, world, "province", "/province/communes"), 403)


def test_the_departments_view_of_reports_scores_and_rankings(
    client: TestClient, world: World, province: dict[str, int]
) -> None:
    second = _second_commune_defaults(client, world)
    # Both communes' schools submit on version 1 of BDC-CSGD with the same answers (33.60 points).
    a = submitted(client, world, province, "manager_a")
    c = submitted(client, world, {**province, **second}, "manager_c")

    # Reports: commune A issues its semester report; commune B asked for the same period, no report.
    request_id = request_reports(client, world, province).json()["id"]
    report = open_report(client, world, request_id, "manager_a")
    assert write_and_submit(client, world, report, "manager_a", "THCS A").status_code == 200
    issued = client.post(
        f"{API}/report-requests/{request_id}/issues",
        headers=world.headers("officer"),
        json={"number": "15", "issued_on": today().isoformat(), "signer": "Trần Văn Thành"},
    )
    assert issued.status_code == 201, issued.text
    b_request = request_reports(
        client, world, second, unit_ids=[world.units["TH-C"]], period_label="Học kỳ I"
    )  # made by commune A's officer: another commune's movement
    assert_problem(b_request, 422, "body.movement_id")
    b_request = client.post(
        f"{API}/report-requests",
        headers=world.headers("officer_2"),
        json={
            "movement_id": second["movement"],
            "kind": "semester",
            "title": "Báo cáo sơ kết học kỳ I",
            "period_label": "Học kỳ I năm học 2025-2026",
            "school_year": YEAR,
            "due_date": (today() + timedelta(days=10)).isoformat(),
            "unit_ids": [world.units["TH-C"]],
        },
    )
    assert b_request.status_code == 201, b_request.text
    # Numbering is per commune: commune B may use number 15 too (once it has something to issue).
    inbox = _get(client, world, "department", "/province/reports", school_year=YEAR).json()
    [period] = inbox["periods"]
    assert period["label"] == "Học kỳ I năm học 2025-2026"
    assert [(r["commune_name"], r["number"], r["sequence"]) for r in period["received"]] == [
        ("UBND xã Thử Nghiệm", "15", 1)
    ]
    assert [(m["commune_name"], m["request_id"]) for m in period["missing"]] == [
        ("UBND xã Thử Nghiệm Hai", b_request.json()["id"])
    ]

    # Heatmap: per commune and criterion, the mean completion of its schools: one school each here,
    # so each cell is that school's stored criterion completion.
    heat = _get(client, world, "department", "/province/heatmap", school_year=YEAR, framework_code="BDC-CSGD")
    assert heat.status_code == 200, heat.text
    cells = {(x["commune_id"], x["code"]): x for x in heat.json()["cells"]}
    for assessment, commune in ((a, world.units["UBND"]), (c, world.units["UBND-2"])):
        card = _get(client, world, "department", f"/scorecards/{assessment['id']}").json()
        for criterion in card["criteria"]:
            cell = cells[commune, criterion["code"]]
            assert (cell["average_completion_percent"], cell["assessments"]) == (
                criterion["completion_percent"],
                1,
            )

    # Ranking across communes, only on the same framework version, and saying so.
    ranking = _get(
        client,
        world,
        "department",
        "/province/ranking",
        school_year=YEAR,
        framework_code="BDC-CSGD",
        version_number=1,
    )
    assert ranking.status_code == 200, ranking.text
    page = ranking.json()
    assert page["total"] == 2 and page["excluded"] == 0
    assert {(r["unit_name"], r["commune_name"]) for r in page["items"]} == {
        ("Trường THCS A", "UBND xã Thử Nghiệm"),
        ("Trường Tiểu học C", "UBND xã Thử Nghiệm Hai"),
    }
    assert "phiên bản 1 của bảng điểm BDC-CSGD" in page["note"]
    # Commune A's TH B submits on a version 2 of its own: not compared, and the answer says how many.
    fw = with_etag(client.get(f"{API}/frameworks/{province['unit']}", headers=world.headers("officer")))
    v2 = client.post(
        f"{API}/frameworks/{fw['id']}/new-version",
        headers={**world.headers("officer"), "If-Match": fw["etag"]},
    )
    assert v2.status_code == 201, v2.text
    v2 = with_etag(v2)
    r = client.post(
        f"{API}/frameworks/{v2['id']}/activate", headers={**world.headers("officer"), "If-Match": v2["etag"]}
    )
    assert r.status_code == 200, r.text
    submitted(client, world, {**province, "unit": v2["id"]}, "manager_b")
    page = _get(
        client,
        world,
        "department",
        "/province/ranking",
        school_year=YEAR,
        framework_code="BDC-CSGD",
        version_number=1,
    ).json()
    assert (page["total"], page["excluded"]) == (2, 1)
    assert "1 đánh giá trên phiên bản khác không được xếp hạng" in page["note"]
    assert_problem(
        _get(
            client,
            world,
            "department",
            "/province/ranking",
            school_year=YEAR,
            framework_code="BDC-CSGD",
            version_number=9,
        ),
        422,
        "query.version_number",
    )
    assert_problem(
        _get(
            client,
            world,
            "department",
            "/province/ranking",
            school_year=YEAR,
            framework_code="KHONG-CO",
            version_number=1,
        ),
        422,
        "query.framework_code",
    )
    assert _get(client, world, "department", "/province/proposals", school_year=YEAR).json() == []


def test_public_pages_per_commune(client: TestClient, world: World, province: dict[str, int]) -> None:
    _second_commune_defaults(client, world)
    # A visitor picks the commune whose pages to read: every active commune, by name, not the Department.
    listed = client.get(f"{API}/public/communes").json()
    assert {c["id"] for c in listed} == {world.units["UBND"], world.units["UBND-2"]}
    assert [c["name"] for c in listed] == sorted(c["name"] for c in listed)
    everyone = client.get(f"{API}/public/criteria").json()
    mine = client.get(f"{API}/public/criteria", params={"commune_id": world.units["UBND-2"]}).json()
    assert [f["code"] for f in everyone["frameworks"]].count("BDC-CSGD") == 2
    assert [f["code"] for f in mine["frameworks"]] == ["BDC-CSGD"]
    # The schools' info corners, one commune's at a time.
    h = {**world.headers("manager_c"), "If-Match": "*"}
    corner = {"url": "https://thc.example.edu.vn/chuyen-doi-so", "title": "Chuyển đổi số"}
    r = client.put(f"{API}/info-corners/{world.units['TH-C']}", headers=h, json=corner)
    assert r.status_code in (200, 201), r.text
    corners = client.get(f"{API}/public/info-corners", params={"commune_id": world.units["UBND-2"]}).json()
    assert [c["unit_id"] for c in corners] == [world.units["TH-C"]]
    assert client.get(f"{API}/public/info-corners", params={"commune_id": world.units["UBND"]}).json() == []
    listed = client.get(f"{API}/info-corners", headers=world.headers("officer")).json()["items"]
    assert world.units["TH-C"] not in [c["unit_id"] for c in listed]


def test_bulk_partners_stay_in_their_commune(
    client: TestClient, world: World, province: dict[str, int]
) -> None:
    """The partners' import matches, writes and exports the importing commune's partners only: the
    same name in another commune is another partner."""
    from tests.fixtures.imports import counts, post, summary_of

    body = "Tên đối tác,Loại,Người liên hệ\nCông ty Cổ phần Công nghệ Đất Tổ,Doanh nghiệp,Ông An\n"
    assert counts(summary_of(post(client, world.headers("finance"), "partners", body))) == (1, 0, 0, 0)
    other = body.replace("Ông An", "Bà Bình")
    assert counts(summary_of(post(client, world.headers("admin_2"), "partners", other))) == (1, 0, 0, 0)
    for login, contact in (("finance", "Ông An"), ("admin_2", "Bà Bình")):
        exported = _get(client, world, login, "/exports/partners.json").json()
        assert [(p["name"], p["contact"]) for p in exported] == [
            ("Công ty Cổ phần Công nghệ Đất Tổ", contact)
        ]


def test_a_steering_assignment_names_its_own_communes_content_area(
    client: TestClient, world: World, province: dict[str, int]
) -> None:
    """Commune A's content areas are not commune B's to assign: 422 on the field, as for a missing
    one, and the answer never shows their names."""
    from tests.fixtures.api import made
    from tests.fixtures.steering import URL, add_member, content_area_ids, create_committee

    a_code, a_area = sorted(content_area_ids(client, world, province["movement"]).items())[0]
    committee = made(create_committee(client, world, login="officer_2"))
    member = made(add_member(client, world, committee["id"], "C-01", "head", login="officer_2"))
    r = client.post(
        f"{URL}/{committee['id']}/assignments",
        headers=world.headers("officer_2"),
        json={"member_id": member["id"], "content_area_id": a_area, "unit_ids": [world.units["TH-C"]]},
    )
    assert_problem(r, 422, "body.content_area_id")
    assert a_code not in r.text
    after = client.get(f"{URL}/{committee['id']}", headers=world.headers("officer_2")).json()
    assert after["assignments"] == []


def test_the_budget_summary_names_its_own_communes_movement(
    client: TestClient, world: World, province: dict[str, int]
) -> None:
    params = {"movement_id": province["movement"], "school_year": YEAR}
    for url in ("/budget/summary", "/budget/summary.xlsx"):
        assert_problem(_get(client, world, "officer_2", url, **params), 422, "query.movement_id")
    assert _get(client, world, "officer", "/budget/summary", **params).status_code == 200


def test_a_communes_units_export_is_its_own_chart(
    client: TestClient, world: World, province: dict[str, int]
) -> None:
    """The export re-imports as it is: only the commune's own units, as its Units screen lists them."""
    exported = _get(client, world, "admin_2", "/exports/units.json")
    assert exported.status_code == 200, exported.text
    assert {u["code"] for u in exported.json()} == {"UBND-2", "VHXH-2", "TH-C"}
    mine = {u["code"] for u in _get(client, world, "admin", "/exports/units.json").json()}
    assert "TH-C" not in mine and "THCS-A" in mine

"""Partners come in with the other bulk data (issue 17: "partners, materials, communications log join
the existing import kinds"): Vietnamese headers and labels, dry run, updates by name in any case,
per-row errors that name the column, and the export reads back what was imported."""

from fastapi.testclient import TestClient

from tests.fixtures.imports import counts, post, summary_of
from tests.helpers import World, assert_problem

PARTNERS = (
    "Tên đối tác,Loại,Người liên hệ,Ghi chú\n"
    'Công ty Cổ phần Công nghệ Đất Tổ,Doanh nghiệp,"Ông An, 0912 345 678",Tài trợ màn hình tương tác\n'
    "Ban đại diện cha mẹ học sinh THCS Thanh Thủy,parents_association,,\n"
    "TS. Lê Minh Hà,expert,ha.le@example.vn,Tư vấn chuyển đổi số\n"
)


def _listed(client: TestClient, world: World) -> dict[str, tuple[str, str]]:
    items = client.get("/api/v1/partners?limit=100", headers=world.headers("finance")).json()["items"]
    return {p["name"]: (p["kind"], p["contact"]) for p in items}


def test_partners_are_imported_updated_by_name_and_exported(client: TestClient, world: World) -> None:
    finance = world.headers("finance")
    dry = summary_of(post(client, finance, "partners", PARTNERS, dry_run=True))
    assert (dry["status"], counts(dry)) == ("dry_run", (3, 0, 0, 0))
    assert _listed(client, world) == {}

    s = summary_of(post(client, finance, "partners", PARTNERS))
    assert (s["status"], counts(s)) == ("completed", (3, 0, 0, 0)), s
    listed = _listed(client, world)
    assert listed["Công ty Cổ phần Công nghệ Đất Tổ"] == ("business", "Ông An, 0912 345 678")
    assert listed["Ban đại diện cha mẹ học sinh THCS Thanh Thủy"] == ("parents_association", "")

    # The same name in another case is the same partner; a file without the contact column keeps it.
    change = "name,kind\nCÔNG TY CỔ PHẦN CÔNG NGHỆ ĐẤT TỔ,other\nTS. Lê Minh Hà,expert\n"
    s = summary_of(post(client, finance, "partners", change))
    assert counts(s) == (0, 1, 1, 0), s
    assert _listed(client, world)["Công ty Cổ phần Công nghệ Đất Tổ"] == ("other", "Ông An, 0912 345 678")

    exported = client.get("/api/v1/exports/partners.json", headers=finance).json()
    assert {p["name"] for p in exported} == set(listed)


def test_bad_partner_rows_name_their_column_and_store_nothing(client: TestClient, world: World) -> None:
    finance = world.headers("finance")
    body = (
        "name,kind,contact\n"
        "Công ty A,business,\n"
        "Công ty B,nhà tài trợ,\n"  # 3: not a kind
        ",expert,\n"  # 4: no name
        "Công ty A,expert,\n"  # 5: the same partner twice in one file
    )
    s = summary_of(post(client, finance, "partners", body))
    assert s["status"] == "rejected" and counts(s) == (1, 0, 0, 3), s
    assert {e["row"]: e["column"] for e in s["errors"]} == {3: "kind", 4: "name", 5: "name"}
    assert _listed(client, world) == {}  # all or nothing: the good row is not stored either


def test_only_who_keeps_partners_imports_them(client: TestClient, world: World) -> None:
    for login in ("manager_a", "comms", "teacher_a", "officer"):
        assert_problem(post(client, world.headers(login), "partners", PARTNERS), 403)
    assert _listed(client, world) == {}

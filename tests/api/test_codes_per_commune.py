"""Units' and staff members' codes are unique per commune (issue 20): two communes may both have a
school TH-01 and a teacher GV-01, one commune may not have two; imports name the units and staff of
the importing commune only."""

from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from tests.fixtures.imports import counts, post, summary_of
from tests.fixtures.province import make_province
from tests.helpers import World, assert_problem
from thidua.units.models import StaffMember, Unit

API = "/api/v1"


def _school(client: TestClient, world: World, login: str, commune: str, code: str = "TH-01") -> int:
    body = {
        "code": code,
        "name": f"Trường Tiểu học {commune}",
        "kind": "school",
        "school_level": "primary",
        "parent_id": world.units[commune],
    }
    r = client.post(f"{API}/units", headers=world.headers(login), json=body)
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def _staff(client: TestClient, world: World, login: str, unit_id: int, code: str = "GV-01") -> int:
    body = {"code": code, "full_name": "Nguyễn Văn Một", "unit_id": unit_id}
    r = client.post(f"{API}/staff", headers=world.headers(login), json=body)
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def test_two_communes_use_the_same_codes_one_commune_not_twice(
    client: TestClient, world: World, db: Session
) -> None:
    make_province(client, world)
    school_a = _school(client, world, "officer", "UBND")
    school_b = _school(client, world, "officer_2", "UBND-2")  # the same code in commune B: fine
    staff_a = _staff(client, world, "officer", school_a)
    staff_b = _staff(client, world, "officer_2", school_b)
    units = {u.id: u.commune_id for u in db.exec(select(Unit).where(Unit.code == "TH-01"))}
    assert units == {school_a: world.units["UBND"], school_b: world.units["UBND-2"]}
    people = {s.id: s.commune_id for s in db.exec(select(StaffMember).where(StaffMember.code == "GV-01"))}
    assert people == {staff_a: world.units["UBND"], staff_b: world.units["UBND-2"]}

    # Twice in one commune (in any letter case) is refused on the code, in the one error shape.
    body = {"code": "th-01", "name": "Trường khác", "kind": "school", "school_level": "primary"}
    twice = client.post(
        f"{API}/units", headers=world.headers("officer_2"), json={**body, "parent_id": world.units["UBND-2"]}
    )
    problem = assert_problem(twice, 409, "body.code")
    assert "đã tồn tại trong xã này" in problem["detail"]
    again = client.post(
        f"{API}/staff",
        headers=world.headers("officer_2"),
        json={"code": "GV-01", "full_name": "Trần Thị Hai", "unit_id": world.units["TH-C"]},
    )
    assert_problem(again, 409, "body.code")
    # ... renaming onto a code the commune uses too, nor a commune's unit onto its commune's own code.
    renamed = client.patch(
        f"{API}/staff/{world.staff['C-01']}",
        headers={**world.headers("officer_2"), "If-Match": "*"},
        json={"code": "gv-01"},
    )
    assert_problem(renamed, 409, "body.code")
    onto_commune = client.patch(
        f"{API}/units/{world.units['TH-C']}",
        headers={**world.headers("officer_2"), "If-Match": "*"},
        json={"code": "UBND-2"},
    )
    assert_problem(onto_commune, 409, "body.code")
    # The Department and the communes are unique among themselves.
    commune = {"code": "ubnd-2", "name": "UBND xã Ba", "kind": "commune", "parent_id": world.units["SO-GDDT"]}
    assert_problem(
        client.post(f"{API}/units", headers=world.headers("province"), json=commune), 409, "body.code"
    )
    assert db.exec(select(Unit).where(Unit.name == "UBND xã Ba")).first() is None


def test_a_school_moved_to_another_commune_takes_its_codes_along(
    client: TestClient, world: World, db: Session
) -> None:
    make_province(client, world)
    school_a = _school(client, world, "officer", "UBND")
    _school(client, world, "officer_2", "UBND-2")
    province = {**world.headers("province"), "If-Match": "*"}
    # TH-01 is taken in commune B: the move is refused on the new parent, nothing changes.
    clash = client.patch(
        f"{API}/units/{school_a}", headers=province, json={"parent_id": world.units["UBND-2"]}
    )
    assert_problem(clash, 409, "body.parent_id")
    # TH-B (with its subject group and staff B-01, B-02) moves: they all become commune B's.
    moved = client.patch(
        f"{API}/units/{world.units['TH-B']}", headers=province, json={"parent_id": world.units["UBND-2"]}
    )
    assert moved.status_code == 200, moved.text
    db.expire_all()
    b = world.units["UBND-2"]
    for code in ("TH-B", "TH-B-K45"):
        assert db.get(Unit, world.units[code]).commune_id == b  # type: ignore[union-attr]
    for code in ("B-01", "B-02"):
        assert db.get(StaffMember, world.staff[code]).commune_id == b  # type: ignore[union-attr]
    assert db.get(Unit, school_a).commune_id == world.units["UBND"]  # type: ignore[union-attr]


def test_imports_name_the_units_and_staff_of_the_importing_commune(
    client: TestClient, world: World, db: Session
) -> None:
    make_province(client, world)
    school_b = _school(client, world, "officer_2", "UBND-2")
    school_a = _school(client, world, "officer", "UBND")  # made last: a global look-up would find it
    _staff(client, world, "officer", school_a)  # GV-01 exists in commune A only

    # Commune B's file names TH-01 and GV-01: B's school, and a new person of B (not A's GV-01).
    body = "code,full_name,unit_code,position\nGV-01,Lê Thị Ba,TH-01,Giáo viên\nGV-02,Đỗ Văn Tư,th-01,\n"
    s = summary_of(post(client, world.headers("officer_2"), "staff", body))
    assert counts(s) == (2, 0, 0, 0), s
    mine = db.exec(
        select(StaffMember).where(col(StaffMember.unit_id) == school_b).order_by(col(StaffMember.code))
    ).all()
    assert [(m.code, m.full_name, m.commune_id) for m in mine] == [
        ("GV-01", "Lê Thị Ba", world.units["UBND-2"]),
        ("GV-02", "Đỗ Văn Tư", world.units["UBND-2"]),
    ]
    theirs = db.exec(select(StaffMember).where(col(StaffMember.unit_id) == school_a)).all()
    assert [(m.code, m.full_name) for m in theirs] == [("GV-01", "Nguyễn Văn Một")]  # untouched

    # A code only commune A uses (THCS-A) is an unknown unit for commune B: the row is reported and
    # nothing of it is stored.
    before = len(db.exec(select(StaffMember.id)).all())
    body = "code,full_name,unit_code\nGV-03,Phan Văn Năm,THCS-A\nGV-04,Hồ Thị Sáu,TH-01\n"
    s = summary_of(post(client, world.headers("officer_2"), "staff", body, atomic=False))
    assert counts(s) == (1, 0, 0, 1), s
    assert [(e["row"], e["column"], e["value"]) for e in s["errors"]] == [(2, "unit_code", "THCS-A")]
    assert "THCS-A" in s["errors"][0]["message_vi"]
    assert db.exec(select(StaffMember).where(StaffMember.code == "GV-03")).first() is None
    assert len(db.exec(select(StaffMember.id)).all()) == before + 1

    # Units too: commune B's file updates B's TH-01 and cannot reach A's schools by their codes.
    units = "code,name,kind,school_level,parent_code\nTH-01,Trường Tiểu học Hai,school,primary,UBND-2\n"
    s = summary_of(post(client, world.headers("officer_2"), "units", units))
    assert counts(s) == (0, 1, 0, 0), s
    db.expire_all()
    assert db.get(Unit, school_b).name == "Trường Tiểu học Hai"  # type: ignore[union-attr]
    assert db.get(Unit, school_a).name == "Trường Tiểu học UBND"  # type: ignore[union-attr]
    moved = "code,name,kind,school_level,parent_code\nTH-02,Trường mới,school,primary,UBND\n"
    s = summary_of(post(client, world.headers("officer_2"), "units", moved, atomic=False))
    assert {(e["row"], e["column"]) for e in s["errors"]} == {(2, "parent_code")}, s
    assert db.exec(select(Unit).where(Unit.code == "TH-02")).first() is None

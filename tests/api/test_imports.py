"""Bulk imports over HTTP (DESIGN.md section 7): every kind and format, natural keys, strategies, dry
run, all-or-nothing, per-row errors in a 200 summary, Idempotency-Key, background jobs that survive a
restart without leaving half a batch, templates, and who may import what."""

import io
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import func
from sqlmodel import Session, select

from tests.fixtures.api import XLSX
from tests.fixtures.api_keys import issue
from tests.fixtures.assessments import submitted
from tests.fixtures.imports import CSV, URL, counts, post, summary_of, xlsx
from tests.helpers import World, assert_problem
from thidua.activities.models import Activity, Attendance
from thidua.assessments.models import AssessmentEntry, SelfAssessment
from thidua.audit.models import AuditEvent
from thidua.auth.models import User, UserRole
from thidua.config import Settings
from thidua.core import tasks
from thidua.imports import jobs, service
from thidua.imports.models import IdempotencyRecord, ImportJob
from thidua.initiatives.models import Initiative, InitiativeAuthor
from thidua.main import create_app
from thidua.units.models import StaffMember, Unit


def count(session: Session, model: Any, *where: Any) -> int:
    session.expire_all()
    return int(session.exec(select(func.count()).select_from(model).where(*where)).one())


# ---------------------------------------------------------------- staff: CSV details


def test_csv_with_bom_semicolons_nfd_quotes_and_blank_lines(
    client: TestClient, world: World, db: Session
) -> None:
    nfd_name = unicodedata.normalize("NFD", "Đỗ Thị Ngọc Ánh")
    body = (
        "\ufeffMã cán bộ;Họ và tên;unit code;Chức vụ\r\n"
        f"A-10;{nfd_name};THCS-A;Giáo viên\r\n"
        "\r\n"
        ';"Trống mã";THCS-A;\r\n'
        'A-11;"Phạm Văn; Bình";THCS-A-KHTN;"Tổ trưởng\r\nkiêm thư ký"\r\n'
        "A-12;Lê Văn Cuối;THCS-A;\r\n"
    )
    s = summary_of(post(client, world.headers("manager_a"), "staff", body, atomic=False))
    assert (s["status"], s["total"], counts(s)) == ("completed", 4, (3, 0, 0, 1)), s
    # Row numbers are file lines: the blank line 3 is skipped but counted, a quoted line break too.
    assert [(e["row"], e["column"], e["value"]) for e in s["errors"]] == [(4, "code", "")]
    assert s["errors"][0]["message_vi"] == "Thiếu giá trị bắt buộc." and s["errors"][0]["message_en"]
    stored = db.exec(select(StaffMember).where(StaffMember.code == "A-10")).one()
    assert stored.full_name == "Đỗ Thị Ngọc Ánh" and unicodedata.is_normalized("NFC", stored.full_name)
    eleven = db.exec(select(StaffMember).where(StaffMember.code == "A-11")).one()
    assert eleven.full_name == "Phạm Văn; Bình" and eleven.position == "Tổ trưởng\r\nkiêm thư ký"
    bad = "code,full_name,unit_code\nA-13,Một,THCS-A\n,Hai,THCS-A\n"
    s = summary_of(post(client, world.headers("manager_a"), "staff", bad))
    assert s["status"] == "rejected" and s["errors"][0]["row"] == 3
    assert count(db, StaffMember, StaffMember.code == "A-13") == 0


def test_staff_create_then_resend_is_unchanged(client: TestClient, world: World, db: Session) -> None:
    nfd_name = unicodedata.normalize("NFD", "Đỗ Thị Ngọc Ánh")
    body = (
        "\ufeffMã cán bộ;Họ và tên;unit code;Chức vụ\r\n"
        f"A-10;{nfd_name};THCS-A;Giáo viên\r\n"
        "\r\n"
        'A-11;"Phạm Văn; Bình";THCS-A-KHTN;"Tổ trưởng"\r\n'
    )
    s = summary_of(post(client, world.headers("manager_a"), "staff", body))
    assert (s["status"], counts(s)) == ("completed", (2, 0, 0, 0)), s
    stored = db.exec(select(StaffMember).where(StaffMember.code == "A-10")).one()
    assert stored.full_name == "Đỗ Thị Ngọc Ánh" and unicodedata.is_normalized("NFC", stored.full_name)
    assert db.exec(select(StaffMember.full_name).where(StaffMember.code == "A-11")).one() == "Phạm Văn; Bình"
    # The same file again: everything unchanged, nothing written.
    again = summary_of(post(client, world.headers("manager_a"), "staff", body))
    assert counts(again) == (0, 0, 2, 0)
    # One audit event for the import, not one per row.
    events = db.exec(select(AuditEvent).where(AuditEvent.entity_type == "import")).all()
    assert len(events) == 1 and events[0].after and events[0].after["created"] == 2
    # A change is an update; position left out keeps the stored one.
    changed = "code,full_name,unit_code\nA-10,Đỗ Thị Ngọc Ánh,THCS-A-KHTN\nA-11,Phạm Văn; Bình,THCS-A-KHTN\n"
    s = summary_of(post(client, world.headers("manager_a"), "staff", changed))
    assert counts(s) == (0, 1, 1, 0)
    db.expire_all()
    moved = db.exec(select(StaffMember).where(StaffMember.code == "A-10")).one()
    assert (
        moved.unit_id == world.units["THCS-A-KHTN"] and moved.position == "Giáo viên" and moved.version == 2
    )


def test_bad_rows_are_all_reported_and_nothing_is_stored(
    client: TestClient, world: World, db: Session
) -> None:
    body = (
        "code,full_name,unit_code,email\n"
        "A-20,Nguyễn Văn Một,THCS-A,\n"
        "A-21,Nguyễn Văn Hai,KHONG-CO,\n"  # unknown unit
        "A-22,Nguyễn Văn Ba,TH-B,\n"  # another school: not in the manager's scope
        "A-20,Nguyễn Văn Một,THCS-A,\n"  # duplicate key in the file
        "A-23,,THCS-A,khong-phai-email\n"  # two problems in one row
        "B-01,Lê Thị Lan,THCS-A,\n"  # exists in school B: not revealed
    )
    s = summary_of(post(client, world.headers("manager_a"), "staff", body))
    assert s["status"] == "rejected" and s["rejected"] == 5 and s["created"] == 1
    found = {(e["row"], e["column"]) for e in s["errors"]}
    assert found == {
        (3, "unit_code"),
        (4, "unit_code"),
        (5, "code"),
        (6, "full_name"),
        (6, "email"),
        (7, "code"),
    }
    scope_messages = {e["message_en"] for e in s["errors"] if e["row"] in (4, 7)}
    assert all("not found in your scope" in m for m in scope_messages)
    assert next(e for e in s["errors"] if e["row"] == 3)["value"] == "KHONG-CO"
    assert count(db, StaffMember, StaffMember.code == "A-20") == 0
    assert count(db, AuditEvent, AuditEvent.entity_type == "import") == 0
    # atomic=false keeps the good row.
    s = summary_of(post(client, world.headers("manager_a"), "staff", body, atomic=False))
    assert s["status"] == "completed" and counts(s) == (1, 0, 0, 5)
    assert count(db, StaffMember, StaffMember.code == "A-20") == 1
    assert db.exec(select(StaffMember.unit_id).where(StaffMember.code == "B-01")).one() == world.units["TH-B"]


def test_dry_run_reports_but_stores_nothing(client: TestClient, world: World, db: Session) -> None:
    body = "code,full_name,unit_code\nA-30,Trần Thị Dự,THCS-A\n"
    s = summary_of(post(client, world.headers("officer"), "staff", body, dry_run=True))
    assert s["status"] == "dry_run" and s["dry_run"] and counts(s) == (1, 0, 0, 0)
    assert count(db, StaffMember, StaffMember.code == "A-30") == 0
    job = client.get(f"{URL}/{s['job_id']}", headers=world.headers("officer")).json()
    assert job["status"] == "succeeded" and job["summary"]["status"] == "dry_run"


def test_strategies(client: TestClient, world: World, db: Session) -> None:
    officer = world.headers("officer")
    body = "code,full_name,unit_code\nA-01,Nguyễn Thị Hương Mới,THCS-A\nA-40,Người Mới,THCS-A\n"
    s = summary_of(post(client, officer, "staff", body, strategy="create", atomic=False))
    assert counts(s) == (1, 0, 0, 1) and s["errors"][0]["row"] == 2
    s = summary_of(
        post(client, officer, "staff", body.replace("A-40", "A-41"), strategy="update", atomic=False)
    )
    assert counts(s) == (0, 1, 0, 1) and s["errors"][0]["row"] == 3
    assert count(db, StaffMember, StaffMember.code == "A-41") == 0
    # Identical rows are unchanged under every strategy: re-sending is harmless.
    s = summary_of(
        post(client, officer, "staff", body.replace("A-40", "A-41"), strategy="update", atomic=False)
    )
    assert counts(s) == (0, 0, 1, 1)
    s = summary_of(
        post(client, officer, "staff", "code,full_name,unit_code\nA-40,Người Mới,THCS-A\n", strategy="create")
    )
    assert counts(s) == (0, 0, 1, 0)


# ---------------------------------------------------------------- units, users


def test_units_with_parents_in_the_same_file(client: TestClient, world: World, db: Session) -> None:
    body = (
        "code,name,kind,school_level,parent_code\n"
        "MN-C,Trường Mầm non C,school,preschool,UBND\n"
        "MN-C-T1,Tổ Nhà trẻ - MN C,subject_group,,MN-C\n"
        "MN-D,Trường Mầm non D,school,,UBND\n"  # a school needs its level
        "TO-X,Tổ X,subject_group,,UBND\n"  # a subject group belongs to a school
        "THCS-A,Trường THCS A,office,,UBND\n"  # the kind of a unit cannot change
    )
    s = summary_of(post(client, world.headers("officer"), "units", body, atomic=False))
    assert counts(s) == (2, 0, 0, 3), s
    assert [(e["row"], e["column"]) for e in s["errors"]] == [
        (4, "school_level"),
        (5, "parent_code"),
        (6, "kind"),
    ]
    child = db.exec(select(Unit).where(Unit.code == "MN-C-T1")).one()
    assert child.parent_id == db.exec(select(Unit.id).where(Unit.code == "MN-C")).one()
    # Units are the commune's: a unit manager may not import them.
    assert_problem(post(client, world.headers("manager_a"), "units", body), 403)


def test_users_json_import_roles_and_initial_password(client: TestClient, world: World, db: Session) -> None:
    rows = [
        {
            "login": "Hieu.TV",
            "full_name": "Trần Văn Hiếu",
            "roles": ["staff"],
            "unit_code": "THCS-A",
            "password": "Mat-khau-rat-dai-2026",
        },
        {"login": "lan.nt", "full_name": "Nguyễn Thị Lan", "roles": "unit_manager", "unit_code": "TH-B"},
        {
            "login": "no.unit",
            "full_name": "Không Đơn Vị",
            "roles": "staff",
            "password": "Mat-khau-rat-dai-2026",
        },
    ]
    s = summary_of(client.post(f"{URL}/users", json=rows, headers=world.headers("admin")))
    assert s["format"] == "json" and counts(s) == (1, 0, 0, 2)
    assert {(e["row"], e["column"]) for e in s["errors"]} == {(2, "password"), (3, "unit_code")}
    s = summary_of(client.post(f"{URL}/users", json=rows[:1], headers=world.headers("admin")))
    assert counts(s) == (1, 0, 0, 0)
    user = db.exec(select(User).where(User.login == "hieu.tv")).one()
    assert user.password_hash.startswith("$argon2")
    assert db.exec(select(UserRole.role).where(UserRole.user_id == user.id)).all() == ["staff"]
    # Roles change on update; the password column is ignored for an existing account.
    rows[0]["roles"] = "staff;unit_manager"
    rows[0]["password"] = "x"
    s = summary_of(client.post(f"{URL}/users", json=rows[:1], headers=world.headers("admin")))
    assert counts(s) == (0, 1, 0, 0)
    assert sorted(db.exec(select(UserRole.role).where(UserRole.user_id == user.id)).all()) == [
        "staff",
        "unit_manager",
    ]
    # Only the administrator manages accounts.
    assert_problem(client.post(f"{URL}/users", json=rows, headers=world.headers("officer")), 403)


def test_an_api_key_cannot_grant_the_admin_role(client: TestClient, world: World) -> None:
    secret = issue(client, world, ["users:import"])["secret"]
    body = "login,full_name,roles,password\nboss,Ông Chủ,admin,Mat-khau-rat-dai-2026\n"
    s = summary_of(post(client, {"X-API-Key": secret}, "users", body))
    assert s["status"] == "rejected" and s["errors"][0]["column"] == "roles"


# ---------------------------------------------------------------- assessment entries


ENTRIES = (
    "unit_code,staff_code,indicator_code,school_year,value,note\n"
    "THCS-A,,TC2.1,2025-2026,80,Theo sổ theo dõi\n"
    "THCS-A,,TC2.2,2025-2026,1,\n"
    'THCS-A,,tc2.3,2025-2026,"10",\n'
    ",A-01,CN1.2,2025-2026,3,\n"
)


def test_entries_create_draft_assessments_and_store_values(
    client: TestClient, world: World, catalogue: dict[str, int], db: Session
) -> None:
    s = summary_of(post(client, world.headers("manager_a"), "assessment_entries", ENTRIES))
    assert (s["status"], counts(s)) == ("completed", (4, 0, 0, 0)), s
    unit_a = db.exec(
        select(SelfAssessment).where(SelfAssessment.subject_key == f"unit:{world.units['THCS-A']}")
    ).one()
    assert unit_a.status == "draft" and unit_a.framework_id == catalogue["unit"]
    values = {
        e.indicator_id: (e.self_value, e.note)
        for e in db.exec(select(AssessmentEntry).where(AssessmentEntry.assessment_id == unit_a.id))
    }
    assert sorted(str(v) for v, _ in values.values()) == ["1.00", "10.00", "80.00"]
    assert "Theo sổ theo dõi" in {n for _, n in values.values()}
    person = db.exec(select(SelfAssessment).where(SelfAssessment.staff_id == world.staff["A-01"])).one()
    assert person.framework_id == catalogue["individual"] and person.unit_id == world.units["THCS-A"]
    # The assessment read through the API shows the values.
    a = client.get(f"/api/v1/self-assessments/{unit_a.id}", headers=world.headers("manager_a")).json()
    assert {e["indicator_code"]: e["self_value"] for e in a["entries"]}["TC2.1"] == "80.00"
    assert a["version"] == 1
    again = summary_of(post(client, world.headers("manager_a"), "assessment_entries", ENTRIES))
    assert counts(again) == (0, 0, 4, 0)
    # A new value is an update; an empty value clears it; no note column keeps the notes.
    change = (
        "unit_code,indicator_code,school_year,value\nTHCS-A,TC2.1,2025-2026,85.5\nTHCS-A,TC2.2,2025-2026,\n"
    )
    s = summary_of(post(client, world.headers("manager_a"), "assessment_entries", change))
    assert counts(s) == (0, 2, 0, 0)
    a = client.get(f"/api/v1/self-assessments/{unit_a.id}", headers=world.headers("manager_a")).json()
    by_code = {e["indicator_code"]: e for e in a["entries"]}
    assert by_code["TC2.1"]["self_value"] == "85.50" and by_code["TC2.1"]["note"] == "Theo sổ theo dõi"
    assert by_code["TC2.2"]["self_value"] is None
    assert a["version"] == 2  # changed values move the ETag of the assessment
    # Strategies: create refuses a changed value, update refuses a new one (even a new assessment).
    body = "unit_code,staff_code,indicator_code,school_year,value\nTHCS-A,,TC2.1,2025-2026,90\n"
    s = summary_of(post(client, world.headers("manager_a"), "assessment_entries", body, strategy="create"))
    assert s["status"] == "rejected" and s["errors"][0]["message_en"].startswith("Already exists")
    body = (
        "unit_code,staff_code,indicator_code,school_year,value\n"
        ",A-02,CN1.2,2026-2027,1\n"
        "THCS-A,,TC2.3,2025-2026,11\n"
    )
    s = summary_of(
        post(client, world.headers("manager_a"), "assessment_entries", body, strategy="update", atomic=False)
    )
    assert counts(s) == (0, 1, 0, 1) and s["errors"][0]["row"] == 2
    assert count(db, SelfAssessment, SelfAssessment.staff_id == world.staff["A-02"]) == 0


def test_entry_rows_are_checked(
    client: TestClient, world: World, catalogue: dict[str, int], db: Session
) -> None:
    body = (
        "unit_code;staff_code;indicator_code;school_year;value\n"
        "THCS-A;;TC2.1;2025-2026;80\n"
        "THCS-A;;TC2.1;2025-2026;81\n"  # 3 duplicate key
        "THCS-A;;TC1.1;2025-2026;1\n"  # 4 computed indicator
        "THCS-A;;TC2.1;2019-2020;80\n"  # 5 outside the movement
        "THCS-A;;TC2.4;2025-2026;abc\n"  # 6 not a number
        "THCS-A;;TC2.4;2025-2026;150\n"  # 7 percent above 100
        "THCS-A;;TC9.9;2025-2026;1\n"  # 8 unknown indicator
        "KHONG-CO;;TC2.1;2025-2026;1\n"  # 9 unknown unit
        "THCS-A-KHTN;;TC2.1;2025-2026;1\n"  # 10 not a school
        "THCS-A;A-01;CN1.2;2025-2026;1\n"  # 11 both subjects
        ";;TC2.1;2025-2026;1\n"  # 12 no subject
        "THCS-A;;TC2.2;2025;1\n"  # 13 malformed school year
        "THCS-A;;TC2.3;2025-2026;2,5\n"  # 14 a count must be whole (decimal comma read as 2.5)
        "TH-B;;TC2.1;2025-2026;80\n"  # 15 another school
        ";B-01;CN1.2;2025-2026;1\n"  # 16 another school's teacher
    )
    s = summary_of(post(client, world.headers("manager_a"), "assessment_entries", body))
    assert s["status"] == "rejected" and counts(s) == (1, 0, 0, 14), s
    columns = {e["row"]: e["column"] for e in s["errors"]}
    assert columns == {
        3: "indicator_code",
        4: "indicator_code",
        5: "school_year",
        6: "value",
        7: "value",
        8: "indicator_code",
        9: "unit_code",
        10: "unit_code",
        11: "unit_code",
        12: "unit_code",
        13: "school_year",
        14: "value",
        15: "unit_code",
        16: "staff_code",
    }
    messages = {e["row"]: e["message_vi"] for e in s["errors"]}
    assert "tự tính" in messages[4] and "100" in messages[7] and "nguyên" in messages[14]
    assert "phạm vi" in messages[15] and "phạm vi" in messages[16] and "phạm vi" in messages[9]
    assert count(db, SelfAssessment) == 0  # all or nothing: not even the draft assessment stays


def test_entries_of_a_submitted_assessment_are_refused(
    client: TestClient, world: World, catalogue: dict[str, int], db: Session
) -> None:
    a = submitted(client, world, catalogue)
    body = "unit_code,indicator_code,school_year,value\nTHCS-A,TC2.1,2025-2026,10\n"
    s = summary_of(post(client, world.headers("officer"), "assessment_entries", body))
    assert s["status"] == "rejected" and s["errors"][0]["column"] == "school_year"
    assert "submitted" in s["errors"][0]["message_en"]
    unchanged = client.get(f"/api/v1/self-assessments/{a['id']}", headers=world.headers("officer")).json()
    assert {e["indicator_code"]: e["self_value"] for e in unchanged["entries"]}["TC2.1"] == "80.00"


def test_a_unit_scoped_key_only_touches_its_own_unit(
    client: TestClient, world: World, catalogue: dict[str, int], db: Session
) -> None:
    secret = issue(client, world, ["assessments:import", "assessments:read"], unit_id=world.units["TH-B"])[
        "secret"
    ]
    body = "unit_code,indicator_code,school_year,value\nTH-B,TC2.1,2025-2026,70\nTHCS-A,TC2.1,2025-2026,70\n"
    s = summary_of(post(client, {"X-API-Key": secret}, "assessment_entries", body, atomic=False))
    assert counts(s) == (1, 0, 0, 1)
    assert s["errors"][0]["row"] == 3 and "not found in your scope" in s["errors"][0]["message_en"]
    assert count(db, SelfAssessment, SelfAssessment.unit_id == world.units["THCS-A"]) == 0
    # Its job is its own; other callers do not see it (404).
    assert client.get(f"{URL}/{s['job_id']}", headers={"X-API-Key": secret}).status_code == 200
    assert_problem(client.get(f"{URL}/{s['job_id']}", headers=world.headers("officer")), 404)
    assert client.get(f"{URL}/{s['job_id']}", headers=world.headers("admin")).status_code == 200
    # A key needs the kind's own import scope.
    other = issue(client, world, ["staff:import"])["secret"]
    assert_problem(post(client, {"X-API-Key": other}, "assessment_entries", body), 403)
    assert_problem(post(client, {"X-API-Key": secret}, "staff", "code,full_name,unit_code\n"), 403)


# ---------------------------------------------------------------- activities (XLSX), initiatives (JSON)


def test_activities_from_xlsx_with_attendance(client: TestClient, world: World, db: Session) -> None:
    from datetime import date

    book = xlsx(
        [
            [
                "Mã đơn vị",
                "Loại hoạt động",
                "Ngày tổ chức",
                "Tên hoạt động",
                "Số người học",
                "Người tham dự",
                "Cột lạ",
            ],
            ["THCS-A", "training", date(2025, 10, 15), "Bồi dưỡng kỹ năng số", 0, "A-01;A-02:0", "x"],
            [None, None, None, None, None, None, None],
            ["THCS-A", "seminar", "20/11/2025", "Chuyên đề chuyển đổi số", 35, "A-01", None],
            ["THCS-A", "seminar", "2025-11-21", "Chuyên đề khác", 10, "B-01", None],  # not of school A
        ]
    )
    s = summary_of(post(client, world.headers("manager_a"), "activities", book, XLSX, atomic=False))
    assert s["format"] == "xlsx" and counts(s) == (2, 0, 0, 1) and s["ignored_columns"] == ["Cột lạ"]
    assert s["errors"][0]["row"] == 5 and s["errors"][0]["value"] == "B-01"
    training = db.exec(select(Activity).where(Activity.kind == "training")).one()
    assert training.school_year == "2025-2026" and str(training.activity_date) == "2025-10-15"
    done = dict(
        db.exec(
            select(Attendance.staff_id, Attendance.completed).where(Attendance.activity_id == training.id)
        ).all()
    )
    assert done == {world.staff["A-01"]: True, world.staff["A-02"]: False}
    again = summary_of(post(client, world.headers("manager_a"), "activities", book, XLSX, atomic=False))
    assert counts(again) == (0, 0, 2, 1)


def test_initiatives_from_json_with_authors(client: TestClient, world: World, db: Session) -> None:
    rows = [
        {
            "unit_code": "THCS-A",
            "school_year": "2025-2026",
            "title": "Học liệu số môn Toán 6",
            "kind": "digital_material",
            "authors": "A-01:60;A-02:40",
        },
        {
            "unit_code": "THCS-A",
            "school_year": "2025-2026",
            "title": "Sáng kiến một tác giả",
            "kind": "initiative",
            "authors": ["A-01"],
        },
        {
            "unit_code": "THCS-A",
            "school_year": "2025-2026",
            "title": "Tổng sai",
            "kind": "initiative",
            "authors": "A-01:60;A-02:30",
        },
    ]
    s = summary_of(
        client.post(
            f"{URL}/initiatives",
            json={"rows": rows},
            headers=world.headers("manager_a"),
            params={"atomic": "false"},
        )
    )
    assert counts(s) == (2, 0, 0, 1) and s["errors"][0]["row"] == 3 and s["errors"][0]["column"] == "authors"
    first = db.exec(select(Initiative).where(Initiative.title == "Học liệu số môn Toán 6")).one()
    shares = dict(
        db.exec(
            select(InitiativeAuthor.staff_id, InitiativeAuthor.share_percent).where(
                InitiativeAuthor.initiative_id == first.id
            )
        ).all()
    )
    assert {k: str(v) for k, v in shares.items()} == {
        world.staff["A-01"]: "60.00",
        world.staff["A-02"]: "40.00",
    }


# ---------------------------------------------------------------- request-level faults (422, 413)


def test_request_level_faults_are_problems(
    client: TestClient, world: World, world_settings_small: Settings
) -> None:
    officer = world.headers("officer")
    # Missing required columns are named in errors.
    problem = assert_problem(post(client, officer, "staff", "code,position\nA-1,X\n"), 422)
    assert {e["path"] for e in problem["errors"]} == {"header.full_name", "header.unit_code"}
    assert_problem(
        post(client, officer, "staff", b"code,full_name,unit_code\nA-1,Tr\xe1n,THCS-A\n"), 422, "body"
    )
    assert_problem(post(client, officer, "staff", "", CSV), 422, "body")
    assert_problem(post(client, officer, "staff", "[1, 2]", "application/json"), 422, "body")
    assert_problem(post(client, officer, "staff", b"PK\x03\x04 not really", XLSX), 422, "body")
    assert_problem(post(client, officer, "staff", "x", "image/png"), 422, "query.format")
    assert_problem(post(client, officer, "staff", "x", CSV, format="pdf"), 422)
    assert_problem(post(client, officer, "nothing", "x"), 422)
    # The one error shape for too large a body.
    app = create_app(world_settings_small)
    with TestClient(app, raise_server_exceptions=False) as small:
        big = "code,full_name,unit_code\n" + "A-1,X,THCS-A\n" * 200
        assert_problem(post(small, officer, "staff", big), 413)
    app.state.engine.dispose()


@pytest.fixture
def world_settings_small(world: World) -> Settings:
    return world.settings.model_copy(update={"import_max_bytes": 1000})


# ---------------------------------------------------------------- Idempotency-Key


def test_a_retry_with_the_same_key_does_the_work_once(client: TestClient, world: World, db: Session) -> None:
    officer = {**world.headers("officer"), "Idempotency-Key": "tep-nhan-su-2025-10-01"}
    body = "code,full_name,unit_code\nA-50,Người Thứ Nhất,THCS-A\nA-51,Người Thứ Hai,THCS-A\n"
    first = post(client, officer, "staff", body)
    assert first.status_code == 200 and first.json()["created"] == 2
    retry = post(client, officer, "staff", body)
    assert retry.status_code == 200 and retry.headers["Idempotent-Replayed"] == "true"
    assert retry.json() == first.json()  # the first answer, not "unchanged"
    assert count(db, StaffMember, StaffMember.code.in_(["A-50", "A-51"])) == 2  # type: ignore[attr-defined]
    assert count(db, ImportJob) == 1 and count(db, AuditEvent, AuditEvent.entity_type == "import") == 1
    # The same key with another body (or query) is a conflict.
    assert_problem(post(client, officer, "staff", body.replace("Hai", "Ba")), 409)
    assert_problem(post(client, officer, "staff", body, dry_run=True), 409)
    # Keys belong to their caller: another user may use the same key for their own request.
    other = {**world.headers("admin"), "Idempotency-Key": "tep-nhan-su-2025-10-01"}
    assert counts(summary_of(post(client, other, "staff", body))) == (0, 0, 2, 0)
    # A request refused as a whole leaves the key free for the corrected file.
    fresh = {**world.headers("officer"), "Idempotency-Key": "lan-hai"}
    assert_problem(post(client, fresh, "staff", "code\nA-1\n"), 422)
    assert summary_of(post(client, fresh, "staff", body))["unchanged"] == 2


def test_a_retry_while_the_first_is_running_is_told_to_wait(
    client: TestClient, world: World, db: Session
) -> None:
    from thidua.imports.idempotency import request_hasher

    body = "code,full_name,unit_code\nA-60,Chờ,THCS-A\n"
    digest = request_hasher("POST", f"{URL}/staff", [])
    digest.update(body.encode())
    db.add(
        IdempotencyRecord(
            owner=f"user:{world.users['officer'].id}",
            key="dang-chay",
            method="POST",
            path=f"{URL}/staff",
            request_hash=digest.hexdigest(),
        )
    )
    db.commit()
    headers = {**world.headers("officer"), "Idempotency-Key": "dang-chay"}
    r = post(client, headers, "staff", body)
    assert_problem(r, 409)
    assert r.headers["Retry-After"] == "5"
    assert count(db, StaffMember, StaffMember.code == "A-60") == 0
    # Another body under that key is another request: a conflict without Retry-After.
    r = post(client, headers, "staff", body.replace("Chờ", "Khác"))
    assert_problem(r, 409)
    assert "Retry-After" not in r.headers


# ---------------------------------------------------------------- background jobs


@pytest.fixture
def async_client(world: World) -> Iterator[TestClient]:
    app = create_app(world.settings.model_copy(update={"import_async_threshold_bytes": 200}))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    app.state.engine.dispose()


def staff_file(n: int, prefix: str = "J") -> str:
    return "code,full_name,unit_code\n" + "".join(
        f"{prefix}-{i:05d},Cán bộ số {i},THCS-A\n" for i in range(n)
    )


def wait_for(client: TestClient, headers: dict[str, str], url: str) -> dict[str, Any]:
    for _ in range(200):
        job = client.get(url, headers=headers).json()
        if job["status"] in ("succeeded", "failed"):
            return job  # type: ignore[no-any-return]
        time.sleep(0.05)
    raise AssertionError(f"job did not finish: {job}")


def test_a_large_file_runs_as_a_job(async_client: TestClient, world: World, db: Session) -> None:
    officer = {**world.headers("officer"), "Idempotency-Key": "lon-1"}
    r = post(async_client, officer, "staff", staff_file(30))
    assert r.status_code == 202, r.text
    location = r.headers["Location"]
    assert location == f"{URL}/{r.json()['id']}" and r.json()["status"] in ("queued", "running", "succeeded")
    job = wait_for(async_client, officer, location)
    assert job["status"] == "succeeded" and job["progress_percent"] == 100 and job["processed_rows"] == 30
    assert job["summary"]["created"] == 30 and job["summary"]["job_id"] == job["id"]
    assert count(db, StaffMember, StaffMember.code.like("J-%")) == 30  # type: ignore[attr-defined]
    # The retry replays the 202 with the same job.
    retry = post(async_client, officer, "staff", staff_file(30))
    assert retry.status_code == 202 and retry.headers["Location"] == location
    listed = async_client.get(URL, headers=world.headers("officer")).json()
    assert [j["id"] for j in listed["items"]] == [job["id"]]
    # A job with rejected rows still succeeds as a job; its summary says rejected and why.
    bad = staff_file(30, "K") + "K-99999,,THCS-A\n"
    job = wait_for(
        async_client, officer, post(async_client, world.headers("officer"), "staff", bad).headers["Location"]
    )
    assert job["status"] == "succeeded" and job["summary"]["status"] == "rejected"
    assert job["summary"]["errors"][0]["row"] == 32
    assert count(db, StaffMember, StaffMember.code.like("K-%")) == 0  # type: ignore[attr-defined]


def test_an_interrupted_job_leaves_nothing_and_runs_once_when_the_server_starts_again(
    world: World, db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    from thidua.imports.kinds.staff import StaffKind

    monkeypatch.setattr(StaffKind, "chunk_size", 10)
    settings = world.settings.model_copy(update={"import_async_threshold_bytes": 200})
    app = create_app(settings)
    submitted: list[int] = []  # not run by the worker: the job stays queued, as if the process stopped
    spec = tasks.TASKS["imports.run"]
    monkeypatch.setitem(
        tasks.TASKS, "imports.run", replace(spec, func=lambda _env, job_id: submitted.append(job_id))
    )
    headers = {**world.headers("officer"), "Idempotency-Key": "bi-ngat"}
    with TestClient(app, raise_server_exceptions=False) as c:
        r = post(c, headers, "staff", staff_file(35, "X"))
        assert r.status_code == 202
    job_id = submitted[0]
    assert count(db, IdempotencyRecord) == 1  # the 202 is kept for retries
    path = db.get(ImportJob, job_id).file_path  # type: ignore[union-attr]
    assert path

    class Killed(BaseException):
        """The process dies after the first chunk (nothing catches this)."""

    seen: list[int] = []

    def die(rows: int) -> None:
        seen.append(rows)
        # Progress is visible while the job's own transaction is still open.
        with Session(app.state.engine) as other:
            running = other.get(ImportJob, job_id)
            assert running is not None and running.status == "running"
            shown = service.read_job(running, jobs.live_progress(job_id))
        assert (shown.processed_rows, shown.total_rows, shown.progress_percent) == (10, 35, 28)
        raise Killed

    with pytest.raises(Killed):
        jobs.run_job(app.state.engine, settings, app.state.storage, job_id, after_chunk=die)
    app.state.engine.dispose()
    assert seen == [10]
    db.expire_all()
    assert db.get(ImportJob, job_id).status == "running"  # type: ignore[union-attr]
    assert count(db, StaffMember, StaffMember.code.like("X-%")) == 0  # type: ignore[attr-defined]

    # The restart: the worker starts again, finds the job unfinished and runs it, once.
    monkeypatch.setitem(tasks.TASKS, "imports.run", spec)
    again = create_app(settings)
    with TestClient(again, raise_server_exceptions=False) as c:
        job = wait_for(c, headers, service.job_url(job_id))
        assert job["status"] == "succeeded" and job["summary"]["created"] == 35, job
        # The client's retry with the same key replays the job: nothing is imported twice.
        retry = post(c, headers, "staff", staff_file(35, "X"))
        assert retry.status_code == 202 and retry.json()["id"] == job_id
        assert retry.headers["Idempotent-Replayed"] == "true"
    db.expire_all()
    assert count(db, StaffMember, StaffMember.code.like("X-%")) == 35  # type: ignore[attr-defined]
    assert not again.state.storage.exists(path)
    again.state.engine.dispose()


# ---------------------------------------------------------------- templates, kinds, policies


@pytest.mark.parametrize(
    "kind", ["units", "staff", "users", "assessment_entries", "activities", "initiatives"]
)
def test_templates_are_downloadable(client: TestClient, world: World, kind: str) -> None:
    admin = world.headers("admin")
    r = client.get(f"{URL}/templates/{kind}.csv", headers=admin)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    lines = r.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 2
    r = client.get(f"{URL}/templates/{kind}.xlsx", headers=admin)
    assert r.status_code == 200
    sheet = load_workbook(io.BytesIO(r.content)).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header == lines[0].split(",")
    # Issue 18.4: headed in Vietnamese; the machine names behind lang=en; either imports.
    english = client.get(f"{URL}/templates/{kind}.csv?lang=en", headers=admin).content.decode("utf-8-sig")
    assert english.splitlines()[0] == ",".join(c["name"] for c in _kind(client, world, kind)["columns"])
    assert not set(header) & {c["name"] for c in _kind(client, world, kind)["columns"] if "_" in c["name"]}
    # The template's example row is itself a valid row (dry run on the template of staff and units).
    if kind in ("units", "staff"):
        s = summary_of(post(client, admin, kind, r.content, XLSX, dry_run=True))
        assert s["total"] == 1


def _kind(client: TestClient, world: World, kind: str) -> dict[str, Any]:
    kinds = client.get(f"{URL}/kinds", headers=world.headers("admin")).json()
    return next(k for k in kinds if k["kind"] == kind)  # type: ignore[no-any-return]


def test_kinds_describe_their_columns(client: TestClient, world: World) -> None:
    kinds = client.get(f"{URL}/kinds", headers=world.headers("manager_a")).json()
    by_name = {k["kind"]: k for k in kinds}
    assert set(by_name) == {
        "units",
        "staff",
        "users",
        "assessment_entries",
        "activities",
        "initiatives",
        "dti_4725",
        "partners",
        "materials",
        "comms_outputs",
    }
    entries = by_name["assessment_entries"]
    assert entries["key_columns"] == ["unit_code", "staff_code", "indicator_code", "school_year"]
    assert entries["import_scope"] == "assessments:import"
    password = next(c for c in by_name["users"]["columns"] if c["name"] == "password")
    assert password["exported"] is False and password["help_vi"]


def test_who_may_import(client: TestClient, world: World) -> None:
    body = "code,full_name,unit_code\nA-70,Ai Đó,THCS-A\n"
    assert_problem(post(client, world.headers("teacher_a"), "staff", body), 403)  # no import permission
    assert_problem(post(client, world.headers("leader"), "staff", body), 403)
    assert_problem(post(client, world.headers("manager_a"), "users", body), 403)  # needs users:manage
    assert_problem(post(client, {}, "staff", body), 401)
    read_only = issue(client, world, ["staff:read"])["secret"]
    assert_problem(post(client, {"X-API-Key": read_only}, "staff", body), 403)
    writer = issue(client, world, ["staff:import"])["secret"]
    assert summary_of(post(client, {"X-API-Key": writer}, "staff", body))["created"] == 1


def test_staff_codes_match_in_any_case_with_or_without_the_preload(
    client: TestClient, world: World, catalogue: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from thidua.imports import lookups

    body = "staff_code,indicator_code,school_year,value\na-01,CN1.2,2025-2026,2\nA-02,cn3.3,2025-2026,1\n"
    s = summary_of(post(client, world.headers("manager_a"), "assessment_entries", body))
    assert counts(s) == (2, 0, 0, 0)
    monkeypatch.setattr(lookups, "PRELOAD_STAFF", 0)  # a huge staff list: looked up chunk by chunk
    s = summary_of(
        post(client, world.headers("manager_a"), "assessment_entries", body + "x-99,CN1.2,2025-2026,1\n")
    )
    assert counts(s) == (0, 0, 2, 1) and s["errors"][0]["row"] == 4


def test_xlsx_serial_dates_are_dates_within_a_sane_range(
    client: TestClient, world: World, db: Session
) -> None:
    """A date column formatted as General holds Excel's day count: 45945 is 2025-10-15."""
    header = ["Mã đơn vị", "Loại hoạt động", "Ngày tổ chức", "Tên hoạt động", "Số người học"]
    book = xlsx(
        [
            header,
            ["THCS-A", "training", 45945, "Bồi dưỡng theo số ngày", 0],
            ["THCS-A", "seminar", 45981.0, "Chuyên đề theo số ngày thực", 0],
            ["THCS-A", "seminar", 2025, "Năm, không phải ngày", 0],
            ["THCS-A", "seminar", 999999, "Quá xa", 0],
        ]
    )
    s = summary_of(post(client, world.headers("manager_a"), "activities", book, XLSX, atomic=False))
    assert counts(s) == (2, 0, 0, 2)
    assert {(e["row"], e["column"], e["value"]) for e in s["errors"]} == {
        (4, "activity_date", "2025"),
        (5, "activity_date", "999999"),
    }
    assert "1950" in s["errors"][0]["message_vi"]
    dates = sorted(str(d) for d in db.exec(select(Activity.activity_date)).all())
    assert dates == ["2025-10-15", "2025-11-20"]


def test_a_csv_row_with_more_cells_than_the_header_is_refused(
    client: TestClient, world: World, db: Session
) -> None:
    body = (
        "code,full_name,unit_code\n"
        "A-40,Nguyễn Văn Bốn,THCS-A\n"
        "A-41,Nguyễn, Văn Năm,THCS-A\n"  # a comma in the name, not quoted: every cell after it shifts
        "A-42,Nguyễn Văn Sáu,THCS-A,,\n"  # empty trailing cells shift nothing
    )
    s = summary_of(post(client, world.headers("manager_a"), "staff", body))
    assert s["status"] == "rejected" and s["total"] == 3 and s["rejected"] == 1
    (error,) = s["errors"]
    assert error["row"] == 3 and error["column"] is None
    assert (
        "4 ô" in error["message_vi"] and "3 cột" in error["message_vi"] and "ngoặc kép" in error["message_vi"]
    )
    assert count(db, StaffMember, StaffMember.code.startswith("A-4")) == 0  # type: ignore[attr-defined]

    s = summary_of(post(client, world.headers("manager_a"), "staff", body, atomic=False))
    assert counts(s) == (2, 0, 0, 1)
    assert count(db, StaffMember, StaffMember.code == "A-41") == 0


@pytest.mark.parametrize(
    ("head", "named"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00", "XLSX"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"%PDF-1.7\n", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "XLS"),
    ],
)
def test_a_binary_file_sent_as_csv_is_named_for_what_it_is(
    client: TestClient, world: World, db: Session, head: bytes, named: str
) -> None:
    body = head + bytes(range(256)) * 4
    problem = assert_problem(post(client, world.headers("officer"), "staff", body, CSV), 422, "body")
    assert named in problem["detail"] and "UTF-8" not in problem["detail"].split(";")[0]
    also = assert_problem(
        post(client, world.headers("officer"), "staff", body, CSV, format="csv"), 422, "body"
    )
    assert named in also["detail"]
    assert count(db, StaffMember) == len(world.staff)

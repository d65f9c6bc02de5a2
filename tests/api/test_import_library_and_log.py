"""The shared materials library and the communications log come in with the other bulk data (issue 17:
"Bulk data (partners, materials, communications log) joins the existing import kinds with templates, dry
run and per-row errors"): Vietnamese headers and labels, the template in both languages, dry run, updates
by natural key, a retry that does the work once, per-row errors naming the column, nothing stored when a
row is bad, and only who keeps the data imports it."""

import io
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.fixtures.imports import counts, post, summary_of
from tests.helpers import World, assert_problem

MATERIALS = (
    "Mã đơn vị,Tên học liệu,Tác giả,Môn học,Khối lớp,Giấy phép,Mô tả,Đường dẫn\n"
    "THCS-A,Bài giảng điện tử: Phân số,Nguyễn Thị Hương,Toán,Lớp 6,cc_by,,https://example.vn/phan-so\n"
    'THCS-A,Phiếu học tập Vật lý 8,"Trần Văn Dũng, Lê Lan",Vật lý,Lớp 8,'
    "Dùng nội bộ các trường trong xã,Phiếu bài tập,\n"
    "TH-B,Video Tiếng Việt lớp 4,Lê Thị Lan,Tiếng Việt,Lớp 4,CC0 (tặng cho công chúng),,https://example.vn/tv4\n"
)


def _materials(client: TestClient, world: World) -> dict[str, dict[str, Any]]:
    items = client.get("/api/v1/materials?limit=100", headers=world.headers("teacher_b")).json()["items"]
    return {m["title"]: m for m in items}


def test_materials_are_imported_updated_by_school_and_title_and_exported(
    client: TestClient, world: World
) -> None:
    officer = world.headers("officer")
    dry = summary_of(post(client, officer, "materials", MATERIALS, dry_run=True))
    assert (dry["status"], counts(dry)) == ("dry_run", (3, 0, 0, 0)), dry
    assert _materials(client, world) == {}

    s = summary_of(post(client, officer, "materials", MATERIALS))
    assert (s["status"], counts(s)) == ("completed", (3, 0, 0, 0)), s
    listed = _materials(client, world)  # every school reads the shared library
    fractions = listed["Bài giảng điện tử: Phân số"]
    assert (fractions["unit_id"], fractions["licence"], fractions["url"]) == (
        world.units["THCS-A"],
        "cc_by",
        "https://example.vn/phan-so",
    )
    assert listed["Phiếu học tập Vật lý 8"]["licence"] == "internal"
    assert listed["Video Tiếng Việt lớp 4"]["licence"] == "cc0"

    # The same file again changes nothing: a retried upload stores no second copy.
    again = summary_of(post(client, officer, "materials", MATERIALS))
    assert counts(again) == (0, 0, 3, 0), again

    # A school's head updates its own rows by title in any case; a file without the url column keeps it.
    change = (
        "unit_code,title,author,subject,grade,licence\n"
        "THCS-A,BÀI GIẢNG ĐIỆN TỬ: PHÂN SỐ,Nguyễn Thị Hương,Toán,Lớp 6,cc_by_sa\n"
    )
    s = summary_of(post(client, world.headers("manager_a"), "materials", change))
    assert counts(s) == (0, 1, 0, 0), s
    fractions = _materials(client, world)["Bài giảng điện tử: Phân số"]
    assert (fractions["licence"], fractions["url"]) == ("cc_by_sa", "https://example.vn/phan-so")

    exported = client.get("/api/v1/exports/materials.json", headers=officer).json()
    assert {m["title"] for m in exported} == set(listed)


def test_bad_material_rows_name_their_column_and_store_nothing(client: TestClient, world: World) -> None:
    body = (
        "unit_code,title,author,subject,grade,licence,url\n"
        "THCS-A,Tốt,Tác giả,Toán,Lớp 6,cc_by,\n"
        "THCS-A,Giấy phép lạ,Tác giả,Toán,Lớp 6,bản quyền,\n"  # 3: not a licence
        "THCS-A,Đường dẫn hỏng,Tác giả,Toán,Lớp 6,cc_by,ftp://example.vn/x\n"  # 4: not an http(s) link
        "TH-B,Trường khác,Tác giả,Toán,Lớp 6,cc_by,\n"  # 5: a school the head does not run
        "THCS-A,,Tác giả,Toán,Lớp 6,cc_by,\n"  # 6: no title
        "THCS-A,tốt,Tác giả,Toán,Lớp 6,cc0,\n"  # 7: the first row again (title in another case)
        "THCS-A,Không tác giả,,Toán,Lớp 6,cc_by,\n"  # 8: no author
    )
    s = summary_of(post(client, world.headers("manager_a"), "materials", body))
    assert s["status"] == "rejected" and counts(s) == (1, 0, 0, 6), s
    assert {e["row"]: e["column"] for e in s["errors"]} == {
        3: "licence",
        4: "url",
        5: "unit_code",
        6: "title",
        7: "title",
        8: "author",
    }
    assert all(e["message_vi"] and e["message_en"] for e in s["errors"])
    assert _materials(client, world) == {}  # all or nothing: the good row is not stored either


def test_only_who_shares_materials_imports_them(client: TestClient, world: World) -> None:
    for login in ("comms", "finance", "teacher_a", "leader"):
        assert_problem(post(client, world.headers(login), "materials", MATERIALS), 403)
    assert _materials(client, world) == {}


def _plan(client: TestClient, world: World, year: str = "2025-2026") -> int:
    r = client.post(
        "/api/v1/communications/plans",
        json={"school_year": year, "title": f"Kế hoạch truyền thông năm học {year}"},
        headers=world.headers("comms"),
    )
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


LOG = (
    "Kênh,Ngày,Tên sản phẩm,Đường dẫn,Lượt tiếp cận,Ghi chú\n"
    "radio,2025-10-20,Bản tin thi đua tuần 3,,1200,Phát 2 buổi\n"
    "Cổng thông tin điện tử xã,21/10/2025,Gương điển hình: cô Hương,https://xa.gov.vn/tin/1,350,\n"
    "social,2025-11-02,Video hội thi giáo án điện tử,https://facebook.com/p/1,,\n"
)


def _log(client: TestClient, world: World) -> dict[str, dict[str, Any]]:
    items = client.get("/api/v1/communications/outputs?limit=100", headers=world.headers("comms")).json()
    return {o["title"]: o for o in items["items"]}


def test_the_communications_log_is_imported_into_its_years_plan(client: TestClient, world: World) -> None:
    plan_id = _plan(client, world)
    comms = world.headers("comms")
    dry = summary_of(post(client, comms, "comms_outputs", LOG, dry_run=True))
    assert (dry["status"], counts(dry)) == ("dry_run", (3, 0, 0, 0)), dry
    assert _log(client, world) == {}

    s = summary_of(post(client, comms, "comms_outputs", LOG))
    assert counts(s) == (3, 0, 0, 0), s
    log = _log(client, world)
    radio = log["Bản tin thi đua tuần 3"]
    assert (radio["plan_id"], radio["channel"], radio["output_date"], radio["reach"]) == (
        plan_id,
        "radio",
        "2025-10-20",
        1200,
    )
    assert log["Gương điển hình: cô Hương"]["channel"] == "portal"
    plan = client.get(f"/api/v1/communications/plans/{plan_id}", headers=comms).json()
    assert plan["output_count"] == 3  # the plan's progress counts the imported outputs

    # A retry with the same Idempotency-Key replays the first answer; without one the rows are unchanged.
    keyed = {**comms, "Idempotency-Key": "nhat-ky-thang-10"}
    first = summary_of(post(client, keyed, "comms_outputs", LOG.replace("1200", "1500")))
    assert counts(first) == (0, 1, 2, 0), first
    retry = post(client, keyed, "comms_outputs", LOG.replace("1200", "1500"))
    assert retry.headers["Idempotent-Replayed"] == "true" and retry.json() == first
    assert counts(summary_of(post(client, comms, "comms_outputs", LOG.replace("1200", "1500")))) == (
        0,
        0,
        3,
        0,
    )
    assert _log(client, world)["Bản tin thi đua tuần 3"]["reach"] == 1500

    exported = client.get("/api/v1/exports/comms_outputs.json", headers=comms).json()
    assert {o["title"] for o in exported} == set(log)


def test_bad_log_rows_name_their_column_and_store_nothing(client: TestClient, world: World) -> None:
    _plan(client, world)
    body = (
        "channel,output_date,title,url,reach\n"
        "radio,2025-10-20,Tốt,,10\n"
        "tivi,2025-10-21,Kênh lạ,,\n"  # 3: not a channel
        "radio,2024-10-21,Năm chưa có kế hoạch,,\n"  # 4: 2024-2025 has no plan
        "portal,2025-10-22,Đường dẫn hỏng,xa.gov.vn/tin,\n"  # 5: not an http(s) link
        "portal,2025-10-23,Lượt âm,,-5\n"  # 6: reach below 0
        "radio,2025-10-20,Tốt,,20\n"  # 7: the first row again
        "radio,ngày mai,Ngày hỏng,,\n"  # 8: not a date
    )
    s = summary_of(post(client, world.headers("comms"), "comms_outputs", body))
    assert s["status"] == "rejected" and counts(s) == (1, 0, 0, 6), s
    assert {e["row"]: e["column"] for e in s["errors"]} == {
        3: "channel",
        4: "output_date",
        5: "url",
        6: "reach",
        7: "title",
        8: "output_date",
    }
    no_plan = next(e for e in s["errors"] if e["row"] == 4)
    assert "2024-2025" in no_plan["message_vi"]
    assert _log(client, world) == {}


def test_only_communications_imports_the_log(client: TestClient, world: World) -> None:
    _plan(client, world)
    for login in ("officer", "finance", "manager_a", "teacher_a"):
        assert_problem(post(client, world.headers(login), "comms_outputs", LOG), 403)
    assert _log(client, world) == {}


def test_templates_explain_every_column_in_both_languages(client: TestClient, world: World) -> None:
    for kind, login, help_vi, help_en in (
        ("materials", "officer", "Tên học liệu", "Title"),
        ("comms_outputs", "comms", "Kênh", "Channel"),
    ):
        headers = world.headers(login)
        csv = client.get(f"/api/v1/imports/templates/{kind}.csv", headers=headers)
        assert csv.status_code == 200, csv.text
        columns = csv.content.decode("utf-8-sig").splitlines()[0].split(",")
        book = client.get(f"/api/v1/imports/templates/{kind}.xlsx", headers=headers)
        assert book.status_code == 200
        guide = load_workbook(io.BytesIO(book.content))["Hướng dẫn"]
        rows = {r[0]: r for r in guide.iter_rows(min_row=2, values_only=True)}
        assert list(rows) == columns
        assert all(r[5] and r[6] for r in rows.values())  # Vietnamese and English help for each
        assert help_vi in " ".join(r[5] for r in rows.values())
        assert help_en in " ".join(r[6] for r in rows.values())
    # The example rows are valid rows: a plan for the example's year, a school with the example's code.
    _plan(client, world)
    log = client.get("/api/v1/imports/templates/comms_outputs.csv", headers=world.headers("comms")).content
    assert counts(summary_of(post(client, world.headers("comms"), "comms_outputs", log, dry_run=True))) == (
        1,
        0,
        0,
        0,
    )

"""The shared library of digital learning materials (issue 17, point 5): a school shares a material
(a link, a file, or both); every school browses and downloads it; recognised initiatives of kind
'học liệu số' appear in the library too."""

from typing import Any

from fastapi.testclient import TestClient

from tests.fixtures.api import PDF, audit_actions, made, with_etag
from tests.fixtures.initiatives import create_initiative, recognise
from tests.helpers import World, assert_problem

URL = "/api/v1/materials"
PPTX_NAME = "Bài giảng.pptx"


def _body(**overrides: Any) -> dict[str, Any]:
    return {
        "title": "Bài giảng điện tử: Phân số",
        "author": "Nguyễn Thị Hương",
        "subject": "Toán",
        "grade": "Lớp 6",
        "licence": "cc_by",
        **overrides,
    }


def test_a_teacher_shares_a_material_every_school_finds_and_downloads_it(
    client: TestClient, world: World
) -> None:
    teacher = world.headers("teacher_a")
    item = made(client.post(URL, headers=teacher, json=_body()))
    assert item["unit_id"] == world.units["THCS-A"] and item["file_url"] is None
    assert item["licence_label"] == "CC BY 4.0 (ghi công tác giả)"
    assert item["allowed_actions"] == ["update", "delete", "attach_file"]
    attached = client.post(
        f"{URL}/{item['id']}/file",
        headers=teacher,
        files={"file": ("Phân số lớp 6.pdf", PDF, "application/pdf")},
    )
    assert attached.status_code == 200, attached.text
    made(
        client.post(
            URL,
            headers=world.headers("manager_b"),
            json=_body(
                title="Tiếng Việt lớp 4",
                subject="Tiếng Việt",
                grade="Lớp 4",
                url="https://hoclieu.edu.vn/tv4",
            ),
        )
    )

    # School B's teacher finds A's material by subject and by a word of the title, and downloads it.
    other = world.headers("teacher_b")
    found = client.get(f"{URL}?q=phân số", headers=other).json()
    assert [m["title"] for m in found["items"]] == ["Bài giảng điện tử: Phân số"]
    assert found["items"][0]["allowed_actions"] == []
    assert client.get(f"{URL}?subject=Tiếng Việt", headers=other).json()["total"] == 1
    assert client.get(URL, headers=world.headers("finance")).json()["total"] == 2
    got = client.get(found["items"][0]["file_url"], headers=other)
    assert got.status_code == 200 and got.content == PDF
    assert "attachment" in got.headers["content-disposition"]

    # Another school's teacher neither edits nor removes it; its author does.
    fresh = with_etag(client.get(f"{URL}/{item['id']}", headers=teacher))
    assert_problem(
        client.patch(
            f"{URL}/{item['id']}", headers={**other, "If-Match": fresh["etag"]}, json={"grade": "Lớp 7"}
        ),
        403,
    )
    assert_problem(client.delete(f"{URL}/{item['id']}", headers={**other, "If-Match": fresh["etag"]}), 403)
    changed = client.patch(
        f"{URL}/{item['id']}", headers={**teacher, "If-Match": fresh["etag"]}, json={"grade": "Lớp 7"}
    )
    assert changed.status_code == 200 and changed.json()["grade"] == "Lớp 7"
    assert audit_actions(client, world, "learning_material", item["id"]) == [
        "update",
        "attach_file",
        "create",
    ]


def test_bad_materials_are_refused_naming_the_field(client: TestClient, world: World) -> None:
    teacher = world.headers("teacher_a")
    for body, path in (
        (_body(url="file:///etc/passwd"), "body.url"),
        (_body(licence="gpl"), "body.licence"),
        (_body(title=""), "body.title"),
        (_body(unit_id=world.units["TH-B"]), "body.unit_id"),
    ):
        assert_problem(client.post(URL, headers=teacher, json=body), 422, path)
    assert client.get(URL, headers=teacher).json()["total"] == 0
    item = made(client.post(URL, headers=teacher, json=_body()))
    for name, content, ctype in (
        ("virus.exe", b"MZ\x90\x00" + b"\x00" * 60, "application/octet-stream"),
        ("trang.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
        ("rong.pdf", b"", "application/pdf"),
    ):
        refused = client.post(
            f"{URL}/{item['id']}/file", headers=teacher, files={"file": (name, content, ctype)}
        )
        assert_problem(refused, 422, "body.file")
    got = client.get(f"{URL}/{item['id']}", headers=teacher).json()
    assert got["file_url"] is None and got["version"] == 1
    assert_problem(client.get(f"{URL}/{item['id']}/file", headers=teacher), 404)


def test_recognised_digital_materials_appear_in_the_library(client: TestClient, world: World) -> None:
    digital = with_etag(
        create_initiative(client, world, kind="digital_material", title="Kho video thí nghiệm ảo")
    )
    plain = with_etag(create_initiative(client, world, title="Sáng kiến quản lý lớp"))
    with_etag(create_initiative(client, world, kind="digital_material", title="Học liệu chưa công nhận"))
    assert recognise(client, world, digital, "commune").status_code == 200
    assert recognise(client, world, plain, "commune").status_code == 200
    # School B's teacher sees school A's recognised digital material (title, authors, level) only.
    listed = client.get(f"{URL}/recognised", headers=world.headers("teacher_b")).json()
    assert listed["total"] == 1
    (only,) = listed["items"]
    assert (only["title"], only["unit_name"], only["authors"], only["recognition_level_label"]) == (
        "Kho video thí nghiệm ảo",
        "Trường THCS A",
        ["Nguyễn Thị Hương", "Trần Văn Dũng"],
        "cấp xã",
    )

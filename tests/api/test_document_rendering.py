"""Every generated document, rendered as the clerk will see it: the DOCX files converted to PDF by
LibreOffice headless (one process for the whole batch), the PDFs read page by page with poppler's
`pdftotext -layout`. Checks the page count, that no page is empty, the national motto and tagline
each on one line, the signature block's lines in order with the signer's name, and no "None",
"chưa có", "%%" or doubled word. Needs `make office` (libreoffice-writer-nogui, poppler-utils); in CI
a missing LibreOffice fails the test instead of skipping it."""

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.fixtures.awards import (
    act,
    initiative,
    meeting,
    nominate,
    nominate_staff,
    open_round,
    review_round,
    verified_scorecard,
)
from tests.fixtures.inspections import URL as INSPECTIONS
from tests.fixtures.inspections import add_finding, create_inspection, plan_body
from tests.fixtures.reports import URL, open_report, request_reports, write_and_submit
from tests.helpers import World
from thidua.core.models import today
from thidua.documents.decree30 import MOTTO, NATIONAL_TITLE

SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "samples"


@dataclass(frozen=True)
class Expected:
    file: str
    pages: int
    signature: tuple[str, ...]  # in reading order, ending with the signer's name
    dated: bool = True  # the place-and-date line sits in the letterhead


def _tools() -> tuple[str, str]:
    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if soffice and pdftotext:
        return soffice, pdftotext
    message = "LibreOffice (soffice) or pdftotext is missing: run `make office`."
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def _issue(client: TestClient, world: World, login: str, body: dict[str, object]) -> dict[str, object]:
    r = client.post(
        "/api/v1/award-decisions", json=body, headers=world.headers("officer" if login == "leader" else login)
    )
    assert r.status_code == 201, r.text
    d = r.json()
    r = client.post(
        f"/api/v1/award-decisions/{d['id']}/issue",
        headers={**world.headers(login), "If-Match": f'"{d["version"]}"'},
    )
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def _documents(client: TestClient, world: World, catalogue: dict[str, int], out: Path) -> list[Expected]:
    """Every kind of document, produced through the API as users produce them."""
    officer = world.headers("officer")

    def save(url: str, name: str, headers: dict[str, str] = officer) -> None:
        r = client.get(url, headers=headers)
        assert r.status_code == 200, r.text
        (out / name).write_bytes(r.content)

    # The consolidated report, signed by the deputy chairman (before any scorecard: the test
    # fixture's frozen cards carry fewer figures than the report reads).
    request_id = request_reports(client, world, catalogue).json()["id"]
    report = open_report(client, world, request_id, "manager_a")
    assert write_and_submit(client, world, report, "manager_a", "THCS A").status_code == 200
    save(f"{URL}/{request_id}/consolidated.docx?number=15&signer=Trần Văn Thành", "report.docx")

    # A school's decision, signed by its deputy head, and its certificate.
    verified_scorecard(world, catalogue, unit="THCS-A", staff="A-01", classification="good")
    rnd = open_round(client, world)
    n = nominate_staff(client, world, rnd["id"], "GK-DV-CN").json()
    n = act(client, world, "manager_a", n, "submit").json()
    n = act(client, world, "manager_a", n, "approve", {}).json()
    school = _issue(
        client,
        world,
        "manager_a",
        {
            "round_id": rnd["id"],
            "level": "unit",
            "number": "45/QĐ-THCSA",
            "signed_on": str(today()),
            "signer_name": "Đỗ Văn Hiệu",
            "signer_title": "Phó Hiệu trưởng",
            "nomination_ids": [n["id"]],
        },
    )
    manager = world.headers("manager_a")
    save(f"/api/v1/award-decisions/{school['id']}/document.docx", "school-decision.docx", manager)
    awardee = school["awardees"][0]  # type: ignore[index]
    save(
        f"/api/v1/achievements/{awardee['achievement_id']}/certificate.pdf", "school-certificate.pdf", manager
    )

    # The commune: the council's minutes, the chairman's decision and its certificate.
    verified_scorecard(world, catalogue, unit="THCS-A", staff="A-02")
    used = initiative(world, unit="THCS-A", authors=["A-02"])
    c = nominate_staff(client, world, rnd["id"], "GK-XA-CN", staff="A-02", initiative_ids=[used]).json()
    c = act(client, world, "manager_a", c, "submit").json()
    m = meeting(client, world, rnd["id"])
    c = act(
        client, world, "officer", c, "review", {"meeting_id": m["id"], "votes_for": 4, "votes_cast": 5}
    ).json()
    c = act(client, world, "leader", c, "approve", {}).json()
    save(f"/api/v1/council-meetings/{m['id']}/minutes.docx", "minutes.docx")
    commune = _issue(
        client,
        world,
        "leader",
        {
            "round_id": rnd["id"],
            "level": "commune",
            "number": "125/QĐ-UBND",
            "signed_on": str(today()),
            "signer_name": "Phạm Thị Phó",
            "signer_title": "Phó Chủ tịch",
            "nomination_ids": [c["id"]],
        },
    )
    save(f"/api/v1/award-decisions/{commune['id']}/document.docx", "commune-decision.docx")

    # An ad hoc round's decision: the exceptional achievement instead of the period's results.
    ad_hoc = client.post(
        "/api/v1/award-rounds",
        headers=officer,
        json={
            "kind": "ad_hoc",
            "opens_on": str(today()),
            "closes_on": str(today()),
            "award_type_codes": ["GK-XA-CN"],
            "reason": "Đạt giải Nhất Hội thi giáo viên dạy giỏi cấp tỉnh.",
        },
    ).json()
    h = act(
        client, world, "manager_a", nominate_staff(client, world, ad_hoc["id"], "GK-XA-CN").json(), "submit"
    )
    hm = meeting(client, world, ad_hoc["id"])
    h = act(
        client,
        world,
        "officer",
        h.json(),
        "review",
        {"meeting_id": hm["id"], "votes_for": 5, "votes_cast": 5},
    )
    h = act(client, world, "leader", h.json(), "approve", {})
    ad_hoc_decision = _issue(
        client,
        world,
        "leader",
        {
            "round_id": ad_hoc["id"],
            "level": "commune",
            "number": "140/QĐ-UBND",
            "signed_on": str(today()),
            "signer_name": "Hoàng Văn Xã",
            "signer_title": "Chủ tịch",
            "nomination_ids": [h.json()["id"]],
        },
    )
    save(f"/api/v1/award-decisions/{ad_hoc_decision['id']}/document.docx", "ad-hoc-decision.docx")
    awardee = commune["awardees"][0]  # type: ignore[index]
    save(f"/api/v1/achievements/{awardee['achievement_id']}/certificate.pdf", "commune-certificate.pdf")

    # The Tờ trình to the province, with an override's reason in its list.
    for year in ("2025-2026", "2026-2027"):
        verified_scorecard(world, catalogue, unit="THCS-A", year=year, indicators={"TC5.2": "0"})
    initiative(world, unit="THCS-A", authors=["A-01"], level="commune")
    review = review_round(client, world)
    p = nominate(client, world, "officer", review["id"], "BK-TINH-TT", unit_id=world.units["THCS-A"]).json()
    p = act(client, world, "officer", p, "submit").json()
    pm = meeting(client, world, review["id"])
    p = act(
        client, world, "officer", p, "review", {"meeting_id": pm["id"], "votes_for": 5, "votes_cast": 5}
    ).json()
    reason = {"override_reason": "Trường đạt giải cấp tỉnh về chuyển đổi số năm 2026."}
    p = act(client, world, "leader", p, "approve", reason).json()
    proposal = _issue(
        client,
        world,
        "leader",
        {
            "round_id": review["id"],
            "kind": "proposal",
            "level": "province",
            "number": "56/TTr-UBND",
            "signed_on": str(today()),
            "signer_name": "Hoàng Văn Xã",
            "signer_title": "Chủ tịch",
            "nomination_ids": [p["id"]],
        },
    )
    save(f"/api/v1/award-decisions/{proposal['id']}/document.docx", "proposal.docx")
    # The nominees' achievement reports for the hồ sơ: a school's, and a teacher's.
    save(f"/api/v1/nominations/{p['id']}/achievement-report.docx", "school-report.docx")
    save(f"/api/v1/nominations/{c['id']}/achievement-report.docx", "teacher-report.docx")

    # The inspection: the yearly plan, the decision sending the team, the minutes at school A.
    r = client.post("/api/v1/inspection-plans", headers=officer, json=plan_body(world))
    assert r.status_code == 201, r.text
    signer = {"signed_on": str(today()), "signer_name": "Phạm Thị Phó", "signer_title": "Phó Chủ tịch"}
    r = client.post(
        f"/api/v1/inspection-plans/{r.json()['id']}/issue",
        headers={**officer, "If-Match": r.headers["etag"]},
        json={"number": "15/KH-UBND", **signer},
    )
    assert r.status_code == 200, r.text
    save(f"/api/v1/inspection-plans/{r.json()['id']}/document.docx", "inspection-plan.docx")
    created = create_inspection(client, world)
    iid = created.json()["id"]
    r = client.put(
        f"{INSPECTIONS}/{iid}/decision",
        headers={**officer, "If-Match": created.headers["etag"]},
        json={"number": "20/QĐ-UBND", **signer},
    )
    assert r.status_code == 200, r.text
    save(f"{INSPECTIONS}/{iid}/decision.docx", "inspection-decision.docx")
    for code, text in (("TC2.1", "Tập huấn sử dụng LMS"), ("TC5.1", "Rà soát quy chế an toàn thông tin")):
        made = add_finding(
            client,
            world,
            iid,
            indicator_code=code,
            strengths="Hồ sơ đầy đủ",
            shortcomings="Số liệu chưa khớp sổ sách",
            recommendations=text,
            status="done",
        )
        assert made.status_code == 201, made.text
    r = client.post(
        f"{INSPECTIONS}/{iid}/close",
        headers={**world.headers("inspector"), "If-Match": r.headers["etag"]},
        json={"conclusions": "Nhà trường triển khai phong trào nghiêm túc, đạt yêu cầu."},
    )
    assert r.status_code == 200, r.text
    save(f"{INSPECTIONS}/{iid}/minutes.docx", "inspection-minutes.docx")

    uy_ban, kt = ("TM. ỦY BAN NHÂN DÂN",), ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    return [
        Expected("school-decision", 2, ("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "Đỗ Văn Hiệu")),
        Expected("commune-decision", 2, (*uy_ban, *kt, "Phạm Thị Phó")),
        Expected("ad-hoc-decision", 2, (*uy_ban, "CHỦ TỊCH", "Hoàng Văn Xã")),
        Expected("minutes", 1, ("THƯ KÝ", "CHỦ TỊCH HỘI ĐỒNG", "Lê Thị Thư", "Nguyễn Văn Chủ")),
        Expected("proposal", 1, (*uy_ban, "CHỦ TỊCH", "Hoàng Văn Xã")),
        Expected("report", 2, (*uy_ban, *kt, "Trần Văn Thành")),
        Expected("inspection-plan", 1, (*uy_ban, *kt, "Phạm Thị Phó")),
        Expected("inspection-decision", 1, (*uy_ban, *kt, "Phạm Thị Phó")),
        Expected(
            "inspection-minutes",
            2,
            (
                "ĐẠI DIỆN ĐƠN VỊ",
                "TRƯỞNG ĐOÀN KIỂM TRA",
                "HIỆU TRƯỞNG",
                "Manager_A",
                "Inspector",
            ),
        ),
        Expected(
            "school-report",
            2,
            (
                "NHẬN XÉT, XÁC NHẬN CỦA",
                "HIỆU TRƯỞNG",
                "UBND XÃ THANH THỦY",
                "(Ký, đóng dấu)",
                "(Ký, ghi rõ họ tên)",
            ),
        ),
        Expected(
            "teacher-report",
            2,
            (
                "HIỆU TRƯỞNG",
                "NGƯỜI BÁO CÁO THÀNH TÍCH",
                "XÁC NHẬN, ĐỀ NGHỊ",
                "(Ký, ghi rõ họ và tên)",
                "(Ký, đóng dấu)",
                "Trần Văn Dũng",
            ),
        ),
        Expected("school-certificate", 1, ("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "Đỗ Văn Hiệu"), dated=False),
        Expected("commune-certificate", 1, (*uy_ban, *kt, "Phạm Thị Phó"), dated=False),
    ]


def _pages(pdftotext: str, pdf: Path) -> list[str]:
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages  # the text ends with a form feed


# One space between two equal words; columns side by side are several spaces apart.
# Words only: figures side by side in a table ("0 0") are not a doubled word.
DOUBLED = re.compile(r"(?<!\w)([^\W\d_]+) \1(?!\w)", re.IGNORECASE)


def test_every_document_renders_as_the_clerk_signs_it(
    client: TestClient, world: World, catalogue: dict[str, int], tmp_path: Path
) -> None:
    soffice, pdftotext = _tools()
    expected = _documents(client, world, catalogue, tmp_path)
    docx = sorted(str(p) for p in tmp_path.glob("*.docx"))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",  # its own profile: parallel runs do not clash
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *docx,
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    for e in expected:
        pages = _pages(pdftotext, tmp_path / f"{e.file}.pdf")
        text = "\n".join(pages)
        lines = [" ".join(line.split()) for line in text.splitlines()]
        assert len(pages) == e.pages, (e.file, len(pages), text)
        assert all(page.strip() for page in pages), (e.file, "empty page")
        if not e.file.endswith("certificate"):
            first = [" ".join(line.split()) for line in pages[0].splitlines()]
            for heading in (NATIONAL_TITLE, MOTTO):
                assert any(heading in line for line in first), (e.file, heading, pages[0])
            assert any(re.search(r"Thanh Thủy, ngày \d\d tháng \d+ năm \d{4}", line) for line in first), (
                e.file
            )
        at = 0
        flat = "\n".join(lines)
        for part in e.signature:
            found = flat.find(part, at)
            assert found >= 0, (e.file, part, flat[at:])
            at = found + len(part)
        for bad in ("None", "chưa có", "Chưa có", "%%"):
            assert bad not in text, (e.file, bad)
        doubled = [line for line in lines if DOUBLED.search(line)]
        assert doubled == [], (e.file, doubled)
    if os.environ.get("UPDATE_DOCUMENT_SAMPLES"):
        # docs/samples/: every generated document as the clerk reads it, regenerated on demand.
        SAMPLES.mkdir(parents=True, exist_ok=True)
        for e in expected:
            shutil.copyfile(tmp_path / f"{e.file}.pdf", SAMPLES / f"{e.file}.pdf")

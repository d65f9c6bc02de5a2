"""The award flows of seed III.2 and IV.5 beyond the school year: an ad hoc round ("khen thưởng đột
xuất") awarding the commune's Giấy khen end to end; a school proposing its collective and a teacher
for the province chairman's Bằng khen, with each nominee's achievement report, the hồ sơ archive and
the province's decision recorded into the achievement history; the public criteria page."""

import hashlib
import zipfile
from datetime import timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

from docx import Document
from fastapi.testclient import TestClient
from sqlmodel import select

from tests.fixtures.awards import (
    act,
    db,
    initiative,
    meeting,
    nominate,
    nominate_staff,
    verified_scorecard,
)
from tests.fixtures.generated import generate
from tests.helpers import World, assert_problem
from thidua.activities.service import school_year_of
from thidua.assessments.evidence import evidence_key
from thidua.assessments.models import Evidence
from thidua.awards.models import AwardDecision, AwardRound, Nomination
from thidua.core.models import today
from thidua.frameworks.models import Indicator

ROUNDS = "/api/v1/award-rounds"
DECISIONS = "/api/v1/award-decisions"
EXPLOIT = "Đạt giải Nhất Hội thi giáo viên dạy giỏi cấp tỉnh năm học 2025-2026."


def docx_text(content: bytes) -> str:
    doc = Document(BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def _issued(client: TestClient, world: World, body: dict[str, Any]) -> dict[str, Any]:
    r = client.post(DECISIONS, json=body, headers=world.headers("officer"))
    assert r.status_code == 201, r.text
    d = r.json()
    r = client.post(
        f"{DECISIONS}/{d['id']}/issue", headers={**world.headers("leader"), "If-Match": f'"{d["version"]}"'}
    )
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def _reviewed_and_approved(
    client: TestClient, world: World, n: dict[str, Any], round_id: int, override: str | None = None
) -> dict[str, Any]:
    m = meeting(client, world, round_id)
    n = act(
        client, world, "officer", n, "review", {"meeting_id": m["id"], "votes_for": 5, "votes_cast": 5}
    ).json()
    n = act(client, world, "leader", n, "approve", {"override_reason": override} if override else {}).json()
    assert n["status"] == "approved", n
    return n


# --- Ad hoc rounds ------------------------------------------------------------------------------


def test_an_ad_hoc_round_needs_its_reason_and_offers_no_province_award(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    officer = world.headers("officer")
    body = {
        "kind": "ad_hoc",
        "opens_on": str(today()),
        "closes_on": str(today() + timedelta(days=7)),
        "award_type_codes": ["GK-XA-CN"],
    }
    assert_problem(client.post(ROUNDS, json=body, headers=officer), 422, "body.reason")
    assert_problem(client.post(ROUNDS, json={**body, "reason": "Giỏi"}, headers=officer), 422, "body.reason")
    assert_problem(
        client.post(
            ROUNDS, json={**body, "reason": EXPLOIT, "award_type_codes": ["BK-TINH-CN"]}, headers=officer
        ),
        422,
        "body.award_type_codes.0",
    )
    annual = {**body, "kind": "annual", "school_year": "2025-2026", "reason": EXPLOIT}
    assert_problem(client.post(ROUNDS, json=annual, headers=officer), 422, "body.reason")
    assert client.get(ROUNDS, headers=officer).json()["total"] == 0  # nothing stored
    assert (
        client.post(ROUNDS, json={**body, "reason": EXPLOIT}, headers=world.headers("manager_a")).status_code
        == 403
    )


def test_rounds_offer_their_kinds_awards_by_default(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    """Without a list, a review offers the commune's Giấy khen beside the province's Bằng khen, and an
    ad hoc round the units' and the commune's Giấy khen."""
    officer = world.headers("officer")
    dates = {"opens_on": str(today()), "closes_on": str(today() + timedelta(days=7))}
    review = client.post(ROUNDS, json={"kind": "final", **dates}, headers=officer)
    assert review.status_code == 201, review.text
    assert [a["code"] for a in review.json()["award_types"]] == [
        "BK-TINH-CN",
        "BK-TINH-TT",
        "GK-XA-CN",
        "GK-XA-TT",
    ]
    assert review.json()["name"] == "Tổng kết giai đoạn 2027-2030"
    ad_hoc = client.post(ROUNDS, json={"kind": "ad_hoc", "reason": EXPLOIT, **dates}, headers=officer)
    assert ad_hoc.status_code == 201, ad_hoc.text
    assert [a["code"] for a in ad_hoc.json()["award_types"]] == ["GK-DV-CN", "GK-XA-CN", "GK-XA-TT"]


def test_an_ad_hoc_round_awards_a_commune_certificate_end_to_end(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    """Opened at any time with its reason; the exceptional achievement needs no scorecard or
    initiative (only the conduct rules apply); the council reviews, the chairman decides."""
    officer = world.headers("officer")
    r = client.post(
        ROUNDS,
        json={
            "kind": "ad_hoc",
            "opens_on": str(today()),
            "closes_on": str(today() + timedelta(days=7)),
            "award_type_codes": ["GK-XA-CN", "GK-DV-CN"],
            "reason": EXPLOIT,
        },
        headers=officer,
    )
    assert r.status_code == 201, r.text
    rnd = r.json()
    assert rnd["kind_label"] == "Khen thưởng đột xuất" and rnd["reason"] == EXPLOIT
    assert rnd["school_years"] == [school_year_of(today())] and rnd["is_open"] is True
    assert rnd["name"] == f"Khen thưởng đột xuất ngày {today():%d/%m/%Y}"

    n = nominate_staff(client, world, rnd["id"], "GK-XA-CN", justification=EXPLOIT)
    assert n.status_code == 201, n.text
    assert n.json()["eligibility"]["eligible"] is True  # no scorecard, no initiative: not asked for
    outcomes = client.get(f"/api/v1/nominations/{n.json()['id']}", headers=officer).json()["eligibility"]
    assert [o["kind"] for o in outcomes["outcomes"]] == ["no_open_flag"]
    n = act(client, world, "manager_a", n.json(), "submit").json()
    n = _reviewed_and_approved(client, world, n, rnd["id"])
    d = _issued(
        client,
        world,
        {
            "round_id": rnd["id"],
            "level": "commune",
            "number": "140/QĐ-UBND",
            "signed_on": str(today()),
            "signer_name": "Hoàng Văn Xã",
            "signer_title": "Chủ tịch",
            "nomination_ids": [n["id"]],
        },
    )
    assert d["status"] == "issued" and d["awardees"][0]["subject_name"] == "Nguyễn Thị Hương"
    text = docx_text(client.get(f"{DECISIONS}/{d['id']}/document.docx", headers=officer).content)
    assert f"Về việc khen thưởng đột xuất năm học {school_year_of(today())}\n" in text
    assert "đã có thành tích xuất sắc đột xuất trong phong trào" in text
    assert ": Đạt giải Nhất Hội thi giáo viên dạy giỏi cấp tỉnh năm học 2025-2026." in text
    assert "360.000" in text  # 0,15 × 2.340.000 đ rounded up to the ten thousand
    history = client.get(f"/api/v1/achievements?staff_id={world.staff['A-01']}", headers=officer).json()
    assert [(a["level"], a["decision_number"]) for a in history["items"]] == [("commune", "140/QĐ-UBND")]
    achievement_id = d["awardees"][0]["achievement_id"]
    pdf = client.get(f"/api/v1/achievements/{achievement_id}/certificate.pdf", headers=officer)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    board = client.get("/api/v1/public/honour-board").json()["items"]
    assert [(i["recipient_name"], i["round_name"]) for i in board] == [("Nguyễn Thị Hương", rnd["name"])]


# --- Province proposals from a school ------------------------------------------------------------


def _evidence_file(client: TestClient, world: World, assessment_id: int, tmp: Path) -> int:
    """A file attached to a verified self-assessment, stored the way uploads are."""
    content = b"%PDF-1.4 bien ban hoi nghi chuyen doi so\n"
    sha = hashlib.sha256(content).hexdigest()
    source = tmp / "upload.pdf"
    source.write_bytes(content)
    client.app.state.storage.put(evidence_key(sha), source)  # type: ignore[attr-defined]
    with db(world) as session:
        indicator = session.exec(select(Indicator.id)).first()
        e = Evidence(
            assessment_id=assessment_id,
            indicator_id=indicator or 0,
            kind="file",
            title="Biên bản hội nghị",
            filename="Biên bản hội nghị.pdf",
            content_type="application/pdf",
            size_bytes=len(content),
            sha256=sha,
        )
        session.add(e)
        session.add(
            Evidence(
                assessment_id=assessment_id,
                indicator_id=indicator or 0,
                kind="link",
                title="Trang tin của trường",
                url="https://thcs-a.example.edu.vn/chuyen-doi-so",
            )
        )
        session.commit()
        return e.id or 0


def test_a_school_proposes_for_the_province_and_the_officer_records_its_decision(
    client: TestClient, world: World, catalogue: dict[str, int], tmp_path: Path
) -> None:
    officer, manager = world.headers("officer"), world.headers("manager_a")
    assessment = 0
    for year in ("2025-2026", "2026-2027"):
        assessment = verified_scorecard(world, catalogue, unit="THCS-A", year=year, indicators={"TC5.2": "0"})
    evidence_id = _evidence_file(client, world, assessment, tmp_path)
    initiative(world, unit="THCS-A", authors=["A-01"], level="commune")
    r = client.post(
        ROUNDS,
        json={
            "kind": "preliminary",
            "opens_on": str(today()),
            "closes_on": str(today() + timedelta(days=9)),
            "award_type_codes": ["BK-TINH-TT", "BK-TINH-CN", "GK-XA-TT"],
        },
        headers=officer,
    )
    assert r.status_code == 201, r.text
    review = r.json()
    assert review["name"] == "Sơ kết giai đoạn 2025-2027"  # named by its phase, no nested brackets

    # The school proposes its collective and a teacher; each nominee's report comes from the data.
    school = nominate(client, world, "manager_a", review["id"], "BK-TINH-TT", unit_id=world.units["THCS-A"])
    assert school.status_code == 201, school.text
    teacher = nominate_staff(
        client,
        world,
        review["id"],
        "BK-TINH-CN",
        justification="Chủ nhiệm đề tài số hóa bài giảng.\nCốt cán tập huấn.",
    )
    assert teacher.status_code == 201, teacher.text
    report = client.get(f"/api/v1/nominations/{school.json()['id']}/achievement-report.docx", headers=manager)
    assert report.status_code == 200, report.text
    assert report.headers["content-type"].startswith("application/vnd.openxmlformats")
    text = docx_text(report.content)
    assert "BÁO CÁO THÀNH TÍCH" in text
    # The form of Decree 98/2023 (Phụ lục I): what is proposed, for which campaign, then the nominee.
    assert "ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH" in text
    assert "(Về thành tích xuất sắc trong" in text and "sơ kết giai đoạn 2025-2027)" in text
    assert "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG" in text and "NHẬN XÉT, XÁC NHẬN CỦA" in text
    assert "1. Danh hiệu thi đua" in text and "2. Hình thức khen thưởng" in text  # the form's two tables
    assert "(đề nghị)" not in text and "I. THÔNG TIN CHUNG" in text and "II. THÀNH TÍCH ĐẠT ĐƯỢC" in text
    # Both verified years, their completion the Vietnamese way, and the recognised initiative.
    assert text.count("Hoàn thành xuất sắc") == 2 and "95,00%" in text
    assert "Sáng kiến số hóa bài giảng (A-01)" in text and "cấp xã" in text
    teacher_text = docx_text(
        client.get(
            f"/api/v1/nominations/{teacher.json()['id']}/achievement-report.docx", headers=manager
        ).content
    )
    assert "Họ và tên: Nguyễn Thị Hương." in teacher_text and "NGƯỜI BÁO CÁO THÀNH TÍCH" in teacher_text
    assert "Chủ nhiệm đề tài số hóa bài giảng." in teacher_text and "Cốt cán tập huấn." in teacher_text
    other = client.get(
        f"/api/v1/nominations/{school.json()['id']}/achievement-report.docx",
        headers=world.headers("manager_b"),
    )
    assert_problem(other, 404)

    # The commune's council reviews; the leader approves (with reasons where a rule fails).
    s = act(client, world, "manager_a", school.json(), "submit").json()
    t = act(client, world, "manager_a", teacher.json(), "submit").json()
    s = _reviewed_and_approved(client, world, s, review["id"], "Trường đạt giải cấp tỉnh về chuyển đổi số.")
    t = _reviewed_and_approved(client, world, t, review["id"], "Giáo viên cốt cán chuyển đổi số của xã.")
    proposal = _issued(
        client,
        world,
        {
            "round_id": review["id"],
            "kind": "proposal",
            "level": "province",
            "number": "56/TTr-UBND",
            "signed_on": str(today()),
            "signer_name": "Phạm Thị Phó",
            "signer_title": "Phó Chủ tịch",
            "nomination_ids": [s["id"], t["id"]],
        },
    )
    assert "dossier" in proposal["allowed_actions"]

    # The hồ sơ: the Tờ trình, the list, and per nominee the report and the evidence.
    archive = generate(client, officer, f"{DECISIONS}/{proposal['id']}/dossier")
    assert archive.headers["content-type"] == "application/zip"
    assert "ho-so-de-nghi-56-TTr-UBND.zip" in archive.headers["content-disposition"]
    with zipfile.ZipFile(BytesIO(archive.content)) as z:
        names = set(z.namelist())
        assert {
            "to-trinh-56-TTr-UBND.docx",
            "danh-sach-56-TTr-UBND.xlsx",
            "01-Truong-THCS-A/bao-cao-thanh-tich.docx",
            f"01-Truong-THCS-A/minh-chung/{evidence_id}-Bien-ban-hoi-nghi.pdf",
            "01-Truong-THCS-A/minh-chung/lien-ket.txt",
            "02-Nguyen-Thi-Huong/bao-cao-thanh-tich.docx",
        } <= names, names
        assert z.read(f"01-Truong-THCS-A/minh-chung/{evidence_id}-Bien-ban-hoi-nghi.pdf").startswith(
            b"%PDF-1.4"
        )
        assert (
            "https://thcs-a.example.edu.vn/chuyen-doi-so"
            in z.read("01-Truong-THCS-A/minh-chung/lien-ket.txt").decode()
        )
    assert_problem(client.post(f"{DECISIONS}/{proposal['id']}/dossier", headers=manager), 404)

    # The province's decision: naming someone never proposed changes nothing.
    headers = {**officer, "If-Match": f'"{proposal["version"]}"'}
    answer: dict[str, Any] = {
        "decision_number": "1234/QĐ-UBND",
        "decision_date": str(today()),
        "issuer": "Chủ tịch UBND tỉnh Phú Thọ",
        "results": [
            {"nomination_id": s["id"], "accepted": True},
            {"nomination_id": t["id"], "accepted": False},
            {"nomination_id": 999999, "accepted": True},
        ],
    }
    url = f"{DECISIONS}/{proposal['id']}/province-answer"
    assert_problem(client.post(url, json=answer, headers=headers), 422, "body.results.2.nomination_id")
    with db(world) as session:
        assert session.get(AwardDecision, proposal["id"]).status == "issued"  # type: ignore[union-attr]
        assert {n.status for n in session.exec(select(Nomination)).all()} == {"proposed"}
    assert_problem(
        client.post(url, json={**answer, "issuer": "", "results": answer["results"][:2]}, headers=headers),
        422,
        "body.issuer",
    )
    d = client.post(url, json={**answer, "results": answer["results"][:2]}, headers=headers).json()
    assert d["status"] == "answered" and d["province_issuer"] == "Chủ tịch UBND tỉnh Phú Thọ"
    history = client.get(f"/api/v1/achievements?unit_id={world.units['THCS-A']}", headers=officer).json()[
        "items"
    ]
    province = [a for a in history if a["level"] == "province"]
    assert [(a["award_name"], a["decision_number"], a["issuer"]) for a in province] == [
        ("Bằng khen của Chủ tịch UBND tỉnh", "1234/QĐ-UBND", "Chủ tịch UBND tỉnh Phú Thọ")
    ]
    teacher_now = client.get(f"/api/v1/nominations/{t['id']}", headers=officer).json()
    assert teacher_now["status"] == "rejected"
    # The public board: only what was decided, by its real name; the province prints its own Bằng khen.
    board = client.get("/api/v1/public/honour-board?level=province").json()["items"]
    assert [(i["recipient_name"], i["award_name"]) for i in board] == [
        ("Trường THCS A", "Bằng khen của Chủ tịch UBND tỉnh")
    ]
    assert_problem(
        client.get(f"/api/v1/achievements/{province[0]['id']}/certificate.pdf", headers=officer), 409
    )


def test_the_dossier_is_only_a_proposals(client: TestClient, world: World, catalogue: dict[str, int]) -> None:
    officer = world.headers("officer")
    r = client.post(
        ROUNDS,
        json={
            "kind": "ad_hoc",
            "opens_on": str(today()),
            "closes_on": str(today()),
            "award_type_codes": ["GK-XA-CN"],
            "reason": EXPLOIT,
        },
        headers=officer,
    )
    n = act(
        client, world, "manager_a", nominate_staff(client, world, r.json()["id"], "GK-XA-CN").json(), "submit"
    )
    n = _reviewed_and_approved(client, world, n.json(), r.json()["id"])
    d = client.post(
        DECISIONS,
        json={
            "round_id": r.json()["id"],
            "level": "commune",
            "number": "141/QĐ-UBND",
            "signed_on": str(today()),
            "signer_name": "Hoàng Văn Xã",
            "signer_title": "Chủ tịch",
            "nomination_ids": [n["id"]],
        },
        headers=officer,
    ).json()
    assert_problem(client.post(f"{DECISIONS}/{d['id']}/dossier", headers=officer), 409)


# --- Public criteria ----------------------------------------------------------------------------


def test_the_public_criteria_page_shows_the_rules_frameworks_and_timetable(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    officer = world.headers("officer")
    ad_hoc = client.post(
        ROUNDS,
        json={
            "kind": "ad_hoc",
            "opens_on": str(today()),
            "closes_on": str(today() + timedelta(days=7)),
            "award_type_codes": ["GK-XA-CN"],
            "reason": EXPLOIT,
        },
        headers=officer,
    ).json()
    r = client.get("/api/v1/public/criteria")  # no sign-in
    assert r.status_code == 200, r.text
    page = r.json()
    types = {t["code"]: t for t in page["award_types"]}
    assert set(types) == {"GK-DV-CN", "GK-XA-TT", "GK-XA-CN", "BK-TINH-TT", "BK-TINH-CN"}
    # Criteria in words, one per rule, from the same rules the eligibility engine checks, worded as the
    # award screens word them.
    stored = {
        t["code"]: t for t in client.get("/api/v1/award-types?status=active", headers=officer).json()["items"]
    }
    for code, t in types.items():
        assert len(t["criteria"]) == len(stored[code]["rules"]), code
        assert t["criteria"] == stored[code]["rule_texts"], code  # the award screens say the same
    with db(world) as session:
        tc52 = session.exec(select(Indicator.name).where(Indicator.code == "TC5.2")).first()
    assert f"Chỉ tiêu {tc52} (TC5.2) = 0 trên bảng điểm năm học xét" in types["GK-XA-TT"]["criteria"]
    assert (
        types["GK-XA-TT"]["criteria"][0]
        == 'Bảng điểm đã xác nhận xếp loại "Hoàn thành xuất sắc" trở lên, năm học xét'
    )
    assert types["GK-XA-TT"]["cash_amount"] == 710_000 and page["base_salary"] == 2_340_000
    assert types["BK-TINH-TT"]["name"] == "Bằng khen của Chủ tịch UBND tỉnh"
    assert "Giấy khen của Chủ tịch UBND xã (GK-XA-TT)" in " ".join(types["BK-TINH-TT"]["criteria"])
    # The frameworks with their indicators and points, adding up.
    unit = next(f for f in page["frameworks"] if f["code"] == "BDC-CSGD")
    assert unit["criteria"] and all(c["indicators"] for c in unit["criteria"])
    points = sum(float(i["max_points"]) for c in unit["criteria"] for i in c["indicators"])
    assert abs(float(unit["max_points"]) - points) < 0.01 and unit["classification"]
    # The timetable, without an ad hoc round's reason (it may name a person before any review).
    assert [(x["name"], x["kind_label"], x["award_names"]) for x in page["rounds"]] == [
        (ad_hoc["name"], "Khen thưởng đột xuất", ["Giấy khen của Chủ tịch UBND xã (cá nhân)"])
    ]
    assert "Hội thi giáo viên dạy giỏi" not in r.text
    with db(world) as session:
        assert session.get(AwardRound, ad_hoc["id"]) is not None

"""Awards through the HTTP API: award types as versioned data, rounds, nominations with the eligibility
checklist, the council's vote, approval (with an override reason when a rule fails), decisions with
their DOCX, certificates, province proposals, and every role allowed or refused where it should be."""

from datetime import timedelta
from io import BytesIO
from typing import Any

from docx import Document
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlmodel import select

from tests.fixtures.awards import (
    YEAR,
    act,
    db,
    initiative,
    meeting,
    nominate,
    nominate_staff,
    open_round,
    review_round,
    verified_scorecard,
)
from tests.helpers import World, assert_problem
from thidua.audit.models import AuditEvent
from thidua.core.models import today
from thidua.initiatives.models import Initiative


def docx_text(content: bytes) -> str:
    doc = Document(BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def outcome_reasons(nomination: dict[str, Any]) -> list[tuple[str, bool, str]]:
    return [(o["kind"], o["passed"], o["reason"]) for o in nomination["eligibility"]["outcomes"]]


# --- Award types --------------------------------------------------------------------------------


def test_default_award_types_ship_as_data_and_only_the_commune_edits_them(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    r = client.get("/api/v1/award-types?status=active", headers=world.headers("manager_a"))
    assert r.status_code == 200
    types = {t["code"]: t for t in r.json()["items"]}
    assert set(types) == {"GK-DV-CN", "GK-XA-TT", "GK-XA-CN", "BK-TINH-TT", "BK-TINH-CN"}
    gk = types["GK-XA-CN"]
    assert gk["granting_authority_label"] == "Chủ tịch UBND xã" and gk["subject_kind"] == "individual"
    assert [r["kind"] for r in gk["rules"]] == ["scorecard", "initiatives", "no_open_flag", "quota"]
    assert gk["rule_texts"][3].startswith("Hạn mức: không quá 10")
    assert gk["allowed_actions"] == []  # a manager reads, never edits
    # Cash coefficients as data, defaults from Decree 98/2023/NĐ-CP.
    assert {c: t["cash_coefficient"] for c, t in types.items()} == {
        "GK-DV-CN": "0.15",
        "GK-XA-TT": "0.30",
        "GK-XA-CN": "0.15",
        "BK-TINH-TT": "2.00",
        "BK-TINH-CN": "1.00",
    }

    doc = {k: gk[k] for k in ("code", "name", "level", "granting_authority", "subject_kind", "round_kinds")}
    doc["rules"] = [{"kind": "scorecard", "min_classification": "good"}]
    assert (
        client.put(
            f"/api/v1/award-types/{gk['id']}", json=doc, headers=world.headers("manager_a")
        ).status_code
        == 403
    )
    headers = {**world.headers("officer"), "If-Match": f'"{gk["version"]}"'}
    r = client.put(f"/api/v1/award-types/{gk['id']}", json=doc, headers=headers)
    assert r.status_code == 200, r.text
    assert r.json()["rules"] == [{"kind": "scorecard", "min_classification": "good", "consecutive_years": 1}]
    # A stale edit loses nothing.
    assert client.put(f"/api/v1/award-types/{gk['id']}", json=doc, headers=headers).status_code == 412


def test_award_type_rules_are_checked_with_paths(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    base = {
        "code": "GK-XA-THU",
        "name": "Giấy khen thử",
        "level": "commune",
        "granting_authority": "commune_chairman",
        "subject_kind": "individual",
        "round_kinds": ["annual"],
    }
    officer = world.headers("officer")

    def post(**changes: Any) -> Any:
        return client.post("/api/v1/award-types", json={**base, **changes}, headers=officer)

    assert_problem(
        post(rules=[{"kind": "indicator", "indicator_code": "TC9.9", "op": "eq", "value": "0"}]),
        422,
        "body.rules.0.indicator_code",
    )
    assert_problem(
        post(rules=[{"kind": "members", "min_rating": "good", "min_percent": "50"}]), 422, "body.rules.0.kind"
    )
    assert_problem(
        post(rules=[{"kind": "award_held", "award_type_code": "KHONG-CO"}]),
        422,
        "body.rules.0.award_type_code",
    )
    assert_problem(post(granting_authority="province_chairman"), 422, "body.granting_authority")
    assert_problem(
        post(rules=[{"kind": "scorecard", "min_classification": "tuyet_voi"}]),
        422,
        "body.rules.0.min_classification",
    )
    assert_problem(post(rules=[{"kind": "no_such_rule"}]), 422)
    assert_problem(post(cash_coefficient="-0.1"), 422, "body.cash_coefficient")
    assert_problem(post(cash_coefficient="0.155"), 422, "body.cash_coefficient")
    assert_problem(post(cash_coefficient="nhiều"), 422, "body.cash_coefficient")
    assert_problem(
        post(rules=[{"kind": "quota", "percent": "10", "of": "commune_units"}]), 422, "body.rules.0.of"
    )
    r = post(rules=[{"kind": "staff_rating", "min_rating": "excellent", "consecutive_years": 2}])
    assert r.status_code == 201 and r.json()["status"] == "draft" and r.json()["cash_coefficient"] is None
    assert_problem(post(), 409)  # the code exists: make a new version instead


def test_a_used_award_type_changes_only_through_a_new_version(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    verified_scorecard(world, catalogue, unit="THCS-A", staff="A-01", classification="good")
    rnd = open_round(client, world)
    assert nominate_staff(client, world, rnd["id"], "GK-DV-CN").status_code == 201
    officer = world.headers("officer")
    t = client.get("/api/v1/award-types?code=GK-DV-CN", headers=officer).json()["items"][0]
    assert "update" not in t["allowed_actions"] and t["nomination_count"] == 1
    doc = {
        k: t[k]
        for k in ("code", "name", "level", "granting_authority", "subject_kind", "round_kinds", "rules")
    }
    assert_problem(
        client.put(f"/api/v1/award-types/{t['id']}", json=doc, headers={**officer, "If-Match": "*"}), 409
    )
    v2 = client.post(f"/api/v1/award-types/{t['id']}/new-version", headers=officer).json()
    assert v2["version_number"] == 2 and v2["status"] == "draft"
    doc["rules"] = [{"kind": "scorecard", "min_classification": "excellent"}]
    r = client.put(
        f"/api/v1/award-types/{v2['id']}", json=doc, headers={**officer, "If-Match": f'"{v2["version"]}"'}
    )
    assert r.status_code == 200
    r = client.post(
        f"/api/v1/award-types/{v2['id']}/activate",
        headers={**officer, "If-Match": f'"{r.json()["version"]}"'},
    )
    assert r.status_code == 200 and r.json()["status"] == "active"
    assert client.get(f"/api/v1/award-types/{t['id']}", headers=officer).json()["status"] == "retired"


# --- Rounds -------------------------------------------------------------------------------------


def test_rounds_cover_a_year_or_a_phase(client: TestClient, world: World, catalogue: dict[str, int]) -> None:
    officer = world.headers("officer")
    body = {
        "kind": "annual",
        "opens_on": "2026-05-01",
        "closes_on": "2026-06-15",
        "award_type_codes": ["GK-XA-TT"],
    }
    assert_problem(client.post("/api/v1/award-rounds", json=body, headers=officer), 422, "body.school_year")
    assert_problem(
        client.post(
            "/api/v1/award-rounds",
            json={**body, "school_year": YEAR, "award_type_codes": ["BK-TINH-TT"]},
            headers=officer,
        ),
        422,
        "body.award_type_codes.0",
    )
    assert_problem(
        client.post(
            "/api/v1/award-rounds",
            json={**body, "school_year": YEAR, "closes_on": "2026-04-01"},
            headers=officer,
        ),
        422,
        "body.closes_on",
    )
    review = {**body, "kind": "preliminary", "award_type_codes": ["BK-TINH-TT", "BK-TINH-CN"]}
    r = client.post("/api/v1/award-rounds", json=review, headers=officer)
    assert r.status_code == 201, r.text
    assert r.json()["school_years"] == ["2025-2026", "2026-2027"] and "Sơ kết" in r.json()["name"]
    assert (
        client.post("/api/v1/award-rounds", json=review, headers=world.headers("manager_a")).status_code
        == 403
    )


def test_review_rounds_offer_the_commune_certificates_by_default(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    """Seed IV.5: at the 2027 and 2030 reviews the commune awards its own Giấy khen beside the province
    proposals, without a new award-type version; unit certificates stay with the school year."""
    officer = world.headers("officer")
    body = {"kind": "preliminary", "opens_on": str(today()), "closes_on": str(today() + timedelta(days=9))}
    assert_problem(
        client.post("/api/v1/award-rounds", json={**body, "award_type_codes": ["GK-DV-CN"]}, headers=officer),
        422,
        "body.award_type_codes.0",
    )
    for year in ("2025-2026", "2026-2027"):
        verified_scorecard(world, catalogue, unit="THCS-A", year=year, indicators={"TC5.2": "0"})
    review = review_round(client, world, ["BK-TINH-TT", "GK-XA-TT"])
    n = nominate(client, world, "officer", review["id"], "GK-XA-TT", unit_id=world.units["THCS-A"])
    assert n.status_code == 201, n.text
    n = act(client, world, "officer", n.json(), "submit").json()
    assert n["eligibility"]["eligible"] is True, n["eligibility"]
    m = meeting(client, world, review["id"])
    n = act(
        client, world, "officer", n, "review", {"meeting_id": m["id"], "votes_for": 5, "votes_cast": 5}
    ).json()
    n = act(client, world, "leader", n, "approve", {}).json()
    assert n["status"] == "approved", n
    d = client.post(
        "/api/v1/award-decisions",
        json={
            "round_id": review["id"],
            "level": "commune",
            "number": "130/QĐ-UBND",
            "signed_on": str(today()),
            "signer_name": "Hoàng Văn Xã",
            "signer_title": "Chủ tịch",
            "nomination_ids": [n["id"]],
        },
        headers=officer,
    ).json()
    d = client.post(
        f"/api/v1/award-decisions/{d['id']}/issue",
        headers={**world.headers("leader"), "If-Match": f'"{d["version"]}"'},
    ).json()
    assert d["status"] == "issued" and d["awardees"][0]["subject_name"] == "Trường THCS A"
    text = docx_text(client.get(f"/api/v1/award-decisions/{d['id']}/document.docx", headers=officer).content)
    # Giấy khen for a collective: 0.3 × 2,340,000 = 702,000, rounded up to 710,000 đ.
    assert "Về việc khen thưởng sơ kết giai đoạn 2025-2027\n" in text and "710.000" in text


# --- Nominations: the unit level ----------------------------------------------------------------


def test_a_unit_head_grants_unit_certificates_to_own_staff_end_to_end(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    verified_scorecard(world, catalogue, unit="THCS-A", staff="A-01", classification="good")
    rnd = open_round(client, world)
    r = nominate_staff(client, world, rnd["id"], "GK-DV-CN")
    assert r.status_code == 201, r.text
    n = r.json()
    assert n["eligibility"]["eligible"] is True and n["status"] == "draft"
    assert outcome_reasons(n)[1][2].startswith("Trong hạn mức: 30% của 2 cán bộ của đơn vị = 1 suất")
    assert n["allowed_actions"] == ["update", "delete", "submit"]

    # Other schools see nothing; teachers cannot even list.
    assert client.get(f"/api/v1/nominations/{n['id']}", headers=world.headers("manager_b")).status_code == 404
    assert client.get("/api/v1/nominations", headers=world.headers("teacher_a")).status_code == 403

    r = client.post(f"/api/v1/nominations/{n['id']}/submit", headers=world.headers("manager_a"))
    assert_problem(r, 428)
    n = act(client, world, "manager_a", n, "submit").json()
    assert n["status"] == "submitted" and set(n["allowed_actions"]) == {"withdraw", "approve", "reject"}
    # Unit level: no council, and the commune leader is not the granting authority.
    assert_problem(act(client, world, "leader", n, "approve", {}), 403)
    assert_problem(
        act(client, world, "officer", n, "review", {"meeting_id": 1, "votes_for": 1, "votes_cast": 1}), 403
    )
    n = act(client, world, "manager_a", n, "approve", {}).json()
    assert n["status"] == "approved" and n["override_reason"] is None

    decision = {
        "round_id": rnd["id"],
        "level": "unit",
        "number": "45/QĐ-THCSA",
        "signed_on": str(today()),
        "signer_name": "Đỗ Văn Hiệu",
        "signer_title": "Hiệu trưởng",
        "nomination_ids": [n["id"]],
    }
    assert (
        client.post("/api/v1/award-decisions", json=decision, headers=world.headers("manager_b")).status_code
        == 422
    )
    # A signing date in the future is refused when the draft is written, not only at issuing.
    future = {**decision, "signed_on": str(today() + timedelta(days=3))}
    r = client.post("/api/v1/award-decisions", json=future, headers=world.headers("manager_a"))
    assert_problem(r, 422)
    assert [e["path"] for e in r.json()["errors"]] == ["body.signed_on"]
    r = client.post("/api/v1/award-decisions", json=decision, headers=world.headers("manager_a"))
    assert r.status_code == 201, r.text
    d = r.json()
    assert d["status"] == "draft" and "issue" in d["allowed_actions"]
    r = client.patch(
        f"/api/v1/award-decisions/{d['id']}",
        json={"signed_on": future["signed_on"]},
        headers={**world.headers("manager_a"), "If-Match": f'"{d["version"]}"'},
    )
    assert_problem(r, 422)
    assert client.get(f"/api/v1/award-decisions/{d['id']}", headers=world.headers("manager_a")).json()[
        "signed_on"
    ] == str(today())
    r = client.post(
        f"/api/v1/award-decisions/{d['id']}/issue",
        headers={**world.headers("manager_a"), "If-Match": f'"{d["version"]}"'},
    )
    assert r.status_code == 200, r.text
    d = r.json()
    awardee = d["awardees"][0]
    assert d["status"] == "issued" and awardee["subject_name"] == "Nguyễn Thị Hương"
    assert awardee["verification_code"].startswith("TD-")

    # The school's decision is written from the school's own template, its head signing.
    text = docx_text(
        client.get(
            f"/api/v1/award-decisions/{d['id']}/document.docx", headers=world.headers("manager_a")
        ).content
    )
    assert (
        "HIỆU TRƯỞNG TRƯỜNG THCS A" in text
        and "Căn cứ Quy chế thi đua, khen thưởng của Trường THCS A" in text
    )
    assert "HIỆU TRƯỞNG\n\n\n\n\nĐỗ Văn Hiệu" in text and "TM." not in text
    for commune_text in ("Luật Tổ chức chính quyền địa phương", "Văn phòng HĐND và UBND", "VHXH"):
        assert commune_text not in text
    achievement = client.get(
        f"/api/v1/achievements/{awardee['achievement_id']}", headers=world.headers("manager_a")
    )
    assert achievement.json()["issuer"] == "Thủ trưởng Trường THCS A"
    assert (
        client.get(
            f"/api/v1/achievements/{awardee['achievement_id']}", headers=world.headers("manager_b")
        ).status_code
        == 404
    )
    pdf = client.get(
        f"/api/v1/achievements/{awardee['achievement_id']}/certificate.pdf",
        headers=world.headers("manager_a"),
    )
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages)
    for expected in (
        "Nguyễn Thị Hương",
        "Trường THCS A",
        "Giấy khen",
        "45/QĐ-THCSA",
        "HIỆU TRƯỞNG TRƯỜNG THCS A",
        # The verification link on the public address (PUBLIC_URL).
        f"{world.settings.public_url}/xac-thuc/{awardee['verification_code']}",
    ):
        assert expected in " ".join(text.split()), expected
    # Issued: the decision is final.
    assert_problem(
        client.post(
            f"/api/v1/award-decisions/{d['id']}/issue",
            headers={**world.headers("manager_a"), "If-Match": f'"{d["version"]}"'},
        ),
        409,
    )


# --- Nominations: the commune level -------------------------------------------------------------


def test_a_failed_rule_is_explained_and_approval_over_it_needs_a_reason(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    verified_scorecard(world, catalogue, unit="THCS-A", staff="A-01")  # excellent, but no initiative
    verified_scorecard(world, catalogue, unit="THCS-A", staff="A-02")
    used = initiative(world, unit="THCS-A", authors=["A-02"])
    rnd = open_round(client, world)

    preview = client.post(
        "/api/v1/nominations/eligibility",
        json={
            "round_id": rnd["id"],
            "award_type_code": "GK-XA-CN",
            "unit_id": world.units["THCS-A"],
            "staff_id": world.staff["A-01"],
        },
        headers=world.headers("manager_a"),
    )
    assert preview.status_code == 200 and preview.json()["eligible"] is False

    failing = nominate_staff(client, world, rnd["id"], "GK-XA-CN").json()
    reasons = outcome_reasons(failing)
    assert [(k, p) for k, p, _ in reasons] == [
        ("scorecard", True),
        ("initiatives", False),
        ("no_open_flag", True),
        ("quota", True),
    ]
    assert reasons[1][2] == (
        "Chưa đủ: 0/1 sáng kiến được công nhận từ cấp cơ sở (đơn vị) trở lên trong năm học 2025-2026."
    )
    passing = nominate_staff(client, world, rnd["id"], "GK-XA-CN", staff="A-02", initiative_ids=[used]).json()
    assert passing["eligibility"]["eligible"] is True and passing["initiatives"][0]["id"] == used

    failing = act(client, world, "manager_a", failing, "submit").json()
    passing = act(client, world, "manager_a", passing, "submit").json()
    # The council reviews commune-level nominations; a unit head cannot approve them.
    assert_problem(act(client, world, "manager_a", failing, "approve", {}), 403)
    m = meeting(client, world, rnd["id"])
    assert_problem(
        act(
            client,
            world,
            "officer",
            failing,
            "review",
            {"meeting_id": m["id"], "votes_for": 6, "votes_cast": 6},
        ),
        422,
        "body.votes_cast",
    )
    assert_problem(
        act(
            client,
            world,
            "officer",
            failing,
            "review",
            {"meeting_id": m["id"], "votes_for": 4, "votes_cast": 3},
        ),
        422,
        "body.votes_for",
    )
    failing = act(
        client, world, "officer", failing, "review", {"meeting_id": m["id"], "votes_for": 3, "votes_cast": 5}
    ).json()
    passing = act(
        client, world, "officer", passing, "review", {"meeting_id": m["id"], "votes_for": 5, "votes_cast": 5}
    ).json()
    assert failing["status"] == "reviewed" and failing["vote_share_percent"] == "60.00"
    assert set(failing["allowed_actions"]) == set()  # the officer's part is done
    assert_problem(act(client, world, "officer", failing, "approve", {}), 403)

    leader_view = client.get("/api/v1/nominations?awaiting_me=true", headers=world.headers("leader")).json()
    assert {i["id"] for i in leader_view["items"]} == {failing["id"], passing["id"]}
    # The one slot of the quota (10 % of 4 staff, at least 1) goes to the eligible nominee first.
    approved_ok = act(client, world, "leader", passing, "approve", {}).json()
    assert approved_ok["status"] == "approved" and approved_ok["override_reason"] is None
    problem = assert_problem(
        act(client, world, "leader", failing, "approve", {}), 422, "body.override_reason"
    )
    message = problem["errors"][0]["message"]
    assert (
        "Chưa đủ: 0/1 sáng kiến" in message and "Vượt hạn mức: 10% của 4 cán bộ toàn xã = 1 suất" in message
    )
    assert_problem(
        act(client, world, "leader", failing, "approve", {"override_reason": "ngắn"}),
        422,
        "body.override_reason",
    )
    reason = "Có đóng góp đặc biệt trong chuyển đổi số của trường, Hội đồng thống nhất đề nghị."
    approved = act(client, world, "leader", failing, "approve", {"override_reason": reason}).json()
    assert approved["status"] == "approved" and approved["override_reason"] == reason

    minutes = client.get(f"/api/v1/council-meetings/{m['id']}/minutes.docx", headers=world.headers("officer"))
    text = docx_text(minutes.content)
    assert "BIÊN BẢN" in text and "Nguyễn Thị Hương" in text and "3/5" in text and "60,00%" in text
    # The secretary signs beside the chair.
    assert "THƯ KÝ\n\n\n\n\nLê Thị Thư\nCHỦ TỊCH HỘI ĐỒNG\n\n\n\n\nNguyễn Văn Chủ" in text
    assert "Chưa đạt: Chưa đủ: 0/1 sáng kiến" in text and "5/7" in text

    body = {
        "round_id": rnd["id"],
        "level": "commune",
        "number": "125/QĐ-UBND",
        "signed_on": str(today()),
        "signer_name": "Hoàng Văn Xã",
        "signer_title": "Chủ tịch",
        "nomination_ids": [approved["id"], approved_ok["id"]],
    }
    assert (
        client.post("/api/v1/award-decisions", json=body, headers=world.headers("manager_a")).status_code
        == 403
    )
    d = client.post("/api/v1/award-decisions", json=body, headers=world.headers("officer")).json()
    assert "issue" not in d["allowed_actions"]  # the officer prepares; the chairman signs
    assert_problem(
        client.post(
            f"/api/v1/award-decisions/{d['id']}/issue",
            headers={**world.headers("officer"), "If-Match": f'"{d["version"]}"'},
        ),
        403,
    )
    d = client.post(
        f"/api/v1/award-decisions/{d['id']}/issue",
        headers={**world.headers("leader"), "If-Match": f'"{d["version"]}"'},
    ).json()
    assert d["status"] == "issued" and all(a["verification_code"] for a in d["awardees"])

    text = docx_text(
        client.get(
            f"/api/v1/award-decisions/{d['id']}/document.docx", headers=world.headers("officer")
        ).content
    )
    assert (
        "QUYẾT ĐỊNH" in text
        and "Số: 125/QĐ-UBND" in text
        and "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ THANH THỦY" in text
    )
    assert "Nguyễn Thị Hương" in text and "Trần Văn Dũng" in text and "02 cá nhân" in text
    assert "Giấy khen của Chủ tịch UBND xã" in text and "(Kèm theo Quyết định số 125/QĐ-UBND" in text
    # Trích yếu from the round's data; the movement's name from the movement record; the chairman
    # signs for the committee (TM.).
    assert "Về việc khen thưởng năm học 2025-2026\n" in text and "Khen thưởng Khen thưởng" not in text
    assert "trong phong trào thi đua phát triển khoa học công nghệ" in text
    assert text.index("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n") < text.index("Hoàng Văn Xã")
    # Cash: Giấy khen 0.15 × 2,340,000 = 351,000, rounded up to 360,000 đ each (Decree 98/2023).
    assert "Điều 2. Kèm theo mức tiền thưởng theo danh sách, tổng số tiền 720.000 đ" in text
    assert "Tiền thưởng (đồng)\n" in text and text.count("360.000") == 2 and "Tổng cộng" in text
    sheet = load_workbook(
        BytesIO(
            client.get(
                f"/api/v1/award-decisions/{d['id']}/list.xlsx", headers=world.headers("officer")
            ).content
        )
    ).active
    assert sheet["G4"].value == 360000 and sheet["G4"].number_format == '#,##0 "đ"'

    # Phòng Kinh tế sees the totals per decision and per round, and exports them.
    totals = client.get(
        f"/api/v1/award-decisions/cash-totals?round_id={rnd['id']}", headers=world.headers("finance")
    )
    assert totals.status_code == 200, totals.text
    assert totals.json()["total"] == 720000
    assert [
        (x["number"], x["awardees"], x["base_salary"], x["total"]) for x in totals.json()["decisions"]
    ] == [("125/QĐ-UBND", 2, 2340000, 720000)]
    assert totals.json()["rounds"] == [
        {"round_id": rnd["id"], "round_name": rnd["name"], "decisions": 1, "total": 720000}
    ]
    # The same cash rewards appear in the movement's budget summary of the round's school year.
    summary = client.get(
        "/api/v1/budget/summary",
        params={"movement_id": catalogue["movement"], "school_year": rnd["school_year"]},
        headers=world.headers("finance"),
    )
    assert summary.json()["cash_rewards"] == {"decisions": 1, "total_vnd": 720000}
    book = load_workbook(
        BytesIO(
            client.get(
                f"/api/v1/award-decisions/cash-totals.xlsx?round_id={rnd['id']}",
                headers=world.headers("finance"),
            ).content
        )
    )
    assert book["Theo quyết định"]["H2"].value == 720000 and book["Theo quyết định"]["H3"].value == 720000
    assert book["Theo đợt"]["C2"].number_format == '#,##0 "đ"'
    assert_problem(client.get("/api/v1/award-decisions/cash-totals", headers=world.headers("teacher_a")), 403)

    # A new base salary applies from its date on; it may not start on or before an issued decision
    # (its amounts would change) nor twice on one day.
    officer = world.headers("officer")
    salaries = "/api/v1/award-types/base-salaries"
    assert [(b["effective_from"], b["amount"]) for b in client.get(salaries, headers=officer).json()] == [
        ("2024-07-01", 2340000)
    ]
    new = {"effective_from": str(today()), "amount": 2530000, "legal_basis": "Nghị định mới"}
    assert_problem(client.post(salaries, json=new, headers=officer), 422, "body.effective_from")
    assert_problem(client.post(salaries, json={**new, "amount": 2530}, headers=officer), 422, "body.amount")
    assert_problem(client.post(salaries, json=new, headers=world.headers("finance")), 403)
    later = {**new, "effective_from": str(today() + timedelta(days=1))}
    assert client.post(salaries, json=later, headers=officer).status_code == 201
    assert_problem(client.post(salaries, json=later, headers=officer), 422, "body.effective_from")
    assert len(client.get(salaries, headers=officer).json()) == 2
    # The issued decision keeps its amount.
    assert (
        client.get(
            f"/api/v1/award-decisions/cash-totals?round_id={rnd['id']}", headers=world.headers("finance")
        ).json()["total"]
        == 720000
    )
    assert_problem(
        client.get("/api/v1/award-decisions/cash-totals?round_id=abc", headers=world.headers("finance")),
        422,
        "query.round_id",
    )

    # The initiative cited by the decision is used up; it cannot serve another award.
    with db(world) as session:
        assert session.get(Initiative, used).used_by_achievement_id is not None  # type: ignore[union-attr]
        actions = {
            e.action for e in session.exec(select(AuditEvent).where(AuditEvent.entity_type == "nomination"))
        }
    assert {"create", "submit", "review", "approve", "decide"} <= actions


def test_one_award_per_level_and_round_and_one_award_per_initiative(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    verified_scorecard(world, catalogue, unit="THCS-A", staff="A-01")
    shared = initiative(world, unit="THCS-A", authors=["A-01", "A-02"])
    draft = initiative(world, unit="THCS-A", authors=["A-01"], level=None)
    other_school = initiative(world, unit="TH-B", authors=["B-01"])
    rnd = open_round(client, world)
    a01 = {"unit_id": world.units["THCS-A"], "staff_id": world.staff["A-01"]}
    assert_problem(
        nominate(client, world, "manager_a", rnd["id"], "GK-XA-CN", **a01, initiative_ids=[draft]),
        422,
        "body.initiative_ids.0",
    )
    assert_problem(
        nominate(client, world, "manager_a", rnd["id"], "GK-XA-CN", **a01, initiative_ids=[other_school]),
        422,
        "body.initiative_ids.0",
    )
    first = nominate(client, world, "manager_a", rnd["id"], "GK-XA-CN", **a01, initiative_ids=[shared])
    assert first.status_code == 201
    assert_problem(nominate(client, world, "manager_a", rnd["id"], "GK-XA-CN", **a01), 409)
    # Another commune-level award for the same person in the same round is the same achievement twice.
    officer = world.headers("officer")
    custom = {
        "code": "GK-XA-CN2",
        "name": "Giấy khen chuyên đề",
        "level": "commune",
        "granting_authority": "commune_chairman",
        "subject_kind": "individual",
        "round_kinds": ["annual"],
    }
    t = client.post("/api/v1/award-types", json=custom, headers=officer).json()
    client.post(
        f"/api/v1/award-types/{t['id']}/activate", headers={**officer, "If-Match": f'"{t["version"]}"'}
    )
    client.patch(
        f"/api/v1/award-rounds/{rnd['id']}",
        json={"award_type_codes": ["GK-DV-CN", "GK-XA-TT", "GK-XA-CN", "GK-XA-CN2"]},
        headers={**officer, "If-Match": f'"{rnd["version"]}"'},
    )
    problem = assert_problem(nominate(client, world, "manager_a", rnd["id"], "GK-XA-CN2", **a01), 409)
    assert "cùng cấp" in problem["detail"]
    # A different level in the same round is a different award.
    assert nominate(client, world, "manager_a", rnd["id"], "GK-DV-CN", **a01).status_code == 201
    # The co-author cannot reuse the initiative already cited by the first nomination.
    a02 = {"unit_id": world.units["THCS-A"], "staff_id": world.staff["A-02"]}
    problem = assert_problem(
        nominate(client, world, "manager_a", rnd["id"], "GK-XA-CN", **a02, initiative_ids=[shared]),
        422,
        "body.initiative_ids.0",
    )
    assert f"#{first.json()['id']}" in problem["errors"][0]["message"]


def test_who_may_nominate_what(client: TestClient, world: World, catalogue: dict[str, int]) -> None:
    rnd = open_round(client, world)
    a01 = {"unit_id": world.units["THCS-A"], "staff_id": world.staff["A-01"]}
    assert nominate(client, world, "teacher_a", rnd["id"], "GK-DV-CN", **a01).status_code == 403
    assert nominate(client, world, "leader", rnd["id"], "GK-DV-CN", **a01).status_code == 403
    assert nominate(client, world, "finance", rnd["id"], "GK-DV-CN", **a01).status_code == 403
    assert_problem(nominate(client, world, "manager_b", rnd["id"], "GK-DV-CN", **a01), 422, "body.unit_id")
    assert_problem(
        nominate_staff(client, world, rnd["id"], "GK-DV-CN", staff="B-01"),
        422,
        "body.staff_id",
    )
    assert_problem(nominate(client, world, "manager_a", rnd["id"], "GK-XA-TT", **a01), 422, "body.staff_id")
    assert_problem(
        nominate(client, world, "manager_a", rnd["id"], "BK-TINH-TT", unit_id=world.units["THCS-A"]),
        422,
        "body.award_type_code",
    )
    assert (
        nominate(client, world, "manager_a", rnd["id"], "GK-XA-TT", unit_id=world.units["THCS-A"]).status_code
        == 201
    )
    # A school proposes its collective for the province's Bằng khen to the commune (seed III.2);
    # teachers and Phòng Kinh tế propose nothing.
    review = review_round(client, world)
    assert (
        nominate(
            client, world, "manager_a", review["id"], "BK-TINH-TT", unit_id=world.units["THCS-A"]
        ).status_code
        == 201
    )
    assert (
        nominate(
            client, world, "teacher_a", review["id"], "BK-TINH-TT", unit_id=world.units["THCS-A"]
        ).status_code
        == 403
    )
    # A closed round takes no nominations from schools.
    closed = open_round(
        client,
        world,
        school_year="2024-2025",
        opens_on="2025-05-01",
        closes_on="2025-06-01",
        award_type_codes=["GK-DV-CN"],
    )
    assert_problem(nominate(client, world, "manager_a", closed["id"], "GK-DV-CN", **a01), 409)


def test_the_quota_is_enforced_at_approval(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    verified_scorecard(world, catalogue, unit="THCS-A", staff="A-01", classification="good")
    verified_scorecard(world, catalogue, unit="THCS-A", staff="A-02", classification="good")
    rnd = open_round(client, world)
    first, second = (
        act(
            client,
            world,
            "manager_a",
            nominate(
                client,
                world,
                "manager_a",
                rnd["id"],
                "GK-DV-CN",
                unit_id=world.units["THCS-A"],
                staff_id=world.staff[c],
            ).json(),
            "submit",
        ).json()
        for c in ("A-01", "A-02")
    )
    assert act(client, world, "manager_a", first, "approve", {}).json()["status"] == "approved"
    # 30 % of 2 staff rounds down to 0, but never below 1: the one slot is taken.
    problem = assert_problem(
        act(client, world, "manager_a", second, "approve", {}), 422, "body.override_reason"
    )
    assert "Vượt hạn mức: 30% của 2 cán bộ của đơn vị = 1 suất; đã duyệt 1" in problem["errors"][0]["message"]
    rejected = act(
        client, world, "manager_a", second, "reject", {"reason": "Hết chỉ tiêu khen thưởng năm học."}
    ).json()
    assert (
        rejected["status"] == "rejected" and rejected["decision_note"] == "Hết chỉ tiêu khen thưởng năm học."
    )


def test_province_proposal_and_the_province_answer(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    for year in ("2025-2026", "2026-2027"):
        verified_scorecard(world, catalogue, unit="THCS-A", year=year, indicators={"TC5.2": "0"})
    initiative(world, unit="THCS-A", authors=["A-01"], level="commune")
    officer = world.headers("officer")
    review = review_round(client, world)
    n = nominate(client, world, "officer", review["id"], "BK-TINH-TT", unit_id=world.units["THCS-A"]).json()
    reasons = outcome_reasons(n)
    assert [p for _, p, _ in reasons] == [True, False, True]  # no GK-XA-TT in the phase yet
    assert reasons[1][2].startswith("Chưa đủ: GK-XA-TT: 0/1 lần")
    n = act(client, world, "officer", n, "submit").json()
    m = meeting(client, world, review["id"])
    n = act(
        client, world, "officer", n, "review", {"meeting_id": m["id"], "votes_for": 5, "votes_cast": 5}
    ).json()
    n = act(
        client,
        world,
        "leader",
        n,
        "approve",
        {"override_reason": "Trường đạt giải cấp tỉnh về chuyển đổi số năm 2026."},
    ).json()
    body = {
        "round_id": review["id"],
        "kind": "proposal",
        "level": "province",
        "number": "56/TTr-UBND",
        "signed_on": str(today()),
        "signer_name": "Phạm Thị Phó",
        "signer_title": "Phó Chủ tịch",
        "nomination_ids": [n["id"]],
    }
    assert_problem(
        client.post("/api/v1/award-decisions", json={**body, "kind": "decision"}, headers=officer),
        422,
        "body.kind",
    )
    d = client.post("/api/v1/award-decisions", json=body, headers=officer).json()
    d = client.post(
        f"/api/v1/award-decisions/{d['id']}/issue",
        headers={**world.headers("leader"), "If-Match": f'"{d["version"]}"'},
    ).json()
    assert d["status"] == "issued" and d["awardees"][0]["status"] == "Đã trình cấp tỉnh"
    text = docx_text(client.get(f"/api/v1/award-decisions/{d['id']}/document.docx", headers=officer).content)
    assert (
        "TỜ TRÌNH" in text
        and "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ." in text
        and "Trường THCS A" in text
    )
    # A deputy signs for the chairman (KT.); the period without nested brackets; the override's
    # reason in the list the province reads.
    assert "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\n\n\nPhạm Thị Phó" in text
    assert "tặng Bằng khen sơ kết giai đoạn 2025-2027\n" in text and "((" not in text
    assert "Xét đặc cách: Trường đạt giải cấp tỉnh về chuyển đổi số năm 2026." in text
    sheet = load_workbook(
        BytesIO(client.get(f"/api/v1/award-decisions/{d['id']}/list.xlsx", headers=officer).content)
    ).active
    assert (
        sheet["B4"].value == "Trường THCS A"
        and sheet["E4"].value == "Bằng khen của Chủ tịch UBND tỉnh"
        and sheet["F4"].value.startswith("Xét đặc cách: Trường đạt giải cấp tỉnh")
    )

    answer = {
        "decision_number": "1234/QĐ-UBND",
        "decision_date": str(today()),
        "results": [{"nomination_id": 999999, "accepted": True}],
    }
    headers = {**officer, "If-Match": f'"{d["version"]}"'}
    assert_problem(
        client.post(f"/api/v1/award-decisions/{d['id']}/province-answer", json=answer, headers=headers),
        422,
        "body.results.0.nomination_id",
    )
    answer["results"] = [{"nomination_id": n["id"], "accepted": True}]
    d = client.post(f"/api/v1/award-decisions/{d['id']}/province-answer", json=answer, headers=headers).json()
    assert d["status"] == "answered" and d["province_decision_number"] == "1234/QĐ-UBND"
    achievement = client.get(f"/api/v1/achievements?unit_id={world.units['THCS-A']}", headers=officer).json()[
        "items"
    ][0]
    assert (
        achievement["issuer"] == "Chủ tịch UBND tỉnh Phú Thọ"
        and achievement["decision_number"] == "1234/QĐ-UBND"
    )
    assert achievement["level"] == "province" and achievement["school_year"] == "2026-2027"
    # The province prints its own Bằng khen: the commune's app never prints another authority's.
    assert_problem(
        client.get(f"/api/v1/achievements/{achievement['id']}/certificate.pdf", headers=officer), 409
    )


def test_earlier_achievements_feed_the_rules(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    officer = world.headers("officer")
    past = {
        "unit_id": world.units["THCS-A"],
        "award_type_code": "GK-XA-TT",
        "award_name": "Giấy khen của Chủ tịch UBND xã",
        "level": "commune",
        "school_year": "2025-2026",
        "decision_number": "88/QĐ-UBND",
        "decision_date": "2026-06-10",
        "issuer": "Chủ tịch UBND xã Thanh Thủy",
    }
    assert (
        client.post("/api/v1/achievements", json=past, headers=world.headers("manager_a")).status_code == 403
    )
    assert_problem(
        client.post(
            "/api/v1/achievements",
            json={**past, "decision_date": str(today() + timedelta(days=3))},
            headers=officer,
        ),
        422,
        "body.decision_date",
    )
    a = client.post("/api/v1/achievements", json=past, headers=officer)
    assert a.status_code == 201 and a.json()["verification_code"] is None
    review = review_round(client, world)
    r = client.post(
        "/api/v1/nominations/eligibility",
        json={"round_id": review["id"], "award_type_code": "BK-TINH-TT", "unit_id": world.units["THCS-A"]},
        headers=officer,
    )
    assert r.json()["outcomes"][1]["passed"] is True
    assert_problem(client.get(f"/api/v1/achievements/{a.json()['id']}/certificate.pdf", headers=officer), 409)


def test_council_minutes_stay_within_the_commune(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    rnd = open_round(client, world)
    m = meeting(client, world, rnd["id"])
    for login in ("manager_a", "teacher_a", "integration", "comms"):
        assert (
            client.get(
                f"/api/v1/council-meetings/{m['id']}/minutes.docx", headers=world.headers(login)
            ).status_code
            == 403
        )
    assert client.get("/api/v1/council-meetings", headers=world.headers("leader")).json()["total"] == 1
    r = client.get(f"/api/v1/council-meetings/{m['id']}/minutes.docx", headers=world.headers("leader"))
    assert r.status_code == 200 and "Nguyễn Văn Chủ" in docx_text(r.content)
    bad = {
        **{"round_id": rnd["id"], "held_on": str(today()), "chair": "A", "members_present": ["A", "B", "C"]},
        "members_total": 2,
    }
    assert_problem(
        client.post("/api/v1/council-meetings", json=bad, headers=world.headers("officer")),
        422,
        "body.members_present",
    )

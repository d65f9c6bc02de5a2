"""The commune the authorization matrix and the audit walk run against.

Every school-owned object exists twice: in school A ("own": the school of the school roles'
users) and in school B ("other"). A route acting on an object gets its own target in the state the
action needs (a draft plan to submit, a submitted one to return, another to approve), so a status in
the matrix tells about authorization, not about an earlier call having moved the object on.

The commune is built once through the API; `snapshot` keeps every row and `restore` puts them back
before each role runs, so one role's writes never change what the next role meets.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import Engine
from sqlmodel import Session, SQLModel, select

from tests.api.test_assessments import VALUES  # the catalogue's unit framework, answered
from tests.helpers import World
from thidua.auth.models import User, UserRole
from thidua.db import make_engine
from thidua.demo.catalogue import framework_document
from thidua.demo.loader import load_movement
from thidua.frameworks.models import Framework

YEAR = "2025-2026"
TODAY = date.today()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
SCHOOLS = {"own": "A", "other": "B"}
SCHOOL_UNIT = {"A": "THCS-A", "B": "TH-B"}
SCHOOL_GROUP = {"A": "THCS-A-KHTN", "B": "TH-B-K45"}
# Each school's manager makes that school's objects.
MANAGER = {"A": "manager_a", "B": "manager_b"}


@dataclass
class Commune:
    """Ids the cases need: `targets[name][scope]` are the path parameters of one object, scope
    "own"/"other" for school-owned objects, "commune" for the commune's own."""

    world: World
    ids: dict[str, int] = field(default_factory=dict)
    targets: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    def unit(self, school: str, group: bool = False) -> int:
        return self.world.units[(SCHOOL_GROUP if group else SCHOOL_UNIT)[school]]

    def staff(self, code: str) -> int:
        return self.world.staff[code]

    def put(self, name: str, scope: str, **params: Any) -> None:
        self.targets.setdefault(name, {})[scope] = params


class Api:
    """Calls made while building the commune: each must succeed."""

    def __init__(self, client: TestClient, world: World) -> None:
        self.client, self.world = client, world

    def call(self, login: str, method: str, url: str, **kwargs: Any) -> Response:
        headers = {**self.world.headers(login), "If-Match": "*", **kwargs.pop("headers", {})}
        return self.client.request(method, "/api/v1" + url, headers=headers, **kwargs)

    def ok(self, login: str, method: str, url: str, **kwargs: Any) -> Any:
        r = self.call(login, method, url, **kwargs)
        assert r.status_code < 300, (
            f"building the commune: {method} {url} as {login}: {r.status_code} {r.text}"
        )
        return r.json() if r.content and r.headers.get("content-type", "").endswith("json") else None


def movement_body(code: str) -> dict[str, Any]:
    return {
        "code": code,
        "title": f"Phong trào thử nghiệm {code}",
        "start_year": 2025,
        "end_year": 2030,
        "content_areas": [{"code": "ND1", "name": "Chuyển đổi số trong dạy học"}],
        "phases": [
            {
                "number": 1,
                "name": "Giai đoạn 1",
                "start_year": 2025,
                "end_year": 2030,
                "review_kind": "final",
                "review_year": 2030,
            }
        ],
    }


def plan_body(movement_id: int, unit_id: int | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "movement_id": movement_id,
        "number": "12/KH-THCS",
        "title": "Kế hoạch thực hiện Phong trào",
        "received_date": str(TODAY - timedelta(days=5)),
        "content": {"objectives": "100% giáo viên được bồi dưỡng kỹ năng số"},
    }
    if unit_id is not None:
        body["unit_id"] = unit_id
    return body


def framework_body(movement_id: int, code: str) -> dict[str, Any]:
    doc = framework_document(movement_id, "unit")
    return {**doc, "code": code, "name": f"Bảng điểm thử {code}"}


def award_type_body(code: str) -> dict[str, Any]:
    return {
        "code": code,
        "name": f"Giấy khen thử {code}",
        "level": "commune",
        "granting_authority": "commune_chairman",
        "subject_kind": "individual",
        "round_kinds": ["annual"],
        "rules": [],
    }


def build(client: TestClient, world: World) -> Commune:
    """Everything the cases act on, made through the API by the people who make it in real life."""
    c = Commune(world)
    api = Api(client, world)
    engine = make_engine(world.settings.resolved_database_url)
    with Session(engine) as session:  # the catalogue fixture's movement, frameworks and award types
        load_movement(session)
        for f in session.exec(select(Framework)):
            assert f.id is not None
            c.ids["movement"] = f.movement_id
            c.ids[{"BDC-CSGD": "framework_unit", "BDC-CANHAN": "framework_individual"}[f.code]] = f.id
    engine.dispose()
    _people(api, c)
    _commune_data(api, c)
    _school_work(api, c)
    _awards(api, c)
    _stories_and_publications(api, c)
    _integrations(api, c)
    return c


def _people(api: Api, c: Commune) -> None:
    w = c.world
    # Teachers' accounts are linked to their staff records (what "own individual assessment" reads).
    for code, login in (("A-01", "teacher_a"), ("B-01", "teacher_b")):
        api.ok("officer", "PATCH", f"/staff/{c.staff(code)}", json={"user_id": w.users[login].id})
    for scope, school in SCHOOLS.items():
        unit = c.unit(school)
        for n in range(3, 14):
            code = f"{school}-{n:02d}"
            made = api.ok(
                "officer",
                "POST",
                "/staff",
                json={
                    "code": code,
                    "full_name": f"Giáo viên {code}",
                    "position": "Giáo viên",
                    "unit_id": unit,
                },
            )
            w.staff[code] = made["id"]
        c.put("staff", scope, staff_id=c.staff(f"{school}-01"))
        c.put("staff_to_deactivate", scope, staff_id=c.staff(f"{school}-03"))
        api.ok("officer", "POST", f"/staff/{c.staff(f'{school}-04')}/deactivate")
        c.put("staff_inactive", scope, staff_id=c.staff(f"{school}-04"))

        c.put("unit", scope, unit_id=unit)
        leaf = api.ok(
            "officer",
            "POST",
            "/units",
            json={
                "code": f"{school}-TIN",
                "name": f"Tổ Tin học {school}",
                "kind": "subject_group",
                "parent_id": unit,
            },
        )
        c.put("unit_leaf", scope, unit_id=leaf["id"])
        closed = api.ok(
            "officer",
            "POST",
            "/units",
            json={
                "code": f"{school}-CU",
                "name": f"Tổ cũ {school}",
                "kind": "subject_group",
                "parent_id": unit,
            },
        )
        api.ok("officer", "POST", f"/units/{closed['id']}/deactivate")
        c.put("unit_inactive", scope, unit_id=closed["id"])

        _accounts(c, scope, school)


def _accounts(c: Commune, scope: str, school: str) -> None:
    """Teachers' accounts, made in the database: hashing a password through the API costs most of a
    second each."""
    engine = make_engine(c.world.settings.resolved_database_url)
    with Session(engine) as session:
        for target, active in (("user", True), ("user_to_deactivate", True), ("user_inactive", False)):
            user = User(
                login=f"gv.{target}.{school}".lower(),
                full_name=f"Giáo viên {target}",
                password_hash=c.world.users["admin"].password_hash,
                unit_id=c.unit(school),
                is_active=active,
            )
            session.add(user)
            session.flush()
            session.add(UserRole(user_id=user.id, role="staff"))
            c.put(target, scope, user_id=user.id)
        session.commit()
    engine.dispose()


def _commune_data(api: Api, c: Commune) -> None:
    c.put("movement", "commune", movement_id=c.ids["movement"])
    # A school has one plan per movement: more movements, more plans in different states.
    for name in ("plans_return", "plans_approve", "plans_create"):
        made = api.ok("officer", "POST", "/movements", json=movement_body(name.upper()))
        c.ids[f"movement_{name}"] = made["id"]

    c.put("framework", "commune", framework_id=c.ids["framework_unit"])
    for name in ("framework_draft", "framework_to_activate"):
        made = api.ok("officer", "POST", "/frameworks", json=framework_body(c.ids["movement"], name.upper()))
        c.put(name, "commune", framework_id=made["id"])
    # A second unit framework in use: more school years of unit self-assessments to act on.
    extra = api.ok("officer", "POST", "/frameworks", json=framework_body(c.ids["movement"], "BDC-CONG-KHAI"))
    api.ok("officer", "POST", f"/frameworks/{extra['id']}/activate")
    c.ids["framework_unpublished"] = extra["id"]


def _school_work(api: Api, c: Commune) -> None:
    w = c.world
    request_body = {
        "movement_id": c.ids["movement"],
        "kind": "semester",
        "title": "Báo cáo sơ kết học kỳ I",
        "school_year": YEAR,
        "due_date": str(TODAY + timedelta(days=10)),
        "unit_ids": [c.unit("A"), c.unit("B")],
    }
    request = api.ok("officer", "POST", "/report-requests", json=request_body)
    c.ids["report_request_for_create"] = api.ok(
        "officer", "POST", "/report-requests", json={**request_body, "title": "Báo cáo quý I"}
    )["id"]
    for scope, school in SCHOOLS.items():
        manager, unit = MANAGER[school], c.unit(school)
        # Plans: one per movement and school, each in the state its action needs.
        plan = api.ok(manager, "POST", "/plans", json=plan_body(c.ids["movement"]))
        c.put("plan", scope, plan_id=plan["id"])
        for action in ("return", "approve"):
            made = api.ok(manager, "POST", "/plans", json=plan_body(c.ids[f"movement_plans_{action}"]))
            api.ok(manager, "POST", f"/plans/{made['id']}/submit")
            c.put(f"plan_to_{action}", scope, plan_id=made["id"])

        activity = api.ok(
            manager,
            "POST",
            "/activities",
            json={"kind": "seminar", "title": "Chuyên đề dạy học số", "activity_date": "2025-11-20"},
        )
        c.put("activity", scope, activity_id=activity["id"])

        # Self-assessments of the school, one school year per state.
        years = {"draft": YEAR, "review": "2026-2027", "return": "2027-2028", "verify": "2028-2029"}
        for state, year in years.items():
            a = api.ok(
                manager,
                "POST",
                "/self-assessments",
                json={"framework_id": c.ids["framework_unit"], "school_year": year},
            )
            _fill(api, manager, a["id"])
            if state != "draft":
                api.ok(manager, "POST", f"/self-assessments/{a['id']}/submit")
            c.put(
                "assessment" if state == "draft" else f"assessment_to_{state}", scope, assessment_id=a["id"]
            )
        a = api.ok(
            manager,
            "POST",
            "/self-assessments",
            json={"framework_id": c.ids["framework_unpublished"], "school_year": "2026-2027"},
        )
        _fill(api, manager, a["id"])
        c.put("assessment_to_submit", scope, assessment_id=a["id"])
        draft = c.targets["assessment"][scope]["assessment_id"]
        file = api.ok(
            manager,
            "POST",
            f"/self-assessments/{draft}/evidence/files",
            data={"indicator_code": "TC5.1"},
            files={"file": ("Quy chế.pdf", PDF, "application/pdf")},
        )
        c.put("evidence_file", scope, assessment_id=draft, evidence_id=file["id"])
        link = api.ok(
            manager,
            "POST",
            f"/self-assessments/{draft}/evidence/links",
            json={"indicator_code": "TC2.1", "url": "https://lms.example.vn/thong-ke"},
        )
        c.put("evidence_link", scope, assessment_id=draft, evidence_id=link["id"])

        inspection = api.ok(
            "officer",
            "POST",
            "/inspections",
            json={
                "kind": "periodic",
                "title": f"Kiểm tra định kỳ {school}",
                "school_year": "2026-2027",
                "inspection_date": "2026-12-15",
                "member_user_ids": [w.users["inspector"].id],
                "unit_ids": [unit],
            },
        )
        c.put("inspection", scope, inspection_id=inspection["id"])

        report = api.ok(manager, "POST", "/reports", json={"request_id": request["id"]})
        api.ok(manager, "PATCH", f"/reports/{report['id']}", json={"results": "Kết quả học kỳ I"})
        c.put("report", scope, report_id=report["id"])
        own_request = api.ok(
            "officer",
            "POST",
            "/report-requests",
            json={
                "movement_id": c.ids["movement"],
                "kind": "ad_hoc",
                "title": f"Báo cáo chuyên đề {school}",
                "school_year": YEAR,
                "due_date": str(TODAY + timedelta(days=10)),
                "unit_ids": [unit],
            },
        )
        c.put("report_request", scope, request_id=own_request["id"])

        authors = [{"staff_id": c.staff(f"{school}-01"), "share_percent": "100"}]
        initiative_body = {
            "kind": "initiative",
            "title": "Sáng kiến",
            "school_year": YEAR,
            "authors": authors,
        }
        for name in ("initiative", "initiative_to_recognise", "initiative_recognised"):
            made = api.ok(manager, "POST", "/initiatives", json=initiative_body)
            c.put(name, scope, initiative_id=made["id"])
        api.ok(
            manager,
            "POST",
            f"/initiatives/{c.targets['initiative_recognised'][scope]['initiative_id']}/recognition",
            json={
                "recognition_level": "unit",
                "recognition_decision": "12/QĐ-THCS",
                "recognition_date": "2026-05-10",
                "recognised_by": "Hiệu trưởng",
            },
        )

        rating = api.ok(
            manager,
            "POST",
            "/staff-ratings",
            json={"staff_id": c.staff(f"{school}-02"), "school_year": YEAR, "rating": "good"},
        )
        c.put("rating", scope, rating_id=rating["id"])
        flag = api.ok(
            "officer",
            "POST",
            "/flags",
            json={
                "kind": "security_incident",
                "unit_id": unit,
                "opened_on": "2026-01-05",
                "note": "Lộ mật khẩu",
            },
        )
        c.put("flag", scope, flag_id=flag["id"])


def _fill_and_submit(api: Api, login: str, assessment_id: int) -> None:
    _fill(api, login, assessment_id)
    api.ok(login, "POST", f"/self-assessments/{assessment_id}/submit")


def _fill(api: Api, login: str, assessment_id: int) -> None:
    """Every value and the evidence the catalogue requires, ready to submit."""
    entries = [{"indicator_code": k, "value": v} for k, v in VALUES.items()]
    api.ok(login, "PUT", f"/self-assessments/{assessment_id}/entries", json={"entries": entries})
    api.ok(
        login,
        "POST",
        f"/self-assessments/{assessment_id}/evidence/links",
        json={"indicator_code": "TC2.1", "url": "https://lms.example.vn/thong-ke"},
    )
    api.ok(
        login,
        "POST",
        f"/self-assessments/{assessment_id}/evidence/links",
        json={"indicator_code": "TC5.1", "url": "https://thcs.example.vn/quy-che"},
    )


def _round_body(**overrides: Any) -> dict[str, Any]:
    return {
        "kind": "annual",
        "school_year": YEAR,
        "opens_on": str(TODAY - timedelta(days=1)),
        "closes_on": str(TODAY + timedelta(days=30)),
        "award_type_codes": ["GK-DV-CN", "GK-XA-CN"],
        **overrides,
    }


def _decision_body(round_id: int, level: str, nomination_ids: list[int], number: str) -> dict[str, Any]:
    return {
        "round_id": round_id,
        "kind": "proposal" if level == "province" else "decision",
        "level": level,
        "nomination_ids": nomination_ids,
        "number": number,
        "signed_on": str(TODAY),
        "signer_name": "Trần Văn Thành",
        "signer_title": "Chủ tịch UBND xã" if level != "unit" else "Hiệu trưởng",
    }


def _awards(api: Api, c: Commune) -> None:
    """Nominations of each school in every state an action needs, the council's meeting, decisions
    of the unit and of the commune, a province proposal answered by nobody yet, achievements."""
    rnd = api.ok("officer", "POST", "/award-rounds", json=_round_body())
    c.ids["round"] = rnd["id"]
    c.put("award_round", "commune", round_id=rnd["id"])
    members = ["Nguyễn Văn Chủ", "Lê Thị Thư", "Trần Văn Ủy", "Phạm Thị Viên", "Hoàng Văn Bảy"]
    meeting = api.ok(
        "officer",
        "POST",
        "/council-meetings",
        json={
            "round_id": rnd["id"],
            "held_on": str(TODAY),
            "chair": members[0],
            "members_present": members,
            "members_total": 7,
        },
    )
    c.ids["meeting"] = meeting["id"]
    c.put("council_meeting", "commune", meeting_id=meeting["id"])

    def nominate(login: str, staff: str, code: str) -> int:
        school = staff[0]
        body = {
            "round_id": rnd["id"],
            "award_type_code": code,
            "unit_id": c.unit(school),
            "staff_id": c.staff(staff),
            "justification": "Thành tích nổi bật trong chuyển đổi số.",
        }
        return int(api.ok(login, "POST", "/nominations", json=body)["id"])

    def act(login: str, nomination_id: int, action: str, body: Any = None) -> None:
        api.ok(login, "POST", f"/nominations/{nomination_id}/{action}", json=body)

    def reviewed(manager: str, staff: str) -> int:
        n = nominate(manager, staff, "GK-XA-CN")
        act(manager, n, "submit")
        vote = {"meeting_id": meeting["id"], "votes_cast": 5, "votes_for": 5}
        act("officer", n, "review", vote)
        return n

    approval = {"note": "Đồng ý", "override_reason": "Hội đồng thống nhất đề nghị."}
    commune_approved = []
    for scope, school in SCHOOLS.items():
        manager = MANAGER[school]
        c.put("nomination", scope, nomination_id=nominate(manager, f"{school}-01", "GK-XA-CN"))
        c.put("nomination_to_delete", scope, nomination_id=nominate(manager, f"{school}-02", "GK-XA-CN"))
        for name, staff in (("withdraw", "05"), ("review", "06")):
            n = nominate(manager, f"{school}-{staff}", "GK-XA-CN")
            act(manager, n, "submit")
            c.put(f"nomination_to_{name}", scope, nomination_id=n)
        c.put("nomination_to_approve", scope, nomination_id=reviewed(manager, f"{school}-07"))
        c.put("nomination_to_reject", scope, nomination_id=reviewed(manager, f"{school}-08"))
        for staff in ("11", "12"):
            n = reviewed(manager, f"{school}-{staff}")
            act("leader", n, "approve", approval)
            commune_approved.append(n)
        # The unit head's own certificates: approved by the head, decided by the head.
        unit_approved = []
        for staff in ("09", "10", "01", "02"):
            n = nominate(manager, f"{school}-{staff}", "GK-DV-CN")
            act(manager, n, "submit")
            act(manager, n, "approve", approval)
            unit_approved.append(n)
        c.ids[f"unit_nomination_approved_{school}"] = unit_approved[3]
        for name, n in (("decision", unit_approved[0]), ("decision_to_issue", unit_approved[1])):
            made = api.ok(
                manager, "POST", "/award-decisions", json=_decision_body(rnd["id"], "unit", [n], f"{n}/QĐ")
            )
            c.put(name, scope, decision_id=made["id"])
        issued = api.ok(
            manager,
            "POST",
            "/award-decisions",
            json=_decision_body(rnd["id"], "unit", [unit_approved[2]], f"{unit_approved[2]}/QĐ"),
        )
        api.ok(manager, "POST", f"/award-decisions/{issued['id']}/issue")
        certified = api.ok("officer", "GET", f"/achievements?unit_id={c.unit(school)}")["items"]
        c.put("achievement_certified", scope, achievement_id=certified[0]["id"])
        hand_entered = api.ok("officer", "POST", "/achievements", json=_achievement_body(c, school))
        c.put("achievement", scope, achievement_id=hand_entered["id"])
        c.ids[f"verification_code_{school}"] = certified[0]["verification_code"]

    for name, ids in (("decision", commune_approved[0::2]), ("decision_to_issue", commune_approved[1::2])):
        made = api.ok(
            "leader",
            "POST",
            "/award-decisions",
            json=_decision_body(rnd["id"], "commune", ids, f"{ids[0]}/QĐ-UBND"),
        )
        c.put(name, "commune", decision_id=made["id"])
    # A province proposal (a preliminary round of the phase), issued, waiting for the province's answer.
    province = api.ok(
        "officer",
        "POST",
        "/award-rounds",
        json=_round_body(
            kind="preliminary", school_year=None, phase_number=1, award_type_codes=["BK-TINH-CN"]
        ),
    )
    province_meeting = api.ok(
        "officer",
        "POST",
        "/council-meetings",
        json={
            "round_id": province["id"],
            "held_on": str(TODAY),
            "chair": members[0],
            "members_present": members,
            "members_total": 7,
        },
    )
    body = {
        "round_id": province["id"],
        "award_type_code": "BK-TINH-CN",
        "unit_id": c.unit("A"),
        "staff_id": c.staff("A-01"),
        "justification": "Thành tích xuất sắc nhiều năm.",
    }
    n = api.ok("officer", "POST", "/nominations", json=body)["id"]
    act("officer", n, "submit")
    act("officer", n, "review", {"meeting_id": province_meeting["id"], "votes_cast": 5, "votes_for": 5})
    act("leader", n, "approve", approval)
    proposal = api.ok(
        "officer", "POST", "/award-decisions", json=_decision_body(province["id"], "province", [n], "15/TTr")
    )
    api.ok("leader", "POST", f"/award-decisions/{proposal['id']}/issue")
    c.put("proposal", "commune", decision_id=proposal["id"])
    c.ids["proposal_nomination"] = n

    c.put("award_type", "commune", award_type_id=_award_type_id(api, "GK-DV-CN"))
    c.put("award_type_active", "commune", award_type_id=_award_type_id(api, "GK-XA-TT"))
    for name, code in (("award_type_draft", "GK-XA-CN"), ("award_type_to_activate", "BK-TINH-TT")):
        draft = api.ok("officer", "POST", f"/award-types/{_award_type_id(api, code)}/new-version")
        c.put(name, "commune", award_type_id=draft["id"])


def _award_type_id(api: Api, code: str) -> int:
    items = api.ok("officer", "GET", "/award-types?status=active&limit=200")["items"]
    return int(next(t["id"] for t in items if t["code"] == code))


def _achievement_body(c: Commune, school: str) -> dict[str, Any]:
    return {
        "unit_id": c.unit(school),
        "staff_id": c.staff(f"{school}-01"),
        "award_name": "Chiến sĩ thi đua cơ sở",
        "level": "commune",
        "school_year": "2024-2025",
        "decision_number": "88/QĐ-UBND",
        "decision_date": "2025-06-30",
        "issuer": "Chủ tịch UBND xã",
    }


def _stories_and_publications(api: Api, c: Commune) -> None:
    story = {"title": "Gương điển hình", "summary": "Năm học 2025-2026", "body": "Nội dung bài viết."}
    for name in ("story", "story_to_delete", "story_published", "story_with_image"):
        made = api.ok("comms", "POST", "/stories", json=story)
        c.put(name, "commune", story_id=made["id"])
    for name in ("story_published", "story_with_image"):
        story_id = c.targets[name]["commune"]["story_id"]
        image = api.ok(
            "comms",
            "POST",
            f"/stories/{story_id}/images",
            data={"caption": "Giờ học số"},
            files={"file": ("anh.png", PNG, "image/png")},
        )
        c.put(f"{name}_image", "commune", story_id=story_id, image_id=image["id"])
    api.ok("comms", "POST", f"/stories/{c.targets['story_published']['commune']['story_id']}/publish")

    # Verified results of both schools, published; and another framework's, not yet published.
    published_year = "2029-2030"
    for school in SCHOOLS.values():
        for framework, year in (
            (c.ids["framework_unit"], published_year),
            (c.ids["framework_unpublished"], YEAR),
        ):
            a = api.ok(
                MANAGER[school],
                "POST",
                "/self-assessments",
                json={"framework_id": framework, "school_year": year},
            )
            _fill_and_submit(api, MANAGER[school], a["id"])
            api.ok("officer", "POST", f"/self-assessments/{a['id']}/verify")
    publication = api.ok(
        "officer",
        "POST",
        "/result-publications",
        json={"framework_id": c.ids["framework_unit"], "school_year": published_year},
    )
    c.put("publication", "commune", publication_id=publication["id"])
    c.put("certificate", "commune", code=c.ids["verification_code_A"])


def _integrations(api: Api, c: Commune) -> None:
    w = c.world
    key = api.ok(
        "admin",
        "POST",
        "/api-keys",
        json={
            "name": "Hệ thống CSDL ngành",
            "service_account_id": w.users["integration"].id,
            "scopes": ["units:read"],
        },
    )
    c.put("api_key", "commune", key_id=key["id"])
    hook = api.ok(
        "admin",
        "POST",
        "/webhooks",
        json={
            "name": "Cổng thông tin",
            "url": "https://hooks.example.org/thidua",
            "events": ["plan.submitted"],
        },
    )
    c.put("webhook", "commune", webhook_id=hook["id"])
    hook = api.ok(
        "admin",
        "POST",
        "/webhooks",
        json={"name": "Hệ thống cũ", "url": "https://old.example.org/thidua", "events": ["plan.approved"]},
    )
    c.put("webhook_to_revoke", "commune", webhook_id=hook["id"])
    for scope, school in SCHOOLS.items():
        csv = f"code,full_name,unit_code\n{school}-20,Giáo viên nhập,{SCHOOL_UNIT[school]}\n"
        api.ok(
            MANAGER[school],
            "POST",
            "/imports/staff",
            content=csv.encode(),
            headers={"Content-Type": "text/csv"},
        )
        jobs = api.ok(MANAGER[school], "GET", "/imports")["items"]
        c.put("import_job", scope, job_id=jobs[0]["id"])


# ---------------------------------------------------------------- snapshot and restore


Rows = dict[str, list[dict[str, Any]]]


def snapshot(engine: Engine) -> Rows:
    with engine.connect() as conn:
        return {
            # In id order: a row that points at its own table (a unit's parent, an award type's earlier
            # version) comes after the row it points at, whatever order PostgreSQL's heap returns.
            t.name: [dict(r) for r in conn.execute(t.select().order_by(*t.primary_key.columns)).mappings()]
            for t in SQLModel.metadata.sorted_tables
        }


def restore(engine: Engine, rows: Rows) -> None:
    """Every table back to the snapshot. Ids are kept; new rows still get fresh ids (PostgreSQL's
    sequences only move forward, SQLite takes the highest id plus one)."""
    with engine.begin() as conn:
        for table in reversed(SQLModel.metadata.sorted_tables):
            conn.execute(table.delete())
        for table in SQLModel.metadata.sorted_tables:
            if rows[table.name]:
                conn.execute(table.insert(), rows[table.name])

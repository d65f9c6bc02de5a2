"""One call per route of the API, made as every role on the objects of tests/security/authz_world.py.

`CASES` names, for every operation id, the object the call acts on and a body that is valid for the
caller who may make it, so the status tells who may do what: 2xx allowed, 401 not signed in, 403 the
role may not, 404 the object is out of the caller's reach (another school's object, exactly like a
missing one), 409 allowed but not in this state, 422 a body that names something out of reach.

`run_matrix` builds the commune once, then for each role puts the database back to that state and
makes every call: reads first, then updates, actions and creations, deletions last. For every write
that succeeds it also counts the audit events the write left behind.
"""

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from tests.conftest import build_world
from tests.security.authz_world import (
    PDF,
    PNG,
    SCHOOL_UNIT,
    SCHOOLS,
    TODAY,
    YEAR,
    Commune,
    award_type_body,
    build,
    framework_body,
    movement_body,
    plan_body,
    restore,
    snapshot,
)
from thidua.audit.models import AuditEvent
from thidua.config import Settings
from thidua.main import ROUTERS, create_app

API = "/api/v1"
# The matrix's columns: a role, and the fixture user who has it (anonymous: no credentials).
ROLES = {
    "admin": "admin",
    "commune_officer": "officer",
    "commune_leader": "leader",
    "inspector": "inspector",
    "communications": "comms",
    "finance": "finance",
    "unit_manager": "manager_a",
    "staff": "teacher_a",
    "integration": "integration",
    "anonymous": None,
}
# Roles bound to school A: for them "other" (school B's objects) must never answer 2xx.
SCHOOL_ROLES = ("unit_manager", "staff")

Body = Callable[[Commune, str], Any]


@dataclass(frozen=True)
class Case:
    """How to call one route. `target` names objects of the commune (own/other school, or the
    commune's); `per_school` runs a creation twice, its body naming school A (own) then B (other)."""

    target: str | None = None
    json: Body | None = None
    form: dict[str, str] | None = None
    upload: tuple[str, bytes, str] | None = None
    csv: Body | None = None
    query: Body | None = None
    path: dict[str, str] = field(default_factory=dict)
    per_school: bool = False


APPROVAL = {"note": "Đồng ý", "override_reason": "Hội đồng thống nhất đề nghị."}


def _framework_query(c: Commune, s: str) -> dict[str, Any]:
    return {"framework_id": c.ids["framework_unit"], "school_year": YEAR}


def _nomination_body(c: Commune, s: str) -> dict[str, Any]:
    return {
        "round_id": c.ids["round"],
        "award_type_code": "GK-XA-CN",
        "unit_id": c.unit(s),
        "staff_id": c.staff(f"{s}-13"),
        "justification": "Thành tích nổi bật.",
    }


CASES: dict[str, Case] = {
    "health": Case(),
    # Public: a form without the password is refused before any password is checked (hashing
    # costs most of a second; login itself is tested in tests/api/test_auth.py).
    "auth_login": Case(form={"username": "khong.co"}),
    "auth_me": Case(),
    # Any signed-in user: an empty body is refused before the (slow) password check.
    "auth_change_password": Case(json=lambda c, s: {}),
    "units_list": Case(),
    "units_create": Case(
        json=lambda c, s: {
            "code": "A-MOI",
            "name": "Tổ mới",
            "kind": "subject_group",
            "parent_id": c.unit("A"),
        }
    ),
    "units_get": Case("unit"),
    "units_update": Case("unit", json=lambda c, s: {"address": "Thôn Đồng, xã Thanh Thủy"}),
    "units_deactivate": Case("unit_leaf"),
    "units_activate": Case("unit_inactive"),
    "staff_list": Case(),
    "staff_create": Case(
        per_school=True,
        json=lambda c, s: {"code": f"{s}-30", "full_name": "Giáo viên mới", "unit_id": c.unit(s)},
    ),
    "staff_get": Case("staff"),
    "staff_update": Case("staff", json=lambda c, s: {"position": "Tổ trưởng"}),
    "staff_deactivate": Case("staff_to_deactivate"),
    "staff_activate": Case("staff_inactive"),
    "users_list": Case(),
    "users_create": Case(
        json=lambda c, s: {
            "login": "gv.moi",
            "full_name": "Giáo viên mới",
            "password": "Mat-khau-rat-dai-2026",
            "roles": ["staff"],
            "unit_id": c.unit("A"),
        }
    ),
    "users_get": Case("user"),
    "users_update": Case("user", json=lambda c, s: {"full_name": "Giáo viên đổi tên"}),
    "users_deactivate": Case("user_to_deactivate"),
    "users_activate": Case("user_inactive"),
    "audit_events_list": Case(),
    "movements_list": Case(),
    "movements_create": Case(json=lambda c, s: movement_body("PT-MOI")),
    "movements_get": Case("movement"),
    "movements_update": Case("movement", json=lambda c, s: {"title": "Phong trào (đổi tên)"}),
    "frameworks_list": Case(),
    "frameworks_sources": Case(),
    "frameworks_create": Case(json=lambda c, s: framework_body(c.ids["movement"], "BDC-MOI")),
    "frameworks_get": Case("framework"),
    "frameworks_replace": Case(
        "framework_draft", json=lambda c, s: framework_body(c.ids["movement"], "FRAMEWORK_DRAFT")
    ),
    "frameworks_new_version": Case("framework"),
    "frameworks_activate": Case("framework_to_activate"),
    "self_assessments_list": Case(),
    # An individual self-assessment of the teacher whose account is teacher_a (school A) or of
    # school B's counterpart.
    "self_assessments_create": Case(
        per_school=True,
        json=lambda c, s: {
            "framework_id": c.ids["framework_individual"],
            "school_year": YEAR,
            "staff_id": c.staff(f"{s}-01"),
        },
    ),
    "self_assessments_get": Case("assessment"),
    "self_assessments_update_entries": Case(
        "assessment", json=lambda c, s: {"entries": [{"indicator_code": "TC2.1", "value": "85"}]}
    ),
    "self_assessments_submit": Case("assessment_to_submit"),
    "self_assessments_review": Case(
        "assessment_to_review",
        json=lambda c, s: {"entries": [{"indicator_code": "TC2.1", "verified_value": "60"}]},
    ),
    "self_assessments_return": Case(
        "assessment_to_return", json=lambda c, s: {"reason": "Bổ sung minh chứng"}
    ),
    "self_assessments_verify": Case("assessment_to_verify"),
    "self_assessments_add_evidence_file": Case(
        "assessment", form={"indicator_code": "TC5.1"}, upload=("Quy chế.pdf", PDF, "application/pdf")
    ),
    "self_assessments_add_evidence_link": Case(
        "assessment", json=lambda c, s: {"indicator_code": "TC2.1", "url": "https://lms.example.vn/bao-cao"}
    ),
    "self_assessments_download_evidence": Case("evidence_file"),
    "self_assessments_remove_evidence": Case("evidence_link"),
    "scorecards_ranking": Case(query=_framework_query),
    "scorecards_aggregates": Case(query=_framework_query),
    "scorecards_year_over_year": Case(query=lambda c, s: {"framework_code": "BDC-CSGD"}),
    "scorecards_export": Case(query=_framework_query),
    "scorecards_classification": Case(),
    "scorecards_get": Case("assessment"),
    "inspections_list": Case(),
    "inspections_create": Case(
        json=lambda c, s: {
            "kind": "ad_hoc",
            "title": "Kiểm tra đột xuất",
            "school_year": YEAR,
            "inspection_date": str(TODAY),
            "member_user_ids": [c.world.users["inspector"].id],
            "unit_ids": [c.unit("A")],
        }
    ),
    "inspections_get": Case("inspection"),
    "inspections_update": Case("inspection", json=lambda c, s: {"findings": "Hồ sơ đầy đủ"}),
    "inspections_record_values": Case(
        "inspection",
        json=lambda c, s: {"unit_id": c.unit(s), "values": [{"indicator_code": "TC2.1", "value": "50"}]},
    ),
    "activities_list": Case(),
    "activities_create": Case(
        per_school=True,
        json=lambda c, s: {
            "kind": "training",
            "title": "Tập huấn kỹ năng số",
            "activity_date": "2025-12-01",
            "unit_id": c.unit(s),
        },
    ),
    "activities_get": Case("activity"),
    "activities_update": Case("activity", json=lambda c, s: {"title": "Chuyên đề (sửa)"}),
    "activities_delete": Case("activity"),
    "plans_list": Case(),
    "plans_tracking": Case(query=lambda c, s: {"movement_id": c.ids["movement"]}),
    "plans_create": Case(
        per_school=True, json=lambda c, s: plan_body(c.ids["movement_plans_create"], c.unit(s))
    ),
    "plans_get": Case("plan"),
    "plans_update": Case("plan", json=lambda c, s: {"title": "Kế hoạch (sửa)"}),
    "plans_set_budget": Case(
        "plan",
        json=lambda c, s: {
            "budget_lines": [
                {"description": "Mua máy chiếu", "amount_vnd": 15000000, "source": "state_budget"}
            ]
        },
    ),
    "plans_submit": Case("plan"),
    "plans_return": Case("plan_to_return", json=lambda c, s: {"comment": "Bổ sung chỉ tiêu TC4.1"}),
    "plans_approve": Case("plan_to_approve"),
    "plans_versions": Case("plan"),
    "report_requests_list": Case(),
    "report_requests_create": Case(
        json=lambda c, s: {
            "movement_id": c.ids["movement"],
            "kind": "quarter",
            "title": "Báo cáo quý",
            "school_year": YEAR,
            "due_date": str(TODAY + timedelta(days=20)),
            "unit_ids": [c.unit("A"), c.unit("B")],
        }
    ),
    "report_requests_get": Case("report_request"),
    "report_requests_update": Case("report_request", json=lambda c, s: {"note": "Gửi đúng hạn"}),
    "report_requests_consolidated": Case("report_request"),
    "report_requests_consolidated_docx": Case("report_request"),
    "report_requests_consolidated_xlsx": Case("report_request"),
    "reports_list": Case(),
    "reports_create": Case(
        per_school=True,
        json=lambda c, s: {"request_id": c.ids["report_request_for_create"], "unit_id": c.unit(s)},
    ),
    "reports_get": Case("report"),
    "reports_update": Case("report", json=lambda c, s: {"proposals": "Đề nghị bổ sung thiết bị"}),
    "reports_refresh_figures": Case("report"),
    "reports_submit": Case("report"),
    "reminders_list": Case(),
    "initiatives_list": Case(),
    "initiatives_create": Case(
        per_school=True,
        json=lambda c, s: {
            "kind": "digital_material",
            "title": "Học liệu số",
            "unit_id": c.unit(s),
            "school_year": YEAR,
            "authors": [{"staff_id": c.staff(f"{s}-01"), "share_percent": "100"}],
        },
    ),
    "initiatives_get": Case("initiative"),
    "initiatives_update": Case("initiative", json=lambda c, s: {"summary": "Tóm tắt mới"}),
    "initiatives_delete": Case("initiative"),
    "initiatives_recognise": Case(
        "initiative_to_recognise",
        json=lambda c, s: {
            "recognition_level": "unit",
            "recognition_decision": "15/QĐ-THCS",
            "recognition_date": "2026-05-12",
            "recognised_by": "Hiệu trưởng",
        },
    ),
    "initiatives_withdraw_recognition": Case("initiative_recognised"),
    "staff_ratings_list": Case(),
    "staff_ratings_create": Case(
        per_school=True,
        json=lambda c, s: {"staff_id": c.staff(f"{s}-01"), "school_year": YEAR, "rating": "excellent"},
    ),
    "staff_ratings_get": Case("rating"),
    "staff_ratings_update": Case("rating", json=lambda c, s: {"rating": "excellent"}),
    "staff_ratings_delete": Case("rating"),
    "flags_list": Case(),
    "flags_create": Case(
        per_school=True,
        json=lambda c, s: {
            "kind": "disciplinary",
            "severity": "reprimand",
            "unit_id": c.unit(s),
            "staff_id": c.staff(f"{s}-02"),
            "opened_on": "2026-02-01",
        },
    ),
    "flags_get": Case("flag"),
    "flags_update": Case("flag", json=lambda c, s: {"closed_on": "2026-03-01"}),
    "flags_delete": Case("flag"),
    "award_types_list": Case(),
    "award_types_create": Case(json=lambda c, s: award_type_body("GK-MOI")),
    "award_types_get": Case("award_type"),
    "award_types_replace": Case(
        "award_type_draft", json=lambda c, s: {**award_type_body("GK-XA-CN"), "name": "Giấy khen (sửa)"}
    ),
    "award_types_new_version": Case("award_type_active"),
    "award_types_activate": Case("award_type_to_activate"),
    "award_rounds_list": Case(),
    "award_rounds_create": Case(
        json=lambda c, s: {
            "kind": "annual",
            "school_year": "2026-2027",
            "opens_on": str(TODAY),
            "closes_on": str(TODAY + timedelta(days=30)),
            "award_type_codes": ["GK-XA-CN"],
        }
    ),
    "award_rounds_get": Case("award_round"),
    "award_rounds_update": Case("award_round", json=lambda c, s: {"name": "Khen thưởng năm học (sửa)"}),
    "council_meetings_list": Case(),
    "council_meetings_create": Case(
        json=lambda c, s: {
            "round_id": c.ids["round"],
            "held_on": str(TODAY),
            "chair": "Nguyễn Văn Chủ",
            "members_present": ["Nguyễn Văn Chủ", "Lê Thị Thư"],
            "members_total": 7,
        }
    ),
    "council_meetings_get": Case("council_meeting"),
    "council_meetings_update": Case("council_meeting", json=lambda c, s: {"location": "Hội trường UBND xã"}),
    "council_meetings_minutes": Case("council_meeting"),
    "nominations_list": Case(),
    "nominations_check_eligibility": Case(
        per_school=True,
        json=lambda c, s: {k: v for k, v in _nomination_body(c, s).items() if k != "justification"},
    ),
    "nominations_create": Case(per_school=True, json=_nomination_body),
    "nominations_get": Case("nomination"),
    "nominations_update": Case("nomination", json=lambda c, s: {"justification": "Thành tích (bổ sung)."}),
    "nominations_delete": Case("nomination_to_delete"),
    "nominations_submit": Case("nomination"),
    "nominations_withdraw": Case("nomination_to_withdraw"),
    "nominations_review": Case(
        "nomination_to_review",
        json=lambda c, s: {"meeting_id": c.ids["meeting"], "votes_cast": 5, "votes_for": 4},
    ),
    "nominations_approve": Case("nomination_to_approve", json=lambda c, s: APPROVAL),
    "nominations_reject": Case("nomination_to_reject", json=lambda c, s: {"reason": "Chưa đủ tiêu chuẩn"}),
    "award_decisions_list": Case(),
    # A unit head's decision granting the school's approved unit-level nomination.
    "award_decisions_create": Case(
        per_school=True,
        json=lambda c, s: {
            "round_id": c.ids["round"],
            "kind": "decision",
            "level": "unit",
            "nomination_ids": [c.ids[f"unit_nomination_approved_{s}"]],
            "number": "20/QĐ-THCS",
            "signed_on": str(TODAY),
            "signer_name": "Nguyễn Văn Hiệu",
            "signer_title": "Hiệu trưởng",
        },
    ),
    "award_decisions_get": Case("decision"),
    "award_decisions_update": Case("decision", json=lambda c, s: {"signer_name": "Nguyễn Văn Ký"}),
    "award_decisions_delete": Case("decision"),
    "award_decisions_issue": Case("decision_to_issue"),
    "award_decisions_province_answer": Case(
        "proposal",
        json=lambda c, s: {
            "decision_number": "1502/QĐ-UBND",
            "decision_date": str(TODAY),
            "results": [{"nomination_id": c.ids["proposal_nomination"], "accepted": True}],
        },
    ),
    "award_decisions_document": Case("decision"),
    "award_decisions_list_xlsx": Case("proposal"),
    "achievements_list": Case(),
    "achievements_create": Case(
        per_school=True,
        json=lambda c, s: {
            "unit_id": c.unit(s),
            "staff_id": c.staff(f"{s}-02"),
            "award_name": "Lao động tiên tiến",
            "level": "unit",
            "school_year": "2024-2025",
            "decision_number": "05/QĐ-THCS",
            "decision_date": "2025-06-20",
            "issuer": "Hiệu trưởng",
        },
    ),
    "achievements_get": Case("achievement"),
    "achievements_delete": Case("achievement"),
    "achievements_certificate": Case("achievement_certified"),
    "stories_list": Case(),
    "stories_create": Case(json=lambda c, s: {"title": "Bài mới", "body": "Nội dung."}),
    "stories_get": Case("story"),
    "stories_update": Case("story", json=lambda c, s: {"summary": "Tóm tắt mới"}),
    "stories_delete": Case("story_to_delete"),
    "stories_publish": Case("story"),
    "stories_unpublish": Case("story_published"),
    "stories_add_image": Case("story", form={"caption": "Ảnh"}, upload=("anh.png", PNG, "image/png")),
    "stories_get_image": Case("story_with_image_image"),
    "stories_remove_image": Case("story_with_image_image"),
    "result_publications_list": Case(),
    "result_publications_create": Case(
        json=lambda c, s: {"framework_id": c.ids["framework_unpublished"], "school_year": YEAR}
    ),
    "result_publications_withdraw": Case("publication"),
    "public_honour_board": Case(),
    "public_rounds": Case(),
    "public_stories_list": Case(),
    "public_stories_get": Case("story_published"),
    "public_stories_get_image": Case("story_published_image"),
    "public_results_list": Case(),
    "public_results_get": Case("publication"),
    "public_certificates_verify": Case("certificate"),
    "api_keys_list": Case(),
    "api_keys_scopes": Case(),
    "api_keys_create": Case(
        json=lambda c, s: {
            "name": "Khóa mới",
            "service_account_id": c.world.users["integration"].id,
            "scopes": ["staff:read"],
        }
    ),
    "api_keys_get": Case("api_key"),
    "api_keys_revoke": Case("api_key"),
    "imports_kinds": Case(),
    "imports_template": Case(path={"kind": "staff", "fmt": "csv"}),
    "imports_list": Case(),
    "imports_get": Case("import_job"),
    "imports_run": Case(
        per_school=True,
        path={"kind": "staff"},
        csv=lambda c, s: f"code,full_name,unit_code\n{s}-31,Giáo viên nhập,{SCHOOL_UNIT[s]}\n",
    ),
    "exports_download": Case(path={"kind": "staff", "fmt": "csv"}),
    "webhooks_list": Case(),
    "webhooks_events": Case(),
    "webhooks_create": Case(
        json=lambda c, s: {
            "name": "Hệ thống khác",
            "url": "https://hooks.example.org/moi",
            "events": ["plan.approved"],
        }
    ),
    "webhooks_get": Case("webhook"),
    "webhooks_update": Case("webhook", json=lambda c, s: {"name": "Cổng thông tin (sửa)"}),
    "webhooks_revoke": Case("webhook_to_revoke"),
    "webhooks_rotate_secret": Case("webhook"),
    "webhooks_deliveries": Case("webhook"),
    "webhooks_test": Case("webhook"),
}


# ---------------------------------------------------------------- the run


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    path: str


def api_routes() -> list[Route]:
    """Every operation the API serves (the route table the policy test also walks)."""
    found = []
    for router in ROUTERS:
        for r in router.routes:
            if isinstance(r, APIRoute):
                found += [Route(r.name, m, r.path) for m in sorted(r.methods)]
    return found


def _phase(route: Route) -> tuple[int, int]:
    """Reads, then updates, then actions and creations, then deletions (deepest paths first)."""
    order = {"GET": 0, "PUT": 1, "PATCH": 1, "POST": 2, "DELETE": 3}[route.method]
    return order, -route.path.count("{") if route.method == "DELETE" else 0


@dataclass
class Call:
    route: Route
    scope: str  # own, other, commune, or - (no object)
    role: str
    status: int
    audit_events: int  # events the call added (writes only)
    leaks: list[str] = field(default_factory=list)  # school B's ids in a school A user's answer


@dataclass
class MatrixRun:
    calls: list[Call]
    missing_cases: list[str]
    seed_events: list[dict[str, Any]]  # the audit trail of building the commune


def _scopes(case: Case, commune: Commune) -> list[tuple[str, str, dict[str, Any]]]:
    """(scope, school, path parameters) for each call of a case."""
    if case.target is not None:
        targets = commune.targets[case.target]
        return [
            (scope, SCHOOLS.get(scope, "A"), {**case.path, **params}) for scope, params in targets.items()
        ]
    if case.per_school:
        return [(scope, school, dict(case.path)) for scope, school in SCHOOLS.items()]
    return [("-", "A", dict(case.path))]


def _request(
    client: TestClient,
    route: Route,
    case: Case,
    c: Commune,
    school: str,
    params: dict[str, Any],
    headers: dict[str, str],
) -> Any:
    url = API + re.sub(r"\{(\w+)\}", lambda m: str(params[m.group(1)]), route.path)
    kwargs: dict[str, Any] = {"headers": dict(headers)}
    if route.method != "GET":
        kwargs["headers"]["If-Match"] = "*"
    if case.query is not None:
        kwargs["params"] = case.query(c, school)
    if case.json is not None:
        kwargs["json"] = case.json(c, school)
    if case.form is not None:
        kwargs["data"] = case.form
    if case.upload is not None:
        kwargs["files"] = {"file": case.upload}
    if case.csv is not None:
        kwargs["content"] = case.csv(c, school).encode()
        kwargs["headers"]["Content-Type"] = "text/csv"
    return client.request(route.method, url, **kwargs)


def _audit_count(engine: Any) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(AuditEvent)).scalar_one())


def _other_school(c: Commune) -> tuple[set[int], set[int]]:
    """Ids of school B's units and staff: what a school A user must never read."""
    units = {c.unit("B"), c.unit("B", group=True)} | {
        c.targets[name]["other"]["unit_id"] for name in ("unit_leaf", "unit_inactive")
    }
    return units, {staff_id for code, staff_id in c.world.staff.items() if code.startswith("B-")}


# The organisation chart is readable by every signed-in user; public pages are public.
LEAK_SCAN_EXEMPT = ("units_", "public_")


def _names_theirs(key: str, value: Any, units: set[int], staff: set[int]) -> bool:
    if key == "unit_ids" and isinstance(value, list):
        return bool(units.intersection(value))
    return (key == "unit_id" and value in units) or (key == "staff_id" and value in staff)


def leaked_ids(body: Any, units: set[int], staff: set[int]) -> list[str]:
    """`unit_id`/`unit_ids`/`staff_id` values of school B anywhere in a JSON answer."""
    found: list[str] = []
    if isinstance(body, dict):
        for key, value in body.items():
            if _names_theirs(key, value, units, staff):
                found.append(f"{key}={value}")
            else:
                found += leaked_ids(value, units, staff)
    elif isinstance(body, list):
        for item in body:
            found += leaked_ids(item, units, staff)
    return found


_RUN: MatrixRun | None = None


def run_matrix(settings: Settings, password_hash: str) -> MatrixRun:
    """The whole matrix, once per test session (the authorization and the audit tests share it)."""
    global _RUN
    if _RUN is not None:
        return _RUN
    settings = settings.model_copy(update={"rate_limit_per_minute": 0})
    world = build_world(settings, password_hash)
    app = create_app(settings)
    engine = app.state.engine
    routes = sorted(api_routes(), key=_phase)
    calls: list[Call] = []
    with TestClient(app, raise_server_exceptions=False) as client:
        commune = build(client, world)
        rows = snapshot(engine)
        other_units, other_staff = _other_school(commune)
        for role, login in ROLES.items():
            restore(engine, rows)
            headers = world.headers(login) if login else {}
            for route in routes:
                case = CASES.get(route.name)
                if case is None:
                    continue
                for scope, school, params in _scopes(case, commune):
                    write = route.method != "GET"
                    before = _audit_count(engine) if write else 0
                    response = _request(client, route, case, commune, school, params, headers)
                    call = Call(
                        route,
                        scope,
                        role,
                        response.status_code,
                        _audit_count(engine) - before if write else 0,
                    )
                    if (
                        role in SCHOOL_ROLES
                        and not write
                        and not route.name.startswith(LEAK_SCAN_EXEMPT)
                        and response.headers.get("content-type", "").startswith("application/json")
                    ):
                        call.leaks = leaked_ids(response.json(), other_units, other_staff)
                    calls.append(call)
                    if os.environ.get("AUTHZ_MATRIX_TRACE") and response.status_code >= 400:
                        print(
                            role, route.method, route.path, scope, response.status_code, response.text[:300]
                        )
    engine.dispose()
    _RUN = MatrixRun(calls, sorted({r.name for r in routes if r.name not in CASES}), rows["audit_event"])
    return _RUN

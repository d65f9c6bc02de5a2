"""Roles of DESIGN.md section 3 and the permissions each one grants. Authorization data lives here only."""

from enum import StrEnum


class Role(StrEnum):
    admin = "admin"
    commune_officer = "commune_officer"
    commune_leader = "commune_leader"
    inspector = "inspector"
    communications = "communications"
    finance = "finance"
    unit_manager = "unit_manager"
    staff = "staff"
    integration = "integration"
    department_officer = "department_officer"
    province_admin = "province_admin"


ROLE_LABELS_VI = {
    Role.admin: "Quản trị hệ thống",
    Role.commune_officer: "Cán bộ Phòng Văn hóa - Xã hội",
    Role.commune_leader: "Lãnh đạo UBND xã",
    Role.inspector: "Thành viên đoàn kiểm tra",
    Role.communications: "Trung tâm Dịch vụ sự nghiệp công",
    Role.finance: "Phòng Kinh tế",
    Role.unit_manager: "Thủ trưởng đơn vị",
    Role.staff: "Cán bộ, giáo viên, nhân viên",
    Role.integration: "Tài khoản tích hợp",
    Role.department_officer: "Chuyên viên Sở GDĐT",
    Role.province_admin: "Quản trị cấp tỉnh",
}

# Province roles: above every commune. The Department's officer reads every commune's results, plans
# and reports and writes none of a commune's data; the province administrator creates communes and
# their first users.
PROVINCE_ROLES = frozenset({Role.department_officer, Role.province_admin})
# Roles whose work spans the whole commune; everyone else only sees their own unit's subtree.
COMMUNE_WIDE_ROLES = frozenset(
    {Role.admin, Role.commune_officer, Role.commune_leader, Role.inspector, Role.communications, Role.finance}
)
# Roles that review any self-assessment; a unit manager reviews only their own staff's individual ones.
COMMUNE_REVIEW_ROLES = frozenset({Role.admin, Role.commune_officer})
# Roles that only make sense inside a school (or other unit): they need a home unit.
UNIT_BOUND_ROLES = frozenset({Role.unit_manager, Role.staff})


class Permission(StrEnum):
    units_read = "units:read"
    units_write = "units:write"
    staff_read = "staff:read"
    staff_write = "staff:write"
    users_manage = "users:manage"
    audit_read = "audit:read"
    movements_read = "movements:read"
    movements_write = "movements:write"
    frameworks_read = "frameworks:read"
    frameworks_write = "frameworks:write"
    assessments_read = "assessments:read"
    assessments_fill = "assessments:fill"
    assessments_review = "assessments:review"
    assessments_close_early = "assessments:close_early"
    inspections_read = "inspections:read"
    inspections_record = "inspections:record"
    inspections_manage = "inspections:manage"
    inspections_respond = "inspections:respond"
    scorecards_read = "scorecards:read"
    activities_read = "activities:read"
    activities_write = "activities:write"
    plans_read = "plans:read"
    plans_write = "plans:write"
    plans_review = "plans:review"
    plans_budget = "plans:budget"
    plans_track = "plans:track"
    reports_read = "reports:read"
    reports_write = "reports:write"
    reports_manage = "reports:manage"
    initiatives_read = "initiatives:read"
    initiatives_write = "initiatives:write"
    initiatives_recognise = "initiatives:recognise"
    conduct_read = "conduct:read"
    ratings_write = "ratings:write"
    flags_write = "flags:write"
    award_types_read = "award_types:read"
    award_types_write = "award_types:write"
    award_rounds_read = "award_rounds:read"
    award_rounds_write = "award_rounds:write"
    nominations_read = "nominations:read"
    nominations_write = "nominations:write"
    nominations_review = "nominations:review"
    nominations_approve = "nominations:approve"
    council_read = "council:read"
    decisions_read = "decisions:read"
    decisions_write = "decisions:write"
    cash_read = "cash:read"
    achievements_read = "achievements:read"
    achievements_write = "achievements:write"
    stories_read = "stories:read"
    stories_write = "stories:write"
    results_publish = "results:publish"
    comms_read = "communications:read"
    comms_write = "communications:write"
    proposals_read = "story_proposals:read"
    stories_propose = "stories:propose"
    info_corners_write = "info_corners:write"
    materials_read = "materials:read"
    materials_write = "materials:write"
    api_keys_manage = "api_keys:manage"
    imports_run = "imports:run"
    exports_run = "exports:run"
    webhooks_manage = "webhooks:manage"
    budget_read = "budget:read"
    budget_manage = "budget:manage"
    budget_spend = "budget:spend"
    partners_read = "partners:read"
    partners_write = "partners:write"
    steering_read = "steering:read"
    steering_write = "steering:write"
    research_support_read = "research_support:read"
    research_support_write = "research_support:write"
    dti_read = "dti:read"
    dti_write = "dti:write"
    province_read = "province:read"


# Every role of a commune, and the Department's officer (who reads); not the province administrator,
# who creates communes and their first users and reads nothing else.
_ALL = frozenset(Role) - {Role.province_admin}
_COMMUNE_ADMIN = frozenset({Role.admin, Role.commune_officer})
PERMISSION_ROLES: dict[Permission, frozenset[Role]] = {
    Permission.units_read: _ALL,
    Permission.units_write: frozenset({Role.admin, Role.commune_officer}),
    Permission.staff_read: frozenset(
        {
            Role.admin,
            Role.commune_officer,
            Role.commune_leader,
            Role.inspector,
            Role.unit_manager,
            Role.staff,
            Role.integration,
        }
    ),
    Permission.staff_write: frozenset({Role.admin, Role.commune_officer, Role.unit_manager}),
    Permission.users_manage: frozenset({Role.admin}),
    Permission.audit_read: frozenset({Role.admin, Role.commune_officer}),
    Permission.movements_read: _ALL,
    Permission.movements_write: _COMMUNE_ADMIN,
    Permission.frameworks_read: _ALL,
    Permission.frameworks_write: _COMMUNE_ADMIN,
    # Scoped by unit (and, for staff, to their own individual assessment) in the assessments service.
    Permission.assessments_read: frozenset(
        {
            Role.admin,
            Role.commune_officer,
            Role.commune_leader,
            Role.inspector,
            Role.unit_manager,
            Role.staff,
            Role.integration,
        }
    ),
    Permission.assessments_fill: frozenset({Role.unit_manager, Role.staff}),
    # Unit managers review, return and verify their own staff's individual self-assessments (V.4.4
    # "tự kiểm tra ... cá nhân"); unit assessments stay with the commune (assessments/access.py).
    Permission.assessments_review: frozenset({Role.admin, Role.commune_officer, Role.unit_manager}),
    # Verifying before (or after) the school year's evaluation window: the commune leader, with a reason.
    Permission.assessments_close_early: frozenset({Role.commune_leader}),
    Permission.inspections_read: frozenset(
        {Role.admin, Role.commune_officer, Role.commune_leader, Role.inspector, Role.unit_manager}
    ),
    Permission.inspections_record: frozenset({Role.admin, Role.commune_officer, Role.inspector}),
    Permission.inspections_manage: _COMMUNE_ADMIN,
    # The inspected school reports the team's recommendations done.
    Permission.inspections_respond: frozenset({Role.unit_manager}),
    Permission.activities_read: frozenset(
        {
            Role.admin,
            Role.commune_officer,
            Role.commune_leader,
            Role.inspector,
            Role.communications,
            Role.unit_manager,
            Role.staff,
            Role.integration,
        }
    ),
    Permission.activities_write: frozenset({Role.admin, Role.commune_officer, Role.unit_manager}),
    Permission.plans_read: frozenset(
        {
            Role.admin,
            Role.commune_officer,
            Role.commune_leader,
            Role.inspector,
            Role.finance,
            Role.communications,
            Role.unit_manager,
            Role.staff,
            Role.integration,
        }
    ),
    Permission.plans_write: frozenset({Role.admin, Role.commune_officer, Role.unit_manager}),
    Permission.plans_review: _COMMUNE_ADMIN,
    # Which schools have received, submitted and had approved their implementation plans: the commune
    # reviewing them, and the Department (below) for the commune it picks (plans/service.tracking).
    Permission.plans_track: _COMMUNE_ADMIN,
    # Phòng Kinh tế keeps the budget lines of every plan (seed V.3).
    Permission.plans_budget: frozenset({Role.admin, Role.commune_officer, Role.finance, Role.unit_manager}),
    Permission.reports_read: frozenset(
        {
            Role.admin,
            Role.commune_officer,
            Role.commune_leader,
            Role.inspector,
            Role.finance,
            Role.unit_manager,
            Role.integration,
        }
    ),
    Permission.reports_write: frozenset({Role.unit_manager}),
    Permission.reports_manage: _COMMUNE_ADMIN,
    Permission.scorecards_read: frozenset(
        {
            Role.admin,
            Role.commune_officer,
            Role.commune_leader,
            Role.inspector,
            Role.unit_manager,
            Role.staff,
            Role.integration,
            Role.communications,
        }
    ),
}


_AWARDS_READERS = frozenset(
    {Role.admin, Role.commune_officer, Role.commune_leader, Role.unit_manager, Role.integration}
)
PERMISSION_ROLES.update(
    {
        Permission.initiatives_read: _ALL - {Role.finance},
        # Staff register their own initiatives; unit managers their unit's (checked in the service).
        Permission.initiatives_write: frozenset(
            {Role.admin, Role.commune_officer, Role.unit_manager, Role.staff}
        ),
        # Unit managers recognise at unit level only; the commune officer records commune and province levels.
        Permission.initiatives_recognise: frozenset({Role.admin, Role.commune_officer, Role.unit_manager}),
        # Ratings and flags are personal data: only those who decide awards see them.
        Permission.conduct_read: frozenset(
            {Role.admin, Role.commune_officer, Role.commune_leader, Role.unit_manager}
        ),
        Permission.ratings_write: frozenset({Role.admin, Role.commune_officer, Role.unit_manager}),
        Permission.flags_write: _COMMUNE_ADMIN,
        Permission.award_types_read: _ALL,
        Permission.award_types_write: _COMMUNE_ADMIN,
        Permission.award_rounds_read: _ALL,
        Permission.award_rounds_write: _COMMUNE_ADMIN,
        Permission.nominations_read: _AWARDS_READERS,
        Permission.nominations_write: frozenset({Role.admin, Role.commune_officer, Role.unit_manager}),
        Permission.nominations_review: _COMMUNE_ADMIN,
        # The commune leader approves commune and province levels; a unit head their own staff's
        # unit-level certificates (checked in the service).
        Permission.nominations_approve: frozenset({Role.commune_leader, Role.unit_manager}),
        # The council's minutes name every nominee's failed rules (flags included): commune only.
        Permission.council_read: frozenset({Role.admin, Role.commune_officer, Role.commune_leader}),
        Permission.decisions_read: _AWARDS_READERS,
        # Phòng Kinh tế (finance) pays the cash rewards: it sees the totals, not the nominations.
        Permission.cash_read: frozenset(
            {Role.admin, Role.commune_officer, Role.commune_leader, Role.finance}
        ),
        Permission.decisions_write: frozenset(
            {Role.admin, Role.commune_officer, Role.commune_leader, Role.unit_manager}
        ),
        Permission.achievements_read: _AWARDS_READERS | {Role.staff, Role.communications},
        Permission.achievements_write: _COMMUNE_ADMIN,
        Permission.stories_read: frozenset(
            {Role.admin, Role.commune_officer, Role.commune_leader, Role.communications}
        ),
        Permission.stories_write: frozenset({Role.admin, Role.communications}),
        Permission.results_publish: _COMMUNE_ADMIN,
        # Trung tâm Dịch vụ sự nghiệp công keeps the communications plan and its log (seed V.2).
        Permission.comms_read: frozenset(
            {Role.admin, Role.commune_officer, Role.commune_leader, Role.communications}
        ),
        Permission.comms_write: frozenset({Role.admin, Role.communications}),
        # Schools propose stories; communications reviews them (stories:write returns or publishes).
        Permission.proposals_read: frozenset({Role.admin, Role.communications, Role.unit_manager}),
        Permission.stories_propose: frozenset({Role.admin, Role.unit_manager}),
        Permission.info_corners_write: frozenset({Role.admin, Role.commune_officer, Role.unit_manager}),
        # The shared library of digital learning materials: every school browses, teachers share.
        Permission.materials_read: _ALL,
        Permission.materials_write: frozenset(
            {Role.admin, Role.commune_officer, Role.unit_manager, Role.staff}
        ),
        Permission.api_keys_manage: frozenset({Role.admin}),
        # Who may import or export which kind is decided per kind in the imports service.
        # Phòng Kinh tế imports and exports its partners (imports/kinds/partners.py), Trung tâm DVSNC
        # its communications log (imports/kinds/comms_outputs.py).
        Permission.imports_run: frozenset(
            {
                Role.admin,
                Role.commune_officer,
                Role.unit_manager,
                Role.integration,
                Role.finance,
                Role.communications,
            }
        ),
        Permission.exports_run: frozenset(
            {
                Role.admin,
                Role.commune_officer,
                Role.commune_leader,
                Role.unit_manager,
                Role.integration,
                Role.finance,
                Role.communications,
            }
        ),
        Permission.webhooks_manage: frozenset({Role.admin}),
        # Phòng Kinh tế keeps the movement's budget (seed V.3); a school reads its own allocations and
        # records its spending (scoped in budget/access.py).
        Permission.budget_read: frozenset(
            {Role.admin, Role.commune_officer, Role.commune_leader, Role.finance, Role.unit_manager}
        ),
        Permission.budget_manage: frozenset({Role.admin, Role.finance}),
        Permission.budget_spend: frozenset({Role.admin, Role.finance, Role.unit_manager}),
        Permission.partners_read: frozenset(
            {Role.admin, Role.commune_officer, Role.commune_leader, Role.finance}
        ),
        Permission.partners_write: frozenset({Role.admin, Role.finance}),
        # The Ban chỉ đạo (seed IV.1) is public within the commune: every signed-in user reads it; the
        # commune officer (Phòng Văn hóa - Xã hội) sets it up.
        Permission.steering_read: _ALL,
        Permission.steering_write: _COMMUNE_ADMIN,
        # A school's support to its teachers' research (seed V.4.2): the head records it; the commune
        # and Phòng Kinh tế read the figures, scoped to the units the caller sees.
        Permission.research_support_read: _ALL - {Role.communications},
        Permission.research_support_write: frozenset({Role.admin, Role.commune_officer, Role.unit_manager}),
        # QĐ 4725 self-assessments: the school's head enters or imports its own; the commune office may
        # correct them (unit scoping in dti/access.py).
        Permission.dti_read: frozenset(
            {
                Role.admin,
                Role.commune_officer,
                Role.commune_leader,
                Role.inspector,
                Role.unit_manager,
                Role.staff,
                Role.integration,
            }
        ),
        Permission.dti_write: frozenset({Role.admin, Role.commune_officer, Role.unit_manager}),
    }
)

# API keys carry scopes instead of roles: "<family>:read|write|import". Each permission a key may use
# maps to one scope; permissions missing here (reviews, approvals, decisions, key management) are
# never granted to a key, whatever its scopes.
SCOPE_FAMILIES = (
    "units",
    "staff",
    "users",
    "frameworks",
    "assessments",
    "scorecards",
    "inspections",
    "activities",
    "initiatives",
    "plans",
    "reports",
    "awards",
    "partners",
    "materials",
    "communications",
)
SCOPE_LEVELS = ("read", "write", "import")
ALL_SCOPES = frozenset(f"{family}:{level}" for family in SCOPE_FAMILIES for level in SCOPE_LEVELS)
PERMISSION_SCOPES: dict[Permission, str] = {
    Permission.units_read: "units:read",
    Permission.units_write: "units:write",
    Permission.staff_read: "staff:read",
    Permission.staff_write: "staff:write",
    Permission.users_manage: "users:write",
    Permission.movements_read: "frameworks:read",
    Permission.frameworks_read: "frameworks:read",
    Permission.assessments_read: "assessments:read",
    Permission.assessments_fill: "assessments:write",
    Permission.scorecards_read: "scorecards:read",
    Permission.inspections_read: "inspections:read",
    Permission.activities_read: "activities:read",
    Permission.activities_write: "activities:write",
    Permission.initiatives_read: "initiatives:read",
    Permission.initiatives_write: "initiatives:write",
    Permission.plans_read: "plans:read",
    Permission.plans_write: "plans:write",
    Permission.reports_read: "reports:read",
    Permission.reports_write: "reports:write",
    Permission.award_types_read: "awards:read",
    Permission.award_rounds_read: "awards:read",
    Permission.nominations_read: "awards:read",
    Permission.decisions_read: "awards:read",
    Permission.cash_read: "awards:read",
    Permission.achievements_read: "awards:read",
    Permission.research_support_read: "initiatives:read",
    # Any import (or read) scope lets a key reach the imports (exports) routes; the kind's own scope
    # is checked there.
    Permission.imports_run: "*:import",
    Permission.exports_run: "*:read",
    Permission.dti_read: "assessments:read",
    Permission.dti_write: "assessments:write",
    Permission.partners_read: "partners:read",
    Permission.partners_write: "partners:write",
    Permission.materials_read: "materials:read",
    Permission.materials_write: "materials:write",
    Permission.comms_read: "communications:read",
    Permission.comms_write: "communications:write",
}


# The Department (Sở GDĐT) reads every commune's results, plans tracking and reports, and writes nothing
# of a commune's data; the province administrator keeps the unit tree and the accounts.
_DEPARTMENT_READS = (
    Permission.assessments_read,
    Permission.scorecards_read,
    Permission.plans_read,
    Permission.plans_track,
    Permission.reports_read,
    Permission.nominations_read,
    Permission.decisions_read,
    Permission.dti_read,
)
PERMISSION_ROLES[Permission.province_read] = frozenset({Role.department_officer})
for _permission in _DEPARTMENT_READS:
    PERMISSION_ROLES[_permission] = PERMISSION_ROLES[_permission] | {Role.department_officer}
for _permission in (Permission.units_read, Permission.units_write, Permission.users_manage):
    PERMISSION_ROLES[_permission] = PERMISSION_ROLES[_permission] | {Role.province_admin}


def permissions_of(roles: set[Role] | frozenset[Role]) -> list[Permission]:
    return [p for p, allowed in PERMISSION_ROLES.items() if roles & allowed]

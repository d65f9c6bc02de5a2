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
}

# Roles whose work spans the whole commune; everyone else only sees their own unit's subtree.
COMMUNE_WIDE_ROLES = frozenset(
    {Role.admin, Role.commune_officer, Role.commune_leader, Role.inspector, Role.communications, Role.finance}
)
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
    inspections_read = "inspections:read"
    inspections_record = "inspections:record"
    inspections_manage = "inspections:manage"
    scorecards_read = "scorecards:read"
    activities_read = "activities:read"
    activities_write = "activities:write"
    plans_read = "plans:read"
    plans_write = "plans:write"
    plans_review = "plans:review"
    plans_budget = "plans:budget"
    reports_read = "reports:read"
    reports_write = "reports:write"
    reports_manage = "reports:manage"


_ALL = frozenset(Role)
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
    Permission.assessments_review: _COMMUNE_ADMIN,
    Permission.inspections_read: frozenset(
        {Role.admin, Role.commune_officer, Role.commune_leader, Role.inspector, Role.unit_manager}
    ),
    Permission.inspections_record: frozenset({Role.admin, Role.commune_officer, Role.inspector}),
    Permission.inspections_manage: _COMMUNE_ADMIN,
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


def permissions_of(roles: set[Role] | frozenset[Role]) -> list[Permission]:
    return [p for p, allowed in PERMISSION_ROLES.items() if roles & allowed]

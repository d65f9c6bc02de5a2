from enum import StrEnum

from sqlmodel import Field

from thidua.core.models import Versioned


class UnitKind(StrEnum):
    department = "department"
    commune = "commune"
    office = "office"
    school = "school"
    subject_group = "subject_group"


class SchoolLevel(StrEnum):
    preschool = "preschool"
    primary = "primary"
    lower_secondary = "lower_secondary"
    inter_level = "inter_level"


# Which kind of unit may sit under which: the province's Department (Sở GDĐT) → communes → offices and
# schools → subject groups. A commune may also stand alone (a one-commune deployment).
ALLOWED_PARENT_KIND: dict[UnitKind, UnitKind | None] = {
    UnitKind.department: None,
    UnitKind.commune: UnitKind.department,
    UnitKind.office: UnitKind.commune,
    UnitKind.school: UnitKind.commune,
    UnitKind.subject_group: UnitKind.school,
}

# Kinds that may also sit at the root of the tree.
MAY_BE_ROOT = frozenset({UnitKind.department, UnitKind.commune})
# Kinds that are tenants: each one's users see only its subtree and its own commune-level objects.
TENANT_KINDS = ("commune",)
PROVINCE_KINDS = ("commune", "department")

UNIT_KIND_LABELS_VI = {
    UnitKind.department: "Sở Giáo dục và Đào tạo",
    UnitKind.commune: "UBND xã",
    UnitKind.office: "Phòng, trung tâm",
    UnitKind.school: "Cơ sở giáo dục",
    UnitKind.subject_group: "Tổ chuyên môn",
}


class Unit(Versioned, table=True):
    code: str = Field(max_length=32, unique=True, index=True)
    name: str = Field(max_length=255)
    kind: str = Field(max_length=20, index=True)
    school_level: str | None = Field(default=None, max_length=20)
    parent_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    address: str | None = Field(default=None, max_length=255)
    is_active: bool = Field(default=True)


class StaffMember(Versioned, table=True):
    __tablename__ = "staff_member"

    code: str = Field(max_length=32, unique=True, index=True)
    full_name: str = Field(max_length=120)
    position: str = Field(default="", max_length=120)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=20)
    user_id: int | None = Field(default=None, foreign_key="user_account.id", unique=True)
    is_active: bool = Field(default=True)

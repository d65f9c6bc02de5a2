"""Ban chỉ đạo (seed IV.1): the steering committee a decision establishes, its members (staff of the
commune with a position in the committee) and its assignments (which member follows which content
area in which schools)."""

from datetime import date
from enum import StrEnum

from sqlmodel import Field, SQLModel, UniqueConstraint

from thidua.core.models import CommuneOwned, Versioned


class CommitteePosition(StrEnum):
    head = "head"
    deputy = "deputy"
    standing_member = "standing_member"
    member = "member"
    secretary = "secretary"


POSITION_LABELS_VI = {
    CommitteePosition.head: "Trưởng ban",
    CommitteePosition.deputy: "Phó Trưởng ban",
    CommitteePosition.standing_member: "Ủy viên thường trực",
    CommitteePosition.member: "Ủy viên",
    CommitteePosition.secretary: "Thư ký",
}
# Listing order: the head first, the secretary last.
POSITION_ORDER = {p: n for n, p in enumerate(POSITION_LABELS_VI)}


class SteeringCommittee(Versioned, CommuneOwned, table=True):
    """A Ban chỉ đạo as its establishing decision (quyết định thành lập, kiện toàn) sets it up; the
    signed decision's scan is stored by content hash like evidence files."""

    __tablename__ = "steering_committee"

    name: str = Field(max_length=300)
    decision_number: str = Field(max_length=50)
    decision_date: date
    signer: str = Field(default="", max_length=200)
    note: str = Field(default="", max_length=4000)
    scan_sha256: str | None = Field(default=None, max_length=64)
    scan_size_bytes: int | None = None
    scan_content_type: str | None = Field(default=None, max_length=100)
    scan_filename: str | None = Field(default=None, max_length=200)


class SteeringMember(Versioned, table=True):
    __tablename__ = "steering_member"
    __table_args__ = (UniqueConstraint("committee_id", "staff_id"),)

    committee_id: int = Field(foreign_key="steering_committee.id", index=True, ondelete="CASCADE")
    staff_id: int = Field(foreign_key="staff_member.id", index=True)
    position: str = Field(max_length=30)
    duties: str = Field(default="", max_length=2000)


class SteeringAssignment(Versioned, table=True):
    """Phân công: one member follows one content area of the movement in some schools."""

    __tablename__ = "steering_assignment"

    committee_id: int = Field(foreign_key="steering_committee.id", index=True, ondelete="CASCADE")
    member_id: int = Field(foreign_key="steering_member.id", index=True, ondelete="CASCADE")
    content_area_id: int = Field(foreign_key="content_area.id", index=True)
    note: str = Field(default="", max_length=2000)


class SteeringAssignmentUnit(SQLModel, table=True):
    __tablename__ = "steering_assignment_unit"
    __table_args__ = (UniqueConstraint("assignment_id", "unit_id"),)

    id: int | None = Field(default=None, primary_key=True)
    assignment_id: int = Field(foreign_key="steering_assignment.id", index=True, ondelete="CASCADE")
    unit_id: int = Field(foreign_key="unit.id", index=True)

from decimal import Decimal

from sqlmodel import Field, SQLModel, UniqueConstraint

from thidua.core.models import Decimal2, Versioned


class DtiAssessment(Versioned, table=True):
    """A school's self-assessment on the QĐ 4725 index for one school year (what it submits on the
    DTI platform by 31 May), entered here or imported from the platform's export."""

    __tablename__ = "dti_assessment"
    __table_args__ = (UniqueConstraint("unit_id", "school_year", "index_code"),)

    unit_id: int = Field(foreign_key="unit.id", index=True)
    school_year: str = Field(max_length=9, index=True)
    index_code: str = Field(default="4725", max_length=20)
    source: str = Field(default="entered", max_length=20)  # entered | imported


class DtiValue(SQLModel, table=True):
    """The school's answer on one criterion: points (scored criteria) or met (mandatory conditions)."""

    __tablename__ = "dti_value"
    __table_args__ = (UniqueConstraint("assessment_id", "criterion_code"),)

    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = Field(foreign_key="dti_assessment.id", index=True, ondelete="CASCADE")
    criterion_code: str = Field(max_length=20)
    points: Decimal | None = Field(default=None, sa_type=Decimal2)
    met: bool | None = None

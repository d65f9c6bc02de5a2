from datetime import date

from sqlmodel import Field, SQLModel, UniqueConstraint

from thidua.core.models import CommuneOwned, Versioned


class Movement(Versioned, CommuneOwned, table=True):
    """Phong trào thi đua: the campaign, with its phases and content areas."""

    __table_args__ = (UniqueConstraint("commune_id", "code"),)

    code: str = Field(max_length=40, index=True)
    title: str = Field(max_length=500)
    legal_basis: str = Field(default="", max_length=4000)
    start_year: int
    end_year: int
    owner_unit_id: int | None = Field(default=None, foreign_key="unit.id")


class Phase(SQLModel, table=True):
    """Giai đoạn: 2025–2027 with the preliminary review (sơ kết) in 2027, 2027–2030 with the final review."""

    __table_args__ = (UniqueConstraint("movement_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    movement_id: int = Field(foreign_key="movement.id", index=True, ondelete="CASCADE")
    number: int
    name: str = Field(max_length=200)
    start_year: int
    end_year: int
    review_year: int
    review_kind: str = Field(max_length=20)  # preliminary | final
    description: str = Field(default="", max_length=2000)


class ContentArea(SQLModel, table=True):
    """Nội dung thi đua: the six areas of seed II.2."""

    __tablename__ = "content_area"
    __table_args__ = (UniqueConstraint("movement_id", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    movement_id: int = Field(foreign_key="movement.id", index=True, ondelete="CASCADE")
    code: str = Field(max_length=20)
    name: str = Field(max_length=300)
    description: str = Field(default="", max_length=2000)
    position: int = 0


class EvaluationWindow(Versioned, table=True):
    """Thời gian đánh giá of one school year: verification (which freezes a scorecard) is allowed from
    `starts_on` to `ends_on`. A school year without a row has the default, 1 May to 31 July of its
    second calendar year (movements/service.py: `window_for`)."""

    __tablename__ = "evaluation_window"
    __table_args__ = (UniqueConstraint("movement_id", "school_year"),)

    movement_id: int = Field(foreign_key="movement.id", index=True, ondelete="CASCADE")
    school_year: str = Field(max_length=9)
    starts_on: date
    ends_on: date

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel, UniqueConstraint

from thidua.core.models import CommuneOwned, Decimal2, UTCDateTime, Versioned


class Framework(Versioned, CommuneOwned, table=True):
    """Bảng điểm chuẩn: one version of a scorecard template. Immutable once an assessment uses it;
    editing then means a new version."""

    __table_args__ = (UniqueConstraint("commune_id", "code", "version_number"),)

    movement_id: int = Field(foreign_key="movement.id", index=True)
    code: str = Field(max_length=40, index=True)
    version_number: int = 1
    name: str = Field(max_length=300)
    subject_kind: str = Field(max_length=20)  # unit | individual
    status: str = Field(default="draft", max_length=20)  # draft | active | retired
    based_on_id: int | None = Field(default=None, foreign_key="framework.id")
    # [{"min_percent": "90", "code": "excellent", "label": "Hoàn thành xuất sắc"}, ...] highest first
    classification: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    activated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Criterion(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("framework_id", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    framework_id: int = Field(foreign_key="framework.id", index=True, ondelete="CASCADE")
    code: str = Field(max_length=20)
    name: str = Field(max_length=1000)
    position: int = 0


class Indicator(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("framework_id", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    framework_id: int = Field(foreign_key="framework.id", index=True, ondelete="CASCADE")
    criterion_id: int = Field(foreign_key="criterion.id", index=True, ondelete="CASCADE")
    code: str = Field(max_length=20)
    name: str = Field(max_length=1000)
    kind: str = Field(max_length=20)  # boolean | percent | count | level | computed
    rule: str = Field(max_length=20)  # proportional | threshold | bands
    direction: str = Field(default="higher", max_length=10)  # higher | lower
    target: Decimal | None = Field(default=None, sa_type=Decimal2)
    max_points: Decimal = Field(sa_type=Decimal2)
    bands: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)  # [{"min_value", "points"}]
    levels: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)  # [{"value", "label"}]
    evidence_required: bool = False
    is_gate: bool = False
    content_area_code: str | None = Field(default=None, max_length=20)
    source: str | None = Field(default=None, max_length=60)  # computed indicators only
    moet_4725: str | None = Field(default=None, max_length=40)
    position: int = 0

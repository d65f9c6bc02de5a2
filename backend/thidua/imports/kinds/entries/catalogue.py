"""What an import of self-assessment values learns once and keeps: the indicators of the active
scorecards (each value text checked once), the assessments found or made, the keys seen so far."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, select

from thidua.assessments.service import check_value
from thidua.core.models import Decimal2
from thidua.frameworks.models import Framework, Indicator
from thidua.imports import bulk
from thidua.imports.messages import M, Message
from thidua.imports.steps import parse
from thidua.movements.models import Movement
from thidua.movements.service import school_years

I = Indicator.__table__  # type: ignore[attr-defined]  # noqa: E741  # SQLModel declares no __table__
F = Framework.__table__  # type: ignore[attr-defined]
MV = Movement.__table__  # type: ignore[attr-defined]

LIMIT = Decimal(1_000_000_000)


def _value_reason_en(ind: Indicator, reason: str) -> str:
    if reason.startswith("Tối đa 2"):
        return "At most 2 decimal places."
    kind = ind.kind
    if kind == "boolean":
        return "Only 0 (no) or 1 (yes)."
    if kind == "percent":
        return "A percentage from 0 to 100."
    if kind == "level":
        return "One of the levels: " + ", ".join(str(lv["value"]) for lv in ind.levels) + "."
    return "A whole number, 0 or more."


@dataclass
class KnownIndicator:
    id: int
    framework_id: int
    framework_code: str
    bit: int
    computed: bool
    model: Indicator
    # value text -> (value, stored hundredths) or why it does not fit; files repeat their values a lot
    values: dict[str, tuple[Decimal, int] | Message] = field(default_factory=dict)


STORE = Decimal2().process_bind_param


def parse_value(ind: KnownIndicator, text: str) -> tuple[Decimal, int] | Message:
    try:
        value = parse.decimal(text)
    except parse.CellError as exc:
        return exc.message
    if not -LIMIT <= value <= LIMIT:
        return M.out_of_range(-LIMIT, LIMIT)
    reason = check_value(ind.model, value)
    if reason:
        return (reason, _value_reason_en(ind.model, reason))
    stored = STORE(value, None)
    assert stored is not None
    return value, stored


MADE, TOUCHED = 1, 2  # low bits of State.flags; indicator bits start at 4
CACHE_LIMIT = 50_000  # resolved subjects and assessments kept between chunks


class State:
    """What the import learns once and keeps: active scorecards, assessments, keys seen."""

    def __init__(self, conn: Connection) -> None:
        self.years: dict[int, dict[str, str]] = {}
        self.spans: dict[int, str] = {}
        self.by_code: dict[tuple[str, str], list[KnownIndicator]] = {}
        frameworks = conn.execute(
            select(F.c.id, F.c.code, F.c.subject_kind, MV.c.start_year, MV.c.end_year)
            .join(MV, MV.c.id == F.c.movement_id)
            .where(F.c.status == "active")
        ).all()
        kinds = {}
        for fw in frameworks:
            self.years[fw.id] = {y: y for y in school_years(fw.start_year, fw.end_year)}
            self.spans[fw.id] = f"{fw.start_year}–{fw.end_year}"
            kinds[fw.id] = (fw.subject_kind, fw.code)
        if kinds:
            rows = conn.execute(
                select(I).where(I.c.framework_id.in_(kinds)).order_by(I.c.framework_id, I.c.id)
            ).all()
            position: dict[int, int] = {}
            for row in rows:
                subject_kind, fw_code = kinds[row.framework_id]
                n = position.get(row.framework_id, 0)
                position[row.framework_id] = n + 1
                model = Indicator(**row._asdict())
                info = KnownIndicator(
                    row.id, row.framework_id, fw_code, 4 << n, row.kind == "computed", model
                )
                self.by_code.setdefault((subject_kind, row.code.upper()), []).append(info)
        # (framework_id, subject_key, school_year) -> [assessment id, status]
        self.assessments: dict[tuple[int, str, str], tuple[int, str]] = {}
        # assessment id -> MADE | TOUCHED | the bits of the indicators given so far (one int each keeps
        # a million-row file small: no set per purpose)
        self.flags: dict[int, int] = {}
        self.subjects: dict[str, Any] = {}  # "staff code\0unit code" -> subject or refusal
        self.indicators: dict[str, dict[str, Any]] = {"unit": {}, "individual": {}}

    def load(self, conn: Connection, keys: set[tuple[int, str, str]]) -> None:
        for batch in bulk.chunked(sorted(keys), 2000):
            rows = bulk.fetch_in(
                conn,
                "SELECT id, framework_id, subject_key, school_year, status FROM self_assessment "
                "WHERE framework_id IN ({0}) AND school_year IN ({1}) AND subject_key IN ({2})",
                sorted({k[0] for k in batch}),
                sorted({k[2] for k in batch}),
                [k[1] for k in batch],
            )
            for assessment_id, framework_id, subject_key, year, status in rows:
                self.assessments[(framework_id, subject_key, year)] = (assessment_id, status)


Pending = tuple[int, tuple[int, str, str], KnownIndicator, int | None, str | None]

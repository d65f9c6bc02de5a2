"""Scorecards: the ranked list, one subject's breakdown, aggregates and the XLSX export."""

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO
from typing import Any, NamedTuple

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from thidua.assessments.models import Evidence, SelfAssessment
from thidua.auth.policy import Actor
from thidua.core.errors import Invalid
from thidua.core.models import today
from thidua.core.pagination import PageParams
from thidua.documents.spreadsheet import put
from thidua.frameworks.models import Criterion, Framework, Indicator
from thidua.movements.models import ContentArea
from thidua.scoring import access, engine, generation, loader
from thidua.scoring.schemas import (
    Aggregates,
    ClassificationCount,
    ContentAreaAverage,
    CriterionBreakdown,
    CriterionColumn,
    DefaultClassificationBand,
    HeatmapRow,
    IndicatorBreakdown,
    RankedScorecard,
    RankingPage,
    ScorecardDetail,
    ScorecardRow,
    YearOverYear,
    YearResult,
)
from thidua.units.models import StaffMember, Unit

ZERO = Decimal("0.00")
RANKED_STATUSES = ("submitted", "returned", "verified")
# A few framework-year rankings per process; 3,000 schools take about 2 MB.
_rankings = generation.ResultCache[list[dict[str, Any]]](size=8)


def _framework(session: Session, framework_id: int) -> Framework:
    framework = session.get(Framework, framework_id)
    if framework is None:
        raise Invalid("query.framework_id", f"Không tìm thấy bảng điểm có id {framework_id}.", "not_found")
    return framework


def _average(values: list[Decimal]) -> Decimal:
    if not values:
        return ZERO
    return (sum(values, ZERO) / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class _UnitName(NamedTuple):
    name: str
    school_level: str | None


class _Names:
    """Unit and staff names for many rows, loaded once (only the columns shown)."""

    def __init__(self, session: Session, rows: list[SelfAssessment]) -> None:
        unit_ids = {a.unit_id for a in rows}
        staff_ids = {a.staff_id for a in rows if a.staff_id}
        self.units = (
            {
                uid: _UnitName(name, level)
                for uid, name, level in session.execute(
                    sa_select(col(Unit.id), col(Unit.name), col(Unit.school_level)).where(
                        col(Unit.id).in_(unit_ids)
                    )
                )
            }
            if unit_ids
            else {}
        )
        self.staff = (
            dict(
                session.exec(
                    select(StaffMember.id, StaffMember.full_name).where(col(StaffMember.id).in_(staff_ids))
                ).all()
            )
            if staff_ids
            else {}
        )

    def row(self, a: SelfAssessment, card: dict[str, Any], frozen: bool) -> dict[str, Any]:
        assert a.id is not None
        unit = self.units.get(a.unit_id)
        unit_name = unit.name if unit else ""
        return {
            "assessment_id": a.id,
            "subject_kind": a.subject_kind,
            "subject_name": self.staff.get(a.staff_id, "") if a.staff_id else unit_name,
            "unit_id": a.unit_id,
            "unit_name": unit_name,
            "school_level": unit.school_level if unit else None,
            "status": a.status,
            "frozen": frozen,
            **{
                k: card[k]
                for k in (
                    "self_total",
                    "verified_total",
                    "max_total",
                    "completion_percent",
                    "self_completion_percent",
                    "gap",
                    "data_completeness_percent",
                    "classification_code",
                    "classification_label",
                )
            },
            "failed_gates": list(card["failed_gates"]),
        }


def _scored(
    session: Session, framework: Framework, school_year: str
) -> tuple[list[SelfAssessment], dict[int, tuple[dict[str, Any], bool]]]:
    """Every non-draft assessment of the framework and year with its (scorecard, frozen)."""
    rows = list(
        session.exec(
            select(SelfAssessment)
            .where(
                SelfAssessment.framework_id == framework.id,
                SelfAssessment.school_year == school_year,
                col(SelfAssessment.status).in_(RANKED_STATUSES),
            )
            .order_by(col(SelfAssessment.id))
        ).all()
    )
    return rows, loader.scorecards(session, framework, rows)


def _ranked_rows(session: Session, framework: Framework, school_year: str) -> list[dict[str, Any]]:
    """Every ranked subject's row with its competition rank over the whole commune, best first.
    Ranks do not depend on who asks (callers then see only their rows), so one computation serves
    everyone until score data changes. Computed indicators can depend on today's date (a plan
    deadline passing), hence the date in the key."""
    key = (
        str(session.get_bind().engine.url),
        framework.id,
        framework.version,
        school_year,
        today(),
        generation.current(session),
    )
    return _rankings.get(key, lambda: _rank(session, framework, school_year))


def _rank(session: Session, framework: Framework, school_year: str) -> list[dict[str, Any]]:
    rows, cards = _scored(session, framework, school_year)
    ranks = dict(
        engine.competition_rank(
            [(a.id, Decimal(cards[a.id][0]["completion_percent"])) for a in rows if a.id is not None]
        )
    )
    names = _Names(session, rows)
    return [
        {**names.row(a, *cards[a.id or 0]), "rank": ranks[a.id or 0]}
        for a in sorted(rows, key=lambda r: (ranks[r.id or 0], r.id))
    ]


def _visible_ids(session: Session, actor: Actor, framework_id: int, school_year: str) -> set[int]:
    query = access.readable(session, actor).where(
        SelfAssessment.framework_id == framework_id, SelfAssessment.school_year == school_year
    )
    return set(session.execute(query.with_only_columns(col(SelfAssessment.id))).scalars())


def default_classification() -> list[DefaultClassificationBand]:
    """The bands a framework without its own classification uses, highest first."""
    return [
        DefaultClassificationBand(
            min_percent=b.min_percent, code=engine.ClassificationCode(b.code), label=b.label
        )
        for b in engine.DEFAULT_CLASSIFICATION
    ]


def ranking(
    session: Session,
    actor: Actor,
    framework_id: int,
    school_year: str,
    unit_kind: str | None,
    classification: str | None,
    page: PageParams,
) -> RankingPage:
    framework = _framework(session, framework_id)
    ranked = _ranked_rows(session, framework, school_year)
    visible = _visible_ids(session, actor, framework_id, school_year)
    rows = [
        r
        for r in ranked
        if r["assessment_id"] in visible
        and (not classification or r["classification_code"] == classification)
        and (not unit_kind or r["school_level"] == unit_kind)
    ]
    return RankingPage(
        items=[RankedScorecard(**r) for r in rows[page.offset : page.offset + page.limit]],
        total=len(rows),
        limit=page.limit,
        offset=page.offset,
        framework_id=framework_id,
        school_year=school_year,
        ranked_count=len(ranked),
    )


def detail(session: Session, actor: Actor, assessment_id: int) -> ScorecardDetail:
    a = access.get_readable(session, actor, assessment_id)
    framework = _framework(session, a.framework_id)
    card, frozen = loader.scorecard(session, a)
    criteria = {
        c.code: c.name for c in session.exec(select(Criterion).where(Criterion.framework_id == framework.id))
    }
    indicators = {
        i.code: i for i in session.exec(select(Indicator).where(Indicator.framework_id == framework.id))
    }
    evidence = Counter(
        session.exec(select(Evidence.indicator_id).where(Evidence.assessment_id == a.id)).all()
    )
    breakdown = []
    for s in card["indicators"]:
        ind = indicators.get(s["code"])
        breakdown.append(
            IndicatorBreakdown(
                code=s["code"],
                name=ind.name if ind else s["code"],
                criterion_code=s["criterion_code"],
                kind=ind.kind if ind else "",
                content_area_code=ind.content_area_code if ind else None,
                self_value=s["self_value"],
                verified_value=s["verified_value"],
                effective_value=s["effective_value"],
                self_points=s["self_points"],
                verified_points=s["verified_points"],
                max_points=s["max_points"],
                lost_points=Decimal(s["max_points"]) - Decimal(s["verified_points"]),
                is_gate=bool(ind and ind.is_gate),
                gate_failed=s["gate_failed"],
                evidence_count=evidence.get(ind.id, 0) if ind and ind.id else 0,
            )
        )
    return ScorecardDetail(
        **ScorecardRow(**_Names(session, [a]).row(a, card, frozen)).model_dump(),
        framework_code=framework.code,
        framework_version=framework.version_number,
        school_year=a.school_year,
        criteria=[CriterionBreakdown(name=criteria.get(c["code"], c["code"]), **c) for c in card["criteria"]],
        indicators=breakdown,
    )


def _content_areas(
    session: Session, framework: Framework, spec: engine.FrameworkSpec, cards: list[dict[str, Any]]
) -> list[ContentAreaAverage]:
    """Each content area of the framework with its maximum and the average completion of `cards`."""
    area_of = {i.code: i.content_area for i in spec.indicators}
    area_max: dict[str, Decimal] = {}
    for i in spec.indicators:
        if i.content_area:
            area_max[i.content_area] = area_max.get(i.content_area, ZERO) + i.max_points
    completions: dict[str, list[Decimal]] = {code: [] for code in area_max}
    for card in cards:
        earned: dict[str, Decimal] = {}
        for s in card["indicators"]:
            area = area_of.get(s["code"])
            if area:
                earned[area] = earned.get(area, ZERO) + Decimal(s["verified_points"])
        for area, maximum in area_max.items():
            completions[area].append(engine.percent(earned.get(area, ZERO), maximum))
    names = dict(
        session.exec(
            select(ContentArea.code, ContentArea.name).where(ContentArea.movement_id == framework.movement_id)
        ).all()
    )
    return [
        ContentAreaAverage(
            code=code,
            name=names.get(code, code),
            max_points=area_max[code],
            average_completion_percent=_average(values),
        )
        for code, values in sorted(completions.items())
    ]


def aggregates(session: Session, actor: Actor, framework_id: int, school_year: str) -> Aggregates:
    framework = _framework(session, framework_id)
    rows, cards = _scored(session, framework, school_year)
    visible = _visible_ids(session, actor, framework_id, school_year)
    rows = [a for a in rows if a.id in visible]
    names = _Names(session, rows)
    spec = loader.framework_spec(session, framework)
    heat: list[HeatmapRow] = []
    for a in rows:
        card = cards[a.id or 0][0]
        unit = names.units.get(a.unit_id)
        heat.append(
            HeatmapRow(
                assessment_id=a.id or 0,
                subject_name=names.row(a, card, False)["subject_name"],
                unit_name=unit.name if unit else "",
                completion_percent=card["completion_percent"],
                completion_by_criterion={
                    c["code"]: Decimal(c["completion_percent"]) for c in card["criteria"]
                },
            )
        )
    counts = Counter(cards[a.id or 0][0]["classification_code"] for a in rows)
    return Aggregates(
        framework_id=framework_id,
        school_year=school_year,
        subject_count=len(rows),
        criteria=[CriterionColumn(code=c.code, name=c.name, max_points=c.max_points) for c in spec.criteria],
        rows=heat,
        criterion_average_completion={
            c.code: _average([h.completion_by_criterion[c.code] for h in heat]) for c in spec.criteria
        },
        content_areas=_content_areas(session, framework, spec, [cards[a.id or 0][0] for a in rows]),
        classification_distribution=[
            ClassificationCount(code=b.code, label=b.label, count=counts.get(b.code, 0))
            for b in spec.classification
        ],
        average_completion_percent=_average([Decimal(h.completion_percent) for h in heat]),
        average_gap=_average([Decimal(cards[a.id or 0][0]["gap"]) for a in rows]),
    )


def year_over_year(session: Session, actor: Actor, framework_code: str) -> YearOverYear:
    versions = list(session.exec(select(Framework).where(Framework.code == framework_code)).all())
    if not versions:
        raise Invalid("query.framework_code", f"Không có bảng điểm mã '{framework_code}'.", "not_found")
    years: list[YearResult] = []
    for framework in sorted(versions, key=lambda f: f.version_number):
        school_years = sorted(
            set(
                session.exec(
                    select(SelfAssessment.school_year).where(SelfAssessment.framework_id == framework.id)
                ).all()
            )
        )
        for year in school_years:
            agg = aggregates(session, actor, framework.id or 0, year)
            if agg.subject_count:
                years.append(
                    YearResult(
                        school_year=year,
                        framework_id=framework.id or 0,
                        framework_version=framework.version_number,
                        subject_count=agg.subject_count,
                        average_completion_percent=agg.average_completion_percent,
                        classification_distribution=agg.classification_distribution,
                    )
                )
    return YearOverYear(framework_code=framework_code, years=sorted(years, key=lambda y: y.school_year))


# ---------------------------------------------------------------- XLSX export

_HEADER = Font(bold=True)


def _heat_fill(percent: Decimal) -> PatternFill:
    # Red (0 %) to amber to green (100 %), so a printed sheet reads like the dashboard.
    p = max(0, min(100, int(percent)))
    red, green = (255, int(255 * p / 50)) if p < 50 else (int(255 * (100 - p) / 50), 200)
    colour = f"{red:02X}{green:02X}80"
    return PatternFill(start_color=colour, end_color=colour, fill_type="solid")


_RANKING_HEADERS = (
    "Hạng",
    "Đối tượng",
    "Đơn vị",
    "Trạng thái",
    "Điểm tự đánh giá",
    "Điểm xác nhận",
    "Điểm tối đa",
    "Chênh lệch",
    "Tỷ lệ hoàn thành (%)",
    "Xếp loại",
    "Điều kiện bắt buộc chưa đạt",
)
_STATUS_VI = {"submitted": "Đã nộp", "returned": "Trả lại", "verified": "Đã xác nhận"}


def _ranking_sheet(ws: Worksheet, framework: Framework, school_year: str, page: RankingPage) -> None:
    ws.title = "Xếp hạng"
    put(ws, 1, 1, f"{framework.name} (phiên bản {framework.version_number}) — năm học {school_year}")
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    for c, header in enumerate(_RANKING_HEADERS, start=1):
        put(ws, 3, c, header)
        ws.cell(row=3, column=c).font = _HEADER
    for r, item in enumerate(page.items, start=4):
        values = [
            item.rank,
            item.subject_name,
            item.unit_name,
            _STATUS_VI.get(item.status, item.status),
            float(item.self_total),
            float(item.verified_total),
            float(item.max_total),
            float(item.gap),
            float(item.completion_percent),
            item.classification_label,
            ", ".join(item.failed_gates),
        ]
        for c, value in enumerate(values, start=1):
            put(ws, r, c, value)
    for letter, width in zip("ABCDEFGHIJK", (7, 40, 36, 14, 16, 14, 12, 12, 20, 22, 26), strict=True):
        ws.column_dimensions[letter].width = width


def _heatmap_sheet(heat: Worksheet, agg: Aggregates) -> None:
    put(heat, 1, 1, "Tỷ lệ hoàn thành (%) theo tiêu chí")
    heat.cell(row=1, column=1).font = Font(bold=True, size=13)
    put(heat, 3, 1, "Đối tượng")
    heat.cell(row=3, column=1).font = _HEADER
    for c, criterion in enumerate(agg.criteria, start=2):
        put(heat, 3, c, f"{criterion.code} ({criterion.max_points} điểm)")
        heat.cell(row=3, column=c).font = _HEADER
        heat.cell(row=3, column=c).alignment = Alignment(wrap_text=True)
    for r, row in enumerate(agg.rows, start=4):
        put(heat, r, 1, row.subject_name)
        for c, criterion in enumerate(agg.criteria, start=2):
            value = row.completion_by_criterion.get(criterion.code, ZERO)
            put(heat, r, c, float(value))
            heat.cell(row=r, column=c).fill = _heat_fill(value)
    heat.column_dimensions["A"].width = 40


def export_xlsx(session: Session, actor: Actor, framework_id: int, school_year: str) -> bytes:
    framework = _framework(session, framework_id)
    page = ranking(session, actor, framework_id, school_year, None, None, PageParams(limit=10**6, offset=0))
    agg = aggregates(session, actor, framework_id, school_year)
    book = Workbook()
    ws = book.active
    assert isinstance(ws, Worksheet)
    _ranking_sheet(ws, framework, school_year, page)
    _heatmap_sheet(book.create_sheet("Bản đồ nhiệt"), agg)
    out = BytesIO()
    book.save(out)
    return out.getvalue()

"""Scorecards: the ranked list, one subject's breakdown, aggregates and the XLSX export."""

from collections import Counter
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from thidua.assessments.models import Evidence, SelfAssessment
from thidua.auth.policy import Actor
from thidua.core.errors import Conflict, Invalid
from thidua.core.models import same_commune
from thidua.core.pagination import PageParams
from thidua.documents.spreadsheet import DECIMAL, INTEGER, PERCENT, fit_columns, header, put, put_number
from thidua.frameworks.models import Criterion, Framework, Indicator
from thidua.movements.models import ContentArea
from thidua.scoring import access, engine, loader
from thidua.scoring.models import AssessmentScore, ContentAreaScore, CriterionScore
from thidua.scoring.schemas import (
    Aggregates,
    ClassificationCount,
    ContentAreaAverage,
    CriterionBreakdown,
    CriterionColumn,
    DefaultClassificationBand,
    HeatmapRow,
    HistoryYear,
    IndicatorBreakdown,
    RankedScorecard,
    RankingPage,
    ScorecardDetail,
    ScorecardHistory,
    YearOverYear,
    YearResult,
)
from thidua.units.models import StaffMember, Unit

ZERO = Decimal("0.00")
RANKED_STATUSES = ("submitted", "returned", "verified")
S = AssessmentScore.__table__  # type: ignore[attr-defined]
C = CriterionScore.__table__  # type: ignore[attr-defined]
CA = ContentAreaScore.__table__  # type: ignore[attr-defined]
_ROW_COLUMNS = (
    "self_total",
    "verified_total",
    "max_total",
    "completion_percent",
    "self_completion_percent",
    "gap",
    "data_completeness_percent",
    "classification_code",
    "classification_label",
    "failed_gates",
    "frozen",
    "status",
    "subject_kind",
    "unit_id",
)


def _framework(session: Session, framework_id: int, actor: Actor | None = None) -> Framework:
    """The framework a query names (for an `actor`: another commune's reads like a missing one)."""
    framework = session.get(Framework, framework_id)
    if framework is None or (actor is not None and not access.framework_readable(actor, framework)):
        raise Invalid("query.framework_id", f"Không tìm thấy bảng điểm có id {framework_id}.", "not_found")
    return framework


def _average(values: list[Decimal]) -> Decimal:
    return _mean(sum(values, ZERO), len(values))


def _visible(session: Session, actor: Actor, framework: Framework | None = None) -> Any:
    """The ids of the assessments the caller may read, as a subquery; None when the caller reads every
    assessment (the commune's officers), so that their queries skip a join over all of them. Behind a
    province deployment's wall a commune's officers read every assessment of their commune's
    framework (a framework is one commune's): None as well, so its ranking stays in index order."""
    if framework is not None and access.reads_whole_framework(actor, framework):
        return None
    readable = access.readable(session, actor)
    if readable.whereclause is None:
        return None
    return readable.with_only_columns(col(SelfAssessment.id)).scalar_subquery()


def _only_visible(column: Any, visible: Any) -> list[Any]:
    return [] if visible is None else [column.in_(visible)]


def _row(m: Any) -> dict[str, Any]:
    return {
        **{k: m[k] for k in ("assessment_id", *_ROW_COLUMNS, "unit_name", "school_level", "subject_name")},
        "failed_gates": list(m["failed_gates"] or []),
        "recomputing": bool(m["stale"]),
    }


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
    """One page of the competition ranking (1, 2, 2, 4) over the whole commune: ranks do not depend on
    who asks or what is filtered."""
    framework = _framework(session, framework_id, actor)
    in_ranking = (
        S.c.framework_id == framework_id,
        S.c.school_year == school_year,
        S.c.status.in_(RANKED_STATUSES),
    )
    mine = _ranking_filters(S, _visible(session, actor, framework), unit_kind, classification)
    ranked_count = session.execute(sa_select(func.count()).where(*in_ranking)).scalar_one()
    if mine:
        total = session.execute(sa_select(func.count()).where(*in_ranking, *mine)).scalar_one()
        ranks = _filtered_page(session, in_ranking, mine, page)
    else:
        total, ranks = ranked_count, _page_in_index_order(session, in_ranking, page)
    rows = _named_rows(session, list(ranks))
    return RankingPage(
        items=[RankedScorecard(**_row(m), rank=ranks[m["assessment_id"]]) for m in rows],
        total=total,
        limit=page.limit,
        offset=page.offset,
        framework_id=framework_id,
        school_year=school_year,
        ranked_count=ranked_count,
    )


def _ranking_filters(t: Any, visible: Any, unit_kind: str | None, classification: str | None) -> list[Any]:
    found = _only_visible(t.c.assessment_id, visible)
    if classification:
        found.append(t.c.classification_code == classification)
    if unit_kind:
        unit = Unit.__table__  # type: ignore[attr-defined]
        found.append(t.c.unit_id.in_(sa_select(unit.c.id).where(unit.c.school_level == unit_kind)))
    return found


def _page_in_index_order(session: Session, in_ranking: tuple[Any, ...], page: PageParams) -> dict[int, int]:
    """{assessment id: rank} of an unfiltered page, read in the order of ix_assessment_score_rank_order.
    The first row's rank is one more than the rows with a better completion: the `offset` rows before it
    less those tied with it (a short range of the same index, where counting the better rows would read
    it again up to the page); each next row shares the rank of the one before when tied, else its rank
    is its position."""
    found = session.execute(
        sa_select(S.c.assessment_id, S.c.completion_percent)
        .where(*in_ranking)
        .order_by(S.c.completion_percent.desc(), S.c.assessment_id)
        .offset(page.offset)
        .limit(page.limit)
    ).all()
    ranks: dict[int, int] = {}
    rank, previous = 0, None
    for i, (assessment_id, completion) in enumerate(found):
        if i == 0:
            tied_before = sa_select(func.count()).where(
                *in_ranking, S.c.completion_percent == completion, S.c.assessment_id < assessment_id
            )
            rank = page.offset - session.execute(tied_before).scalar_one() + 1
        elif completion != previous:
            rank = page.offset + i + 1
        ranks[assessment_id], previous = rank, completion
    return ranks


def _filtered_page(
    session: Session, in_ranking: tuple[Any, ...], filters: list[Any], page: PageParams
) -> dict[int, int]:
    """{assessment id: rank} of a page of the caller's rows or a filter's: the rank is taken over every
    stored row of the ranking first, then the rows are chosen."""
    ranked = (
        sa_select(
            S.c.assessment_id,
            S.c.completion_percent,
            func.rank().over(order_by=S.c.completion_percent.desc()).label("rank"),
        )
        .where(*in_ranking)
        .subquery("ranked")
    )
    found = session.execute(
        sa_select(ranked.c.assessment_id, ranked.c.rank)
        .where(ranked.c.assessment_id.in_(sa_select(S.c.assessment_id).where(*filters)))
        .order_by(ranked.c.completion_percent.desc(), ranked.c.assessment_id)
        .offset(page.offset)
        .limit(page.limit)
    ).all()
    return {assessment_id: rank for assessment_id, rank in found}


def _named_rows(session: Session, ids: list[int]) -> list[Any]:
    """The stored rows of `ids` with the subject's and the unit's names, best completion first."""
    if not ids:
        return []
    unit = Unit.__table__  # type: ignore[attr-defined]
    staff = StaffMember.__table__  # type: ignore[attr-defined]
    return list(
        session.execute(
            sa_select(
                *[S.c[k] for k in ("assessment_id", *_ROW_COLUMNS, "staff_id", "stale")],
                unit.c.name.label("unit_name"),
                unit.c.school_level,
                func.coalesce(staff.c.full_name, unit.c.name).label("subject_name"),
            )
            .join(unit, unit.c.id == S.c.unit_id)
            .outerjoin(staff, staff.c.id == S.c.staff_id)
            .where(S.c.assessment_id.in_(ids))
            .order_by(S.c.completion_percent.desc(), S.c.assessment_id)
        ).mappings()
    )


def detail(session: Session, actor: Actor, assessment_id: int) -> ScorecardDetail:
    a = access.get_readable(session, actor, assessment_id)
    framework = _framework(session, a.framework_id)
    stored = session.get(AssessmentScore, a.id)
    if stored is None:  # only before the migration filled the table; never after a write
        raise Conflict("Bảng điểm này đang được tính lại, vui lòng thử lại sau.")
    card = stored.scorecard
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
    unit = session.get(Unit, a.unit_id)
    staff = session.get(StaffMember, a.staff_id) if a.staff_id else None
    unit_name = unit.name if unit else ""
    return ScorecardDetail(
        assessment_id=a.id or 0,
        subject_kind=a.subject_kind,
        subject_name=staff.full_name if staff else unit_name,
        unit_id=a.unit_id,
        unit_name=unit_name,
        school_level=unit.school_level if unit else None,
        status=a.status,
        frozen=stored.frozen,
        recomputing=stored.stale,
        **{k: getattr(stored, k) for k in _ROW_COLUMNS[:10]},
        framework_code=framework.code,
        framework_version=framework.version_number,
        school_year=a.school_year,
        criteria=[CriterionBreakdown(name=criteria.get(c["code"], c["code"]), **c) for c in card["criteria"]],
        indicators=breakdown,
    )


def _in_aggregates(session: Session, actor: Actor, framework: Framework, school_year: str) -> list[Any]:
    """The conditions choosing the caller's stored rows of a ranking (what the aggregates sum)."""
    return [
        S.c.framework_id == framework.id,
        S.c.school_year == school_year,
        S.c.status.in_(RANKED_STATUSES),
        *_only_visible(S.c.assessment_id, _visible(session, actor, framework)),
    ]


def _heat_rows(session: Session, chosen: list[Any], page: PageParams | None) -> list[Any]:
    """The caller's rows in ranking order (completion, then id), named; a page of them, or all."""
    unit = Unit.__table__  # type: ignore[attr-defined]
    staff = StaffMember.__table__  # type: ignore[attr-defined]
    query = (
        sa_select(
            S.c.assessment_id,
            S.c.completion_percent,
            unit.c.name.label("unit_name"),
            func.coalesce(staff.c.full_name, unit.c.name).label("subject_name"),
        )
        .join(unit, unit.c.id == S.c.unit_id)
        .outerjoin(staff, staff.c.id == S.c.staff_id)
        .where(*chosen)
        .order_by(S.c.completion_percent.desc(), S.c.assessment_id)
    )
    if page is not None:
        query = query.offset(page.offset).limit(page.limit)
    return list(session.execute(query).mappings())


def _per_assessment(session: Session, table: Any, ids: list[int]) -> dict[int, dict[str, Decimal]]:
    """{assessment id: {code: completion %}} of a per-criterion or per-content-area table."""
    found: dict[int, dict[str, Decimal]] = {}
    for start in range(0, len(ids), 2000):
        rows = session.execute(
            sa_select(table.c.assessment_id, table.c.code, table.c.completion_percent).where(
                table.c.assessment_id.in_(ids[start : start + 2000])
            )
        )
        for assessment_id, code, completion in rows:
            found.setdefault(assessment_id, {})[code] = completion
    return found


def _sums_by_code(session: Session, table: Any, chosen: list[Any]) -> dict[str, Decimal]:
    """{criterion or content area: the sum of its completion % over the chosen rows}, by the database."""
    found = session.execute(
        sa_select(table.c.code, func.sum(table.c.completion_percent))
        .join(S, S.c.assessment_id == table.c.assessment_id)
        .where(table.c.framework_id == S.c.framework_id, table.c.school_year == S.c.school_year, *chosen)
        .group_by(table.c.code)
    )
    return {code: total for code, total in found}


def _mean(total: Decimal, count: int) -> Decimal:
    if not count:
        return ZERO
    return (total / count).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def aggregates(
    session: Session, actor: Actor, framework_id: int, school_year: str, page: PageParams | None = None
) -> Aggregates:
    """The figures over all the caller's rows, summed by the database so that a province costs what a
    commune does; the heatmap's rows are one page in ranking order (all of them without a page)."""
    framework = _framework(session, framework_id, actor)
    chosen = _in_aggregates(session, actor, framework, school_year)
    per_class = session.execute(
        sa_select(S.c.classification_code, func.count(), func.sum(S.c.completion_percent), func.sum(S.c.gap))
        .where(*chosen)
        .group_by(S.c.classification_code)
    ).all()
    classes = {code: n for code, n, _, _ in per_class}
    count = sum(classes.values())
    completion_sum = sum((c for _, _, c, _ in per_class), ZERO)
    gap_sum = sum((g for _, _, _, g in per_class), ZERO)
    criterion_sums = _sums_by_code(session, C, chosen)
    area_sums = _sums_by_code(session, CA, chosen)
    rows = _heat_rows(session, chosen, page)
    by_criterion = _per_assessment(session, C, [m["assessment_id"] for m in rows])
    spec = loader.framework_spec(session, framework)
    area_max: dict[str, Decimal] = {}
    for i in spec.indicators:
        if i.content_area:
            area_max[i.content_area] = area_max.get(i.content_area, ZERO) + i.max_points
    names = dict(
        session.exec(
            select(ContentArea.code, ContentArea.name).where(ContentArea.movement_id == framework.movement_id)
        ).all()
    )
    return Aggregates(
        framework_id=framework_id,
        school_year=school_year,
        subject_count=count,
        criteria=[CriterionColumn(code=c.code, name=c.name, max_points=c.max_points) for c in spec.criteria],
        rows=[
            HeatmapRow(
                assessment_id=m["assessment_id"],
                subject_name=m["subject_name"],
                unit_name=m["unit_name"],
                completion_percent=m["completion_percent"],
                completion_by_criterion=by_criterion.get(m["assessment_id"], {}),
            )
            for m in rows
        ],
        limit=page.limit if page is not None else max(count, 1),
        offset=page.offset if page is not None else 0,
        criterion_average_completion={
            c.code: _mean(criterion_sums.get(c.code, ZERO), count) for c in spec.criteria
        },
        content_areas=[
            ContentAreaAverage(
                code=code,
                name=names.get(code, code),
                max_points=area_max[code],
                average_completion_percent=_mean(area_sums.get(code, ZERO), count),
            )
            for code in sorted(area_max)
        ],
        classification_distribution=[
            ClassificationCount(code=b.code, label=b.label, count=classes.get(b.code, 0))
            for b in spec.classification
        ],
        average_completion_percent=_mean(completion_sum, count),
        average_gap=_mean(gap_sum, count),
    )


def year_over_year(session: Session, actor: Actor, framework_code: str) -> YearOverYear:
    versions = [
        v
        for v in session.exec(select(Framework).where(Framework.code == framework_code)).all()
        if access.framework_readable(actor, v)
    ]
    if not versions:
        raise Invalid("query.framework_code", f"Không có bảng điểm mã '{framework_code}'.", "not_found")
    years: list[YearResult] = []
    visible = _visible(session, actor)
    for framework in sorted(versions, key=lambda f: f.version_number):
        spec = loader.framework_spec(session, framework)
        found = session.execute(
            sa_select(S.c.school_year, S.c.classification_code, S.c.completion_percent).where(
                S.c.framework_id == framework.id,
                S.c.status.in_(RANKED_STATUSES),
                *_only_visible(S.c.assessment_id, visible),
            )
        ).all()
        by_year: dict[str, list[tuple[str, Decimal]]] = {}
        for year, code, completion in found:
            by_year.setdefault(year, []).append((code, completion))
        for year, items in by_year.items():
            counts = Counter(code for code, _ in items)
            years.append(
                YearResult(
                    school_year=year,
                    framework_id=framework.id or 0,
                    framework_version=framework.version_number,
                    subject_count=len(items),
                    average_completion_percent=_average([c for _, c in items]),
                    classification_distribution=[
                        ClassificationCount(code=b.code, label=b.label, count=counts.get(b.code, 0))
                        for b in spec.classification
                    ],
                )
            )
    return YearOverYear(framework_code=framework_code, years=sorted(years, key=lambda y: y.school_year))


def history(session: Session, actor: Actor, assessment_id: int) -> ScorecardHistory:
    """The subject's results in every school year of the scorecard's code (the ranked ones, and this
    assessment whatever its state), each beside the average of all subjects ranked that year. The
    average is one figure over the commune, so a school may see it beside its own."""
    a = access.get_readable(session, actor, assessment_id)
    framework = _framework(session, a.framework_id)
    versions = list(
        session.exec(
            select(Framework.id).where(
                Framework.code == framework.code, same_commune(Framework.commune_id, framework.commune_id)
            )
        ).all()
    )
    own = session.execute(
        sa_select(S)
        .join(SelfAssessment.__table__, SelfAssessment.__table__.c.id == S.c.assessment_id)  # type: ignore[attr-defined]
        .where(
            S.c.framework_id.in_(versions),
            SelfAssessment.__table__.c.subject_key == a.subject_key,  # type: ignore[attr-defined]
            *_only_visible(S.c.assessment_id, _visible(session, actor)),
            (S.c.status.in_(RANKED_STATUSES)) | (S.c.assessment_id == a.id),
        )
        .order_by(S.c.school_year, S.c.assessment_id)
    ).mappings()
    by_year = {m["school_year"]: m for m in own}  # the latest assessment of a year wins
    averages = {
        # completion is stored in hundredths (Decimal2), so the SQL average is too
        year: ((Decimal(str(avg)) / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), count)
        for year, avg, count in session.execute(
            sa_select(S.c.school_year, func.avg(S.c.completion_percent), func.count())
            .where(
                S.c.framework_id.in_(versions),
                S.c.school_year.in_(list(by_year)),
                S.c.status.in_(RANKED_STATUSES),
            )
            .group_by(S.c.school_year)
        ).all()
    }
    unit = session.get(Unit, a.unit_id)
    staff = session.get(StaffMember, a.staff_id) if a.staff_id else None
    return ScorecardHistory(
        assessment_id=a.id or 0,
        subject_name=staff.full_name if staff else (unit.name if unit else ""),
        framework_code=framework.code,
        years=[
            HistoryYear(
                school_year=year,
                assessment_id=m["assessment_id"],
                status=m["status"],
                completion_percent=m["completion_percent"],
                verified_total=m["verified_total"],
                max_total=m["max_total"],
                classification_code=m["classification_code"],
                classification_label=m["classification_label"],
                commune_average_percent=averages.get(year, (ZERO, 0))[0],
                commune_count=averages.get(year, (ZERO, 0))[1],
            )
            for year, m in sorted(by_year.items())
        ],
    )


# ---------------------------------------------------------------- XLSX export


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
    "Tỷ lệ hoàn thành",
    "Xếp loại",
    "Điều kiện bắt buộc chưa đạt",
)
_STATUS_VI = {"submitted": "Đã nộp", "returned": "Trả lại", "verified": "Đã xác nhận"}


# Number columns of the ranking sheet (1-based): rank, points, gap, completion.
_RANKING_FORMATS = {1: INTEGER, 5: DECIMAL, 6: DECIMAL, 7: DECIMAL, 8: DECIMAL, 9: PERCENT}


def _ranking_sheet(ws: Worksheet, framework: Framework, school_year: str, page: RankingPage) -> None:
    ws.title = "Xếp hạng"
    put(ws, 1, 1, f"{framework.name} (phiên bản {framework.version_number}) — năm học {school_year}")
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    header(ws, 3, _RANKING_HEADERS)
    for r, item in enumerate(page.items, start=4):
        values = [
            item.rank,
            item.subject_name,
            item.unit_name,
            _STATUS_VI.get(item.status, item.status),
            item.self_total,
            item.verified_total,
            item.max_total,
            item.gap,
            item.completion_percent,
            item.classification_label,
            ", ".join(item.failed_gates),
        ]
        for c, value in enumerate(values, start=1):
            if c in _RANKING_FORMATS:
                put_number(ws, r, c, value, _RANKING_FORMATS[c])
            else:
                put(ws, r, c, value)
    fit_columns(ws, from_row=3, maximum=45)


def _vn_points(points: Decimal) -> str:
    """25.00 → "25", 7.50 → "7,5": points as a Vietnamese reader writes them."""
    return f"{points.normalize():f}".replace(".", ",")


def _heatmap_sheet(heat: Worksheet, agg: Aggregates) -> None:
    put(heat, 1, 1, "Tỷ lệ hoàn thành theo tiêu chí")
    heat.cell(row=1, column=1).font = Font(bold=True, size=13)
    header(heat, 3, ["Đối tượng", *(f"{c.code} ({_vn_points(c.max_points)} điểm)" for c in agg.criteria)])
    for r, row in enumerate(agg.rows, start=4):
        put(heat, r, 1, row.subject_name)
        for c, criterion in enumerate(agg.criteria, start=2):
            value = row.completion_by_criterion.get(criterion.code, ZERO)
            put_number(heat, r, c, value, PERCENT)
            heat.cell(row=r, column=c).fill = _heat_fill(value)
    fit_columns(heat, from_row=3, minimum=10, maximum=45)


def export_framework(
    session: Session, actor: Actor, framework_id: int, path: str = "query.framework_id"
) -> Framework:
    """The framework an export names (422 at `path` when there is none, or it is another commune's)."""
    framework = session.get(Framework, framework_id)
    if framework is None or not access.framework_readable(actor, framework):
        raise Invalid(path, f"Không tìm thấy bảng điểm có id {framework_id}.", "not_found")
    return framework


def export_xlsx(
    session: Session,
    actor: Actor,
    framework_id: int,
    school_year: str,
    out: BinaryIO,
    progress: Callable[[int], None] = lambda _percent: None,
) -> None:
    """The ranking and the heat map of every subject the caller sees, written to `out`; `progress`
    hears the percent done (the export is a job of the queue: thidua/generated)."""
    framework = _framework(session, framework_id, actor)
    page = ranking(session, actor, framework_id, school_year, None, None, PageParams(limit=10**6, offset=0))
    progress(35)
    agg = aggregates(session, actor, framework_id, school_year)
    progress(60)
    book = Workbook()
    ws = book.active
    assert isinstance(ws, Worksheet)
    _ranking_sheet(ws, framework, school_year, page)
    _heatmap_sheet(book.create_sheet("Bản đồ nhiệt"), agg)
    progress(80)
    book.save(out)

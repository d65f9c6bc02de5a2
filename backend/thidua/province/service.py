"""The Department's view of the province: the consolidated reports the communes sent (received and
missing per period), a communes × criteria heatmap, a ranking of schools across communes on one
framework version, and the communes' proposals for the province's awards. Read only."""

import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from thidua.auth.policy import Actor
from thidua.awards.models import AwardDecision, AwardRound, Nomination
from thidua.core.errors import Invalid
from thidua.core.pagination import PageParams
from thidua.frameworks.models import Framework
from thidua.province import access
from thidua.province.schemas import (
    CommuneRef,
    CommuneSummary,
    Heatmap,
    HeatmapCell,
    InboxPeriod,
    MissingReport,
    ProvinceProposal,
    ProvinceRankedSchool,
    ProvinceRankingPage,
    ReceivedReport,
    ReportInbox,
)
from thidua.reports.models import ConsolidatedIssue, ReportRequest
from thidua.reports.service import KIND_VI
from thidua.scoring.models import AssessmentScore, CriterionScore
from thidua.scoring.service import RANKED_STATUSES
from thidua.units.models import Unit, UnitKind

CENT = Decimal("0.01")
S = AssessmentScore.__table__  # type: ignore[attr-defined]
C = CriterionScore.__table__  # type: ignore[attr-defined]
F = Framework.__table__  # type: ignore[attr-defined]
U = Unit.__table__  # type: ignore[attr-defined]


def _communes(session: Session, actor: Actor) -> list[Unit]:
    return list(session.exec(access.communes(actor)).all())


def _ref(u: Unit) -> CommuneRef:
    assert u.id is not None
    return CommuneRef(id=u.id, code=u.code, name=u.name)


def communes(session: Session, actor: Actor) -> list[CommuneSummary]:
    units = _communes(session, actor)
    counts = dict(
        session.exec(
            select(Unit.parent_id, func.count())
            .where(Unit.kind == UnitKind.school.value, col(Unit.is_active).is_(True))
            .where(col(Unit.parent_id).in_([u.id for u in units]))
            .group_by(col(Unit.parent_id))
        ).all()
    )
    return [CommuneSummary(**_ref(u).model_dump(), schools=int(counts.get(u.id, 0))) for u in units]


# ---------------------------------------------------------------- the inbox of consolidated reports


def _period_key(r: ReportRequest) -> tuple[str, str]:
    return r.kind, " ".join(r.period_label.split()).lower()


def _period_label(r: ReportRequest) -> str:
    label = " ".join(r.period_label.split())
    if not label:
        label = f"{KIND_VI.get(r.kind, r.kind)} năm học {r.school_year}"
    elif "năm học" not in label.lower():
        label = f"{label} năm học {r.school_year}"
    return label[0].upper() + label[1:]


def inbox(session: Session, actor: Actor, school_year: str) -> ReportInbox:
    """Per period the communes asked their schools to report on (the Department's plan gives every
    commune the same periods): the last consolidated report each commune issued and sent, and the
    communes that sent none (with their request, when they made one)."""
    units = _communes(session, actor)
    ids = [u.id for u in units if u.id is not None]
    names = {u.id: u.name for u in units}
    requests = session.exec(
        select(ReportRequest)
        .where(ReportRequest.school_year == school_year, access.in_communes(ReportRequest.commune_id, actor))
        .order_by(col(ReportRequest.due_date), col(ReportRequest.id))
    ).all()
    issues: dict[int, ConsolidatedIssue] = {}
    for issue in session.exec(
        select(ConsolidatedIssue)
        .where(col(ConsolidatedIssue.request_id).in_([r.id for r in requests]))
        .order_by(col(ConsolidatedIssue.sequence))
    ):
        issues[issue.request_id] = issue  # the latest version wins
    periods: dict[tuple[str, str], list[ReportRequest]] = {}
    for r in requests:
        periods.setdefault(_period_key(r), []).append(r)
    answer = []
    for asked in periods.values():
        received: dict[int, ReceivedReport] = {}
        requested: dict[int, int] = {}
        for r in asked:
            assert r.id is not None and r.commune_id is not None
            requested.setdefault(r.commune_id, r.id)
            last = issues.get(r.id)
            if last is None or last.id is None:
                continue
            current = received.get(r.commune_id)
            if current is None or (last.issued_on, last.id) > (current.issued_on, current.issue_id):
                received[r.commune_id] = ReceivedReport(
                    commune_id=r.commune_id,
                    commune_name=names[r.commune_id],
                    request_id=r.id,
                    issue_id=last.id,
                    number=last.number,
                    sequence=last.sequence,
                    issued_on=last.issued_on,
                    sent_at=last.sent_at,
                    signer=last.signer,
                )
        missing = [
            MissingReport(commune_id=u, commune_name=names[u], request_id=requested.get(u))
            for u in ids
            if u not in received
        ]
        first = asked[0]
        answer.append(
            InboxPeriod(
                kind=first.kind,
                period_label=first.period_label,
                label=_period_label(first),
                received=sorted(received.values(), key=lambda x: x.commune_name),
                missing=missing,
            )
        )
    return ReportInbox(school_year=school_year, communes=[_ref(u) for u in units], periods=answer)


# ---------------------------------------------------------------- heatmap and ranking


def _mean(total: Decimal, count: int) -> Decimal:
    return (total / count).quantize(CENT, rounding=ROUND_HALF_UP) if count else Decimal("0.00")


def _criterion_sums(session: Session, *where: Any) -> dict[tuple[int, str], tuple[Decimal, int]]:
    """{(framework, criterion): (sum of completion %, rows)} of the stored criterion rows chosen."""
    found = session.execute(
        sa_select(C.c.framework_id, C.c.code, func.sum(C.c.completion_percent), func.count())
        .where(*where)
        .group_by(C.c.framework_id, C.c.code)
    ).all()
    # the sum keeps the column's type: a Decimal on both databases
    return {(f, code): (Decimal(total), int(count)) for f, code, total, count in found}


def heatmap(session: Session, actor: Actor, school_year: str, framework_code: str) -> Heatmap:
    """Per commune and criterion: the mean completion of the schools' stored scorecards (unit
    assessments submitted, returned or verified) on the commune's versions of this framework."""
    units = _communes(session, actor)
    frameworks = sa_select(F.c.id).where(
        F.c.code == framework_code, access.in_communes(F.c.commune_id, actor), F.c.subject_kind == "unit"
    )
    commune_of = dict(session.execute(sa_select(F.c.id, F.c.commune_id).where(F.c.id.in_(frameworks))).all())
    # a subquery, not a list of 150 ids: one short statement the driver does not re-parse each time
    in_year = (C.c.framework_id.in_(frameworks), C.c.school_year == school_year)
    # Every stored row by the covering index of criterion_score (a few ms for 3,000 schools), less
    # the rows of assessments not ranked (drafts), usually few: joining the two tables for the
    # status cost ten times more.
    summed = _criterion_sums(session, *in_year)
    unranked = _criterion_sums(
        session,
        *in_year,
        C.c.assessment_id.in_(
            sa_select(S.c.assessment_id).where(
                S.c.framework_id.in_(frameworks),
                S.c.school_year == school_year,
                S.c.status.not_in(RANKED_STATUSES),
            )
        ),
    )
    by_commune: dict[tuple[int, str], tuple[Decimal, int]] = {}
    for (framework_id, code), (total, count) in summed.items():
        less_total, less_count = unranked.get((framework_id, code), (Decimal(0), 0))
        key = (commune_of[framework_id], code)
        before_total, before_count = by_commune.get(key, (Decimal(0), 0))
        by_commune[key] = (before_total + total - less_total, before_count + count - less_count)
    rows = [(c, code, total, count) for (c, code), (total, count) in by_commune.items() if count]
    cells = [
        HeatmapCell(
            commune_id=commune_id,
            code=code,
            average_completion_percent=_mean(total, count),
            assessments=count,
        )
        for commune_id, code, total, count in rows
    ]
    criteria = sorted({c.code for c in cells}, key=_criterion_order)
    position = {code: n for n, code in enumerate(criteria)}
    cells.sort(key=lambda c: (c.commune_id, position[c.code]))
    return Heatmap(
        school_year=school_year,
        framework_code=framework_code,
        communes=[_ref(u) for u in units],
        criteria=criteria,
        cells=cells,
    )


def _criterion_order(code: str) -> list[tuple[int, str]]:
    """TC1.2 before TC1.10 before TC2.1: numbers compared as numbers."""
    return [
        (1, "") if not part else (0, part.zfill(6)) if part.isdigit() else (1, part)
        for part in re.split(r"(\d+)", code)
    ]


def ranking(
    session: Session,
    actor: Actor,
    framework_code: str,
    version_number: int,
    school_year: str,
    page: PageParams,
) -> ProvinceRankingPage:
    """The schools of every commune ranked (1, 2, 2, 4) on one framework version: only assessments on
    the same version are compared (a commune's own later version scores different indicators)."""
    units = _communes(session, actor)
    names = {u.id: u.name for u in units}
    of_code = (F.c.code == framework_code, access.in_communes(F.c.commune_id, actor))
    versions = session.execute(sa_select(F.c.version_number).where(*of_code)).scalars().all()
    if not versions:
        raise Invalid("query.framework_code", f"Không có bảng điểm mã '{framework_code}'.", "not_found")
    if version_number not in versions:
        raise Invalid(
            "query.version_number",
            f"Không xã nào dùng phiên bản {version_number} của bảng điểm '{framework_code}'.",
            "not_found",
        )
    same = sum(1 for v in versions if v == version_number)
    # subqueries, not lists of 150 framework ids: the planner reads each commune's rows by index
    ranked_rows = (
        S.c.school_year == school_year,
        S.c.subject_kind == "unit",
        S.c.status.in_(RANKED_STATUSES),
    )
    on_version = sa_select(F.c.id).where(*of_code, F.c.version_number == version_number)
    on_others = sa_select(F.c.id).where(*of_code, F.c.version_number != version_number)
    in_ranking = (S.c.framework_id.in_(on_version), *ranked_rows)
    total = session.execute(sa_select(func.count()).where(*in_ranking)).scalar_one()
    excluded = session.execute(
        sa_select(func.count()).where(S.c.framework_id.in_(on_others), *ranked_rows)
    ).scalar_one()
    # The page is chosen from the ranks alone (index data), then named: 50 joins, not 3,000.
    rank = func.rank().over(order_by=S.c.completion_percent.desc()).label("rank")
    page_ranks = (
        sa_select(S.c.assessment_id, S.c.framework_id, rank)
        .where(*in_ranking)
        .order_by(rank, S.c.assessment_id)
        .offset(page.offset)
        .limit(page.limit)
        .subquery("page_ranks")
    )
    rows = session.execute(
        sa_select(
            page_ranks.c.rank,
            S.c.assessment_id,
            S.c.unit_id,
            S.c.status,
            S.c.completion_percent,
            S.c.classification_label,
            F.c.commune_id,
            U.c.name.label("unit_name"),
        )
        .select_from(page_ranks)
        .join(S, S.c.assessment_id == page_ranks.c.assessment_id)
        .join(F, F.c.id == page_ranks.c.framework_id)
        .join(U, U.c.id == S.c.unit_id)
        .order_by(page_ranks.c.rank, page_ranks.c.assessment_id)
    ).mappings()
    items = [
        ProvinceRankedSchool(
            rank=int(m["rank"]),
            assessment_id=m["assessment_id"],
            unit_id=m["unit_id"],
            unit_name=m["unit_name"],
            commune_id=m["commune_id"],
            commune_name=names[m["commune_id"]],
            status=m["status"],
            completion_percent=m["completion_percent"],
            classification_label=m["classification_label"],
        )
        for m in rows
    ]
    note = (
        f"Chỉ so sánh {total} đánh giá trên cùng phiên bản {version_number} của bảng điểm {framework_code}"
        f" ({same} xã)"
    )
    if excluded:
        note += f"; {excluded} đánh giá trên phiên bản khác không được xếp hạng"
    return ProvinceRankingPage(
        items=items,
        total=total,
        limit=page.limit,
        offset=page.offset,
        framework_code=framework_code,
        version_number=version_number,
        school_year=school_year,
        excluded=excluded,
        note=note + ".",
    )


# ---------------------------------------------------------------- proposals for the province's awards


def proposals(session: Session, actor: Actor, school_year: str | None) -> list[ProvinceProposal]:
    """The Tờ trình each commune issued to propose its nominees for the province's awards."""
    units = _communes(session, actor)
    names = {u.id: u.name for u in units}
    query = (
        select(AwardDecision, AwardRound)
        .join(AwardRound, col(AwardRound.id) == AwardDecision.round_id)
        .where(
            AwardDecision.kind == "proposal",
            col(AwardDecision.status).in_(("issued", "answered")),
            access.in_communes(AwardRound.commune_id, actor),
        )
        .order_by(col(AwardDecision.signed_on).desc(), col(AwardDecision.id).desc())
    )
    if school_year:
        query = query.where(AwardRound.school_year == school_year)
    found = session.exec(query).all()
    counts: dict[int, int] = defaultdict(int)
    decision_ids = [d.id for d, _r in found]
    for decision_id, n in session.exec(
        select(Nomination.decision_id, func.count())
        .where(col(Nomination.decision_id).in_(decision_ids))
        .group_by(col(Nomination.decision_id))
    ).all():
        if decision_id is not None:
            counts[decision_id] = int(n)
    return [
        ProvinceProposal(
            id=d.id or 0,
            commune_id=r.commune_id or 0,
            commune_name=names.get(r.commune_id, ""),
            round_name=r.name,
            number=d.number,
            signed_on=d.signed_on,
            status=d.status,
            nominees=counts[d.id or 0],
            province_decision_number=d.province_decision_number,
            province_decision_date=d.province_decision_date,
        )
        for d, r in found
    ]

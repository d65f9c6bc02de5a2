"""The public pages (no login): the honour board, published stories, published results and certificate
verification. Every query here starts from what public/access.py says is public, and every answer is
built field by field from the public schemas: nothing else of a row can leak."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from thidua.assessments.models import SelfAssessment
from thidua.auth.policy import descendant_unit_ids
from thidua.awards.models import Achievement, AwardRound
from thidua.communications.models import InfoCorner
from thidua.core.errors import NotFound
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.search import matches, where_given
from thidua.frameworks.models import Framework
from thidua.public import access
from thidua.public.schemas import (
    CertificateCheck,
    HonourBoardItem,
    HonourBoardPage,
    PublicCommune,
    PublicImage,
    PublicInfoCorner,
    PublicResult,
    PublicResultPage,
    PublicResultRow,
    PublicResultSummary,
    PublicRound,
    PublicStory,
    PublicStoryPage,
    PublicStorySummary,
    PublicUnit,
)
from thidua.scoring.models import AssessmentScore
from thidua.stories import service as stories
from thidua.stories.models import ResultPublication, Story, StoryImage
from thidua.units.models import StaffMember, Unit, UnitKind

# ---------------------------------------------------------------- communes


def communes(session: Session) -> list[PublicCommune]:
    """The deployment's active communes, by name: a province's visitor picks one."""
    rows = session.exec(
        select(Unit).where(Unit.kind == UnitKind.commune, col(Unit.is_active)).order_by(col(Unit.name))
    ).all()
    return [PublicCommune(id=u.id, name=u.name) for u in rows]


# ---------------------------------------------------------------- honour board


def honour_items(session: Session, achievements: list[Achievement]) -> list[HonourBoardItem]:
    names = stories.recipients(session, achievements)
    round_ids = {a.round_id for a in achievements if a.round_id is not None}
    rounds = (
        dict(
            session.exec(
                select(AwardRound.id, AwardRound.name).where(col(AwardRound.id).in_(round_ids))
            ).all()
        )
        if round_ids
        else {}
    )
    return [
        HonourBoardItem(
            recipient_name=names[a.id or 0][0],
            unit_name=names[a.id or 0][1],
            award_name=a.award_name,
            level=a.level,
            school_year=a.school_year,
            round_name=rounds.get(a.round_id) if a.round_id is not None else None,
            decision_number=a.decision_number,
            decision_date=a.decision_date,
            issuer=a.issuer,
        )
        for a in achievements
    ]


@dataclass(frozen=True)
class HonourFilters:
    round_id: int | None = None
    school_year: str | None = None
    level: str | None = None
    subject_kind: str | None = None  # collective | individual
    unit_id: int | None = None
    q: str | None = None
    commune_id: int | None = None


def honour_board(session: Session, f: HonourFilters, page: PageParams) -> HonourBoardPage:
    """Awards issued by the system's decisions (those with a verification code), newest decision first."""
    query = (
        access.issued_achievements()
        .join(Unit, col(Unit.id) == Achievement.unit_id)
        .outerjoin(StaffMember, col(StaffMember.id) == Achievement.staff_id)
    )
    query = where_given(
        query,
        (Achievement.round_id, f.round_id),
        (Achievement.school_year, f.school_year),
        (Achievement.level, f.level),
    )
    if f.subject_kind == "collective":
        query = query.where(col(Achievement.staff_id).is_(None))
    elif f.subject_kind == "individual":
        query = query.where(col(Achievement.staff_id).is_not(None))
    if f.unit_id is not None:  # a school with its subject groups
        query = query.where(col(Achievement.unit_id).in_(descendant_unit_ids(session, f.unit_id)))
    if f.commune_id is not None:  # one commune's page of a province deployment
        query = query.where(col(Achievement.unit_id).in_(descendant_unit_ids(session, f.commune_id)))
    if f.q and f.q.strip():
        query = query.where(matches(f.q, StaffMember.full_name, Unit.name))
    rows, total = paginate(
        session, query, page, col(Achievement.decision_date).desc(), col(Achievement.id).desc()
    )
    return page_of(HonourBoardPage, honour_items(session, rows), total, page)


def rounds(session: Session, commune_id: int | None = None) -> list[PublicRound]:
    """Rounds with at least one award on the honour board, for its filter."""
    issued = select(Achievement.round_id).where(access.ISSUED, col(Achievement.round_id).is_not(None))
    found = session.exec(
        access.timetable_rounds(commune_id)
        .where(col(AwardRound.id).in_(issued))
        .order_by(col(AwardRound.opens_on).desc(), col(AwardRound.id).desc())
    ).all()
    return [PublicRound(id=r.id or 0, name=r.name, kind=r.kind, school_year=r.school_year) for r in found]


# ---------------------------------------------------------------- stories


def _image_url(story_id: int, image_id: int | None) -> str:
    return f"/api/v1/public/stories/{story_id}/images/{image_id}"


def list_stories(session: Session, page: PageParams, commune_id: int | None = None) -> PublicStoryPage:
    rows, total = paginate(
        session,
        access.published_stories(commune_id),
        page,
        col(Story.published_at).desc(),
        col(Story.id).desc(),
    )
    ids = [s.id for s in rows]
    first: dict[int, int] = {}
    if ids:
        for image in session.exec(
            select(StoryImage).where(col(StoryImage.story_id).in_(ids)).order_by(col(StoryImage.id))
        ):
            first.setdefault(image.story_id, image.id or 0)
    items = [
        PublicStorySummary(
            id=s.id or 0,
            title=s.title,
            summary=s.summary,
            published_at=s.published_at or s.updated_at,
            image_url=_image_url(s.id or 0, first[s.id or 0]) if s.id in first else None,
        )
        for s in rows
    ]
    return page_of(PublicStoryPage, items, total, page)


def published_story(session: Session, story_id: int) -> Story:
    return access.get_published_story(session, story_id)


def story_detail(session: Session, story: Story) -> PublicStory:
    assert story.id is not None
    units = stories.units_by_id(session, story.unit_ids)
    images = session.exec(
        select(StoryImage).where(StoryImage.story_id == story.id).order_by(col(StoryImage.id))
    ).all()
    return PublicStory(
        id=story.id,
        title=story.title,
        summary=story.summary,
        body=story.body,
        published_at=story.published_at or story.updated_at,
        images=[PublicImage(url=_image_url(story.id, i.id), caption=i.caption) for i in images],
        units=[PublicUnit(name=units[i].name) for i in story.unit_ids if i in units],
        achievements=honour_items(session, stories.issued_achievements(session, story.achievement_ids)),
    )


def story_image(session: Session, story_id: int, image_id: int) -> StoryImage:
    return stories.get_image(session, published_story(session, story_id), image_id)


# ---------------------------------------------------------------- published results


def _summary(p: ResultPublication, framework: Framework | None) -> PublicResultSummary:
    return PublicResultSummary(
        id=p.id or 0,
        framework_name=framework.name if framework else "",
        school_year=p.school_year,
        published_at=p.published_at,
    )


def list_results(session: Session, page: PageParams, commune_id: int | None = None) -> PublicResultPage:
    rows, total = paginate(
        session,
        access.published_results(commune_id),
        page,
        col(ResultPublication.published_at).desc(),
        col(ResultPublication.id).desc(),
    )
    frameworks = {p.framework_id: session.get(Framework, p.framework_id) for p in rows}
    return page_of(PublicResultPage, [_summary(p, frameworks[p.framework_id]) for p in rows], total, page)


def _shown_ids(framework_id: int, school_year: str) -> Any:
    """The ids of the assessments a publication shows (verified unit assessments), as a subquery."""
    shown = access.shown_assessments(framework_id, school_year)
    return shown.with_only_columns(col(SelfAssessment.id)).scalar_subquery()


def result(session: Session, publication_id: int) -> PublicResult:
    """Verified unit assessments of the published framework and year, ranked among themselves on their
    frozen scorecards. Self-assessed values, drafts and unverified assessments never appear."""
    publication, framework = access.get_published_result(session, publication_id)
    shown = _shown_ids(framework.id or 0, publication.school_year)
    score = AssessmentScore.__table__  # type: ignore[attr-defined]
    ranked = session.execute(
        sa_select(
            score.c.unit_id,
            score.c.completion_percent,
            score.c.classification_label,
            func.rank().over(order_by=score.c.completion_percent.desc()).label("rank"),
        ).where(score.c.assessment_id.in_(shown))
    ).all()
    units = stories.units_by_id(session, (r.unit_id for r in ranked))
    lines = []
    for r in ranked:
        unit = units.get(r.unit_id)
        lines.append(
            PublicResultRow(
                rank=r.rank,
                unit_name=unit.name if unit else "",
                school_level=unit.school_level if unit else None,
                completion_percent=r.completion_percent,
                classification_label=r.classification_label,
            )
        )
    lines.sort(key=lambda r: (r.rank, r.unit_name))
    return PublicResult(**_summary(publication, framework).model_dump(), rows=lines)


# ---------------------------------------------------------------- certificates


def certificate(session: Session, code: str) -> CertificateCheck:
    """Codes are case-insensitive: stored and compared in upper case."""
    code = code.strip().upper()
    issued = access.issued_achievements()
    achievement = session.exec(issued.where(Achievement.verification_code == code)).first()
    if achievement is None:
        raise NotFound(
            f"Không có giấy khen, bằng khen nào mang mã xác minh {code}. "
            "Kiểm tra lại mã in ở cuối giấy khen; nếu mã đúng mà không tìm thấy, giấy khen không hợp lệ."
        )
    item = honour_items(session, [achievement])[0]
    return CertificateCheck(
        verification_code=code,
        recipient_name=item.recipient_name,
        unit_name=item.unit_name,
        award_name=item.award_name,
        school_year=item.school_year,
        decision_number=item.decision_number,
        decision_date=item.decision_date,
        issuer=item.issuer,
    )


# ---------------------------------------------------------------- schools' info corners


def info_corners(session: Session, commune_id: int | None = None) -> list[PublicInfoCorner]:
    commune_units = descendant_unit_ids(session, commune_id) if commune_id is not None else None
    rows = session.exec(
        access.info_corners(commune_units)
        .join(Unit, col(Unit.id) == InfoCorner.unit_id)
        .order_by(col(Unit.name))
    ).all()
    units = stories.units_by_id(session, (c.unit_id for c in rows))
    return [
        PublicInfoCorner(
            unit_id=c.unit_id,
            unit_name=units[c.unit_id].name if c.unit_id in units else "",
            url=c.url,
            title=c.title,
        )
        for c in rows
    ]

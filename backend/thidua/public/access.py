"""What is public, in one place: the pages anyone reads without signing in show only these rows.

- awards issued by the system's decisions (those with a verification code): the honour board and
  certificate checks; awards typed in by hand never appear;
- published stories (a draft is exactly as absent as a missing one) and their images;
- published results, and of them only verified unit assessments (never an individual's);
- every school's info-corner link (it points to the school's own public website);
- the criteria (seed IV.5 "công khai"): award types and scorecard frameworks in force, and every
  round's name, dates and offered awards (never an ad hoc round's reason, which may name a person
  before the council has reviewed anything).
"""

from typing import Any

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.assessments.models import SelfAssessment
from thidua.awards.models import Achievement, AwardRound, AwardType
from thidua.communications.models import InfoCorner
from thidua.core.errors import NotFound
from thidua.frameworks.models import Framework
from thidua.stories.models import ResultPublication, Story

ISSUED = col(Achievement.verification_code).is_not(None)


def issued_achievements() -> SelectOfScalar[Achievement]:
    return select(Achievement).where(ISSUED)


def _of(query: SelectOfScalar[Any], column: Any, commune_id: int | None) -> SelectOfScalar[Any]:
    """A province deployment's public pages, per commune: `commune_id` narrows them to one commune's
    rows (None: every commune's, which is all there is in a one-commune deployment)."""
    return query if commune_id is None else query.where(column == commune_id)


def published_stories(commune_id: int | None = None) -> SelectOfScalar[Story]:
    return _of(select(Story).where(Story.status == "published"), Story.commune_id, commune_id)


def get_published_story(session: Session, story_id: int) -> Story:
    story = session.get(Story, story_id)
    if story is None or story.status != "published":
        raise NotFound(f"Không tìm thấy bài viết có id {story_id}.")
    return story


def published_results(commune_id: int | None = None) -> SelectOfScalar[ResultPublication]:
    if commune_id is None:
        return select(ResultPublication)
    frameworks = select(Framework.id).where(Framework.commune_id == commune_id)
    return select(ResultPublication).where(col(ResultPublication.framework_id).in_(frameworks))


def get_published_result(session: Session, publication_id: int) -> tuple[ResultPublication, Framework]:
    publication = session.get(ResultPublication, publication_id)
    framework = session.get(Framework, publication.framework_id) if publication else None
    if publication is None or framework is None:
        raise NotFound(f"Không tìm thấy kết quả đã công khai có id {publication_id}.")
    return publication, framework


def shown_assessments(framework_id: int, school_year: str) -> SelectOfScalar[SelfAssessment]:
    """The only assessments a publication shows: verified, of a unit, of that framework and year."""
    return select(SelfAssessment).where(
        SelfAssessment.framework_id == framework_id,
        SelfAssessment.school_year == school_year,
        SelfAssessment.subject_kind == "unit",
        SelfAssessment.status == "verified",
    )


def info_corners(unit_ids: frozenset[int] | None = None) -> SelectOfScalar[InfoCorner]:
    """Every school's info-corner link is public: it points to the school's own public website.
    `unit_ids`: one commune's units (a province deployment's public page of that commune)."""
    query = select(InfoCorner)
    return query if unit_ids is None else query.where(col(InfoCorner.unit_id).in_(unit_ids))


def active_award_types(commune_id: int | None = None) -> SelectOfScalar[AwardType]:
    return _of(select(AwardType).where(AwardType.status == "active"), AwardType.commune_id, commune_id)


def active_frameworks(commune_id: int | None = None) -> SelectOfScalar[Framework]:
    return _of(select(Framework).where(Framework.status == "active"), Framework.commune_id, commune_id)


def timetable_rounds(commune_id: int | None = None) -> SelectOfScalar[AwardRound]:
    return _of(select(AwardRound), AwardRound.commune_id, commune_id)

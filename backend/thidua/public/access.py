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


def published_stories() -> SelectOfScalar[Story]:
    return select(Story).where(Story.status == "published")


def get_published_story(session: Session, story_id: int) -> Story:
    story = session.get(Story, story_id)
    if story is None or story.status != "published":
        raise NotFound(f"Không tìm thấy bài viết có id {story_id}.")
    return story


def published_results() -> SelectOfScalar[ResultPublication]:
    return select(ResultPublication)


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


def info_corners() -> SelectOfScalar[InfoCorner]:
    """Every school's info-corner link is public: it points to the school's own public website."""
    return select(InfoCorner)


def active_award_types() -> SelectOfScalar[AwardType]:
    return select(AwardType).where(AwardType.status == "active")


def active_frameworks() -> SelectOfScalar[Framework]:
    return select(Framework).where(Framework.status == "active")


def timetable_rounds() -> SelectOfScalar[AwardRound]:
    return select(AwardRound)

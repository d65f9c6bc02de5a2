"""Gathers a subject's history from the database for the eligibility engine: verified scorecards,
achievements, recognised initiatives, open flags, staff ratings and, for a collective, its members."""

from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from thidua.assessments.models import ScorecardSnapshot, SelfAssessment
from thidua.auth.policy import descendant_unit_ids
from thidua.awards.models import Achievement
from thidua.awards.subjects import subject_key
from thidua.awards.types.eligibility import (
    DEFAULT_CLASSES,
    HeldAward,
    History,
    Member,
    OpenFlag,
    RecognisedInitiative,
    YearScore,
)
from thidua.conduct.models import Flag, StaffRating
from thidua.frameworks.models import Framework
from thidua.initiatives.models import Initiative, InitiativeAuthor
from thidua.steering import heads
from thidua.units.models import StaffMember


def _scores(session: Session, key: str) -> dict[str, YearScore]:
    """The verified scorecard of each school year (the latest verified assessment when several)."""
    rows = session.exec(
        select(SelfAssessment, ScorecardSnapshot)
        .join(ScorecardSnapshot, col(ScorecardSnapshot.assessment_id) == SelfAssessment.id)
        .where(SelfAssessment.subject_key == key, SelfAssessment.status == "verified")
        .order_by(col(SelfAssessment.id))
    ).all()
    scores: dict[str, YearScore] = {}
    for assessment, snap in rows:
        values = {
            i["code"]: (Decimal(i["effective_value"]) if i.get("effective_value") is not None else None)
            for i in snap.scorecard.get("indicators", [])
        }
        scores[assessment.school_year] = YearScore(snap.classification_code, snap.completion_percent, values)
    return scores


def _held(rows: list[Achievement]) -> tuple[HeldAward, ...]:
    return tuple(HeldAward(a.award_type_code, a.school_year, a.themed) for a in rows)


def _achievements(session: Session, unit_id: int, staff_id: int | None) -> list[Achievement]:
    query = select(Achievement)
    if staff_id:
        query = query.where(Achievement.staff_id == staff_id)
    else:
        query = query.where(Achievement.unit_id == unit_id, col(Achievement.staff_id).is_(None))
    return list(session.exec(query).all())


def _initiatives(session: Session, unit_id: int, staff_id: int | None, own: int | None) -> tuple[Any, ...]:
    """Recognised initiatives; one used by another achievement than `own` counts as used."""
    query = select(Initiative).where(col(Initiative.recognition_level).is_not(None))
    if staff_id:
        query = query.join(InitiativeAuthor, col(InitiativeAuthor.initiative_id) == Initiative.id).where(
            InitiativeAuthor.staff_id == staff_id
        )
    else:
        query = query.where(col(Initiative.unit_id).in_(descendant_unit_ids(session, unit_id)))
    return tuple(
        RecognisedInitiative(
            id=i.id or 0,
            school_year=i.school_year,
            level=i.recognition_level or "unit",
            kind=i.kind,
            used=i.used_by_achievement_id is not None and i.used_by_achievement_id != own,
        )
        for i in session.exec(query).all()
    )


def _headed_school(session: Session, staff_id: int) -> dict[str, str] | None:
    """The classification of the school a head leads, per year, from its stored scores (seed IV.1)."""
    staff = session.get(StaffMember, staff_id)
    if staff is None or not heads.is_head(session, staff):
        return None
    scores = heads.school_scores(session, staff.unit_id).items()
    return {year: s.classification_code for year, s in scores if s.status == "verified"}


def _open_flags(rows: list[Flag]) -> tuple[OpenFlag, ...]:
    return tuple(OpenFlag(f.kind, f.severity) for f in rows if f.closed_on is None)


def load_history(
    session: Session, unit_id: int, staff_id: int | None, own_achievement: int | None = None
) -> History:
    key = subject_key(unit_id, staff_id)
    if staff_id:
        flags = list(session.exec(select(Flag).where(Flag.staff_id == staff_id)).all())
        ratings = {
            r.school_year: r.rating
            for r in session.exec(select(StaffRating).where(StaffRating.staff_id == staff_id)).all()
        }
        return History(
            scores=_scores(session, key),
            awards=_held(_achievements(session, unit_id, staff_id)),
            initiatives=_initiatives(session, unit_id, staff_id, own_achievement),
            open_flags=_open_flags(flags),
            ratings=ratings,
            headed_school=_headed_school(session, staff_id),
        )
    unit_flags = list(
        session.exec(select(Flag).where(Flag.unit_id == unit_id, col(Flag.staff_id).is_(None))).all()
    )
    return History(
        scores=_scores(session, key),
        awards=_held(_achievements(session, unit_id, None)),
        initiatives=_initiatives(session, unit_id, None, own_achievement),
        open_flags=_open_flags(unit_flags),
        members=_members(session, unit_id),
    )


def _members(session: Session, unit_id: int) -> tuple[Member, ...]:
    """The active staff of the unit and its subject groups, each with ratings, awards and open flags."""
    staff_ids = [
        s
        for s in session.exec(
            select(StaffMember.id).where(
                col(StaffMember.unit_id).in_(descendant_unit_ids(session, unit_id)),
                col(StaffMember.is_active).is_(True),
            )
        ).all()
        if s is not None
    ]
    if not staff_ids:
        return ()
    ratings: dict[int, dict[str, str]] = {}
    for r in session.exec(select(StaffRating).where(col(StaffRating.staff_id).in_(staff_ids))):
        ratings.setdefault(r.staff_id, {})[r.school_year] = r.rating
    awards: dict[int, list[Achievement]] = {}
    for a in session.exec(select(Achievement).where(col(Achievement.staff_id).in_(staff_ids))):
        awards.setdefault(a.staff_id or 0, []).append(a)
    flags: dict[int, list[Flag]] = {}
    for f in session.exec(select(Flag).where(col(Flag.staff_id).in_(staff_ids))):
        flags.setdefault(f.staff_id or 0, []).append(f)
    return tuple(
        Member(
            ratings=ratings.get(s, {}),
            awards=_held(awards.get(s, [])),
            open_flags=_open_flags(flags.get(s, [])),
        )
        for s in staff_ids
    )


def classes(session: Session, subject_kind: str) -> tuple[tuple[str, str], ...]:
    """Classification bands (highest first) of the active framework for the subject kind."""
    kind = "unit" if subject_kind == "collective" else "individual"
    fw = session.exec(
        select(Framework)
        .where(Framework.subject_kind == kind, Framework.status == "active")
        .order_by(col(Framework.id).desc())
    ).first()
    if fw is None or not fw.classification:
        return DEFAULT_CLASSES
    return tuple((b["code"], b["label"]) for b in fw.classification)

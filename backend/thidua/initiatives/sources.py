"""Computed indicators fed by recognised initiatives (registered by thidua/registrations.py).

An initiative counts for the school year it is registered under, once recognised at any level; a
school's figures include its subject groups. Each source computes many subjects at once with one
grouped query."""

from collections import Counter
from decimal import Decimal

from sqlmodel import Session, col, func, select

from thidua.initiatives.models import Initiative, InitiativeAuthor, InitiativeKind, RecognitionLevel
from thidua.scoring.sources import Source
from thidua.scoring.subject import Subject, among, rollup, shared

Values = dict[Subject, Decimal | None]
COMMUNE_OR_ABOVE = (RecognitionLevel.commune.value, RecognitionLevel.province.value)
# "Sáng kiến, giải pháp" (TC3.1, TC3.2, CN1.1); the other kinds feed CN2.1 and CN2.2, never both.
INITIATIVES = (InitiativeKind.initiative.value, InitiativeKind.solution.value)
DIGITAL_MATERIALS = (InitiativeKind.digital_material.value,)
RESEARCH = (InitiativeKind.research.value, InitiativeKind.article.value)


def _recognised_per_unit(
    session: Session, subjects: list[Subject], year: str, levels: tuple[str, ...] | None = None
) -> Counter[int]:
    """Recognised initiatives of the year per subject unit (its subtree rolled up into it), at these
    levels (any level when None)."""
    owner = rollup(session, {s.unit_id for s in subjects})
    by_level = shared(
        session, ("initiatives", year, frozenset(owner)), lambda: _by_level(session, year, owner)
    )
    per_subject: Counter[int] = Counter()
    for level, counts in by_level.items():
        if levels is None or level in levels:
            per_subject.update(counts)
    return per_subject


def _by_level(session: Session, year: str, owner: dict[int, int]) -> dict[str, Counter[int]]:
    """Every recognition level counted in one query: two sources of one re-score count them."""
    level = col(Initiative.recognition_level)
    query = (
        select(level, Initiative.unit_id, func.count())
        .where(
            Initiative.school_year == year,
            col(Initiative.kind).in_(INITIATIVES),
            level.is_not(None),
            among(Initiative.unit_id, owner),
        )
        .group_by(level, col(Initiative.unit_id))
    )
    per_level: dict[str, Counter[int]] = {}
    for recognised_at, unit_id, n in session.exec(query).all():
        if unit_id in owner and recognised_at is not None:
            per_level.setdefault(recognised_at, Counter())[owner[unit_id]] += int(n)
    return per_level


def unit_initiatives_recognised(session: Session, subjects: list[Subject], year: str) -> Values:
    counts = _recognised_per_unit(session, subjects, year)
    return {s: Decimal(counts[s.unit_id]) for s in subjects}


def unit_initiatives_recognised_commune_level(session: Session, subjects: list[Subject], year: str) -> Values:
    counts = _recognised_per_unit(session, subjects, year, COMMUNE_OR_ABOVE)
    return {s: Decimal(1 if counts[s.unit_id] else 0) for s in subjects}


def _person_recognised(
    session: Session, subjects: list[Subject], year: str, kinds: tuple[str, ...]
) -> Values:
    """Recognised works of these kinds of the year the person is an author or co-author of."""
    staff_ids = frozenset(s.staff_id for s in subjects if s.staff_id is not None)
    key = ("recognised works", year, staff_ids)
    by_kind = shared(session, key, lambda: _works_by_kind(session, year, staff_ids))
    counts: Counter[int] = Counter()
    for kind in kinds:
        counts.update(by_kind.get(kind, {}))
    return {s: None if s.staff_id is None else Decimal(counts[s.staff_id]) for s in subjects}


def _works_by_kind(session: Session, year: str, staff_ids: frozenset[int]) -> dict[str, Counter[int]]:
    """Each person's recognised works of the year per kind, in one query: three sources of one re-score
    count them (an initiative has one kind, so the kinds' counts add up)."""
    rows = session.exec(
        select(
            Initiative.kind,
            InitiativeAuthor.staff_id,
            func.count(func.distinct(InitiativeAuthor.initiative_id)),
        )
        .join(Initiative, col(Initiative.id) == InitiativeAuthor.initiative_id)
        .where(
            Initiative.school_year == year,
            col(Initiative.recognition_level).is_not(None),
            among(InitiativeAuthor.staff_id, staff_ids),
        )
        .group_by(col(Initiative.kind), col(InitiativeAuthor.staff_id))
    ).all()
    by_kind: dict[str, Counter[int]] = {}
    for kind, staff_id, n in rows:
        by_kind.setdefault(kind, Counter())[staff_id] += int(n)
    return by_kind


def person_initiatives_recognised(session: Session, subjects: list[Subject], year: str) -> Values:
    return _person_recognised(session, subjects, year, INITIATIVES)


def person_digital_materials_recognised(session: Session, subjects: list[Subject], year: str) -> Values:
    return _person_recognised(session, subjects, year, DIGITAL_MATERIALS)


def person_research_recognised(session: Session, subjects: list[Subject], year: str) -> Values:
    return _person_recognised(session, subjects, year, RESEARCH)


SOURCES = (
    Source(
        "unit_initiatives_recognised",
        "Số sáng kiến của đơn vị được công nhận",
        "unit",
        "count",
        unit_initiatives_recognised,
    ),
    Source(
        "unit_initiatives_recognised_commune_level",
        "Có sáng kiến được công nhận từ cấp xã",
        "unit",
        "boolean",
        unit_initiatives_recognised_commune_level,
    ),
    Source(
        "person_initiatives_recognised",
        "Số sáng kiến của cá nhân được công nhận",
        "individual",
        "count",
        person_initiatives_recognised,
    ),
    Source(
        "person_digital_materials_recognised",
        "Số học liệu số của cá nhân được công nhận",
        "individual",
        "count",
        person_digital_materials_recognised,
    ),
    Source(
        "person_research_recognised",
        "Số đề tài, bài báo khoa học của cá nhân được công nhận",
        "individual",
        "count",
        person_research_recognised,
    ),
)

"""Award rounds: the end of a school year, or a phase's review, offering some active award types."""

from datetime import date

from sqlmodel import Session, col, func, select

from thidua.audit import service as audit
from thidua.auth.policy import Actor
from thidua.awards.models import (
    ROUND_KIND_LABELS_VI,
    AwardLevel,
    AwardRound,
    Nomination,
    RoundKind,
    SubjectKind,
)
from thidua.awards.rounds import access
from thidua.awards.rounds.schemas import (
    AwardRoundCreate,
    AwardRoundPage,
    AwardRoundRead,
    AwardRoundUpdate,
    OfferedAward,
)
from thidua.awards.types.service import active_award_type
from thidua.core.errors import Conflict, FieldError, Invalid, NotFound, ValidationFailed
from thidua.core.models import today
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.movements.models import Movement, Phase
from thidua.movements.service import school_years


def round_is_open(r: AwardRound) -> bool:
    return r.opens_on <= today() <= r.closes_on


def _offered(session: Session, r: AwardRound) -> list[OfferedAward]:
    offered = []
    for code in r.award_type_codes:
        t = active_award_type(session, code)
        offered.append(
            OfferedAward(
                code=code,
                award_type_id=t.id if t else None,
                name=t.name if t else code,
                level=AwardLevel(t.level) if t else None,
                subject_kind=SubjectKind(t.subject_kind) if t else None,
            )
        )
    return offered


def read_round(session: Session, actor: Actor, r: AwardRound) -> AwardRoundRead:
    assert r.id is not None
    counts = dict(
        session.exec(
            select(Nomination.status, func.count())
            .where(Nomination.round_id == r.id)
            .group_by(Nomination.status)
        ).all()
    )
    return from_row(
        AwardRoundRead,
        r,
        kind=RoundKind(r.kind),
        kind_label=ROUND_KIND_LABELS_VI[RoundKind(r.kind)],
        is_open=round_is_open(r),
        award_types=_offered(session, r),
        nomination_counts={str(k): int(v) for k, v in counts.items()},
        allowed_actions=access.allowed_actions(actor, r),
    )


def list_rounds(session: Session, actor: Actor, kind: str | None, page: PageParams) -> AwardRoundPage:
    query = access.readable(actor)
    if kind:
        query = query.where(AwardRound.kind == kind)
    rows, total = paginate(session, query, page, col(AwardRound.closes_on).desc(), col(AwardRound.id).desc())
    return page_of(AwardRoundPage, [read_round(session, actor, r) for r in rows], total, page)


def get_round(session: Session, round_id: int, path: str | None = None) -> AwardRound:
    """The round a body refers to (422 at `path` when it does not exist), or the round of a stored object."""
    r = session.get(AwardRound, round_id)
    if r is None:
        if path:
            raise Invalid(path, f"Không tìm thấy đợt khen thưởng có id {round_id}.", "not_found")
        raise NotFound(f"Không tìm thấy đợt khen thưởng có id {round_id}.")
    return r


def _offered_problems(session: Session, kind: RoundKind, codes: list[str]) -> list[FieldError]:
    problems = []
    for i, code in enumerate(codes):
        t = active_award_type(session, code)
        if t is None:
            problems.append(
                FieldError(
                    path=f"body.award_type_codes.{i}",
                    type="not_found",
                    message=f"Không có hình thức khen thưởng '{code}' đang áp dụng.",
                )
            )
        elif kind.value not in t.round_kinds:
            problems.append(
                FieldError(
                    path=f"body.award_type_codes.{i}",
                    type="not_applicable",
                    message=f"'{t.name}' ({code}) không xét trong {ROUND_KIND_LABELS_VI[kind].lower()}.",
                )
            )
    if len(set(codes)) != len(codes):
        problems.append(FieldError(path="body.award_type_codes", type="duplicate", message="Mã bị lặp."))
    return problems


def _check_dates(opens_on: date, closes_on: date) -> None:
    if closes_on < opens_on:
        raise Invalid("body.closes_on", "Ngày hết hạn nhận đề nghị phải sau ngày mở.", "before_open")


def _years_and_name(
    session: Session, movement: Movement, data: AwardRoundCreate
) -> tuple[int | None, list[str], str]:
    """The phase a review round looks at (none for an annual round), its school years and its name."""
    if data.kind == RoundKind.annual:
        if not data.school_year:
            raise Invalid("body.school_year", "Đợt khen thưởng năm học cần năm học.", "missing")
        return None, [data.school_year], data.name or f"Khen thưởng năm học {data.school_year}"
    number = data.phase_number or (1 if data.kind == RoundKind.preliminary else 2)
    phase = session.exec(
        select(Phase).where(Phase.movement_id == movement.id, Phase.number == number)
    ).first()
    if phase is None:
        raise Invalid("body.phase_number", f"Phong trào không có giai đoạn {number}.", "not_found")
    name = data.name or f"{ROUND_KIND_LABELS_VI[data.kind]} ({phase.name})"
    return phase.id, school_years(phase.start_year, phase.end_year), name


def create_round(session: Session, actor: Actor, data: AwardRoundCreate) -> AwardRound:
    movement = session.exec(select(Movement).order_by(col(Movement.id))).first()
    if movement is None or movement.id is None:
        raise Conflict("Chưa có phong trào thi đua nào.")
    _check_dates(data.opens_on, data.closes_on)
    phase_id, years, name = _years_and_name(session, movement, data)
    problems = _offered_problems(session, data.kind, data.award_type_codes)
    if problems:
        raise ValidationFailed("Danh sách hình thức khen thưởng chưa hợp lệ.", problems)
    r = AwardRound(
        movement_id=movement.id,
        kind=data.kind.value,
        name=name,
        school_year=data.school_year if data.kind == RoundKind.annual else None,
        phase_id=phase_id,
        school_years=years,
        opens_on=data.opens_on,
        closes_on=data.closes_on,
        award_type_codes=data.award_type_codes,
    )
    return audit.add_new(session, actor, r)


def update_round(session: Session, actor: Actor, r: AwardRound, data: AwardRoundUpdate) -> AwardRound:
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    _check_dates(changes.get("opens_on", r.opens_on), changes.get("closes_on", r.closes_on))
    if "award_type_codes" in changes:
        problems = _offered_problems(session, RoundKind(r.kind), changes["award_type_codes"])
        used = set(session.exec(select(Nomination.award_type_code).where(Nomination.round_id == r.id)).all())
        for code in sorted(used - set(changes["award_type_codes"])):
            problems.append(
                FieldError(
                    path="body.award_type_codes",
                    type="in_use",
                    message=f"Đã có đề nghị cho '{code}' trong đợt này; không bỏ được.",
                )
            )
        if problems:
            raise ValidationFailed("Danh sách hình thức khen thưởng chưa hợp lệ.", problems)
    audit.save_changes(session, actor, r, changes, "update")
    return r

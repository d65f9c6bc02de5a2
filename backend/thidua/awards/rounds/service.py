"""Award rounds: the end of a school year, or a phase's review, offering some active award types."""

from datetime import date

from sqlmodel import Session, col, func, select

from thidua.activities.service import school_year_of
from thidua.audit import service as audit
from thidua.auth.policy import Actor
from thidua.awards.models import (
    ROUND_KIND_LABELS_VI,
    AwardLevel,
    AwardRound,
    AwardType,
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
from thidua.awards.texts import period_phrase
from thidua.awards.types.service import active_award_type
from thidua.core.errors import Conflict, FieldError, Invalid, NotFound, ValidationFailed
from thidua.core.models import same_commune, today
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.movements import access as movements_access
from thidua.movements.models import Movement, Phase
from thidua.movements.service import school_years
from thidua.webhooks import service as webhooks


def round_is_open(r: AwardRound) -> bool:
    return r.opens_on <= today() <= r.closes_on


def _offered(session: Session, r: AwardRound) -> list[OfferedAward]:
    offered = []
    for code in r.award_type_codes:
        t = active_award_type(session, code, r.commune_id)
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


def get_round(
    session: Session, round_id: int, path: str | None = None, actor: Actor | None = None
) -> AwardRound:
    """The round a body refers to (422 at `path` when it does not exist, or is another commune's round
    for the `actor`), or the round of a stored object."""
    r = session.get(AwardRound, round_id)
    if r is None or (actor is not None and access.get_readable_or_none(session, actor, r) is None):
        if path:
            raise Invalid(path, f"Không tìm thấy đợt khen thưởng có id {round_id}.", "not_found")
        raise NotFound(f"Không tìm thấy đợt khen thưởng có id {round_id}.")
    return r


def offered_in(kind: RoundKind, level: str, round_kinds: list[str]) -> bool:
    """Whether an award type is considered in a round of this kind. An ad hoc round (seed IV.5, Decree
    98/2023: Giấy khen for an exceptional achievement) offers the units' and the commune's awards; the
    province's Bằng khen follows its own procedure."""
    if kind == RoundKind.ad_hoc:
        return kind.value in round_kinds or level != AwardLevel.province
    return kind.value in round_kinds


def _default_codes(session: Session, kind: RoundKind, commune_id: int | None) -> list[str]:
    """Every active award type offered in rounds of this kind: the reviews offer the commune's Giấy khen
    beside the province's Bằng khen (seed III.2)."""
    active = session.exec(
        select(AwardType)
        .where(AwardType.status == "active", same_commune(AwardType.commune_id, commune_id))
        .order_by(col(AwardType.code))
    )
    return [t.code for t in active if offered_in(kind, t.level, t.round_kinds)]


def _offered_problems(
    session: Session, kind: RoundKind, codes: list[str], commune_id: int | None
) -> list[FieldError]:
    problems = []
    for i, code in enumerate(codes):
        t = active_award_type(session, code, commune_id)
        if t is None:
            problems.append(
                FieldError(
                    path=f"body.award_type_codes.{i}",
                    type="not_found",
                    message=f"Không có hình thức khen thưởng '{code}' đang áp dụng.",
                )
            )
        elif not offered_in(kind, t.level, t.round_kinds):
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
    if data.kind == RoundKind.ad_hoc:
        year = data.school_year or school_year_of(data.opens_on)
        return None, [year], data.name or f"Khen thưởng đột xuất ngày {data.opens_on:%d/%m/%Y}"
    number = data.phase_number or (1 if data.kind == RoundKind.preliminary else 2)
    phase = session.exec(
        select(Phase).where(Phase.movement_id == movement.id, Phase.number == number)
    ).first()
    if phase is None:
        raise Invalid("body.phase_number", f"Phong trào không có giai đoạn {number}.", "not_found")
    years = school_years(phase.start_year, phase.end_year)
    # Named by its phase from the data ("Sơ kết giai đoạn 2025-2027"), never by nesting the phase's name.
    phrase = period_phrase(data.kind.value, years)
    return phase.id, years, data.name or phrase[:1].upper() + phrase[1:]


def _check_reason(kind: RoundKind, reason: str | None) -> None:
    if kind == RoundKind.ad_hoc and not reason:
        raise Invalid(
            "body.reason",
            "Đợt khen thưởng đột xuất cần nêu thành tích đột xuất được khen thưởng.",
            "missing",
        )
    if kind != RoundKind.ad_hoc and reason:
        raise Invalid(
            "body.reason", "Chỉ đợt khen thưởng đột xuất mới ghi lý do khen thưởng.", "not_applicable"
        )


def create_round(session: Session, actor: Actor, data: AwardRoundCreate) -> AwardRound:
    movement = session.exec(movements_access.readable(actor).order_by(col(Movement.id))).first()
    if movement is None or movement.id is None:
        raise Conflict("Chưa có phong trào thi đua nào.")
    _check_reason(data.kind, data.reason)
    _check_dates(data.opens_on, data.closes_on)
    phase_id, years, name = _years_and_name(session, movement, data)
    codes = data.award_type_codes or _default_codes(session, data.kind, movement.commune_id)
    if not codes:
        raise Invalid(
            "body.award_type_codes", "Chưa có hình thức khen thưởng đang áp dụng cho loại đợt này.", "missing"
        )
    problems = _offered_problems(session, data.kind, codes, movement.commune_id)
    if problems:
        raise ValidationFailed("Danh sách hình thức khen thưởng chưa hợp lệ.", problems)
    r = AwardRound(
        commune_id=movement.commune_id,
        movement_id=movement.id,
        kind=data.kind.value,
        name=name,
        school_year=years[0] if data.kind in (RoundKind.annual, RoundKind.ad_hoc) else None,
        phase_id=phase_id,
        school_years=years,
        opens_on=data.opens_on,
        closes_on=data.closes_on,
        award_type_codes=codes,
        reason=data.reason,
    )
    session.add(r)
    session.flush()
    event = {
        "round_id": r.id,
        "movement_id": r.movement_id,
        "kind": r.kind,
        "name": r.name,
        "opens_on": r.opens_on.isoformat(),
        "closes_on": r.closes_on.isoformat(),
        "award_type_codes": list(codes),
    }
    webhooks.emit(session, "award_round.created", r.commune_id, event)  # commits with the round
    return audit.add_new(session, actor, r)


def update_round(session: Session, actor: Actor, r: AwardRound, data: AwardRoundUpdate) -> AwardRound:
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    if "reason" in changes:
        _check_reason(RoundKind(r.kind), changes["reason"])
    _check_dates(changes.get("opens_on", r.opens_on), changes.get("closes_on", r.closes_on))
    if "award_type_codes" in changes:
        problems = _offered_problems(session, RoundKind(r.kind), changes["award_type_codes"], r.commune_id)
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

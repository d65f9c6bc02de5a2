"""Award types, versioned like frameworks: a version that a nomination uses is immutable; editing it
then means a new version, activated to replace it."""

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, func, select

from thidua.audit import service as audit
from thidua.auth.policy import Actor
from thidua.awards.models import (
    AWARD_LEVEL_LABELS_VI,
    GRANTING_AUTHORITY_LABELS_VI,
    AwardLevel,
    AwardType,
    GrantingAuthority,
    Nomination,
    RoundKind,
    SubjectKind,
)
from thidua.awards.types import access
from thidua.awards.types.eligibility import RULES
from thidua.awards.types.rules import Rule
from thidua.awards.types.schemas import AwardTypeDocument, AwardTypePage, AwardTypeRead
from thidua.awards.types.texts import rule_text
from thidua.awards.types.validation import validate_type
from thidua.core.errors import Conflict, Invalid
from thidua.core.models import same_commune, utcnow
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.core.search import where_given
from thidua.frameworks.models import Framework, Indicator


def nomination_count(session: Session, award_type_id: int) -> int:
    return int(session.exec(select(func.count()).where(Nomination.award_type_id == award_type_id)).one())


def type_rules(t: AwardType) -> list[Rule]:
    return RULES.validate_python(t.rules)


def rule_names(session: Session) -> dict[str, str]:
    """The names rules refer to by code, for their wording: active award types ("Giấy khen của Chủ tịch
    UBND xã") and the indicators of active frameworks. The
    award screens and the public criteria page word the rules with the same names."""
    names = {
        code: name
        for code, name in session.exec(
            select(AwardType.code, AwardType.name).where(AwardType.status == "active")
        ).all()
    }
    indicators = session.exec(
        select(Indicator.code, Indicator.name)
        .join(Framework, col(Framework.id) == Indicator.framework_id)
        .where(Framework.status == "active")
        .order_by(col(Framework.subject_kind).desc(), col(Indicator.id))
    ).all()
    for code, name in indicators:
        names.setdefault(code, name)
    return names


def read_award_type(
    session: Session, actor: Actor, t: AwardType, names: dict[str, str] | None = None
) -> AwardTypeRead:
    assert t.id is not None
    names = rule_names(session) if names is None else names
    used = nomination_count(session, t.id)
    return from_row(
        AwardTypeRead,
        t,
        level=AwardLevel(t.level),
        level_label=AWARD_LEVEL_LABELS_VI[AwardLevel(t.level)],
        granting_authority=GrantingAuthority(t.granting_authority),
        granting_authority_label=GRANTING_AUTHORITY_LABELS_VI[GrantingAuthority(t.granting_authority)],
        subject_kind=SubjectKind(t.subject_kind),
        round_kinds=[RoundKind(k) for k in t.round_kinds],
        rule_texts=[rule_text(r, names) for r in type_rules(t)],
        nomination_count=used,
        allowed_actions=access.allowed_actions(actor, t, used),
    )


@dataclass(frozen=True)
class AwardTypeFilters:
    status: str | None = None
    code: str | None = None
    level: str | None = None
    subject_kind: str | None = None


def list_award_types(session: Session, actor: Actor, f: AwardTypeFilters, page: PageParams) -> AwardTypePage:
    query = where_given(
        access.readable(actor),
        (AwardType.status, f.status),
        (AwardType.code, f.code),
        (AwardType.level, f.level),
        (AwardType.subject_kind, f.subject_kind),
    )
    rows, total = paginate(session, query, page, col(AwardType.code), col(AwardType.version_number).desc())
    names = rule_names(session)
    return page_of(AwardTypePage, [read_award_type(session, actor, t, names) for t in rows], total, page)


def _type_fields(doc: AwardTypeDocument) -> dict[str, Any]:
    return {
        "name": doc.name,
        "level": doc.level.value,
        "granting_authority": doc.granting_authority.value,
        "subject_kind": doc.subject_kind.value,
        "round_kinds": sorted({k.value for k in doc.round_kinds}),
        "rules": RULES.dump_python(doc.rules, mode="json", exclude_none=True),
        "themed": doc.themed,
        "merit_based": doc.merit_based,
        "description": doc.description,
        "cash_coefficient": doc.cash_coefficient,
    }


def create_award_type(session: Session, actor: Actor, doc: AwardTypeDocument) -> AwardType:
    if session.exec(
        select(AwardType).where(
            AwardType.code == doc.code, same_commune(AwardType.commune_id, actor.commune_id)
        )
    ).first():
        raise Conflict(f"Đã có hình thức khen thưởng mã '{doc.code}'; hãy tạo phiên bản mới của nó.")
    validate_type(session, doc)
    t = AwardType(code=doc.code, commune_id=actor.commune_id, **_type_fields(doc))
    return audit.add_new(session, actor, t)


def replace_award_type(session: Session, actor: Actor, t: AwardType, doc: AwardTypeDocument) -> AwardType:
    used = nomination_count(session, t.id or 0)
    if used:
        raise Conflict(
            f"Phiên bản {t.version_number} của '{t.code}' đã được {used} đề nghị khen thưởng sử dụng nên "
            "không thể sửa; hãy tạo phiên bản mới."
        )
    if t.status == "retired":
        raise Conflict("Phiên bản này đã ngừng sử dụng; hãy tạo phiên bản mới.")
    if doc.code != t.code:
        raise Invalid("body.code", "Không đổi được mã của hình thức khen thưởng đã có.", "immutable")
    validate_type(session, doc)
    audit.save_changes(session, actor, t, _type_fields(doc), "update")
    return t


# A new version copies the award type's content, not its identity, state or history.
_NOT_COPIED = {
    "id",
    "version",
    "version_number",
    "status",
    "based_on_id",
    "activated_at",
    "created_at",
    "updated_at",
}


def new_award_type_version(session: Session, actor: Actor, source: AwardType) -> AwardType:
    latest = session.exec(
        select(func.max(AwardType.version_number)).where(
            AwardType.code == source.code, same_commune(AwardType.commune_id, source.commune_id)
        )
    ).one()
    copy = AwardType(
        **source.model_dump(exclude=_NOT_COPIED),
        version_number=int(latest or 0) + 1,
        based_on_id=source.id,
    )
    return audit.add_new(session, actor, copy, "new_version")


def activate_award_type(session: Session, actor: Actor, t: AwardType) -> AwardType:
    if t.status != "draft":
        raise Conflict("Chỉ phiên bản nháp mới kích hoạt được.")
    for other in session.exec(
        select(AwardType).where(
            AwardType.code == t.code,
            AwardType.status == "active",
            same_commune(AwardType.commune_id, t.commune_id),
        )
    ):
        audit.save_changes(session, actor, other, {"status": "retired"}, "retire")
    audit.save_changes(session, actor, t, {"status": "active", "activated_at": utcnow()}, "activate")
    return t


def active_award_type(session: Session, code: str, commune_id: int | None = None) -> AwardType | None:
    """The version in force of an award type code, in a commune (`commune_id`: a round's commune)."""
    query = select(AwardType).where(AwardType.code == code, AwardType.status == "active")
    return session.exec(query.where(same_commune(AwardType.commune_id, commune_id))).first()

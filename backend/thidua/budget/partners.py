"""Partners (đối tác: doanh nghiệp, Ban đại diện cha mẹ học sinh, chuyên gia) with their agreements
and contributions, cash or in kind; every contribution counts in the year's socialisation source."""

from typing import Any

from sqlmodel import Session, col, select

from thidua.audit import service as audit
from thidua.auth.policy import Actor
from thidua.budget import access
from thidua.budget.models import BudgetSource, Partner, PartnerAgreement, PartnerContribution
from thidua.budget.schemas import (
    AgreementCreate,
    AgreementRead,
    AgreementUpdate,
    ContributionCreate,
    ContributionRead,
    ContributionUpdate,
    PartnerCreate,
    PartnerPage,
    PartnerRead,
    PartnerUpdate,
)
from thidua.core.errors import Conflict, Invalid, NotFound
from thidua.core.models import utcnow
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.units import access as units_access
from thidua.units.models import Unit


def read_partner(session: Session, actor: Actor, p: Partner) -> PartnerRead:
    agreements = session.exec(
        select(PartnerAgreement).where(PartnerAgreement.partner_id == p.id).order_by(col(PartnerAgreement.id))
    ).all()
    rows = session.exec(
        select(PartnerContribution, BudgetSource.school_year, Unit.name)
        .join(BudgetSource, col(BudgetSource.id) == PartnerContribution.source_id)
        .outerjoin(Unit, col(Unit.id) == PartnerContribution.unit_id)
        .where(PartnerContribution.partner_id == p.id)
        .order_by(col(PartnerContribution.received_on), col(PartnerContribution.id))
    ).all()
    contributions = [
        from_row(ContributionRead, c, school_year=year, unit_name=unit_name) for c, year, unit_name in rows
    ]
    return from_row(
        PartnerRead,
        p,
        agreements=[from_row(AgreementRead, a) for a in agreements],
        contributions=contributions,
        contributed_vnd=sum(c.amount_vnd for c in contributions),
        allowed_actions=access.partner_actions(actor),
    )


def list_partners(
    session: Session, actor: Actor, kind: str | None, q: str | None, page: PageParams
) -> PartnerPage:
    query = access.readable_partners(actor)
    if kind is not None:
        query = query.where(Partner.kind == kind)
    if q:
        query = query.where(col(Partner.name).ilike(f"%{q}%"))
    rows, total = paginate(session, query, page, col(Partner.name), Partner.id)
    return page_of(PartnerPage, [read_partner(session, actor, p) for p in rows], total, page)


def get_partner(session: Session, actor: Actor, partner_id: int) -> Partner:
    return access.get_partner(session, actor, partner_id)


def create_partner(session: Session, actor: Actor, data: PartnerCreate) -> Partner:
    return audit.add_new(session, actor, Partner(**data.model_dump(), commune_id=actor.commune_id))


def update_partner(session: Session, actor: Actor, p: Partner, data: PartnerUpdate) -> Partner:
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None}
    return audit.save_changes(session, actor, p, changes, "update")


def add_agreement(session: Session, actor: Actor, p: Partner, data: AgreementCreate) -> Partner:
    before = audit.snapshot(p)
    row = PartnerAgreement(partner_id=p.id or 0, **data.model_dump())
    session.add(row)
    session.flush()
    audit.record(session, actor, "create", row, None)
    return audit.save_changes(session, actor, p, {}, "add_agreement", before)


def delete_partner(session: Session, actor: Actor, p: Partner) -> None:
    """A partner entered by mistake; one with agreements or contributions stays (409): they are the
    budget's record of the socialisation source."""
    used = session.exec(select(PartnerAgreement.id).where(PartnerAgreement.partner_id == p.id)).first()
    used = (
        used
        or session.exec(select(PartnerContribution.id).where(PartnerContribution.partner_id == p.id)).first()
    )
    if used is not None:
        raise Conflict("Đối tác đã có thỏa thuận hoặc đóng góp; xóa chúng trước khi xóa đối tác.")
    audit.record_removal(session, actor, "delete", p)
    session.delete(p)
    session.commit()


def get_agreement(session: Session, p: Partner, agreement_id: int) -> PartnerAgreement:
    row = session.get(PartnerAgreement, agreement_id)
    if row is None or row.partner_id != p.id:
        raise NotFound(f"Đối tác không có thỏa thuận có id {agreement_id}.")
    return row


def get_contribution(session: Session, p: Partner, contribution_id: int) -> PartnerContribution:
    row = session.get(PartnerContribution, contribution_id)
    if row is None or row.partner_id != p.id:
        raise NotFound(f"Đối tác không có đóng góp có id {contribution_id}.")
    return row


def _change(
    session: Session,
    actor: Actor,
    p: Partner,
    row: PartnerAgreement | PartnerContribution,
    changes: dict[str, Any],
) -> Partner:
    """A child row changed: its own audit event, and the partner's version moves (its ETag covers the
    agreements and contributions it shows), in one transaction."""
    before, row_before = audit.snapshot(p), audit.snapshot(row)
    for key, value in changes.items():
        setattr(row, key, value)
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    audit.record(session, actor, "update", row, row_before)
    return audit.save_changes(
        session, actor, p, {}, f"update_{row.__tablename__.removeprefix('partner_')}", before
    )


def _remove(
    session: Session, actor: Actor, p: Partner, row: PartnerAgreement | PartnerContribution
) -> Partner:
    before = audit.snapshot(p)
    audit.record_removal(session, actor, "delete", row)
    session.delete(row)
    session.flush()
    return audit.save_changes(
        session, actor, p, {}, f"delete_{row.__tablename__.removeprefix('partner_')}", before
    )


def update_agreement(
    session: Session, actor: Actor, p: Partner, row: PartnerAgreement, data: AgreementUpdate
) -> Partner:
    sent = data.model_dump(exclude_unset=True)
    return _change(
        session, actor, p, row, {k: v for k, v in sent.items() if v is not None or k == "pledged_vnd"}
    )


def delete_agreement(session: Session, actor: Actor, p: Partner, row: PartnerAgreement) -> Partner:
    linked = session.exec(
        select(PartnerContribution.id).where(PartnerContribution.agreement_id == row.id)
    ).first()
    if linked is not None:
        raise Conflict("Có đóng góp ghi theo thỏa thuận này; sửa hoặc xóa các đóng góp đó trước.")
    return _remove(session, actor, p, row)


def _check_links(
    session: Session, actor: Actor, p: Partner, agreement_id: int | None, unit_id: int | None
) -> None:
    if agreement_id is not None:
        agreement = session.get(PartnerAgreement, agreement_id)
        if agreement is None or agreement.partner_id != p.id:
            raise Invalid("body.agreement_id", "Thỏa thuận này không phải của đối tác.", "unknown_agreement")
    if unit_id is not None:
        unit = units_access.unit_in_reach(session, actor, unit_id)  # another commune's school: unknown
        if unit is None or unit.kind != "school":
            raise Invalid("body.unit_id", f"Không có cơ sở giáo dục có id {unit_id}.", "not_school")


def update_contribution(
    session: Session, actor: Actor, p: Partner, row: PartnerContribution, data: ContributionUpdate
) -> Partner:
    sent = data.model_dump(exclude_unset=True)
    changes = {k: v for k, v in sent.items() if v is not None or k in ("agreement_id", "unit_id")}
    _check_links(session, actor, p, changes.get("agreement_id"), changes.get("unit_id"))
    return _change(session, actor, p, row, changes)


def delete_contribution(session: Session, actor: Actor, p: Partner, row: PartnerContribution) -> Partner:
    return _remove(session, actor, p, row)


def add_contribution(session: Session, actor: Actor, p: Partner, data: ContributionCreate) -> Partner:
    source = session.exec(
        access.all_sources(actor).where(
            BudgetSource.movement_id == data.movement_id,
            BudgetSource.school_year == data.school_year,
            BudgetSource.source == "socialisation",
        )
    ).first()
    if source is None:
        raise Invalid(
            "body.school_year",
            f"Năm học {data.school_year} chưa có nguồn xã hội hóa trong kinh phí của phong trào; "
            "lập nguồn đó trước khi ghi đóng góp.",
            "no_socialisation_source",
        )
    _check_links(session, actor, p, data.agreement_id, data.unit_id)
    before = audit.snapshot(p)
    row = PartnerContribution(
        partner_id=p.id or 0,
        source_id=source.id or 0,
        **data.model_dump(exclude={"movement_id", "school_year"}),
    )
    session.add(row)
    session.flush()
    audit.record(session, actor, "create", row, None)
    return audit.save_changes(session, actor, p, {}, "add_contribution", before)

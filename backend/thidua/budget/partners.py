"""Partners (đối tác: doanh nghiệp, Ban đại diện cha mẹ học sinh, chuyên gia) with their agreements
and contributions, cash or in kind; every contribution counts in the year's socialisation source."""

from sqlmodel import Session, col, select

from thidua.audit import service as audit
from thidua.auth.policy import Actor
from thidua.budget import access
from thidua.budget.models import BudgetSource, Partner, PartnerAgreement, PartnerContribution
from thidua.budget.schemas import (
    AgreementCreate,
    AgreementRead,
    ContributionCreate,
    ContributionRead,
    PartnerCreate,
    PartnerPage,
    PartnerRead,
    PartnerUpdate,
)
from thidua.core.errors import Invalid
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
    if data.agreement_id is not None:
        agreement = session.get(PartnerAgreement, data.agreement_id)
        if agreement is None or agreement.partner_id != p.id:
            raise Invalid("body.agreement_id", "Thỏa thuận này không phải của đối tác.", "unknown_agreement")
    if data.unit_id is not None:
        unit = units_access.unit_in_reach(session, actor, data.unit_id)
        if unit is None or unit.kind != "school":
            raise Invalid("body.unit_id", f"Không có cơ sở giáo dục có id {data.unit_id}.", "not_school")
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

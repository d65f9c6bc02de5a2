"""Who sees which budget rows and what they may do: the only place budget queries are scoped.

The commune's budget by source and the partners are for commune-wide callers; a school's manager
sees the allocations made to their school and the spending recorded against them, and records that
spending. Another school's allocation or spending answers 404, exactly like a missing one."""

from sqlalchemy import false
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor, commune_scoped, of_commune
from thidua.auth.roles import Permission
from thidua.budget.models import BudgetAllocation, BudgetSource, BudgetSpending, Partner
from thidua.core.lookup import first_or_404


def readable_sources(actor: Actor) -> SelectOfScalar[BudgetSource]:
    query = commune_scoped(select(BudgetSource), BudgetSource.commune_id, actor)
    return query if actor.commune_wide else query.where(false())


def all_sources(actor: Actor) -> SelectOfScalar[BudgetSource]:
    """Every source of the caller's commune, whoever asks: a school's manager sees its allocations
    against them (the summary), not the sources themselves."""
    return commune_scoped(select(BudgetSource), BudgetSource.commune_id, actor)


def readable_allocations(actor: Actor) -> SelectOfScalar[BudgetAllocation]:
    query = select(BudgetAllocation)
    if actor.visible_unit_ids is None:
        return query
    if actor.commune_wide:  # behind a wall: the allocations of the commune's own sources
        sources = readable_sources(actor).with_only_columns(col(BudgetSource.id))
        return query.where(col(BudgetAllocation.source_id).in_(sources))
    return query.where(col(BudgetAllocation.unit_id).in_(actor.visible_unit_ids))


def readable_spending(actor: Actor) -> SelectOfScalar[BudgetSpending]:
    query = select(BudgetSpending)
    if actor.visible_unit_ids is None:
        return query
    mine = readable_allocations(actor).with_only_columns(col(BudgetAllocation.id))
    return query.where(col(BudgetSpending.allocation_id).in_(mine))


def readable_partners(actor: Actor) -> SelectOfScalar[Partner]:
    query = commune_scoped(select(Partner), Partner.commune_id, actor)
    return query if actor.commune_wide else query.where(false())


def sees_commune_budget(actor: Actor) -> bool:
    return actor.commune_wide


def get_source(session: Session, actor: Actor, source_id: int) -> BudgetSource:
    query = readable_sources(actor).where(BudgetSource.id == source_id)
    return first_or_404(session, query, f"Không tìm thấy nguồn kinh phí có id {source_id}.")


def get_allocation(session: Session, actor: Actor, allocation_id: int) -> BudgetAllocation:
    query = readable_allocations(actor).where(BudgetAllocation.id == allocation_id)
    return first_or_404(session, query, f"Không tìm thấy khoản phân bổ có id {allocation_id}.")


def get_spending(session: Session, actor: Actor, spending_id: int) -> BudgetSpending:
    query = readable_spending(actor).where(BudgetSpending.id == spending_id)
    return first_or_404(session, query, f"Không tìm thấy khoản chi có id {spending_id}.")


def get_partner(session: Session, actor: Actor, partner_id: int) -> Partner:
    query = readable_partners(actor).where(Partner.id == partner_id)
    return first_or_404(session, query, f"Không tìm thấy đối tác có id {partner_id}.")


def source_actions(actor: Actor) -> list[str]:
    return ["update", "allocate"] if actor.can(Permission.budget_manage) else []


def allocation_actions(actor: Actor, allocation: BudgetAllocation) -> list[str]:
    actions = ["update", "delete"] if actor.can(Permission.budget_manage) else []
    if actor.can(Permission.budget_spend) and actor.sees_unit(allocation.unit_id):
        actions.append("spend")
    return actions


def spending_actions(actor: Actor, allocation: BudgetAllocation) -> list[str]:
    if actor.can(Permission.budget_spend) and actor.sees_unit(allocation.unit_id):
        return ["add_document"]
    return []


def partner_actions(actor: Actor) -> list[str]:
    if actor.can(Permission.partners_write):
        return ["update", "delete", "add_agreement", "add_contribution"]
    return []


def source_named(session: Session, actor: Actor, source_id: int) -> BudgetSource | None:
    """The budget source a body names, or None when missing or another commune's."""
    return of_commune(actor, session.get(BudgetSource, source_id))

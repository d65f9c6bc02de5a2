"""Research support (seed V.4.2): a school records the time, money and expertise it gives to one of
its initiatives or research works; totals per school feed the school's page and the consolidated
report's figures (reports/figures.py reads `school_totals`)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, func, type_coerce
from sqlalchemy import select as sql_select
from sqlmodel import Session, col, select

from thidua.audit import service as audit
from thidua.auth.policy import Actor
from thidua.core.errors import FieldError, ValidationFailed
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.initiatives import access as initiatives_access
from thidua.initiatives.models import Initiative
from thidua.research import access
from thidua.research.models import ResearchSupport
from thidua.research.schemas import (
    SupportCreate,
    SupportPage,
    SupportRead,
    SupportTotals,
    SupportTotalsList,
    SupportUpdate,
)
from thidua.units import access as units_access
from thidua.units.models import Unit


def _school_of(session: Session, unit_id: int) -> int:
    """A subject group's initiative is supported by its school."""
    unit = session.get(Unit, unit_id)
    if unit is not None and unit.kind == "subject_group" and unit.parent_id is not None:
        return unit.parent_id
    return unit_id


def read_many(session: Session, actor: Actor, rows: list[ResearchSupport]) -> list[SupportRead]:
    initiatives = (
        {
            i.id: i
            for i in session.exec(
                select(Initiative).where(col(Initiative.id).in_({r.initiative_id for r in rows}))
            ).all()
        }
        if rows
        else {}
    )
    units = (
        {u.id: u for u in session.exec(select(Unit).where(col(Unit.id).in_({r.unit_id for r in rows}))).all()}
        if rows
        else {}
    )
    out = []
    for r in rows:
        ini, unit = initiatives.get(r.initiative_id), units.get(r.unit_id)
        out.append(
            from_row(
                SupportRead,
                r,
                unit_name=unit.name if unit else "",
                initiative_title=ini.title if ini else "",
                initiative_kind=ini.kind if ini else "",
                school_year=ini.school_year if ini else "",
                allowed_actions=access.allowed_actions(actor, r),
            )
        )
    return out


def read_support(session: Session, actor: Actor, support: ResearchSupport) -> SupportRead:
    return read_many(session, actor, [support])[0]


def get_support(session: Session, actor: Actor, support_id: int) -> ResearchSupport:
    return access.get_readable(session, actor, support_id)


@dataclass(frozen=True)
class SupportFilters:
    unit_id: int | None = None
    initiative_id: int | None = None
    school_year: str | None = None


def _filtered(actor: Actor, f: SupportFilters) -> Any:
    query = access.readable(actor)
    if f.unit_id is not None:
        query = query.where(ResearchSupport.unit_id == f.unit_id)
    if f.initiative_id is not None:
        query = query.where(ResearchSupport.initiative_id == f.initiative_id)
    if f.school_year is not None:
        of_year = select(Initiative.id).where(Initiative.school_year == f.school_year)
        query = query.where(col(ResearchSupport.initiative_id).in_(of_year))
    return query


def list_supports(session: Session, actor: Actor, f: SupportFilters, page: PageParams) -> SupportPage:
    rows, total = paginate(
        session,
        _filtered(actor, f),
        page,
        col(ResearchSupport.starts_on).desc(),
        col(ResearchSupport.id).desc(),
    )
    return page_of(SupportPage, read_many(session, actor, rows), total, page)


def _check_dates(starts_on: date, ends_on: date | None) -> None:
    if ends_on is not None and ends_on < starts_on:
        raise ValidationFailed(
            "Ngày kết thúc hỗ trợ trước ngày bắt đầu.",
            [
                FieldError(
                    path="body.ends_on",
                    message="Ngày kết thúc phải từ ngày bắt đầu trở đi.",
                    type="before_start",
                )
            ],
        )


def _check_something(hours: Decimal, money: int, expertise: str) -> None:
    if hours == 0 and money == 0 and not expertise.strip():
        raise ValidationFailed(
            "Chưa ghi nội dung hỗ trợ.",
            [
                FieldError(
                    path="body.hours",
                    message="Ghi ít nhất một hình thức hỗ trợ: thời gian, kinh phí hoặc chuyên môn.",
                    type="empty_support",
                )
            ],
        )


def create_support(
    session: Session, actor: Actor, initiative_id: int, data: SupportCreate
) -> ResearchSupport:
    initiative = initiatives_access.get_readable(session, actor, initiative_id)  # another school's: 404
    unit_id = _school_of(session, initiative.unit_id)
    access.require_writer(actor, initiative.unit_id)
    _check_dates(data.starts_on, data.ends_on)
    _check_something(data.hours, data.money, data.expertise)
    support = ResearchSupport(unit_id=unit_id, initiative_id=initiative_id, **data.model_dump())
    return audit.add_new(session, actor, support)


def update_support(
    session: Session, actor: Actor, support: ResearchSupport, data: SupportUpdate
) -> ResearchSupport:
    access.require_writer(actor, support.unit_id)
    changes = data.model_dump(exclude_unset=True)
    changes = {k: v for k, v in changes.items() if v is not None or k == "ends_on"}
    _check_dates(changes.get("starts_on", support.starts_on), changes.get("ends_on", support.ends_on))
    _check_something(
        changes.get("hours", support.hours),
        changes.get("money", support.money),
        changes.get("expertise", support.expertise),
    )
    return audit.save_changes(session, actor, support, changes, "update")


def delete_support(session: Session, actor: Actor, support: ResearchSupport) -> None:
    access.require_writer(actor, support.unit_id)
    audit.record_removal(session, actor, "delete", support)
    session.delete(support)
    session.commit()


# ---------------------------------------------------------------- totals


def school_totals(
    session: Session,
    unit_ids: Iterable[int] | None,
    school_years: list[str] | None,
    actor: Actor | None = None,
) -> list[SupportTotals]:
    """Per school: number of supports and of initiatives supported, hours, đồng, supports giving
    expertise. `unit_ids` None: every school; `school_years` None: every year; `actor`: only the
    schools in the caller's reach (None: the report's own reading, already scoped by its request)."""
    query = sql_select(
        col(ResearchSupport.unit_id),
        func.count(col(ResearchSupport.id)),
        func.count(func.distinct(ResearchSupport.initiative_id)),
        # Decimal2 stores hundredths as integers: sum those, not the decoded decimals.
        func.coalesce(func.sum(type_coerce(ResearchSupport.hours, BigInteger)), 0),
        func.coalesce(func.sum(ResearchSupport.money), 0),
        func.count(func.nullif(ResearchSupport.expertise, "")),
    ).group_by(col(ResearchSupport.unit_id))
    if unit_ids is not None:
        query = query.where(col(ResearchSupport.unit_id).in_(list(unit_ids)))
    if actor is not None:
        query = units_access.restrict_to_reach(query, actor, ResearchSupport.unit_id)  # type: ignore[type-var]
    if school_years is not None:
        of_years = select(Initiative.id).where(col(Initiative.school_year).in_(school_years))
        query = query.where(col(ResearchSupport.initiative_id).in_(of_years))
    rows = session.execute(query).all()
    units = {u.id: u for u in session.exec(select(Unit).where(col(Unit.id).in_([r[0] for r in rows]))).all()}
    out = [
        SupportTotals(
            unit_id=unit_id,
            unit_code=units[unit_id].code,
            unit_name=units[unit_id].name,
            supports=int(count),
            initiatives=int(initiatives),
            hours=Decimal(int(hours)).scaleb(-2),
            money=int(money),
            with_expertise=int(expertise),
        )
        for unit_id, count, initiatives, hours, money, expertise in rows
    ]
    return sorted(out, key=lambda t: t.unit_code)


def totals(session: Session, actor: Actor, unit_id: int | None, school_year: str | None) -> SupportTotalsList:
    items = school_totals(
        session, [unit_id] if unit_id else None, [school_year] if school_year else None, actor
    )
    return SupportTotalsList(
        items=items, hours=sum((t.hours for t in items), Decimal(0)), money=sum(t.money for t in items)
    )

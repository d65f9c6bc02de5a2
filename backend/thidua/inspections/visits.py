"""Visits of the yearly inspection plan carried out by an inspection (issue 17): a periodic inspection
names the planned visits it makes (each a school on the issued plan of its school year, made by one
inspection at most); the plan then shows, per visit, the inspection, its findings at that school and the
minutes. Ad hoc inspections are outside the plan."""

from collections.abc import Sequence

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from thidua.auth.policy import Actor
from thidua.core.errors import FieldError, ValidationFailed
from thidua.inspections import access
from thidua.inspections.models import (
    Inspection,
    InspectionFinding,
    InspectionPlan,
    InspectionPlanItem,
    InspectionVisit,
)
from thidua.inspections.schemas import VisitDoneOut, VisitOut
from thidua.units.models import Unit

PATH = "body.plan_item_ids"


def check(
    session: Session,
    actor: Actor,
    kind: str,
    school_year: str,
    item_ids: Sequence[int],
    inspection_id: int | None,
) -> list[InspectionPlanItem]:
    """The planned visits the ids name, or 422 naming each id that cannot be made by this inspection."""
    if not item_ids:
        return []
    if kind != "periodic":
        raise ValidationFailed(
            "Đợt kiểm tra đột xuất không thực hiện lượt kiểm tra nào trong kế hoạch.",
            [
                FieldError(
                    path=PATH, type="ad_hoc", message="Đợt kiểm tra đột xuất nằm ngoài kế hoạch năm học."
                )
            ],
        )
    problems: list[FieldError] = []
    if len(set(item_ids)) != len(item_ids):
        problems.append(FieldError(path=PATH, type="duplicate", message="Lượt kiểm tra bị trùng."))
    found: list[InspectionPlanItem] = []
    for n, item_id in enumerate(item_ids):
        item = session.get(InspectionPlanItem, item_id)
        plan = access.plan_of_caller(actor, session.get(InspectionPlan, item.plan_id)) if item else None
        made_by = session.get(InspectionVisit, item_id)
        path = f"{PATH}.{n}"
        if item is None or plan is None:
            problems.append(
                FieldError(path=path, type="not_found", message=f"Không có lượt kiểm tra có id {item_id}.")
            )
        elif plan.status != "issued":
            problems.append(
                FieldError(
                    path=path,
                    type="plan_not_issued",
                    message="Kế hoạch kiểm tra của lượt này chưa ban hành.",
                )
            )
        elif plan.school_year != school_year:
            problems.append(
                FieldError(
                    path=path,
                    type="other_year",
                    message=f"Lượt kiểm tra thuộc kế hoạch năm học {plan.school_year}, "
                    f"không phải năm học {school_year} của đợt kiểm tra.",
                )
            )
        elif made_by is not None and made_by.inspection_id != inspection_id:
            problems.append(
                FieldError(
                    path=path,
                    type="taken",
                    message=f"Lượt kiểm tra này đã do đợt kiểm tra số {made_by.inspection_id} thực hiện.",
                )
            )
        else:
            found.append(item)
    if problems:
        raise ValidationFailed("Các lượt kiểm tra theo kế hoạch chưa hợp lệ.", problems)
    return found


def replace(session: Session, inspection_id: int, items: Sequence[InspectionPlanItem]) -> None:
    for row in session.exec(select(InspectionVisit).where(InspectionVisit.inspection_id == inspection_id)):
        session.delete(row)
    session.flush()
    for item in items:
        assert item.id is not None
        session.add(InspectionVisit(plan_item_id=item.id, inspection_id=inspection_id))


def drop_outside(session: Session, inspection_id: int, unit_ids: Sequence[int]) -> None:
    """The inspection no longer visits a school: its planned visit there is no longer made by it."""
    rows = session.exec(
        select(InspectionVisit)
        .join(InspectionPlanItem, col(InspectionPlanItem.id) == InspectionVisit.plan_item_id)
        .where(
            InspectionVisit.inspection_id == inspection_id, col(InspectionPlanItem.unit_id).not_in(unit_ids)
        )
    ).all()
    for row in rows:
        session.delete(row)


def current_ids(session: Session, inspection_id: int) -> list[int]:
    return list(
        session.exec(
            select(InspectionVisit.plan_item_id)
            .where(InspectionVisit.inspection_id == inspection_id)
            .order_by(col(InspectionVisit.plan_item_id))
        ).all()
    )


def of_inspection(session: Session, actor: Actor, inspection: Inspection) -> list[VisitOut]:
    rows = session.exec(
        select(InspectionPlanItem, Unit.name)
        .join(InspectionVisit, col(InspectionVisit.plan_item_id) == InspectionPlanItem.id)
        .join(Unit, col(Unit.id) == InspectionPlanItem.unit_id)
        .where(InspectionVisit.inspection_id == inspection.id)
        .order_by(col(InspectionPlanItem.scheduled_on), col(InspectionPlanItem.id))
    ).all()
    return [
        VisitOut(
            plan_item_id=item.id or 0,
            plan_id=item.plan_id,
            unit_id=item.unit_id,
            unit_name=name,
            scheduled_on=item.scheduled_on,
        )
        for item, name in rows
        if access.plan_item_visible(actor, item.unit_id)
    ]


def done_by(session: Session, actor: Actor, plan: InspectionPlan) -> dict[int, VisitDoneOut]:
    """Per planned visit of the plan, the inspection that made it (when the caller may read it), with its
    findings at the visit's school."""
    readable = access.readable(actor).with_only_columns(col(Inspection.id))
    rows = session.exec(
        select(InspectionPlanItem.id, InspectionPlanItem.unit_id, Inspection)
        .join(InspectionVisit, col(InspectionVisit.plan_item_id) == InspectionPlanItem.id)
        .join(Inspection, col(Inspection.id) == InspectionVisit.inspection_id)
        .where(InspectionPlanItem.plan_id == plan.id, col(Inspection.id).in_(readable))
    ).all()
    if not rows:
        return {}
    counts = {
        (inspection_id, unit_id): (int(total), int(open_ or 0))
        for inspection_id, unit_id, total, open_ in session.exec(
            select(
                InspectionFinding.inspection_id,
                InspectionFinding.unit_id,
                func.count(),
                func.sum(case((col(InspectionFinding.status) == "open", 1), else_=0)),
            )
            .where(col(InspectionFinding.inspection_id).in_({i.id for _, _, i in rows}))
            .group_by(col(InspectionFinding.inspection_id), col(InspectionFinding.unit_id))
        ).all()
    }
    out: dict[int, VisitDoneOut] = {}
    for item_id, unit_id, inspection in rows:
        assert item_id is not None and inspection.id is not None
        total, open_ = counts.get((inspection.id, unit_id), (0, 0))
        out[item_id] = VisitDoneOut(
            inspection_id=inspection.id,
            title=inspection.title,
            status="closed" if inspection.status == "closed" else "open",
            inspection_date=inspection.inspection_date,
            findings=total,
            open_findings=open_,
            minutes_url=f"/api/v1/inspections/{inspection.id}/minutes.docx?unit_id={unit_id}",
        )
    return out

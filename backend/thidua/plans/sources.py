"""Computed indicators fed by plans (registered by thidua/registrations.py), many subjects at a time."""

from datetime import date
from decimal import Decimal

from sqlmodel import Session, select

from thidua.core.models import CENT, today
from thidua.core.sql import one_of
from thidua.plans.models import Plan
from thidua.plans.service import deadline
from thidua.scoring.sources import Source
from thidua.scoring.subject import Subject

Values = dict[Subject, Decimal | None]


def _plans(session: Session, subjects: list[Subject]) -> dict[int, Plan]:
    units = {s.unit_id for s in subjects}
    return {
        p.unit_id: p
        for p in session.exec(select(Plan).where(Plan.kind == "unit", one_of(Plan.unit_id, units)))
    }


def plan_on_time(session: Session, subjects: list[Subject], year: str) -> Values:
    """1 when the unit submitted its plan within 30 days of receiving the commune's plan."""
    plans, on = _plans(session, subjects), today()
    return {s: Decimal(1 if deadline(plans.get(s.unit_id), on)[0] == "on_time" else 0) for s in subjects}


def _tasks_share(plan: Plan | None, year: str) -> Decimal | None:
    if plan is None:
        return None
    start_year = int(year[:4])
    first, last = date(start_year, 9, 1), min(date(start_year + 1, 8, 31), today())
    due = [t for t in plan.content.get("tasks", []) if first <= date.fromisoformat(t["due_date"]) <= last]
    if not due:
        return None
    done = [
        t
        for t in due
        if t.get("status") == "done"
        and t.get("done_date")
        and date.fromisoformat(t["done_date"]) <= date.fromisoformat(t["due_date"])
    ]
    return (Decimal(len(done)) * 100 / len(due)).quantize(CENT)


def plan_tasks_on_time_share(session: Session, subjects: list[Subject], year: str) -> Values:
    """Share (%) of the plan's tasks due in the school year (and by today) done by their due date."""
    plans = _plans(session, subjects)
    return {s: _tasks_share(plans.get(s.unit_id), year) for s in subjects}


SOURCES = (
    Source("plan_on_time", "Ban hành kế hoạch trong 30 ngày", "unit", "boolean", plan_on_time),
    Source(
        "plan_tasks_on_time_share",
        "Tỷ lệ nhiệm vụ hoàn thành đúng hạn (%)",
        "unit",
        "percent",
        plan_tasks_on_time_share,
    ),
)

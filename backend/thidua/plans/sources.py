"""Computed indicators fed by plans (registered in scoring/sources.py)."""

from datetime import date
from decimal import Decimal

from sqlmodel import Session, select

from thidua.core.models import CENT
from thidua.plans.models import Plan
from thidua.plans.service import deadline, today
from thidua.scoring.subject import Subject


def _plan(session: Session, unit_id: int) -> Plan | None:
    return session.exec(select(Plan).where(Plan.unit_id == unit_id, Plan.kind == "unit")).first()


def plan_on_time(session: Session, subject: Subject, year: str) -> Decimal:
    """1 when the unit submitted its plan within 30 days of receiving the commune's plan."""
    status, _days = deadline(_plan(session, subject.unit_id), today())
    return Decimal(1 if status == "on_time" else 0)


def plan_tasks_on_time_share(session: Session, subject: Subject, year: str) -> Decimal | None:
    """Share (%) of the plan's tasks due in the school year (and by today) done by their due date."""
    plan = _plan(session, subject.unit_id)
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

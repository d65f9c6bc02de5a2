"""What is due and overdue for a user: plans, reports, self-assessments; and e-mail reminders."""

import smtplib
from datetime import date
from email.message import EmailMessage

from sqlmodel import Session, and_, col, or_, select

from thidua.assessments.access import own_staff_ids
from thidua.assessments.models import SelfAssessment
from thidua.auth.models import User
from thidua.auth.policy import Actor, load_actor
from thidua.auth.roles import Permission, Role
from thidua.config import Settings
from thidua.core.models import today
from thidua.plans.models import Plan
from thidua.plans.service import DUE_SOON_DAYS, ack_due, deadline, unacknowledged
from thidua.reminders.schemas import Reminder
from thidua.reports.models import Report, ReportRequest, ReportRequestUnit
from thidua.units.models import StaffMember, Unit


def _days(due: date | None, on: date) -> int | None:
    return (due - on).days if due else None


def reminders_for(session: Session, actor: Actor, on: date | None = None) -> list[Reminder]:
    on = on or today()
    items: list[Reminder] = []
    if Role.unit_manager in actor.roles and actor.user.unit_id:
        unit_id = actor.user.unit_id
        for plan in session.exec(select(Plan).where(Plan.unit_id == unit_id, Plan.kind == "unit")):
            status, days_left = deadline(plan, on)
            if plan.status in ("draft", "returned") and status in ("due_soon", "overdue", "pending"):
                what = (
                    "Kế hoạch bị trả lại, cần sửa và nộp lại" if plan.status == "returned" else "Nộp kế hoạch"
                )
                items.append(
                    Reminder(
                        kind="plan",
                        title=f"{what}: {plan.title}",
                        due_date=plan.due_date,
                        days_left=days_left,
                        overdue=status == "overdue",
                        link=f"/plans/{plan.id}",
                    )
                )
        for dispatch, commune_plan, _ in unacknowledged(session, unit_id):
            due = ack_due(dispatch)
            items.append(
                Reminder(
                    kind="plan",
                    title=f"Xác nhận đã nhận kế hoạch của xã: {commune_plan.number} {commune_plan.title}",
                    due_date=due,
                    days_left=(due - on).days,
                    overdue=due < on,
                    link=f"/plans/{commune_plan.id}",
                )
            )
        asked = session.exec(
            select(ReportRequest)
            .join(ReportRequestUnit, col(ReportRequestUnit.request_id) == ReportRequest.id)
            .where(ReportRequestUnit.unit_id == unit_id)
        ).all()
        for request in asked:
            report = session.exec(
                select(Report).where(Report.request_id == request.id, Report.unit_id == unit_id)
            ).first()
            days_left = _days(request.due_date, on) or 0
            if (report is None or report.status != "submitted") and days_left <= DUE_SOON_DAYS:
                items.append(
                    Reminder(
                        kind="report",
                        title=f"Nộp báo cáo: {request.title}",
                        due_date=request.due_date,
                        days_left=days_left,
                        overdue=days_left < 0,
                        link=f"/reports/{report.id}" if report else f"/report-requests/{request.id}",
                    )
                )
    own_staff = own_staff_ids(session, actor)
    mine = select(SelfAssessment).where(SelfAssessment.status == "returned")
    if Role.unit_manager in actor.roles and actor.user.unit_id:
        the_unit = and_(
            col(SelfAssessment.unit_id) == actor.user.unit_id, col(SelfAssessment.staff_id).is_(None)
        )
        mine = mine.where(or_(the_unit, col(SelfAssessment.staff_id).in_(own_staff)))
    else:
        mine = mine.where(col(SelfAssessment.staff_id).in_(own_staff))
    for a in session.exec(mine):
        items.append(
            Reminder(
                kind="self_assessment",
                title=f"Bản tự đánh giá năm học {a.school_year} bị trả lại: {a.return_reason or ''}".strip(),
                due_date=None,
                days_left=None,
                overdue=False,
                link=f"/assessments/{a.id}",
            )
        )
    if actor.can(Permission.plans_review):
        for plan in session.exec(select(Plan).where(Plan.kind == "unit", Plan.status == "submitted")):
            unit = session.get(Unit, plan.unit_id)
            items.append(
                Reminder(
                    kind="plan_review",
                    title=f"Xem xét kế hoạch của {unit.name if unit else ''}",
                    due_date=None,
                    days_left=None,
                    overdue=False,
                    link=f"/plans/{plan.id}",
                )
            )
        for dispatch, commune_plan, unit_name in unacknowledged(session, None):
            due = ack_due(dispatch)
            if due < on:  # only schools late to acknowledge (5 days) are the commune's business
                items.append(
                    Reminder(
                        kind="plan_review",
                        title=f"{unit_name} chưa xác nhận đã nhận kế hoạch {commune_plan.number}",
                        due_date=due,
                        days_left=(due - on).days,
                        overdue=True,
                        link="/plans/tracking",
                    )
                )
        waiting = session.exec(select(SelfAssessment).where(SelfAssessment.status == "submitted")).all()
        for a in waiting:
            unit = session.get(Unit, a.unit_id)
            items.append(
                Reminder(
                    kind="assessment_review",
                    title=f"Xem xét bản tự đánh giá {a.school_year} — {unit.name if unit else ''}",
                    due_date=None,
                    days_left=None,
                    overdue=False,
                    link=f"/assessments/{a.id}",
                )
            )
    return sorted(
        items, key=lambda r: (not r.overdue, r.days_left if r.days_left is not None else 10**6, r.title)
    )


def send_email_reminders(session: Session, settings: Settings, on: date | None = None) -> int:
    """One e-mail per user who has something due and an e-mail address on their staff record.
    Returns how many were sent; nothing is sent without SMTP settings."""
    if not settings.smtp_host:
        return 0
    sent = 0
    rows = session.exec(
        select(User, StaffMember.email)
        .join(StaffMember, col(StaffMember.user_id) == User.id)
        .where(col(User.is_active).is_(True), col(StaffMember.email).is_not(None))
    ).all()
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user and settings.smtp_password:
            smtp.login(settings.smtp_user, settings.smtp_password.get_secret_value())
        for user, email in rows:
            items = reminders_for(session, load_actor(session, user), on)
            if not items or not email:
                continue
            message = EmailMessage()
            message["From"], message["To"] = settings.smtp_from, email
            message["Subject"] = f"[Thi Đua Số] {len(items)} việc cần làm"
            lines = [f"Kính gửi {user.full_name},", "", "Các việc cần làm trên Thi Đua Số:"]
            for item in items:
                when = (
                    f" (hạn {item.due_date:%d/%m/%Y}{', đã quá hạn' if item.overdue else ''})"
                    if item.due_date
                    else ""
                )
                lines.append(f"- {item.title}{when}: {settings.public_url}{item.link}")
            message.set_content("\n".join(lines))
            smtp.send_message(message)
            sent += 1
    return sent

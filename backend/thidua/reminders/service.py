"""What is due and overdue for a user: plans, reports, self-assessments; and e-mail reminders."""

import logging
import smtplib
from datetime import date
from email.message import EmailMessage

from sqlmodel import Session, and_, col, or_, select

from thidua.assessments.access import own_staff_ids
from thidua.assessments.models import SelfAssessment
from thidua.auth.models import User
from thidua.auth.policy import Actor, load_actor
from thidua.auth.roles import Permission, Role
from thidua.awards.decisions import access as decisions_access
from thidua.awards.models import AwardDecision, AwardLevel, AwardRound, Nomination
from thidua.awards.nominations import access as nominations_access
from thidua.config import Settings
from thidua.core.models import today
from thidua.core.tasks import Env, task
from thidua.inspections import access as inspections_access
from thidua.inspections.models import Inspection, InspectionMember
from thidua.plans.models import Plan
from thidua.plans.service import ack_due, deadline, unacknowledged
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
            # A returned plan waits on the school whatever its deadline said (it may have been late).
            waiting = plan.status == "returned" or (
                plan.status == "draft" and status in ("due_soon", "overdue", "pending")
            )
            if waiting:
                what = (
                    "Kế hoạch bị trả lại, cần sửa và nộp lại" if plan.status == "returned" else "Nộp kế hoạch"
                )
                items.append(
                    Reminder(
                        kind="plan",
                        title=f"{what}: {plan.title}",
                        due_date=plan.due_date,
                        days_left=days_left,
                        overdue=days_left is not None and days_left < 0,
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
            # Listed from the request on, not only in the last days: the request is the window.
            if report is None or report.status != "submitted":
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
        submitted = session.exec(select(SelfAssessment).where(SelfAssessment.status == "submitted")).all()
        for a in submitted:
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
    items += _inspections_to_record(session, actor, on)
    items += _nominations_to_decide(session, actor, on)
    items += _decisions_to_sign(session, actor, on)
    return sorted(
        items, key=lambda r: (not r.overdue, r.days_left if r.days_left is not None else 10**6, r.title)
    )


def _inspections_to_record(session: Session, actor: Actor, on: date) -> list[Reminder]:
    """Open inspections the caller is a member of, while the school's values are to be recorded."""
    if not actor.can(Permission.inspections_record):
        return []
    member_of = select(InspectionMember.inspection_id).where(InspectionMember.user_id == actor.id)
    query = inspections_access.readable(actor).where(
        Inspection.status == "open", col(Inspection.id).in_(member_of)
    )
    return [
        Reminder(
            kind="inspection",
            title=f"Ghi kết quả kiểm tra: {i.title}",
            due_date=i.inspection_date,
            days_left=None,  # the visit's date, not a deadline: results are recorded on it or after
            overdue=False,
            link=f"/inspections/{i.id}",
        )
        for i in session.exec(query.order_by(col(Inspection.inspection_date)))
    ]


def _nominations_to_decide(session: Session, actor: Actor, on: date) -> list[Reminder]:
    """Nominations waiting on the caller: the officer's review, the leader's or the head's approval;
    due by the round's closing date."""
    waiting = nominations_access.awaiting(actor)
    if not waiting:
        return []
    rows = session.exec(
        nominations_access.readable(actor).where(or_(*waiting)).order_by(col(Nomination.id))
    ).all()
    items = []
    for n in rows:
        round_ = session.get(AwardRound, n.round_id)
        unit = session.get(Unit, n.unit_id)
        staff = session.get(StaffMember, n.staff_id) if n.staff_id else None
        who = staff.full_name if staff else (unit.name if unit else "")
        review = n.status == "submitted" and n.level != AwardLevel.unit.value
        verb = "Xem xét" if review else "Phê duyệt"
        due = round_.closes_on if round_ else None
        items.append(
            Reminder(
                kind="nomination_review" if review else "nomination_approval",
                title=f"{verb} đề nghị {n.award_type_code}: {who}",
                due_date=due,
                days_left=_days(due, on),
                overdue=due is not None and due < on,
                link=f"/awards/nominations/{n.id}",
            )
        )
    return items


def _decisions_to_sign(session: Session, actor: Actor, on: date) -> list[Reminder]:
    """Draft decisions the caller signs (issues): the leader's for the commune, a head's for a school."""
    drafts = session.exec(decisions_access.readable(actor).where(AwardDecision.status == "draft")).all()
    return [
        Reminder(
            kind="decision_sign",
            title=f"Ký, ban hành quyết định số {d.number}",
            due_date=d.signed_on,
            days_left=None,  # the date the draft names for signing, not a deadline
            overdue=False,
            link=f"/awards/decisions/{d.id}",
        )
        for d in drafts
        if decisions_access.may_issue(actor, d)
    ]


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


@task("reminders.send", cron=lambda settings: settings.reminders_cron or None)
def send(env: Env) -> None:
    """The daily e-mails, a periodic task of the queue (REMINDERS_CRON): once per schedule for the
    whole deployment on PostgreSQL; `python -m thidua.cli send-reminders` sends them at once."""
    with Session(env.engine) as session:
        sent = send_email_reminders(session, env.settings)
    if sent:
        logging.getLogger("thidua.reminders").info("%d reminder e-mail(s) sent", sent)
